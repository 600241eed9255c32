// Account administration: creating, listing, disabling, passwords and API
// tokens, on a real installation (AVG-32 security of processing,
// AVG-5-accountability for the audit trail).
#include "accounts/accounts.h"

#include <gtest/gtest.h>

#include "accounts/test_fixture.h"
#include "policy/access.h"

namespace fairqm::accounts {
namespace {

using domain::Role;
using service::Actor;
using service::testing::Installation;
using testing::AccountsTest;
using testing::kPassword;

TEST_F(AccountsTest, CreatesListsAndDisablesAccounts) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account agent, Create(AgentAccount("Jan.Jansen")));
  EXPECT_EQ(agent.username, "Jan.Jansen");
  EXPECT_EQ(agent.role, Role::kAgent);
  EXPECT_EQ(agent.employee_id, inst().teams().front().agent_ids[0]);
  EXPECT_EQ(agent.lang, "nl");
  EXPECT_TRUE(agent.has_password);
  EXPECT_FALSE(agent.disabled);
  EXPECT_EQ(agent.created_at, clock().Now());
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account admin, Create(PlainAccount("beheer", Role::kAdmin)));

  FAIRQM_ASSERT_OK_AND_ASSIGN(auto listed, ListAccounts(app(), Admin()));
  ASSERT_TRUE(listed.allowed());
  ASSERT_EQ(listed.value->size(), 2u);
  EXPECT_EQ((*listed.value)[0].username, "beheer");  // by user name
  EXPECT_EQ((*listed.value)[1].id, agent.id);

  FAIRQM_ASSERT_OK_AND_ASSIGN(auto disabled, DisableAccount(app(), Admin(), agent.id));
  ASSERT_TRUE(disabled.allowed());
  EXPECT_TRUE(disabled.value->disabled);
  FAIRQM_ASSERT_OK_AND_ASSIGN(listed, ListAccounts(app(), Admin()));
  EXPECT_TRUE((*listed.value)[1].disabled);
  EXPECT_FALSE((*listed.value)[0].disabled);

  FAIRQM_ASSERT_OK_AND_ASSIGN(auto enabled, EnableAccount(app(), Admin(), agent.id));
  ASSERT_TRUE(enabled.allowed());
  EXPECT_FALSE(enabled.value->disabled);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto login, LogIn("jan.jansen", kPassword));
  EXPECT_EQ(login.status, LoginStatus::kOk);
}

// AVG-5-accountability: creating an account is on record, without secrets.
TEST_F(AccountsTest, AuditsAccountCreationWithoutThePassword_AVG5Accountability) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account agent, Create(AgentAccount("jan")));
  auto entries = AuditFor("account.create");
  ASSERT_EQ(entries.size(), 1u);
  const audit::Entry& entry = entries[0].entry;
  EXPECT_EQ(entry.actor_id, Admin().id);
  EXPECT_EQ(entry.actor_role, "admin");
  EXPECT_EQ(entry.decision, audit::Decision::kAllowed);
  EXPECT_EQ(entry.subject_id, agent.id);
  // The employee sees that an account was made for them.
  EXPECT_EQ(entry.subject_agent_id, agent.employee_id);
  EXPECT_NE(entry.detail.find("\"username\":\"jan\""), std::string::npos) << entry.detail;
  EXPECT_EQ(entry.detail.find(kPassword), std::string::npos);
  EXPECT_EQ(entry.detail.find("argon2"), std::string::npos);
  EXPECT_EQ(TableText("accounts").find(kPassword), std::string::npos);
  EXPECT_NE(TableText("accounts").find("$argon2id$"), std::string::npos);
}

