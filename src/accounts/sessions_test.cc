// Signing in, throttling, sessions, API tokens and CSRF on a real
// installation, with the manual clock moving time (AVG-32 security of
// processing; AVG-5-accountability for the audit of every attempt).
#include "accounts/sessions.h"

#include <gtest/gtest.h>

#include "accounts/passwords.h"
#include "accounts/secrets.h"
#include "accounts/test_fixture.h"

namespace fairqm::accounts {
namespace {

using domain::Role;
using testing::AccountsTest;
using testing::kPassword;

class SessionsTest : public AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    auto made = Create(AgentAccount("jan"));
    ASSERT_TRUE(made.ok()) << made.error().ToString();
    agent_ = *made;
  }

  // A successful login's ticket.
  Result<SessionTicket> Ticket(const std::string& username = "jan") {
    FAIRQM_ASSIGN_OR_RETURN(auto outcome, LogIn(username, kPassword));
    if (outcome.status != LoginStatus::kOk || !outcome.session) {
      return MakeError(ErrorCode::kInternal, "login failed");
    }
    return *outcome.session;
  }

  Result<Account> CaptureSourceAccount() {
    return Create(PlainAccount("pbx", Role::kCaptureSource, ""));
  }

  std::int64_t LastSeen(const std::string& token) {
    return QueryInt("SELECT last_seen_at FROM sessions WHERE token_hash = $1", {SecretHash(token)});
  }

  Account agent_;
};

TEST_F(SessionsTest, LoginOpensSessionThatResolvesToThePrincipal_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto outcome, LogIn("JAN", kPassword));  // any case
  ASSERT_EQ(outcome.status, LoginStatus::kOk);
  ASSERT_TRUE(outcome.session.has_value());
  const SessionTicket& ticket = *outcome.session;
  EXPECT_EQ(ticket.token.size(), 43u);
  EXPECT_EQ(ticket.csrf_token.size(), 43u);
  EXPECT_NE(ticket.token, ticket.csrf_token);
  EXPECT_EQ(ticket.expires_at, clock().Now() + kSessionLifetime);
  EXPECT_EQ(ticket.principal.account.id, agent_.id);

  FAIRQM_ASSERT_OK_AND_ASSIGN(auto resolved, ResolveSession(app(), ticket.token));
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->account.id, agent_.id);
  EXPECT_EQ(resolved->actor.id, agent_.employee_id);
  EXPECT_EQ(resolved->actor.role, Role::kAgent);
  EXPECT_FALSE(resolved->via_token);
  EXPECT_EQ(resolved->scopes, RoleScopes(Role::kAgent));
  EXPECT_EQ(resolved->session_id, ticket.principal.session_id);
  EXPECT_EQ(resolved->csrf_token, ticket.csrf_token);
  // Only the token's hash is stored.
  const std::string stored = TableText("sessions");
  EXPECT_EQ(stored.find(ticket.token), std::string::npos);
  EXPECT_NE(stored.find(SecretHash(ticket.token)), std::string::npos);

  auto entries = AuditFor("account.login");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].entry.decision, audit::Decision::kAllowed);
  EXPECT_EQ(entries[0].entry.actor_id, agent_.employee_id);
  EXPECT_EQ(entries[0].entry.detail.find(ticket.token), std::string::npos);
}

