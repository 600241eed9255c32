#include "accounts/catalogue.h"

#include "codec/json.h"
#include "domain/names.h"

namespace fairqm::accounts::internal {
namespace {

#define FAIRQM_ACCOUNT_COLUMNS                                                     \
  "a.id, a.username, a.display_name, a.role, a.employee_id, a.client_id, a.lang, " \
  "a.password_hash, a.disabled, a.created_at, a.password_changed_at"

constexpr char kSelectAccountById[] =
    "SELECT " FAIRQM_ACCOUNT_COLUMNS " FROM accounts a WHERE a.id = $1";
constexpr char kSelectAccountByUsername[] =
    "SELECT " FAIRQM_ACCOUNT_COLUMNS " FROM accounts a WHERE a.username_key = $1";
constexpr char kSelectAccountByEmployee[] =
    "SELECT " FAIRQM_ACCOUNT_COLUMNS " FROM accounts a WHERE a.employee_id = $1";
constexpr char kSelectAllAccounts[] =
    "SELECT " FAIRQM_ACCOUNT_COLUMNS " FROM accounts a ORDER BY a.username_key";
constexpr char kInsertAccount[] =
    "INSERT INTO accounts (id, username, username_key, display_name, role, employee_id, "
    "client_id, lang, password_hash, disabled, created_at, password_changed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
constexpr char kUpdateAccountSecrets[] =
    "UPDATE accounts SET password_hash = $2, password_changed_at = $3, disabled = $4 "
    "WHERE id = $1";
constexpr char kDeleteSessionsOf[] = "DELETE FROM sessions WHERE account_id = $1";

constexpr char kFailuresForUsername[] =
    "SELECT at FROM login_failures WHERE username_key = $1 AND at >= $2 ORDER BY at";
constexpr char kFailuresForAddress[] =
    "SELECT at FROM login_failures WHERE remote_address = $1 AND at >= $2 ORDER BY at";
constexpr char kInsertFailure[] =
    "INSERT INTO login_failures (id, username_key, remote_address, at) VALUES ($1, $2, $3, $4)";
constexpr char kPruneFailures[] = "DELETE FROM login_failures WHERE at < $1";
constexpr char kClearFailuresForUsername[] = "DELETE FROM login_failures WHERE username_key = $1";

#define FAIRQM_TOKEN_COLUMNS \
  "id, account_id, label, scopes, created_at, expires_at, revoked_at, last_used_at"

constexpr char kInsertApiToken[] =
    "INSERT INTO api_tokens (id, token_hash, account_id, label, scopes, created_at, expires_at, "
    "revoked_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL)";
constexpr char kSelectApiToken[] = "SELECT " FAIRQM_TOKEN_COLUMNS " FROM api_tokens WHERE id = $1";
constexpr char kSelectApiTokensOf[] = "SELECT " FAIRQM_TOKEN_COLUMNS
                                      " FROM api_tokens WHERE account_id = $1 "
                                      "ORDER BY created_at, id";
constexpr char kRevokeApiToken[] =
    "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";

constexpr char kSelectSession[] =
    "SELECT s.id, s.csrf_token, s.created_at, s.last_seen_at, " FAIRQM_ACCOUNT_COLUMNS
    " FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1";
constexpr char kInsertSession[] =
    "INSERT INTO sessions (token_hash, id, account_id, csrf_token, remote_address, created_at, "
    "last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr char kTouchSession[] = "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = $1";
constexpr char kDeleteIdleSessions[] = "DELETE FROM sessions WHERE last_seen_at < $1";
constexpr char kDeleteOldSessions[] = "DELETE FROM sessions WHERE created_at < $1";

constexpr char kSelectTokenByHash[] =
    "SELECT t.id, t.account_id, t.label, t.scopes, t.created_at, t.expires_at, t.revoked_at, "
    "t.last_used_at, " FAIRQM_ACCOUNT_COLUMNS
    " FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = $1";
constexpr char kTouchApiToken[] = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1";

#undef FAIRQM_ACCOUNT_COLUMNS
#undef FAIRQM_TOKEN_COLUMNS

db::Value OptTime(const std::optional<TimeMs>& time) {
  return time ? db::Value(*time) : db::Null();
}

Result<std::optional<StoredAccount>> FindOne(db::Connection& conn, std::string_view sql,
                                             std::string_view key) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, {std::string(key)}));
  if (rows.empty()) return std::optional<StoredAccount>();
  FAIRQM_ASSIGN_OR_RETURN(StoredAccount stored, AccountFromRow(rows[0], 0));
  return std::optional<StoredAccount>(std::move(stored));
}

