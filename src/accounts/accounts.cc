#include "accounts/accounts.h"

#include <algorithm>

#include "accounts/catalogue.h"
#include "accounts/secrets.h"
#include "accounts/sessions.h"
#include "codec/json.h"
#include "domain/names.h"
#include "policy/access.h"
#include "service/audit_trail.h"
#include "service/people.h"
#include "store/clients.h"

namespace fairqm::accounts {

using service::Actor;
using service::App;
using service::AuditSubject;
using service::Decided;

namespace {

constexpr std::size_t kMaxDisplayNameBytes = 200;
constexpr std::size_t kMaxLabelBytes = 200;

AuditSubject SubjectOf(const Account& account) {
  // AVG-5-accountability SHOW: an employee sees what was done to their account.
  return AuditSubject{"account", account.id,
                      IsEmployeeRole(account.role) ? account.employee_id : "", std::nullopt};
}

bool SameActor(const Actor& a, const Actor& b) {
  return a.id == b.id && a.role == b.role && a.client_id == b.client_id;
}

// AVG-32: account management is the administrator's, and theirs only. A
// refusal is put on record (AVG-5-accountability).
Result<policy::Decision> ManagerGate(App& app, db::Connection& conn, const Actor& actor,
                                     std::string_view action, const AuditSubject& subject) {
  policy::Decision decision = policy::DecideRoleAccess(actor.role, policy::Action::kManageAccounts);
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(
        service::RecordRefusal(conn, app.Now(), actor, action, subject, decision));
  }
  return decision;
}

Status CheckUsername(std::string_view username) {
  if (username.empty() || username.size() > kMaxUsernameBytes) {
    return MakeError(
        ErrorCode::kInvalidInput,
        "the user name must have 1 to " + std::to_string(kMaxUsernameBytes) + " characters");
  }
  for (char c : username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok) {
      return MakeError(ErrorCode::kInvalidInput,
                       "the user name may only contain letters A-Z, digits and . _ - @");
    }
  }
  return OkStatus();
}

Status CheckLang(std::string_view lang) {
  if (lang == "nl" || lang == "en") return OkStatus();
  return MakeError(ErrorCode::kInvalidInput,
                   "the language must be \"nl\" or \"en\", not \"" + std::string(lang) + "\"");
}

// Who the account stands for must match its role; returns the employee id
// to store (an HR number is resolved to the employee's id).
Result<std::string> CheckIdentity(db::Connection& conn, const NewAccount& account) {
  const std::string role(domain::Name(account.role));
  if (IsEmployeeRole(account.role)) {
    if (!account.client_id.empty()) {
      return MakeError(ErrorCode::kInvalidInput, "a " + role + " account has no client_id");
    }
    if (account.employee_id.empty()) {
      return MakeError(ErrorCode::kInvalidInput,
                       "a " + role + " account needs the employee_id of an employee");
    }
    auto employee = service::ResolveEmployee(conn, account.employee_id);
    if (!employee.ok()) {
      if (employee.error().code != ErrorCode::kNotFound) return employee.error();
      return MakeError(ErrorCode::kNotFound, "employee_id '" + account.employee_id +
                                                 "' names no employee in the catalogue");
    }
    FAIRQM_ASSIGN_OR_RETURN(auto existing, internal::FindAccountByEmployee(conn, employee->id));
    if (existing) {
      return MakeError(ErrorCode::kConflict, "employee " + employee->id +
                                                 " already has an account (" +
                                                 existing->account.username + ")");
    }
    return employee->id;
  }
  if (!account.employee_id.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "a " + role + " account has no employee_id");
  }
  if (account.role == domain::Role::kClient) {
    if (account.client_id.empty()) {
      return MakeError(ErrorCode::kInvalidInput, "a client account needs a client_id");
    }
    // KSF-6.2: a client is known to fairqm through its contract.
    FAIRQM_ASSIGN_OR_RETURN(auto contracts, store::ListContractsForClient(conn, account.client_id));
    if (contracts.empty()) {
      return MakeError(ErrorCode::kNotFound,
                       "client_id '" + account.client_id + "' has no client contract");
    }
  } else if (!account.client_id.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "a " + role + " account has no client_id");
  }
  return std::string();
}

codec::Json TokenDetail(const ApiToken& token) {
  codec::Json scopes = codec::Json::array();
  for (const auto& scope : token.scopes) scopes.push_back(scope);
  codec::Json detail{{"token_id", token.id}, {"label", token.label}, {"scopes", scopes}};
  if (token.expires_at) detail["expires_at"] = FormatTime(*token.expires_at);
  return detail;
}

}  // namespace