// AVG-5-accountability: failures are on record, never with the password; an
// unknown user name is not written down (it may be a mistyped password).
TEST_F(SessionsTest, FailedLoginsAreAuditedWithoutSecrets_AVG5Accountability) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto wrong, LogIn("jan", "fout-wachtwoord-123"));
  EXPECT_EQ(wrong.status, LoginStatus::kBadCredentials);
  EXPECT_FALSE(wrong.session.has_value());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto unknown, LogIn("geheim-wachtwoord-in-naamveld", kPassword));
  EXPECT_EQ(unknown.status, LoginStatus::kBadCredentials);

  auto entries = AuditFor("account.login");
  ASSERT_EQ(entries.size(), 2u);
  const audit::Entry& anonymous = entries[0].entry;
  EXPECT_EQ(anonymous.decision, audit::Decision::kRefused);
  EXPECT_EQ(anonymous.rule, "AVG-32");
  EXPECT_EQ(anonymous.actor_role, "anonymous");
  EXPECT_EQ(anonymous.detail.find("geheim-wachtwoord"), std::string::npos) << anonymous.detail;
  EXPECT_NE(anonymous.detail.find("192.0.2.1"), std::string::npos);
  const audit::Entry& known = entries[1].entry;
  EXPECT_EQ(known.decision, audit::Decision::kRefused);
  EXPECT_EQ(known.actor_id, agent_.employee_id);
  EXPECT_EQ(known.subject_id, agent_.id);
  EXPECT_EQ(known.detail.find("fout-wachtwoord"), std::string::npos) << known.detail;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(SessionsTest, DisabledAccountIsToldOnlyWithTheRightPassword) {
  FAIRQM_ASSERT_OK(DisableAccount(app(), Admin(), agent_.id));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto right, LogIn("jan", kPassword));
  EXPECT_EQ(right.status, LoginStatus::kDisabled);
  EXPECT_FALSE(right.session.has_value());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto wrong, LogIn("jan", "fout-wachtwoord-123"));
  EXPECT_EQ(wrong.status, LoginStatus::kBadCredentials);
}

TEST_F(SessionsTest, DisablingEndsSessionsAndTokens) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket ticket, Ticket());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto issued,
                              IssueApiToken(app(), Admin(), agent_.id, {"read"}, "rapportage"));
  ASSERT_TRUE(issued.allowed());
  FAIRQM_ASSERT_OK(DisableAccount(app(), Admin(), agent_.id));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto session, ResolveSession(app(), ticket.token));
  EXPECT_FALSE(session.has_value());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto token, ResolveApiToken(app(), issued.value->secret));
  EXPECT_FALSE(token.has_value());
  // Enabled again, the token works; the session stays ended.
  FAIRQM_ASSERT_OK(EnableAccount(app(), Admin(), agent_.id));
  FAIRQM_ASSERT_OK_AND_ASSIGN(token, ResolveApiToken(app(), issued.value->secret));
  EXPECT_TRUE(token.has_value());
  FAIRQM_ASSERT_OK_AND_ASSIGN(session, ResolveSession(app(), ticket.token));
  EXPECT_FALSE(session.has_value());
  // A disabled account gets no new token.
  FAIRQM_ASSERT_OK(DisableAccount(app(), Admin(), agent_.id));
  auto refused = IssueApiToken(app(), Admin(), agent_.id, {"read"}, "nog een");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
}

// AVG-32: five failures for a user name within 15 minutes lock it until the
// oldest ages out — whatever password is tried meanwhile.
TEST_F(SessionsTest, ThrottlesUserNameAfterFiveFailuresUntilTheOldestAgesOut_AVG32) {
  const TimeMs first = clock().Now();
  for (int attempt = 0; attempt < kMaxFailuresPerUsername; ++attempt) {
    // Different addresses: only the user name counts here.
    FAIRQM_ASSERT_OK_AND_ASSIGN(
        auto outcome, LogIn("jan", "fout-wachtwoord-123", "198.51.100." + std::to_string(attempt)));
    EXPECT_EQ(outcome.status, LoginStatus::kBadCredentials);
    clock().Advance(kMinuteMs);
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto locked, LogIn("jan", kPassword));
  EXPECT_EQ(locked.status, LoginStatus::kThrottled);
  EXPECT_FALSE(locked.session.has_value());
  EXPECT_EQ(locked.retry_after, first + kFailureWindow);
  // Still locked a moment before; the unknown name "piet" is not.
  clock().Set(first + kFailureWindow - 1);
  FAIRQM_ASSERT_OK_AND_ASSIGN(locked, LogIn("jan", kPassword));
  EXPECT_EQ(locked.status, LoginStatus::kThrottled);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto other, LogIn("piet", kPassword));
  EXPECT_EQ(other.status, LoginStatus::kBadCredentials);
  // The oldest failure aged out: four remain, one more attempt is allowed.
  clock().Set(first + kFailureWindow);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto released, LogIn("jan", kPassword));
  EXPECT_EQ(released.status, LoginStatus::kOk);

  auto entries = AuditFor("account.login");
  int throttled = 0;
  for (const auto& e : entries) {
    if (e.entry.detail.find("retry_after") == std::string::npos) continue;
    ++throttled;
    EXPECT_EQ(e.entry.actor_id, agent_.employee_id);
    EXPECT_EQ(e.entry.decision, audit::Decision::kRefused);
  }
  EXPECT_EQ(throttled, 2);
}

