#include "accounts/sessions.h"

#include <algorithm>
#include <vector>

#include "accounts/catalogue.h"
#include "accounts/secrets.h"
#include "audit/audit.h"
#include "codec/json.h"
#include "service/audit_trail.h"

namespace fairqm::accounts {

using service::App;

namespace {

// A bearer secret is 43 characters (plus a prefix); anything far longer is
// not one of ours and is not worth hashing.
constexpr std::size_t kMaxPresentedSecret = 256;

// The earliest failure time that still counts at `now`: a failure ages out
// kFailureWindow after it happened.
TimeMs WindowStart(TimeMs now) { return now - kFailureWindow + 1; }

// When the lock over these failures (oldest first) lifts, if `limit` or more
// still count: once the (n - limit)th ages out, fewer than `limit` are left.
std::optional<TimeMs> LockedUntil(const std::vector<TimeMs>& failures, int limit) {
  const std::size_t needed = static_cast<std::size_t>(limit);
  if (failures.size() < needed) return std::nullopt;
  return failures[failures.size() - needed] + kFailureWindow;
}

struct Lock {
  bool locked = false;
  TimeMs until = 0;
};

// AVG-32: throttling by user name and by remote address.
Result<Lock> CheckLock(db::Connection& conn, std::string_view username_key,
                       std::string_view remote_address, TimeMs now) {
  FAIRQM_ASSIGN_OR_RETURN(auto by_name,
                          internal::FailuresForUsername(conn, username_key, WindowStart(now)));
  FAIRQM_ASSIGN_OR_RETURN(auto by_address,
                          internal::FailuresForAddress(conn, remote_address, WindowStart(now)));
  Lock lock;
  for (const auto& until : {LockedUntil(by_name, kMaxFailuresPerUsername),
                            LockedUntil(by_address, kMaxFailuresPerAddress)}) {
    if (until) {
      lock.locked = true;
      lock.until = std::max(lock.until, *until);
    }
  }
  return lock;
}

// AVG-5-accountability: every login attempt is on record. An attempt on an
// unknown user name has no actor to name: it is recorded as "anonymous",
// without the name that was typed (it may be a mistyped password).
Status AuditLogin(db::Connection& conn, TimeMs now,
                  const std::optional<internal::StoredAccount>& stored,
                  const policy::Decision& decision, codec::Json detail) {
  if (stored) {
    const Account& account = stored->account;
    service::AuditSubject subject{"account", account.id,
                                  IsEmployeeRole(account.role) ? account.employee_id : "",
                                  std::nullopt};
    detail["username"] = account.username;
    return service::Record(conn, now, ActorFor(account), "account.login", subject, decision,
                           detail);
  }
  audit::Entry entry;
  entry.at = now;
  entry.actor_id = "anonymous";
  entry.actor_role = "anonymous";
  entry.action = "account.login";
  entry.subject_kind = "account";
  entry.decision = decision.allowed ? audit::Decision::kAllowed : audit::Decision::kRefused;
  entry.rule = decision.rule;
  detail["unknown_username"] = true;
  if (!decision.allowed) detail["reason"] = decision.reason_en;
  entry.detail = detail.dump();
  auto seq = audit::Append(conn, entry);
  if (!seq.ok()) return seq.error();
  return OkStatus();
}

policy::Decision RefuseThrottled() {
  return policy::Decision::Refuse("AVG-32",
                                  "Te veel mislukte aanmeldpogingen; probeer het later opnieuw.",
                                  "Too many failed sign-in attempts; try again later.");
}

policy::Decision RefuseBadCredentials() {
  return policy::Decision::Refuse("AVG-32", "Gebruikersnaam of wachtwoord onjuist.",
                                  "Wrong user name or password.");
}

policy::Decision RefuseDisabled() {
  return policy::Decision::Refuse("AVG-32", "Dit account is uitgeschakeld.",
                                  "This account is disabled.");
}

bool SessionExpired(const internal::SessionRow& session, TimeMs now) {
  return now - session.last_seen_at >= kSessionIdleTimeout ||
         now - session.created_at >= kSessionLifetime;
}

}  // namespace

Result<LoginOutcome> Login(App& app, std::string_view username, std::string_view password,
                           std::string_view remote_address, const PasswordCost& cost) {
  const std::string key = internal::UsernameKey(username);
  const codec::Json where{{"remote_address", std::string(remote_address)}};

  // Read phase, on a reader: the lock, the account and the (slow) password
  // check happen outside any write transaction, so Argon2id never holds up
  // the catalogue's one writer.
  std::optional<internal::StoredAccount> stored;
  bool verified = false;
  std::optional<std::string> new_hash;
  Lock early;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(early, CheckLock(*reader, key, remote_address, app.Now()));
    if (username.size() <= kMaxUsernameBytes) {
      FAIRQM_ASSIGN_OR_RETURN(stored, internal::FindAccountByUsername(*reader, key));
    }
    // While locked, the password is not even looked at.
    if (!early.locked) {
      const bool has_hash = stored && !stored->password_hash.empty();
      // AVG-32: an unknown name costs as much as a known one, so response
      // times do not tell which user names exist.
      std::string hash;
      if (has_hash) {
        hash = stored->password_hash;
      } else {
        FAIRQM_ASSIGN_OR_RETURN(hash, DummyHash(cost));
      }
      verified = VerifyPassword(password, hash) && has_hash;
      if (verified && NeedsRehash(hash, cost)) {
        FAIRQM_ASSIGN_OR_RETURN(new_hash, HashPassword(password, cost));
      }
    }
  }