std::set<std::string> RoleScopes(domain::Role role) {
  // AVG-32 least privilege: a capture source only hands over contacts and
  // live notices; nobody else needs more than reading through a token.
  if (role == domain::Role::kCaptureSource) {
    return {std::string(kScopeCapture), std::string(kScopeLive)};
  }
  return {std::string(kScopeRead)};
}

bool IsKnownScope(std::string_view scope) {
  return scope == kScopeCapture || scope == kScopeLive || scope == kScopeRead;
}

bool IsEmployeeRole(domain::Role role) {
  switch (role) {
    case domain::Role::kAgent:
    case domain::Role::kMonitor:
    case domain::Role::kManager:
    case domain::Role::kWorksCouncil:
    case domain::Role::kPrivacyOfficer:
      return true;
    case domain::Role::kClient:
    case domain::Role::kAdmin:
    case domain::Role::kCaptureSource:
      return false;
  }
  return false;
}

Actor ActorFor(const Account& account) {
  if (IsEmployeeRole(account.role)) return Actor{account.employee_id, account.role, ""};
  if (account.role == domain::Role::kClient) {
    return Actor{account.id, account.role, account.client_id};
  }
  return Actor{account.id, account.role, ""};
}

Result<Decided<Account>> CreateAccount(App& app, const Actor& actor, const NewAccount& request,
                                       const PasswordCost& cost) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  Account account;
  account.id = NewId(app.random(), "acct");
  account.username = request.username;
  account.display_name = request.display_name;
  account.role = request.role;
  account.client_id = request.client_id;
  account.lang = request.lang;
  const AuditSubject refused_subject{"account", account.id, "", std::nullopt};
  FAIRQM_ASSIGN_OR_RETURN(policy::Decision gate,
                          ManagerGate(app, *conn, actor, "account.create", refused_subject));
  if (!gate.allowed) return Decided<Account>::Refuse(gate);

  FAIRQM_RETURN_IF_ERROR(CheckUsername(request.username));
  if (request.display_name.empty() || request.display_name.size() > kMaxDisplayNameBytes) {
    return MakeError(
        ErrorCode::kInvalidInput,
        "the display name must have 1 to " + std::to_string(kMaxDisplayNameBytes) + " characters");
  }
  FAIRQM_RETURN_IF_ERROR(CheckLang(request.lang));
  const bool token_only = request.role == domain::Role::kCaptureSource && request.password.empty();
  if (!token_only) FAIRQM_RETURN_IF_ERROR(CheckPasswordPolicy(request.password, request.username));
  FAIRQM_ASSIGN_OR_RETURN(account.employee_id, CheckIdentity(*conn, request));
  const std::string key = internal::UsernameKey(request.username);
  FAIRQM_ASSIGN_OR_RETURN(auto taken, internal::FindAccountByUsername(*conn, key));
  if (taken) {
    return MakeError(ErrorCode::kConflict, "the user name '" + request.username + "' is taken");
  }

  internal::StoredAccount stored{account, ""};
  // AVG-32: a memory-hard hash; computed before the write transaction so the
  // writer is not held while Argon2id works.
  if (!token_only) {
    FAIRQM_ASSIGN_OR_RETURN(stored.password_hash, HashPassword(request.password, cost));
  }
  stored.account.has_password = !token_only;
  stored.account.created_at = app.Now();
  stored.account.password_changed_at = app.Now();

  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  // The unique indexes catch a name or employee taken since the checks above.
  FAIRQM_RETURN_IF_ERROR(internal::InsertAccount(*conn, stored));
  codec::Json detail{{"username", account.username},
                     {"role", std::string(domain::Name(account.role))},
                     {"employee_id", stored.account.employee_id},
                     {"client_id", account.client_id},
                     {"token_only", token_only}};
  FAIRQM_RETURN_IF_ERROR(service::Record(*conn, app.Now(), actor, "account.create",
                                         SubjectOf(stored.account), policy::Decision::Allow(),
                                         detail));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<Account>::Allow(stored.account);
}