TEST_F(SessionsTest, LockedUserNameRefusesEvenAfterMoreAttempts_AVG32) {
  for (int attempt = 0; attempt < kMaxFailuresPerUsername; ++attempt) {
    FAIRQM_ASSERT_OK(LogIn("jan", "fout-wachtwoord-123"));
  }
  const TimeMs unlock = clock().Now() + kFailureWindow;
  // Throttled attempts do not extend the lock.
  for (int attempt = 0; attempt < 10; ++attempt) {
    clock().Advance(kMinuteMs);
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto outcome, LogIn("jan", "fout-wachtwoord-123"));
    EXPECT_EQ(outcome.status, LoginStatus::kThrottled);
    EXPECT_EQ(outcome.retry_after, unlock);
  }
  clock().Set(unlock);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto released, LogIn("jan", kPassword));
  EXPECT_EQ(released.status, LoginStatus::kOk);
}

TEST_F(SessionsTest, SuccessForgetsEarlierFailuresOfTheUserName) {
  for (int attempt = 0; attempt < kMaxFailuresPerUsername - 1; ++attempt) {
    FAIRQM_ASSERT_OK(LogIn("jan", "fout-wachtwoord-123"));
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto ok, LogIn("jan", kPassword));
  ASSERT_EQ(ok.status, LoginStatus::kOk);
  for (int attempt = 0; attempt < kMaxFailuresPerUsername - 1; ++attempt) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto outcome, LogIn("jan", "fout-wachtwoord-123"));
    EXPECT_EQ(outcome.status, LoginStatus::kBadCredentials);
  }
}

// AVG-32: twenty failures from one address within 15 minutes lock the
// address, for every user name; other addresses are unaffected.
TEST_F(SessionsTest, ThrottlesAddressAfterTwentyFailures_AVG32) {
  const std::string attacker = "203.0.113.9";
  const TimeMs first = clock().Now();
  for (int attempt = 0; attempt < kMaxFailuresPerAddress; ++attempt) {
    // A new name each time: no single user name reaches its limit.
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto outcome,
                                LogIn("gebruiker" + std::to_string(attempt), kPassword, attacker));
    EXPECT_EQ(outcome.status, LoginStatus::kBadCredentials);
    clock().Advance(10 * kSecondMs);
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto locked, LogIn("jan", kPassword, attacker));
  EXPECT_EQ(locked.status, LoginStatus::kThrottled);
  EXPECT_EQ(locked.retry_after, first + kFailureWindow);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto elsewhere, LogIn("jan", kPassword, "192.0.2.77"));
  EXPECT_EQ(elsewhere.status, LoginStatus::kOk);
  clock().Set(first + kFailureWindow);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto released, LogIn("jan", kPassword, attacker));
  EXPECT_EQ(released.status, LoginStatus::kOk);
}

// Unknown user names are checked against a dummy hash: a failure for them
// follows the same path and the same lock as for real ones.
TEST_F(SessionsTest, UnknownUserNamesAreThrottledLikeKnownOnes_AVG32) {
  for (int attempt = 0; attempt < kMaxFailuresPerUsername; ++attempt) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto outcome, LogIn("niemand", "wat-dan-ook-1234"));
    EXPECT_EQ(outcome.status, LoginStatus::kBadCredentials);
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto locked, LogIn("niemand", "wat-dan-ook-1234"));
  EXPECT_EQ(locked.status, LoginStatus::kThrottled);
}

