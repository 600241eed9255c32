// accounts/catalogue: the SQL of the accounts tables (migration 0003) and the
// row mapping shared by accounts.cc and sessions.cc. Internal to
// src/accounts; the public API is accounts.h and sessions.h.
//
// Free functions over the caller's connection; thread-safety is the
// connection's. Stored role names this binary does not know fail with
// kCorrupt.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/accounts.h"
#include "common/random.h"
#include "common/result.h"
#include "db/db.h"

namespace fairqm::accounts::internal {

// An account with its password hash, which never leaves this module.
struct StoredAccount {
  Account account;
  std::string password_hash;  // "" = no password
};

// The user name as compared: ASCII lower case.
std::string UsernameKey(std::string_view username);

// The accounts columns as selected by every query below, from table alias a.
inline constexpr std::size_t kAccountColumnCount = 11;
Result<StoredAccount> AccountFromRow(const db::Row& row, std::size_t first_column);

Result<std::optional<StoredAccount>> FindAccount(db::Connection& conn, std::string_view id);
Result<StoredAccount> GetAccount(db::Connection& conn, std::string_view id);  // kNotFound
Result<std::optional<StoredAccount>> FindAccountByUsername(db::Connection& conn,
                                                           std::string_view username_key);
Result<std::optional<StoredAccount>> FindAccountByEmployee(db::Connection& conn,
                                                           std::string_view employee_id);
Result<std::vector<Account>> ListAllAccounts(db::Connection& conn);
Status InsertAccount(db::Connection& conn, const StoredAccount& stored);
// Writes password_hash, password_changed_at and disabled.
Status UpdateAccountSecrets(db::Connection& conn, const StoredAccount& stored);
Status DeleteSessionsOf(db::Connection& conn, std::string_view account_id);

// Failed logins at or after `since`, oldest first.
Result<std::vector<TimeMs>> FailuresForUsername(db::Connection& conn, std::string_view username_key,
                                                TimeMs since);
Result<std::vector<TimeMs>> FailuresForAddress(db::Connection& conn,
                                               std::string_view remote_address, TimeMs since);
// Records one failure and drops every failure older than `prune_before`.
Status RecordFailure(db::Connection& conn, Random& random, std::string_view username_key,
                     std::string_view remote_address, TimeMs at, TimeMs prune_before);
Status ClearFailuresForUsername(db::Connection& conn, std::string_view username_key);

Status InsertApiToken(db::Connection& conn, const ApiToken& token, std::string_view token_hash);
Result<ApiToken> GetApiToken(db::Connection& conn, std::string_view id);  // kNotFound
Result<std::vector<ApiToken>> ListApiTokensOf(db::Connection& conn, std::string_view account_id);
Status SetApiTokenRevoked(db::Connection& conn, std::string_view id, TimeMs at);

// A session as looked up on every request, with its account.
struct SessionRow {
  std::string id;
  std::string csrf_token;
  TimeMs created_at = 0;
  TimeMs last_seen_at = 0;
  StoredAccount account;
};
Result<std::optional<SessionRow>> FindSession(db::Connection& conn, std::string_view token_hash);
Status InsertSession(db::Connection& conn, std::string_view token_hash, const SessionRow& session,
                     std::string_view remote_address);
Status TouchSession(db::Connection& conn, std::string_view token_hash, TimeMs now);
Status DeleteSession(db::Connection& conn, std::string_view token_hash);
// Sessions last seen before idle_before or created before created_before.
Status DeleteExpiredSessions(db::Connection& conn, TimeMs idle_before, TimeMs created_before);
Status PruneFailures(db::Connection& conn, TimeMs before);

// An API token as looked up on every request, with its account.
struct TokenRow {
  ApiToken token;
  StoredAccount account;
};
Result<std::optional<TokenRow>> FindApiTokenByHash(db::Connection& conn,
                                                   std::string_view token_hash);
Status TouchApiToken(db::Connection& conn, std::string_view id, TimeMs now);

// The scope set as stored (a JSON array) and back.
std::string ScopesText(const std::set<std::string>& scopes);
Result<std::set<std::string>> ParseScopes(std::string_view text);

}  // namespace fairqm::accounts::internal