Result<Decided<Account>> SetPassword(App& app, const Actor& actor, const std::string& account_id,
                                     std::string_view current_password,
                                     std::string_view new_password, const PasswordCost& cost) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(internal::StoredAccount stored, internal::GetAccount(*conn, account_id));
  const AuditSubject subject = SubjectOf(stored.account);
  const bool holder = SameActor(actor, ActorFor(stored.account));
  if (!holder) {
    FAIRQM_ASSIGN_OR_RETURN(policy::Decision gate,
                            ManagerGate(app, *conn, actor, "account.password", subject));
    if (!gate.allowed) return Decided<Account>::Refuse(gate);
  }
  FAIRQM_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, stored.account.username));

  if (holder) {
    // AVG-32: the holder proves it is them, so a session left open cannot
    // be turned into a permanent takeover. Wrong guesses count as failed
    // logins and share their lock.
    const TimeMs now = app.Now();
    const std::string key = internal::UsernameKey(stored.account.username);
    FAIRQM_ASSIGN_OR_RETURN(auto failures,
                            internal::FailuresForUsername(*conn, key, now - kFailureWindow + 1));
    const bool locked = failures.size() >= static_cast<std::size_t>(kMaxFailuresPerUsername);
    if (locked || !VerifyPassword(current_password, stored.password_hash)) {
      policy::Decision refusal =
          locked ? policy::Decision::Refuse("AVG-32",
                                            "Te veel mislukte pogingen; probeer het later opnieuw.",
                                            "Too many failed attempts; try again later.")
                 : policy::Decision::Refuse("AVG-32", "Het huidige wachtwoord klopt niet.",
                                            "The current password is not correct.");
      FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
      if (!locked) {
        FAIRQM_RETURN_IF_ERROR(
            internal::RecordFailure(*conn, app.random(), key, "", now, now - kFailureWindow + 1));
      }
      FAIRQM_RETURN_IF_ERROR(
          service::Record(*conn, now, actor, "account.password", subject, refusal));
      FAIRQM_RETURN_IF_ERROR(tx.Commit());
      return Decided<Account>::Refuse(refusal);
    }
  }

  FAIRQM_ASSIGN_OR_RETURN(stored.password_hash, HashPassword(new_password, cost));
  stored.account.has_password = true;
  stored.account.password_changed_at = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(internal::UpdateAccountSecrets(*conn, stored));
  // AVG-32: whoever held the old password is signed out everywhere.
  FAIRQM_RETURN_IF_ERROR(internal::DeleteSessionsOf(*conn, stored.account.id));
  FAIRQM_RETURN_IF_ERROR(service::Record(*conn, app.Now(), actor, "account.password", subject,
                                         policy::Decision::Allow(),
                                         codec::Json{{"by", holder ? "holder" : "administrator"}}));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<Account>::Allow(stored.account);
}

namespace {

Result<Decided<Account>> SetDisabled(App& app, const Actor& actor, const std::string& account_id,
                                     bool disabled) {
  const char* action = disabled ? "account.disable" : "account.enable";
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(internal::StoredAccount stored, internal::GetAccount(*conn, account_id));
  const AuditSubject subject = SubjectOf(stored.account);
  FAIRQM_ASSIGN_OR_RETURN(policy::Decision gate, ManagerGate(app, *conn, actor, action, subject));
  if (!gate.allowed) return Decided<Account>::Refuse(gate);
  if (disabled && SameActor(actor, ActorFor(stored.account))) {
    return MakeError(ErrorCode::kConflict, "an administrator cannot disable their own account");
  }
  stored.account.disabled = disabled;
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(internal::UpdateAccountSecrets(*conn, stored));
  if (disabled) FAIRQM_RETURN_IF_ERROR(internal::DeleteSessionsOf(*conn, stored.account.id));
  FAIRQM_RETURN_IF_ERROR(
      service::Record(*conn, app.Now(), actor, action, subject, policy::Decision::Allow()));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<Account>::Allow(stored.account);
}

}  // namespace

Result<Decided<Account>> DisableAccount(App& app, const Actor& actor,
                                        const std::string& account_id) {
  return SetDisabled(app, actor, account_id, true);
}

Result<Decided<Account>> EnableAccount(App& app, const Actor& actor,
                                       const std::string& account_id) {
  return SetDisabled(app, actor, account_id, false);
}

Result<Decided<std::vector<Account>>> ListAccounts(App& app, const Actor& actor) {
  using Listed = Decided<std::vector<Account>>;
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const AuditSubject subject{"accounts", "list", "", std::nullopt};
  FAIRQM_ASSIGN_OR_RETURN(policy::Decision gate,
                          ManagerGate(app, *conn, actor, "account.list", subject));
  if (!gate.allowed) return Listed::Refuse(gate);
  FAIRQM_ASSIGN_OR_RETURN(auto accounts, internal::ListAllAccounts(*conn));
  // AVG-5-accountability: reading who has which account is on record.
  FAIRQM_RETURN_IF_ERROR(service::RecordAlone(*conn, app.Now(), actor, "account.list", subject,
                                              policy::Decision::Allow(),
                                              codec::Json{{"count", accounts.size()}}));
  return Listed::Allow(std::move(accounts));
}