// AVG-32: only an administrator manages accounts; the rule is the role gate's.
TEST_F(AccountsTest, RefusesAccountManagementByEveryOtherRole_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account agent, Create(AgentAccount("jan")));
  const Actor others[] = {Installation::Manager(),
                          Installation::WorksCouncil(),
                          Installation::PrivacyOfficer(),
                          Installation::CaptureSource(),
                          Installation::Client("client-a"),
                          inst().Monitor(),
                          Installation::AgentActor(inst().teams().front().agent_ids[1])};
  for (const Actor& actor : others) {
    SCOPED_TRACE(std::string(domain::Name(actor.role)));
    const policy::Decision expected =
        policy::DecideRoleAccess(actor.role, policy::Action::kManageAccounts);
    ASSERT_FALSE(expected.allowed);
    FAIRQM_ASSERT_OK_AND_ASSIGN(
        auto created, CreateAccount(app(), actor, PlainAccount("x", Role::kAdmin), cost_));
    EXPECT_FALSE(created.allowed());
    EXPECT_EQ(created.decision.rule, expected.rule);
    EXPECT_FALSE(created.value.has_value());
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto listed, ListAccounts(app(), actor));
    EXPECT_FALSE(listed.allowed());
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto disabled, DisableAccount(app(), actor, agent.id));
    EXPECT_FALSE(disabled.allowed());
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto enabled, EnableAccount(app(), actor, agent.id));
    EXPECT_FALSE(enabled.allowed());
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto issued,
                                IssueApiToken(app(), actor, agent.id, {"read"}, "label"));
    EXPECT_FALSE(issued.allowed());
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto tokens, ListApiTokens(app(), actor, agent.id));
    EXPECT_FALSE(tokens.allowed());
    FAIRQM_ASSERT_OK_AND_ASSIGN(
        auto reset, SetPassword(app(), actor, agent.id, "", "een-ander-wachtwoord-1", cost_));
    EXPECT_FALSE(reset.allowed());
    EXPECT_EQ(reset.decision.rule, expected.rule);
  }
  // Each refusal is on record (AVG-5-accountability); nothing was created.
  auto refusals = AuditFor("account.create");
  ASSERT_EQ(refusals.size(), std::size(others) + 1);
  EXPECT_EQ(refusals[0].entry.decision, audit::Decision::kRefused);
  EXPECT_EQ(refusals[0].entry.rule, "AVG-32");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM accounts"), 1);
  EXPECT_EQ(AuditFor("account.list").size(), std::size(others));
}

// AVG-32: an administrator is an account manager only; neither a session
// nor a token gives it access to recordings or evaluations.
TEST_F(AccountsTest, AdministratorAccountGivesNoAccessToMonitoringData_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account admin, Create(PlainAccount("beheer", Role::kAdmin)));
  const Actor actor = ActorFor(admin);
  EXPECT_EQ(actor.role, Role::kAdmin);
  EXPECT_EQ(actor.id, admin.id);
  for (auto action : {policy::Action::kOpenRecording, policy::Action::kReadEvaluation,
                      policy::Action::kLiveListen, policy::Action::kExportRecording}) {
    policy::Decision decision = policy::DecideRoleAccess(actor.role, action);
    EXPECT_FALSE(decision.allowed);
    EXPECT_EQ(decision.rule, "AVG-32");
  }
  EXPECT_EQ(RoleScopes(Role::kAdmin), std::set<std::string>{"read"});
}

TEST_F(AccountsTest, UserNamesAreUniqueRegardlessOfCase) {
  FAIRQM_ASSERT_OK(Create(PlainAccount("Beheer", Role::kAdmin)));
  auto again = CreateAccount(app(), Admin(), PlainAccount("bEHEER", Role::kAdmin), cost_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("taken"), std::string::npos);
}

struct IdentityCase {
  const char* name;
  Role role;
  std::string employee_id;  // "agent" = a fixture agent's id, "hr" = its HR number
  std::string client_id;    // "contracted" = a client with a contract
  bool ok;
  ErrorCode code;
};

// Who an account stands for must fit its role.
TEST_F(AccountsTest, ChecksRoleAgainstEmployeeAndClient) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("client-a", {"Noord"}, domain::Purpose::kQuality));
  const IdentityCase cases[] = {
      {"agent with employee", Role::kAgent, "agent", "", true, ErrorCode::kInternal},
      {"monitor by HR number", Role::kMonitor, "hr", "", true, ErrorCode::kInternal},
      {"agent without employee", Role::kAgent, "", "", false, ErrorCode::kInvalidInput},
      {"manager without employee", Role::kManager, "", "", false, ErrorCode::kInvalidInput},
      {"works council, unknown employee", Role::kWorksCouncil, "emp-0000000000000000", "", false,
       ErrorCode::kNotFound},
      {"privacy officer, unknown HR number", Role::kPrivacyOfficer, "77777", "", false,
       ErrorCode::kNotFound},
      {"agent with client id", Role::kAgent, "agent", "contracted", false,
       ErrorCode::kInvalidInput},
      {"client with contract", Role::kClient, "", "contracted", true, ErrorCode::kInternal},
      {"client without client id", Role::kClient, "", "", false, ErrorCode::kInvalidInput},
      {"client without contract", Role::kClient, "", "client-zonder-contract", false,
       ErrorCode::kNotFound},
      {"client with employee", Role::kClient, "agent", "contracted", false,
       ErrorCode::kInvalidInput},
      {"admin with employee", Role::kAdmin, "agent", "", false, ErrorCode::kInvalidInput},
      {"admin with client", Role::kAdmin, "", "contracted", false, ErrorCode::kInvalidInput},
      {"capture source with client", Role::kCaptureSource, "", "contracted", false,
       ErrorCode::kInvalidInput},
  };
  int made = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    NewAccount n = PlainAccount("user" + std::to_string(made + 100 * (&c - cases)), c.role);
    const auto& team = inst().teams().back();
    if (c.employee_id == "agent") {
      n.employee_id = team.agent_ids.at(static_cast<std::size_t>(made));
    } else if (c.employee_id == "hr") {
      n.employee_id = team.agent_numbers.at(static_cast<std::size_t>(made));
    } else {
      n.employee_id = c.employee_id;
    }
    n.client_id = c.client_id == "contracted" ? "client-a" : c.client_id;
    auto created = CreateAccount(app(), Admin(), n, cost_);
    ASSERT_EQ(created.ok(), c.ok) << (created.ok() ? "" : created.error().ToString());
    if (c.ok) {
      ASSERT_TRUE(created->allowed());
      if (IsEmployeeRole(c.role)) {
        // An HR number is stored as the employee's id.
        EXPECT_EQ(created->value->employee_id, team.agent_ids.at(static_cast<std::size_t>(made)));
      }
      ++made;
    } else {
      EXPECT_EQ(created.error().code, c.code) << created.error().ToString();
    }
  }
  EXPECT_EQ(made, 3);
}