TEST_F(SessionsTest, SessionEndsAfterThirtyIdleMinutes_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket ticket, Ticket());
  // Activity keeps it alive.
  for (int step = 0; step < 3; ++step) {
    clock().Advance(29 * kMinuteMs);
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto resolved, ResolveSession(app(), ticket.token));
    EXPECT_TRUE(resolved.has_value()) << "step " << step;
  }
  clock().Advance(kSessionIdleTimeout);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto expired, ResolveSession(app(), ticket.token));
  EXPECT_FALSE(expired.has_value());
  // The dead session is gone, and stays gone.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sessions"), 0);
  clock().Advance(-kSessionIdleTimeout);
  FAIRQM_ASSERT_OK_AND_ASSIGN(expired, ResolveSession(app(), ticket.token));
  EXPECT_FALSE(expired.has_value());
}

TEST_F(SessionsTest, SessionEndsAfterTwelveHoursHoweverActive_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket ticket, Ticket());
  const TimeMs login = clock().Now();
  while (clock().Now() + 20 * kMinuteMs < login + kSessionLifetime) {
    clock().Advance(20 * kMinuteMs);
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto resolved, ResolveSession(app(), ticket.token));
    ASSERT_TRUE(resolved.has_value()) << FormatTime(clock().Now());
  }
  clock().Set(login + kSessionLifetime - 1);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto last, ResolveSession(app(), ticket.token));
  EXPECT_TRUE(last.has_value());
  clock().Set(login + kSessionLifetime);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto expired, ResolveSession(app(), ticket.token));
  EXPECT_FALSE(expired.has_value());
}

// Resolving runs on every request: it writes last_seen at most once a minute.
TEST_F(SessionsTest, RecordsActivityAtMostOncePerMinute) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket ticket, Ticket());
  const TimeMs login = clock().Now();
  clock().Advance(30 * kSecondMs);
  FAIRQM_ASSERT_OK(ResolveSession(app(), ticket.token));
  EXPECT_EQ(LastSeen(ticket.token), login);
  clock().Advance(30 * kSecondMs);
  FAIRQM_ASSERT_OK(ResolveSession(app(), ticket.token));
  EXPECT_EQ(LastSeen(ticket.token), login + kMinuteMs);
  clock().Advance(59 * kSecondMs);
  FAIRQM_ASSERT_OK(ResolveSession(app(), ticket.token));
  EXPECT_EQ(LastSeen(ticket.token), login + kMinuteMs);
}

TEST_F(SessionsTest, UnknownTokensResolveToNobody) {
  for (const std::string& token :
       {std::string(), std::string("x"), std::string(43, 'A'), std::string(10000, 'A')}) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto session, ResolveSession(app(), token));
    EXPECT_FALSE(session.has_value());
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto api, ResolveApiToken(app(), token));
    EXPECT_FALSE(api.has_value());
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto forged, ResolveApiToken(app(), "fqm_" + std::string(43, 'A')));
  EXPECT_FALSE(forged.has_value());
}

TEST_F(SessionsTest, LogoutEndsTheSessionAndIsAudited) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket first, Ticket());
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket second, Ticket());
  FAIRQM_ASSERT_OK(Logout(app(), first.token));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto ended, ResolveSession(app(), first.token));
  EXPECT_FALSE(ended.has_value());
  // Only that session.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto other, ResolveSession(app(), second.token));
  EXPECT_TRUE(other.has_value());
  auto entries = AuditFor("account.logout");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_NE(entries[0].entry.detail.find(first.principal.session_id), std::string::npos);
  // Logging out twice, or with nonsense, is harmless and not audited again.
  FAIRQM_ASSERT_OK(Logout(app(), first.token));
  FAIRQM_ASSERT_OK(Logout(app(), ""));
  EXPECT_EQ(AuditFor("account.logout").size(), 1u);
}