Result<std::vector<TimeMs>> Times(db::Connection& conn, std::string_view sql, std::string_view key,
                                  TimeMs since) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, {std::string(key), since}));
  std::vector<TimeMs> times;
  times.reserve(rows.size());
  for (const db::Row& row : rows) times.push_back(row.Int(0));
  return times;
}

Result<ApiToken> TokenFromRow(const db::Row& row) {
  ApiToken token;
  token.id = row.Text(0);
  token.account_id = row.Text(1);
  token.label = row.Text(2);
  FAIRQM_ASSIGN_OR_RETURN(token.scopes, ParseScopes(row.Text(3)));
  token.created_at = row.Int(4);
  token.expires_at = row.OptInt(5);
  token.revoked_at = row.OptInt(6);
  token.last_used_at = row.OptInt(7);
  return token;
}

Status Done(const Result<std::int64_t>& changed) {
  if (!changed.ok()) return changed.error();
  return OkStatus();
}

}  // namespace

std::string UsernameKey(std::string_view username) {
  std::string key(username);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

Result<StoredAccount> AccountFromRow(const db::Row& row, std::size_t first) {
  StoredAccount stored;
  Account& a = stored.account;
  a.id = row.Text(first + 0);
  a.username = row.Text(first + 1);
  a.display_name = row.Text(first + 2);
  const std::string role = row.Text(first + 3);
  std::optional<domain::Role> parsed = domain::ParseRole(role);
  if (!parsed) {
    return MakeError(ErrorCode::kCorrupt, "unknown role '" + role + "' in account " + a.id);
  }
  a.role = *parsed;
  a.employee_id = row.Text(first + 4);
  a.client_id = row.Text(first + 5);
  a.lang = row.Text(first + 6);
  stored.password_hash = row.Text(first + 7);
  a.has_password = !stored.password_hash.empty();
  a.disabled = row.Int(first + 8) != 0;
  a.created_at = row.Int(first + 9);
  a.password_changed_at = row.Int(first + 10);
  return stored;
}

Result<std::optional<StoredAccount>> FindAccount(db::Connection& conn, std::string_view id) {
  return FindOne(conn, kSelectAccountById, id);
}

Result<StoredAccount> GetAccount(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(auto found, FindAccount(conn, id));
  if (!found) return MakeError(ErrorCode::kNotFound, "account " + std::string(id) + " not found");
  return std::move(*found);
}

Result<std::optional<StoredAccount>> FindAccountByUsername(db::Connection& conn,
                                                           std::string_view username_key) {
  return FindOne(conn, kSelectAccountByUsername, username_key);
}

Result<std::optional<StoredAccount>> FindAccountByEmployee(db::Connection& conn,
                                                           std::string_view employee_id) {
  return FindOne(conn, kSelectAccountByEmployee, employee_id);
}

Result<std::vector<Account>> ListAllAccounts(db::Connection& conn) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kSelectAllAccounts));
  std::vector<Account> accounts;
  accounts.reserve(rows.size());
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(StoredAccount stored, AccountFromRow(row, 0));
    accounts.push_back(std::move(stored.account));
  }
  return accounts;
}

Status InsertAccount(db::Connection& conn, const StoredAccount& stored) {
  const Account& a = stored.account;
  return Done(conn.Exec(
      kInsertAccount,
      {a.id, a.username, UsernameKey(a.username), a.display_name, std::string(domain::Name(a.role)),
       a.employee_id, a.client_id, a.lang, stored.password_hash, std::int64_t{a.disabled ? 1 : 0},
       a.created_at, a.password_changed_at}));
}

Status UpdateAccountSecrets(db::Connection& conn, const StoredAccount& stored) {
  const Account& a = stored.account;
  return Done(conn.Exec(kUpdateAccountSecrets, {a.id, stored.password_hash, a.password_changed_at,
                                                std::int64_t{a.disabled ? 1 : 0}}));
}

Status DeleteSessionsOf(db::Connection& conn, std::string_view account_id) {
  return Done(conn.Exec(kDeleteSessionsOf, {std::string(account_id)}));
}

Result<std::vector<TimeMs>> FailuresForUsername(db::Connection& conn, std::string_view username_key,
                                                TimeMs since) {
  return Times(conn, kFailuresForUsername, username_key, since);
}

Result<std::vector<TimeMs>> FailuresForAddress(db::Connection& conn,
                                               std::string_view remote_address, TimeMs since) {
  return Times(conn, kFailuresForAddress, remote_address, since);
}

Status RecordFailure(db::Connection& conn, Random& random, std::string_view username_key,
                     std::string_view remote_address, TimeMs at, TimeMs prune_before) {
  FAIRQM_RETURN_IF_ERROR(PruneFailures(conn, prune_before));
  return Done(conn.Exec(kInsertFailure, {NewId(random, "fail"), std::string(username_key),
                                         std::string(remote_address), at}));
}