TEST_F(AccountsTest, OneAccountPerEmployee) {
  FAIRQM_ASSERT_OK(Create(AgentAccount("jan")));
  auto second = CreateAccount(app(), Admin(), AgentAccount("jan2"), cost_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_NE(second.error().message.find("already has an account"), std::string::npos);
}

TEST_F(AccountsTest, RefusesMalformedInput) {
  struct Case {
    const char* name;
    NewAccount account;
    const char* message_part;
  };
  NewAccount base = PlainAccount("beheer", Role::kAdmin);
  auto with = [&](auto change) {
    NewAccount n = base;
    change(n);
    return n;
  };
  const Case cases[] = {
      {"empty user name", with([](NewAccount& n) { n.username = ""; }), "user name"},
      {"long user name", with([](NewAccount& n) { n.username = std::string(65, 'a'); }),
       "user name"},
      {"space in user name", with([](NewAccount& n) { n.username = "jan jansen"; }), "user name"},
      {"non-ASCII user name", with([](NewAccount& n) { n.username = "j\xc3\xa1n"; }), "user name"},
      {"empty display name", with([](NewAccount& n) { n.display_name = ""; }), "display name"},
      {"unknown language", with([](NewAccount& n) { n.lang = "de"; }), "language"},
      {"short password", with([](NewAccount& n) { n.password = "kort"; }), "at least 12"},
      {"password with user name",
       with([](NewAccount& n) { n.password = "BEHEER-wachtwoord-2026"; }), "user name"},
      {"admin without password", with([](NewAccount& n) { n.password = ""; }), "at least 12"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto created = CreateAccount(app(), Admin(), c.account, cost_);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(created.error().message.find(c.message_part), std::string::npos)
        << created.error().message;
  }
  NewAccount english = with([](NewAccount& n) { n.lang = "en"; });
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account made, Create(english));
  EXPECT_EQ(made.lang, "en");
}

TEST_F(AccountsTest, CaptureSourceMayBeTokenOnly) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account pbx, Create(PlainAccount("pbx", Role::kCaptureSource, "")));
  EXPECT_FALSE(pbx.has_password);
  // Nothing signs in without a password, not even an empty one.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto login, LogIn("pbx", ""));
  EXPECT_EQ(login.status, LoginStatus::kBadCredentials);
  EXPECT_EQ(ActorFor(pbx).id, pbx.id);
  EXPECT_EQ(ActorFor(pbx).role, Role::kCaptureSource);
}

TEST_F(AccountsTest, ActorForEachKindOfAccount) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("client-a", {"Noord"}, domain::Purpose::kQuality));
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account agent, Create(AgentAccount("jan")));
  NewAccount client_account = PlainAccount("klant", Role::kClient);
  client_account.client_id = "client-a";
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account client, Create(client_account));
  const Actor agent_actor = ActorFor(agent);
  EXPECT_EQ(agent_actor.id, agent.employee_id);
  EXPECT_EQ(agent_actor.role, Role::kAgent);
  EXPECT_EQ(agent_actor.client_id, "");
  const Actor client_actor = ActorFor(client);
  EXPECT_EQ(client_actor.id, client.id);
  EXPECT_EQ(client_actor.client_id, "client-a");
  EXPECT_EQ(client_actor.role, Role::kClient);
}