TEST_F(SessionsTest, CsrfTokenMustMatchExactly) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket ticket, Ticket());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto principal, ResolveSession(app(), ticket.token));
  ASSERT_TRUE(principal.has_value());
  EXPECT_TRUE(CsrfMatches(*principal, ticket.csrf_token));
  std::string altered = ticket.csrf_token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(CsrfMatches(*principal, altered));
  EXPECT_FALSE(CsrfMatches(*principal, ""));
  EXPECT_FALSE(CsrfMatches(*principal, ticket.csrf_token.substr(1)));
  EXPECT_FALSE(CsrfMatches(*principal, ticket.token));
  // Another session's CSRF token does not fit.
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket other, Ticket());
  EXPECT_FALSE(CsrfMatches(*principal, other.csrf_token));
  Principal no_session;
  EXPECT_FALSE(CsrfMatches(no_session, ""));
}

TEST_F(SessionsTest, IssuesResolvesAndRevokesApiTokens_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account pbx, CaptureSourceAccount());
  const TimeMs issued_at = clock().Now();
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto issued, IssueApiToken(app(), Admin(), pbx.id, {"capture", "live"}, "PBX Utrecht"));
  ASSERT_TRUE(issued.allowed());
  const std::string secret = issued.value->secret;
  EXPECT_EQ(secret.rfind("fqm_", 0), 0u);
  EXPECT_EQ(secret.size(), 4u + 43u);
  EXPECT_EQ(issued.value->token.scopes, (std::set<std::string>{"capture", "live"}));

  // AVG-32: the stored row holds neither the token nor its random part.
  const std::string stored = TableText("api_tokens");
  EXPECT_EQ(stored.find(secret), std::string::npos);
  EXPECT_EQ(stored.find(secret.substr(4)), std::string::npos);
  EXPECT_NE(stored.find(SecretHash(secret)), std::string::npos);
  auto audit_entries = AuditFor("api_token.issue");
  ASSERT_EQ(audit_entries.size(), 1u);
  EXPECT_EQ(audit_entries[0].entry.detail.find(secret.substr(4)), std::string::npos);

  clock().Advance(kMinuteMs);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto principal, ResolveApiToken(app(), secret));
  ASSERT_TRUE(principal.has_value());
  EXPECT_TRUE(principal->via_token);
  EXPECT_EQ(principal->account.id, pbx.id);
  EXPECT_EQ(principal->actor.id, pbx.id);
  EXPECT_EQ(principal->actor.role, Role::kCaptureSource);
  EXPECT_EQ(principal->scopes, (std::set<std::string>{"capture", "live"}));
  EXPECT_TRUE(principal->session_id.empty());
  EXPECT_FALSE(CsrfMatches(*principal, ""));

  // Listing shows the token and when it was used, never the secret.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto listed, ListApiTokens(app(), Admin(), pbx.id));
  ASSERT_TRUE(listed.allowed());
  ASSERT_EQ(listed.value->size(), 1u);
  const ApiToken& token = listed.value->front();
  EXPECT_EQ(token.id, issued.value->token.id);
  EXPECT_EQ(token.label, "PBX Utrecht");
  EXPECT_EQ(token.created_at, issued_at);
  EXPECT_EQ(token.last_used_at, issued_at + kMinuteMs);
  EXPECT_FALSE(token.revoked_at.has_value());

  // last_used is written at most once a minute.
  clock().Advance(30 * kSecondMs);
  FAIRQM_ASSERT_OK(ResolveApiToken(app(), secret));
  EXPECT_EQ(QueryInt("SELECT last_used_at FROM api_tokens"), issued_at + kMinuteMs);

  FAIRQM_ASSERT_OK_AND_ASSIGN(auto revoked, RevokeApiToken(app(), Admin(), token.id));
  ASSERT_TRUE(revoked.allowed());
  EXPECT_EQ(revoked.value->revoked_at, clock().Now());
  FAIRQM_ASSERT_OK_AND_ASSIGN(principal, ResolveApiToken(app(), secret));
  EXPECT_FALSE(principal.has_value());
  // Revoking again keeps the first time.
  clock().Advance(kMinuteMs);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto again, RevokeApiToken(app(), Admin(), token.id));
  EXPECT_EQ(again.value->revoked_at, clock().Now() - kMinuteMs);
  EXPECT_EQ(AuditFor("api_token.revoke").size(), 2u);

  // Only an administrator revokes; unknown tokens are not found.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto refused, RevokeApiToken(app(), ActorFor(agent_), token.id));
  EXPECT_FALSE(refused.allowed());
  auto missing = RevokeApiToken(app(), Admin(), "tok-none");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(SessionsTest, ApiTokenExpires) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account pbx, CaptureSourceAccount());
  const TimeMs expiry = clock().Now() + kHourMs;
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto issued, IssueApiToken(app(), Admin(), pbx.id, {"capture"}, "tijdelijk", expiry));
  ASSERT_TRUE(issued.allowed());
  EXPECT_EQ(issued.value->token.expires_at, expiry);
  clock().Set(expiry - 1);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto principal, ResolveApiToken(app(), issued.value->secret));
  EXPECT_TRUE(principal.has_value());
  clock().Set(expiry);
  FAIRQM_ASSERT_OK_AND_ASSIGN(principal, ResolveApiToken(app(), issued.value->secret));
  EXPECT_FALSE(principal.has_value());
  // An expiry in the past is a mistake.
  auto past = IssueApiToken(app(), Admin(), pbx.id, {"capture"}, "verlopen", clock().Now());
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().code, ErrorCode::kInvalidInput);
}