  // Write phase, one short transaction. The lock is checked again inside
  // it: attempts racing past the first check learn nothing once the limit
  // is reached, whatever their password.
  const TimeMs now = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_ASSIGN_OR_RETURN(Lock lock, CheckLock(*conn, key, remote_address, now));
  LoginOutcome outcome;
  if (early.locked || lock.locked) {
    outcome.status = LoginStatus::kThrottled;
    outcome.retry_after = std::max({early.until, lock.until, now});
    codec::Json detail = where;
    detail["retry_after"] = FormatTime(outcome.retry_after);
    FAIRQM_RETURN_IF_ERROR(AuditLogin(*conn, now, stored, RefuseThrottled(), detail));
    FAIRQM_RETURN_IF_ERROR(tx.Commit());
    return outcome;
  }
  if (verified) {
    // The password was checked against the hash read before this
    // transaction; a password change or disabling since then wins.
    FAIRQM_ASSIGN_OR_RETURN(auto fresh, internal::FindAccount(*conn, stored->account.id));
    if (!fresh || fresh->password_hash != stored->password_hash) {
      verified = false;
    } else {
      stored = std::move(fresh);
    }
  }
  if (!verified) {
    FAIRQM_RETURN_IF_ERROR(
        internal::RecordFailure(*conn, app.random(), key, remote_address, now, WindowStart(now)));
    FAIRQM_RETURN_IF_ERROR(AuditLogin(*conn, now, stored, RefuseBadCredentials(), where));
    FAIRQM_RETURN_IF_ERROR(tx.Commit());
    outcome.status = LoginStatus::kBadCredentials;
    return outcome;
  }
  if (stored->account.disabled) {
    FAIRQM_RETURN_IF_ERROR(AuditLogin(*conn, now, stored, RefuseDisabled(), where));
    FAIRQM_RETURN_IF_ERROR(tx.Commit());
    outcome.status = LoginStatus::kDisabled;
    return outcome;
  }
  if (new_hash) {
    // The installation raised its Argon2id cost: upgrade on the way in.
    stored->password_hash = *new_hash;
    FAIRQM_RETURN_IF_ERROR(internal::UpdateAccountSecrets(*conn, *stored));
  }
  internal::SessionRow session;
  session.id = NewId(app.random(), "sess");
  session.csrf_token = NewSecret(app.random());
  session.created_at = now;
  session.last_seen_at = now;
  session.account = *stored;
  const std::string token = NewSecret(app.random());
  FAIRQM_RETURN_IF_ERROR(
      internal::InsertSession(*conn, SecretHash(token), session, remote_address));
  FAIRQM_RETURN_IF_ERROR(internal::ClearFailuresForUsername(*conn, key));
  codec::Json detail = where;
  detail["session_id"] = session.id;
  detail["rehashed"] = new_hash.has_value();
  FAIRQM_RETURN_IF_ERROR(AuditLogin(*conn, now, stored, policy::Decision::Allow(), detail));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());

  SessionTicket ticket;
  ticket.token = token;
  ticket.csrf_token = session.csrf_token;
  ticket.expires_at = now + kSessionLifetime;
  ticket.principal.account = stored->account;
  ticket.principal.actor = ActorFor(stored->account);
  ticket.principal.scopes = RoleScopes(stored->account.role);
  ticket.principal.session_id = session.id;
  ticket.principal.csrf_token = session.csrf_token;
  outcome.status = LoginStatus::kOk;
  outcome.session = std::move(ticket);
  return outcome;
}