Result<Decided<IssuedToken>> IssueApiToken(App& app, const Actor& actor,
                                           const std::string& account_id,
                                           const std::set<std::string>& scopes,
                                           const std::string& label,
                                           std::optional<TimeMs> expires_at) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(internal::StoredAccount stored, internal::GetAccount(*conn, account_id));
  const AuditSubject subject = SubjectOf(stored.account);
  FAIRQM_ASSIGN_OR_RETURN(policy::Decision gate,
                          ManagerGate(app, *conn, actor, "api_token.issue", subject));
  if (!gate.allowed) return Decided<IssuedToken>::Refuse(gate);
  if (stored.account.disabled) {
    return MakeError(ErrorCode::kConflict,
                     "account " + stored.account.username + " is disabled; enable it first");
  }
  if (label.empty() || label.size() > kMaxLabelBytes) {
    return MakeError(ErrorCode::kInvalidInput, "the token label must have 1 to " +
                                                   std::to_string(kMaxLabelBytes) + " characters");
  }
  if (scopes.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "an API token needs at least one scope");
  }
  for (const std::string& scope : scopes) {
    if (!IsKnownScope(scope)) {
      return MakeError(ErrorCode::kInvalidInput,
                       "unknown scope '" + scope + "' (known: capture, live, read)");
    }
  }
  if (expires_at && *expires_at <= app.Now()) {
    return MakeError(ErrorCode::kInvalidInput, "the token's expiry must lie in the future");
  }
  // AVG-32 least privilege: a token never carries more than its role may.
  const std::set<std::string> allowed = RoleScopes(stored.account.role);
  std::vector<std::string> beyond;
  std::set_difference(scopes.begin(), scopes.end(), allowed.begin(), allowed.end(),
                      std::back_inserter(beyond));
  if (!beyond.empty()) {
    const std::string role(domain::Name(stored.account.role));
    policy::Decision refusal = policy::Decision::Refuse(
        "AVG-32",
        "De rol " + role + " mag de bevoegdheid '" + beyond.front() +
            "' niet hebben (minimale rechten).",
        "The role " + role + " may not hold the scope '" + beyond.front() + "' (least privilege).");
    FAIRQM_RETURN_IF_ERROR(
        service::RecordRefusal(*conn, app.Now(), actor, "api_token.issue", subject, refusal));
    return Decided<IssuedToken>::Refuse(refusal);
  }

  IssuedToken issued;
  issued.token.id = NewId(app.random(), "tok");
  issued.token.account_id = stored.account.id;
  issued.token.label = label;
  issued.token.scopes = scopes;
  issued.token.created_at = app.Now();
  issued.token.expires_at = expires_at;
  issued.secret = NewSecret(app.random(), kApiTokenPrefix);
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  // AVG-32: only the hash is kept; the secret exists once, in the answer.
  FAIRQM_RETURN_IF_ERROR(internal::InsertApiToken(*conn, issued.token, SecretHash(issued.secret)));
  FAIRQM_RETURN_IF_ERROR(service::Record(*conn, app.Now(), actor, "api_token.issue", subject,
                                         policy::Decision::Allow(), TokenDetail(issued.token)));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<IssuedToken>::Allow(std::move(issued));
}

Result<Decided<std::vector<ApiToken>>> ListApiTokens(App& app, const Actor& actor,
                                                     const std::string& account_id) {
  using Listed = Decided<std::vector<ApiToken>>;
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(internal::StoredAccount stored, internal::GetAccount(*conn, account_id));
  const AuditSubject subject = SubjectOf(stored.account);
  FAIRQM_ASSIGN_OR_RETURN(policy::Decision gate,
                          ManagerGate(app, *conn, actor, "api_token.list", subject));
  if (!gate.allowed) return Listed::Refuse(gate);
  FAIRQM_ASSIGN_OR_RETURN(auto tokens, internal::ListApiTokensOf(*conn, stored.account.id));
  FAIRQM_RETURN_IF_ERROR(service::RecordAlone(*conn, app.Now(), actor, "api_token.list", subject,
                                              policy::Decision::Allow(),
                                              codec::Json{{"count", tokens.size()}}));
  return Listed::Allow(std::move(tokens));
}

Result<Decided<ApiToken>> RevokeApiToken(App& app, const Actor& actor,
                                         const std::string& token_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(ApiToken token, internal::GetApiToken(*conn, token_id));
  FAIRQM_ASSIGN_OR_RETURN(internal::StoredAccount stored,
                          internal::GetAccount(*conn, token.account_id));
  const AuditSubject subject = SubjectOf(stored.account);
  FAIRQM_ASSIGN_OR_RETURN(policy::Decision gate,
                          ManagerGate(app, *conn, actor, "api_token.revoke", subject));
  if (!gate.allowed) return Decided<ApiToken>::Refuse(gate);
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(internal::SetApiTokenRevoked(*conn, token.id, app.Now()));
  FAIRQM_RETURN_IF_ERROR(service::Record(*conn, app.Now(), actor, "api_token.revoke", subject,
                                         policy::Decision::Allow(), TokenDetail(token)));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  FAIRQM_ASSIGN_OR_RETURN(token, internal::GetApiToken(*conn, token.id));
  return Decided<ApiToken>::Allow(std::move(token));
}

}  // namespace fairqm::accounts
