// accounts/sessions: signing in, browser sessions, login throttling, API-token
// resolution and CSRF checks for `fairqm serve` (AVG-32 security of
// processing).
//
// Login checks the password (Argon2id; unknown user names verify against a
// dummy hash so they take as long), throttles guessing — kMaxFailuresPerUsername
// failures for a user name or kMaxFailuresPerAddress from one remote address
// within kFailureWindow lock it until the oldest of those failures ages out —
// and on success opens a session: a random token for the client (only its
// BLAKE2b hash is stored) and a random CSRF token. A session ends after
// kSessionIdleTimeout without requests or kSessionLifetime after login,
// whichever comes first, on Logout, a password change, or when the account
// is disabled. Every login, failed or not, and every logout is audited
// (AVG-5-accountability) — never the password, and a user name only when it
// names an account (a password typed into the name field stays out of the
// log).
//
// ResolveSession and ResolveApiToken run on every request: one indexed read
// on a reader connection; a write only to note activity, at most once per
// kTouchInterval per session or token (so the idle timeout is honoured to
// within that interval). Times come from app.Now(), never the wall clock.
//
// Thread-safety: as service::App. Failures are Result values (kIo for the
// catalogue); a wrong password, a lock or an unknown token are outcomes, not
// errors.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "accounts/accounts.h"
#include "accounts/passwords.h"
#include "common/result.h"
#include "common/time.h"
#include "service/actor.h"
#include "service/app.h"

namespace fairqm::accounts {

inline constexpr TimeMs kSessionIdleTimeout = 30 * kMinuteMs;
inline constexpr TimeMs kSessionLifetime = 12 * kHourMs;
// last_seen / last_used are written at most this often.
inline constexpr TimeMs kTouchInterval = kMinuteMs;

inline constexpr int kMaxFailuresPerUsername = 5;
inline constexpr int kMaxFailuresPerAddress = 20;
inline constexpr TimeMs kFailureWindow = 15 * kMinuteMs;

// Who is calling, as the HTTP layer learns it from a session or a token.
struct Principal {
  Account account;
  service::Actor actor;  // ActorFor(account)
  bool via_token = false;
  std::set<std::string> scopes;  // session: RoleScopes(role); token: its own
  std::string session_id;        // sessions only; safe to log ("sess-…")
  std::string csrf_token;        // sessions only
};

struct SessionTicket {
  std::string token;       // the session secret: the cookie value
  std::string csrf_token;  // echoed by the client in a header on writes
  // The end of the absolute lifetime; the session ends sooner when idle.
  TimeMs expires_at = 0;
  Principal principal;
};

enum class LoginStatus { kOk, kBadCredentials, kThrottled, kDisabled };

struct LoginOutcome {
  LoginStatus status = LoginStatus::kBadCredentials;
  std::optional<SessionTicket> session;  // kOk only
  // kThrottled: the time (app clock) from which a new attempt is accepted.
  TimeMs retry_after = 0;
};

// kDisabled only when the password was right: a guesser learns nothing about
// a disabled account. On success a hash made with another cost is replaced
// by one at `cost` (crypto_pwhash_str_needs_rehash), and the user name's
// failures are forgotten.
Result<LoginOutcome> Login(service::App& app, std::string_view username, std::string_view password,
                           std::string_view remote_address,
                           const PasswordCost& cost = PasswordCost());

// The session's principal; nullopt for an unknown, expired or ended session
// or a disabled account.
Result<std::optional<Principal>> ResolveSession(service::App& app, std::string_view token);

// The token's principal (via_token, its scopes within its role's); nullopt
// for an unknown, revoked or expired token or a disabled account.
Result<std::optional<Principal>> ResolveApiToken(service::App& app, std::string_view token);

// Ends the session; an unknown or already ended token is not an error.
Status Logout(service::App& app, std::string_view token);

// Constant-time comparison of a session's CSRF token with the header value.
// False for a principal without one (API tokens need no CSRF check: a
// browser never attaches them by itself).
bool CsrfMatches(const Principal& principal, std::string_view header);

// Deletes expired sessions and failures older than kFailureWindow (a
// background sweep; correctness never depends on it).
Status PruneExpired(service::App& app);

}  // namespace fairqm::accounts