Status ClearFailuresForUsername(db::Connection& conn, std::string_view username_key) {
  return Done(conn.Exec(kClearFailuresForUsername, {std::string(username_key)}));
}

Status InsertApiToken(db::Connection& conn, const ApiToken& token, std::string_view token_hash) {
  return Done(conn.Exec(kInsertApiToken,
                        {token.id, std::string(token_hash), token.account_id, token.label,
                         ScopesText(token.scopes), token.created_at, OptTime(token.expires_at)}));
}

Result<ApiToken> GetApiToken(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kSelectApiToken, {std::string(id)}));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "API token " + std::string(id) + " not found");
  }
  return TokenFromRow(rows[0]);
}

Result<std::vector<ApiToken>> ListApiTokensOf(db::Connection& conn, std::string_view account_id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kSelectApiTokensOf, {std::string(account_id)}));
  std::vector<ApiToken> tokens;
  tokens.reserve(rows.size());
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(ApiToken token, TokenFromRow(row));
    tokens.push_back(std::move(token));
  }
  return tokens;
}

Status SetApiTokenRevoked(db::Connection& conn, std::string_view id, TimeMs at) {
  return Done(conn.Exec(kRevokeApiToken, {std::string(id), at}));
}

Result<std::optional<SessionRow>> FindSession(db::Connection& conn, std::string_view token_hash) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kSelectSession, {std::string(token_hash)}));
  if (rows.empty()) return std::optional<SessionRow>();
  SessionRow session;
  session.id = rows[0].Text(0);
  session.csrf_token = rows[0].Text(1);
  session.created_at = rows[0].Int(2);
  session.last_seen_at = rows[0].Int(3);
  FAIRQM_ASSIGN_OR_RETURN(session.account, AccountFromRow(rows[0], 4));
  return std::optional<SessionRow>(std::move(session));
}

Status InsertSession(db::Connection& conn, std::string_view token_hash, const SessionRow& session,
                     std::string_view remote_address) {
  return Done(conn.Exec(
      kInsertSession,
      {std::string(token_hash), session.id, session.account.account.id, session.csrf_token,
       std::string(remote_address), session.created_at, session.last_seen_at}));
}

Status TouchSession(db::Connection& conn, std::string_view token_hash, TimeMs now) {
  return Done(conn.Exec(kTouchSession, {std::string(token_hash), now}));
}

Status DeleteSession(db::Connection& conn, std::string_view token_hash) {
  return Done(conn.Exec(kDeleteSession, {std::string(token_hash)}));
}

Status DeleteExpiredSessions(db::Connection& conn, TimeMs idle_before, TimeMs created_before) {
  FAIRQM_RETURN_IF_ERROR(Done(conn.Exec(kDeleteIdleSessions, {idle_before})));
  return Done(conn.Exec(kDeleteOldSessions, {created_before}));
}

Status PruneFailures(db::Connection& conn, TimeMs before) {
  return Done(conn.Exec(kPruneFailures, {before}));
}

Result<std::optional<TokenRow>> FindApiTokenByHash(db::Connection& conn,
                                                   std::string_view token_hash) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kSelectTokenByHash, {std::string(token_hash)}));
  if (rows.empty()) return std::optional<TokenRow>();
  TokenRow found;
  FAIRQM_ASSIGN_OR_RETURN(found.token, TokenFromRow(rows[0]));
  FAIRQM_ASSIGN_OR_RETURN(found.account, AccountFromRow(rows[0], 8));
  return std::optional<TokenRow>(std::move(found));
}

Status TouchApiToken(db::Connection& conn, std::string_view id, TimeMs now) {
  return Done(conn.Exec(kTouchApiToken, {std::string(id), now}));
}

std::string ScopesText(const std::set<std::string>& scopes) {
  codec::Json array = codec::Json::array();
  for (const std::string& scope : scopes) array.push_back(scope);
  return array.dump();
}

Result<std::set<std::string>> ParseScopes(std::string_view text) {
  auto parsed = codec::ParseJsonText(text);
  if (!parsed.ok() || !parsed->is_array()) {
    return MakeError(ErrorCode::kCorrupt, "stored API token scopes are not a JSON array");
  }
  std::set<std::string> scopes;
  for (const auto& item : *parsed) {
    if (!item.is_string()) {
      return MakeError(ErrorCode::kCorrupt, "stored API token scope is not a string");
    }
    scopes.insert(item.get<std::string>());
  }
  return scopes;
}

}  // namespace fairqm::accounts::internal
