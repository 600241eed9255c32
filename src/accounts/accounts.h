// accounts: the local user accounts of `fairqm serve`, their API tokens, and
// the administration of both (AVG-32 security of processing).
//
// An Account is one person or system that signs in: a user name (unique,
// compared case-insensitively), a role, and who it stands for — the employee
// (agent, monitor, manager, works council, privacy officer: employee_id must
// name an employee in the catalogue), the client (client_id must name a client
// with a contract), or nobody (admin, capture source). ActorFor() turns it
// into the service::Actor every use case takes.
//
// Administration is itself a use case: CreateAccount, SetPassword,
// DisableAccount/EnableAccount, ListAccounts, IssueApiToken, ListApiTokens and
// RevokeApiToken ask policy::DecideRoleAccess(role, kManageAccounts) first; a
// refusal is a Decided refusal, audited with service::RecordRefusal; every
// change is audited in its own transaction (AVG-5-accountability). Managing
// accounts is all an administrator can do here: nothing in this module opens
// a recording or an evaluation (AVG-32: no administrator listens by virtue of
// being administrator). The first administrator is created with
// service::Actor::System() (the CLI).
//
// Secrets: passwords are stored as Argon2id strings (accounts/passwords.h),
// API tokens only as a BLAKE2b hash; IssueApiToken returns the token's
// plaintext once and it cannot be read back.
//
// Scopes say what an API token (or a session) may be used for; the HTTP layer
// checks them per route. Sessions hold all scopes of their role; a token an
// explicit subset of them.
//
// Sessions, logins and token resolution are in accounts/sessions.h.
// Thread-safety: as service::App (each call takes its own connection).
// Failures: kInvalidInput (bad user name, password policy, role/employee/client
// mismatch, unknown scope), kNotFound (unknown account, employee, client or
// token), kConflict (user name or employee already has an account, disabled
// account), kIo for catalogue failures.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/passwords.h"
#include "common/result.h"
#include "common/time.h"
#include "domain/types.h"
#include "service/actor.h"
#include "service/app.h"

namespace fairqm::accounts {

struct Account {
  std::string id;  // "acct-…"
  std::string username;
  std::string display_name;
  domain::Role role = domain::Role::kAgent;
  std::string employee_id;  // employee roles only
  std::string client_id;    // kClient only
  std::string lang = "nl";  // "nl" or "en": the interface language
  bool disabled = false;
  bool has_password = false;  // false: a token-only capture source
  TimeMs created_at = 0;
  TimeMs password_changed_at = 0;
};

struct NewAccount {
  std::string username;  // 1–64 of A–Z a–z 0–9 . _ - @
  std::string display_name;
  domain::Role role = domain::Role::kAgent;
  std::string employee_id;
  std::string client_id;
  std::string lang = "nl";
  // Required, except for a capture source, which may be token-only ("").
  std::string password;
};

inline constexpr std::size_t kMaxUsernameBytes = 64;

// Scope names. kScopeCapture: capture decisions, uploads, pause/resume and
// do-not-record events; kScopeLive: live-listen start/stop notifications;
// kScopeRead: read-only API use.
inline constexpr std::string_view kScopeCapture = "capture";
inline constexpr std::string_view kScopeLive = "live";
inline constexpr std::string_view kScopeRead = "read";

// AVG-32 least privilege: the scopes a role may hold (capture source:
// capture and live; every other role: read).
std::set<std::string> RoleScopes(domain::Role role);
bool IsKnownScope(std::string_view scope);

// Roles whose account stands for an employee of the catalogue.
bool IsEmployeeRole(domain::Role role);

// The actor an account acts as: id = employee id for employee roles; for a
// client, id = the account id and client_id = the client; for an admin or a
// capture source, id = the account id.
service::Actor ActorFor(const Account& account);

struct ApiToken {
  std::string id;  // "tok-…"; safe to show and log
  std::string account_id;
  std::string label;
  std::set<std::string> scopes;
  TimeMs created_at = 0;
  std::optional<TimeMs> expires_at;
  std::optional<TimeMs> revoked_at;
  std::optional<TimeMs> last_used_at;  // to the minute
};

struct IssuedToken {
  ApiToken token;
  // "fqm_" + base64url(32 random bytes). Shown once; only its hash is kept.
  std::string secret;
};

inline constexpr std::string_view kApiTokenPrefix = "fqm_";

Result<service::Decided<Account>> CreateAccount(service::App& app, const service::Actor& actor,
                                                const NewAccount& account,
                                                const PasswordCost& cost = PasswordCost());

// An administrator sets anyone's password; the account holder sets their own
// and must give the current one (a wrong one is an AVG-32 refusal and counts
// as a failed login for throttling). Ends all the account's sessions.
Result<service::Decided<Account>> SetPassword(service::App& app, const service::Actor& actor,
                                              const std::string& account_id,
                                              std::string_view current_password,
                                              std::string_view new_password,
                                              const PasswordCost& cost = PasswordCost());

// Disabling ends the account's sessions and makes its API tokens unusable
// (they work again if it is enabled). An administrator cannot disable their
// own account (kConflict), so an installation always keeps one.
Result<service::Decided<Account>> DisableAccount(service::App& app, const service::Actor& actor,
                                                 const std::string& account_id);
Result<service::Decided<Account>> EnableAccount(service::App& app, const service::Actor& actor,
                                                const std::string& account_id);

// All accounts, by user name.
Result<service::Decided<std::vector<Account>>> ListAccounts(service::App& app,
                                                            const service::Actor& actor);

// Scopes must be known (kInvalidInput) and within RoleScopes of the
// account's role (else an AVG-32 refusal); label non-empty; expires_at, when
// given, in the future. The account must not be disabled (kConflict).
Result<service::Decided<IssuedToken>> IssueApiToken(service::App& app, const service::Actor& actor,
                                                    const std::string& account_id,
                                                    const std::set<std::string>& scopes,
                                                    const std::string& label,
                                                    std::optional<TimeMs> expires_at = {});

// The account's tokens, oldest first, without their secrets.
Result<service::Decided<std::vector<ApiToken>>> ListApiTokens(service::App& app,
                                                              const service::Actor& actor,
                                                              const std::string& account_id);

// Revoking is immediate and final; revoking twice keeps the first time.
Result<service::Decided<ApiToken>> RevokeApiToken(service::App& app, const service::Actor& actor,
                                                  const std::string& token_id);

}  // namespace fairqm::accounts