TEST_F(AccountsTest, AdministratorSetsAnyPasswordAndSessionsEnd_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account agent, Create(AgentAccount("jan")));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto login, LogIn("jan", kPassword));
  ASSERT_EQ(login.status, LoginStatus::kOk);
  clock().Advance(kMinuteMs);
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto reset, SetPassword(app(), Admin(), agent.id, "", "nieuw-wachtwoord-2026", cost_));
  ASSERT_TRUE(reset.allowed());
  EXPECT_EQ(reset.value->password_changed_at, clock().Now());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto resolved, ResolveSession(app(), login.session->token));
  EXPECT_FALSE(resolved.has_value());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto old_login, LogIn("jan", kPassword));
  EXPECT_EQ(old_login.status, LoginStatus::kBadCredentials);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto new_login, LogIn("jan", "nieuw-wachtwoord-2026"));
  EXPECT_EQ(new_login.status, LoginStatus::kOk);
  auto entries = AuditFor("account.password");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_NE(entries[0].entry.detail.find("administrator"), std::string::npos);
  // The policy applies to administrators too.
  auto weak = SetPassword(app(), Admin(), agent.id, "", "kort", cost_);
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().code, ErrorCode::kInvalidInput);
  auto missing = SetPassword(app(), Admin(), "acct-none", "", "nieuw-wachtwoord-2026", cost_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(AccountsTest, HolderChangesOwnPasswordWithTheCurrentOne_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account agent, Create(AgentAccount("jan")));
  const Actor self = ActorFor(agent);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto wrong, SetPassword(app(), self, agent.id, "niet-het-wachtwoord",
                                                      "mijn-nieuwe-zin-1", cost_));
  EXPECT_FALSE(wrong.allowed());
  EXPECT_EQ(wrong.decision.rule, "AVG-32");
  auto entries = AuditFor("account.password");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].entry.decision, audit::Decision::kRefused);
  EXPECT_EQ(entries[0].entry.detail.find("niet-het-wachtwoord"), std::string::npos);

  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto changed, SetPassword(app(), self, agent.id, kPassword, "mijn-nieuwe-zin-1", cost_));
  ASSERT_TRUE(changed.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto login, LogIn("jan", "mijn-nieuwe-zin-1"));
  EXPECT_EQ(login.status, LoginStatus::kOk);
  // Another agent is neither the holder nor an administrator.
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account other, Create(AgentAccount("piet", 1)));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto foreign,
                              SetPassword(app(), ActorFor(other), agent.id, "mijn-nieuwe-zin-1",
                                          "overgenomen-zin-2", cost_));
  EXPECT_FALSE(foreign.allowed());
}

// Guessing the current password through a password change shares the
// login lock (AVG-32).
TEST_F(AccountsTest, WrongCurrentPasswordsCountAsFailedLogins_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account agent, Create(AgentAccount("jan")));
  const Actor self = ActorFor(agent);
  for (int attempt = 0; attempt < kMaxFailuresPerUsername; ++attempt) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto wrong,
                                SetPassword(app(), self, agent.id, "gok-" + std::to_string(attempt),
                                            "mijn-nieuwe-zin-1", cost_));
    EXPECT_FALSE(wrong.allowed());
  }
  // Locked now: even the right current password is refused.
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto locked, SetPassword(app(), self, agent.id, kPassword, "mijn-nieuwe-zin-1", cost_));
  EXPECT_FALSE(locked.allowed());
  EXPECT_NE(locked.decision.reason_en.find("Too many"), std::string::npos);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto login, LogIn("jan", kPassword));
  EXPECT_EQ(login.status, LoginStatus::kThrottled);
  clock().Advance(kFailureWindow);
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto later, SetPassword(app(), self, agent.id, kPassword, "mijn-nieuwe-zin-1", cost_));
  EXPECT_TRUE(later.allowed());
}

TEST_F(AccountsTest, DisablingHandlesOwnAndUnknownAccounts) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account admin, Create(PlainAccount("beheer", Role::kAdmin)));
  auto own = DisableAccount(app(), ActorFor(admin), admin.id);
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::kConflict);
  auto missing = DisableAccount(app(), Admin(), "acct-none");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  // Another administrator may.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto other, DisableAccount(app(), Admin(), admin.id));
  EXPECT_TRUE(other.allowed());
  auto entries = AuditFor("account.disable");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].entry.subject_id, admin.id);
}

}  // namespace
}  // namespace fairqm::accounts