Result<std::optional<Principal>> ResolveSession(App& app, std::string_view token) {
  using Resolved = std::optional<Principal>;
  if (token.empty() || token.size() > kMaxPresentedSecret) return Resolved();
  const std::string hash = SecretHash(token);
  const TimeMs now = app.Now();
  std::optional<internal::SessionRow> session;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(session, internal::FindSession(*reader, hash));
  }
  if (!session) return Resolved();
  if (SessionExpired(*session, now) || session->account.account.disabled) {
    // Tidy up the dead session now that it was presented (rare).
    FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
    FAIRQM_RETURN_IF_ERROR(internal::DeleteSession(*writer, hash));
    return Resolved();
  }
  if (now - session->last_seen_at >= kTouchInterval) {
    FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
    FAIRQM_RETURN_IF_ERROR(internal::TouchSession(*writer, hash, now));
  }
  Principal principal;
  principal.account = session->account.account;
  principal.actor = ActorFor(principal.account);
  principal.via_token = false;
  principal.scopes = RoleScopes(principal.account.role);
  principal.session_id = session->id;
  principal.csrf_token = session->csrf_token;
  return Resolved(std::move(principal));
}

Result<std::optional<Principal>> ResolveApiToken(App& app, std::string_view token) {
  using Resolved = std::optional<Principal>;
  if (token.size() > kMaxPresentedSecret || token.rfind(kApiTokenPrefix, 0) != 0) {
    return Resolved();
  }
  const std::string hash = SecretHash(token);
  const TimeMs now = app.Now();
  std::optional<internal::TokenRow> found;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(found, internal::FindApiTokenByHash(*reader, hash));
  }
  if (!found) return Resolved();
  const ApiToken& api_token = found->token;
  if (api_token.revoked_at && *api_token.revoked_at <= now) return Resolved();
  if (api_token.expires_at && *api_token.expires_at <= now) return Resolved();
  if (found->account.account.disabled) return Resolved();
  if (!api_token.last_used_at || now - *api_token.last_used_at >= kTouchInterval) {
    FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
    FAIRQM_RETURN_IF_ERROR(internal::TouchApiToken(*writer, api_token.id, now));
  }
  Principal principal;
  principal.account = found->account.account;
  principal.actor = ActorFor(principal.account);
  principal.via_token = true;
  // AVG-32: never more than the role allows, even for a token stored
  // before the role's scopes were narrowed.
  const std::set<std::string> allowed = RoleScopes(principal.account.role);
  std::set_intersection(api_token.scopes.begin(), api_token.scopes.end(), allowed.begin(),
                        allowed.end(), std::inserter(principal.scopes, principal.scopes.end()));
  return Resolved(std::move(principal));
}

Status Logout(App& app, std::string_view token) {
  if (token.empty() || token.size() > kMaxPresentedSecret) return OkStatus();
  const std::string hash = SecretHash(token);
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_ASSIGN_OR_RETURN(auto session, internal::FindSession(*conn, hash));
  if (!session) return tx.Commit();
  FAIRQM_RETURN_IF_ERROR(internal::DeleteSession(*conn, hash));
  const Account& account = session->account.account;
  service::AuditSubject subject{
      "account", account.id, IsEmployeeRole(account.role) ? account.employee_id : "", std::nullopt};
  FAIRQM_RETURN_IF_ERROR(service::Record(*conn, app.Now(), ActorFor(account), "account.logout",
                                         subject, policy::Decision::Allow(),
                                         codec::Json{{"session_id", session->id}}));
  return tx.Commit();
}

bool CsrfMatches(const Principal& principal, std::string_view header) {
  return ConstantTimeEquals(principal.csrf_token, header);
}

Status PruneExpired(App& app) {
  const TimeMs now = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  // A session is expired once now - last_seen >= idle timeout, i.e.
  // last_seen <= now - timeout: delete strictly below the next millisecond.
  FAIRQM_RETURN_IF_ERROR(internal::DeleteExpiredSessions(*conn, now - kSessionIdleTimeout + 1,
                                                         now - kSessionLifetime + 1));
  FAIRQM_RETURN_IF_ERROR(internal::PruneFailures(*conn, WindowStart(now)));
  return tx.Commit();
}

}  // namespace fairqm::accounts