// AVG-32 least privilege: a token carries at most the scopes of its role.
TEST_F(SessionsTest, RefusesScopesBeyondTheRole_AVG32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account pbx, CaptureSourceAccount());
  struct Case {
    const char* name;
    std::string account_id;
    std::set<std::string> scopes;
    bool allowed;
  };
  const Case cases[] = {
      {"agent reads", agent_.id, {"read"}, true},
      {"agent captures", agent_.id, {"capture"}, false},
      {"agent listens live", agent_.id, {"read", "live"}, false},
      {"capture source captures", pbx.id, {"capture"}, true},
      {"capture source live", pbx.id, {"live"}, true},
      {"capture source reads", pbx.id, {"capture", "read"}, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto issued,
                                IssueApiToken(app(), Admin(), c.account_id, c.scopes, c.name));
    EXPECT_EQ(issued.allowed(), c.allowed);
    if (!c.allowed) {
      EXPECT_EQ(issued.decision.rule, "AVG-32");
      EXPECT_FALSE(issued.value.has_value());
    }
  }
  int refused = 0;
  for (const auto& e : AuditFor("api_token.issue")) {
    if (e.entry.decision == audit::Decision::kRefused) ++refused;
  }
  EXPECT_EQ(refused, 3);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM api_tokens"), 3);

  struct BadInput {
    const char* name;
    std::string account_id;
    std::set<std::string> scopes;
    std::string label;
    ErrorCode code;
  };
  const BadInput bad[] = {
      {"unknown scope", pbx.id, {"admin"}, "x", ErrorCode::kInvalidInput},
      {"no scope", pbx.id, {}, "x", ErrorCode::kInvalidInput},
      {"no label", pbx.id, {"capture"}, "", ErrorCode::kInvalidInput},
      {"unknown account", "acct-none", {"capture"}, "x", ErrorCode::kNotFound},
  };
  for (const auto& c : bad) {
    SCOPED_TRACE(c.name);
    auto issued = IssueApiToken(app(), Admin(), c.account_id, c.scopes, c.label);
    ASSERT_FALSE(issued.ok());
    EXPECT_EQ(issued.error().code, c.code);
  }
}

