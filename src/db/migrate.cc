#include "db/migrate.h"

#include <algorithm>
#include <charconv>

namespace fairqm::db {
namespace internal {
struct EmbeddedMigrationFile {
  std::string_view engine;
  std::string_view file_name;
  std::string_view sql;
};
// Defined in the generated embedded_migrations.cc (src/db/CMakeLists.txt).
extern const EmbeddedMigrationFile kEmbeddedMigrationFiles[];
extern const std::size_t kEmbeddedMigrationFileCount;
}  // namespace internal

namespace {

constexpr std::string_view kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";
constexpr std::string_view kSelectCurrentVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kSelectVersionApplied =
    "SELECT 1 FROM schema_migrations WHERE version = $1";
constexpr std::string_view kInsertVersion =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";
// Whether the version table exists, per engine: the catalogue of an empty
// database has no such table and reading it must not create it.
constexpr std::string_view kSqliteVersionTableExists =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr std::string_view kPostgresVersionTableExists =
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'";

// "0007_add_holds.sql" → {7, "add_holds"}.
Result<Migration> ParseFileName(std::string_view file_name, std::string_view sql) {
  constexpr std::string_view kSuffix = ".sql";
  const std::size_t underscore = file_name.find('_');
  if (underscore != 4 || file_name.size() <= 4 + 1 + kSuffix.size() ||
      file_name.substr(file_name.size() - kSuffix.size()) != kSuffix) {
    return MakeError(ErrorCode::kInternal,
                     "migration file not named NNNN_name.sql: " + std::string(file_name));
  }
  int version = 0;
  const auto [end, ec] = std::from_chars(file_name.data(), file_name.data() + 4, version);
  if (ec != std::errc() || end != file_name.data() + 4 || version <= 0) {
    return MakeError(ErrorCode::kInternal,
                     "migration file not named NNNN_name.sql: " + std::string(file_name));
  }
  Migration migration;
  migration.version = version;
  migration.name = std::string(file_name.substr(5, file_name.size() - 5 - kSuffix.size()));
  migration.sql = sql;
  return migration;
}

}  // namespace

Result<std::vector<Migration>> EmbeddedMigrations(std::string_view engine) {
  std::vector<Migration> migrations;
  for (std::size_t index = 0; index < internal::kEmbeddedMigrationFileCount; ++index) {
    const auto& file = internal::kEmbeddedMigrationFiles[index];
    if (file.engine != engine) continue;
    FAIRQM_ASSIGN_OR_RETURN(Migration migration, ParseFileName(file.file_name, file.sql));
    migrations.push_back(std::move(migration));
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t index = 0; index < migrations.size(); ++index) {
    if (migrations[index].version != static_cast<int>(index) + 1) {
      return MakeError(ErrorCode::kInternal,
                       "embedded " + std::string(engine) + " migrations are not numbered 1.." +
                           std::to_string(migrations.size()) + " without gaps");
    }
  }
  return migrations;
}

Result<int> LatestKnownVersion(std::string_view engine) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<Migration> migrations, EmbeddedMigrations(engine));
  return migrations.empty() ? 0 : migrations.back().version;
}

Result<int> CurrentVersion(Connection& connection) {
  const std::string_view exists_sql =
      connection.Engine() == "postgres" ? kPostgresVersionTableExists : kSqliteVersionTableExists;
  FAIRQM_ASSIGN_OR_RETURN(Rows exists, connection.Query(exists_sql));
  if (exists.empty() || exists[0].Int(0) == 0) return 0;
  FAIRQM_ASSIGN_OR_RETURN(Rows rows, connection.Query(kSelectCurrentVersion));
  return static_cast<int>(rows.empty() ? 0 : rows[0].Int(0));
}

namespace {

Status CheckAgainst(Connection& connection, int latest) {
  FAIRQM_ASSIGN_OR_RETURN(int current, CurrentVersion(connection));
  if (current > latest) {
    return MakeError(ErrorCode::kConflict, "catalogue version " + std::to_string(current) +
                                               " is newer than this fairqm (" +
                                               std::to_string(latest) + "); upgrade fairqm");
  }
  return OkStatus();
}

}  // namespace

Status CheckVersion(Connection& connection) {
  FAIRQM_ASSIGN_OR_RETURN(int latest, LatestKnownVersion(connection.Engine()));
  return CheckAgainst(connection, latest);
}

Result<int> Migrate(Connection& connection, TimeMs now) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<Migration> migrations,
                          EmbeddedMigrations(connection.Engine()));
  return MigrateWith(connection, migrations, now);
}

Result<int> MigrateWith(Connection& connection, const std::vector<Migration>& migrations,
                        TimeMs now) {
  if (connection.InTransaction()) {
    return MakeError(ErrorCode::kInternal, "Migrate must not run inside a transaction");
  }
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  FAIRQM_RETURN_IF_ERROR(CheckAgainst(connection, latest));
  FAIRQM_RETURN_IF_ERROR(connection.ExecScript(kCreateVersionTable));
  int applied = 0;
  for (const Migration& migration : migrations) {
    FAIRQM_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(connection));
    // Checked inside the write transaction: another process may have applied
    // it between our version check and now.
    FAIRQM_ASSIGN_OR_RETURN(
        Rows done, connection.Query(kSelectVersionApplied, {std::int64_t{migration.version}}));
    if (!done.empty()) continue;
    Status script = connection.ExecScript(migration.sql);
    if (!script.ok()) {
      return MakeError(script.error().code, "migration " + std::to_string(migration.version) +
                                                " (" + migration.name +
                                                ") failed: " + script.error().message);
    }
    FAIRQM_RETURN_IF_ERROR(connection.Exec(
        kInsertVersion, {std::int64_t{migration.version}, migration.name, std::int64_t{now}}));
    FAIRQM_RETURN_IF_ERROR(transaction.Commit());
    ++applied;
  }
  return applied;
}

}  // namespace fairqm::db