TEST_F(SessionsTest, RoleScopesFollowLeastPrivilege_AVG32) {
  EXPECT_EQ(RoleScopes(Role::kCaptureSource), (std::set<std::string>{"capture", "live"}));
  for (Role role : {Role::kAgent, Role::kMonitor, Role::kManager, Role::kWorksCouncil,
                    Role::kPrivacyOfficer, Role::kClient, Role::kAdmin}) {
    EXPECT_EQ(RoleScopes(role), std::set<std::string>{"read"});
  }
  EXPECT_TRUE(IsKnownScope(kScopeCapture));
  EXPECT_TRUE(IsKnownScope(kScopeLive));
  EXPECT_TRUE(IsKnownScope(kScopeRead));
  EXPECT_FALSE(IsKnownScope("write"));
}

// AVG-32: when the installation raises the Argon2id cost, a hash is upgraded
// at the holder's next successful login.
TEST_F(SessionsTest, RehashesOnLoginWhenTheCostRises_AVG32) {
  auto stored_hash = [&] {
    auto conn = app().Reader();
    auto rows = (*conn)->Query("SELECT password_hash FROM accounts WHERE id = $1", {agent_.id});
    return rows.ok() && !rows->empty() ? rows->front().Text(0) : std::string();
  };
  const std::string before = stored_hash();
  ASSERT_FALSE(NeedsRehash(before, cost_));
  const PasswordCost higher(cost_.opslimit + 1, cost_.memlimit * 2);
  ASSERT_TRUE(NeedsRehash(before, higher));

  // A failed login changes nothing.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto wrong,
                              Login(app(), "jan", "fout-wachtwoord-123", "192.0.2.1", higher));
  EXPECT_EQ(wrong.status, LoginStatus::kBadCredentials);
  EXPECT_EQ(stored_hash(), before);

  FAIRQM_ASSERT_OK_AND_ASSIGN(auto login, Login(app(), "jan", kPassword, "192.0.2.1", higher));
  ASSERT_EQ(login.status, LoginStatus::kOk);
  const std::string after = stored_hash();
  EXPECT_NE(after, before);
  EXPECT_FALSE(NeedsRehash(after, higher));
  EXPECT_TRUE(VerifyPassword(kPassword, after));
  auto entries = AuditFor("account.login");
  ASSERT_FALSE(entries.empty());
  EXPECT_NE(entries[0].entry.detail.find("\"rehashed\":true"), std::string::npos);
  // With the cost unchanged, the next login leaves the hash alone.
  FAIRQM_ASSERT_OK_AND_ASSIGN(login, Login(app(), "jan", kPassword, "192.0.2.1", higher));
  ASSERT_EQ(login.status, LoginStatus::kOk);
  EXPECT_EQ(stored_hash(), after);
}

TEST_F(SessionsTest, PruneRemovesExpiredSessionsAndOldFailures) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket old_session, Ticket());
  FAIRQM_ASSERT_OK(LogIn("piet", "fout-wachtwoord-123"));
  clock().Advance(kSessionIdleTimeout);
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket fresh, Ticket());
  FAIRQM_ASSERT_OK(PruneExpired(app()));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sessions"), 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM login_failures"), 0);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto kept, ResolveSession(app(), fresh.token));
  EXPECT_TRUE(kept.has_value());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto gone, ResolveSession(app(), old_session.token));
  EXPECT_FALSE(gone.has_value());
}

TEST_F(SessionsTest, ClientSessionActsForTheClient) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("client-a", {"Noord"}, domain::Purpose::kQuality));
  NewAccount n = PlainAccount("klant", Role::kClient);
  n.client_id = "client-a";
  FAIRQM_ASSERT_OK_AND_ASSIGN(Account client, Create(n));
  FAIRQM_ASSERT_OK_AND_ASSIGN(SessionTicket ticket, Ticket("klant"));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto principal, ResolveSession(app(), ticket.token));
  ASSERT_TRUE(principal.has_value());
  EXPECT_EQ(principal->actor.role, Role::kClient);
  EXPECT_EQ(principal->actor.id, client.id);
  EXPECT_EQ(principal->actor.client_id, "client-a");
}

}  // namespace
}  // namespace fairqm::accounts
