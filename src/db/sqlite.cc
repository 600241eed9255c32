#include "db/sqlite.h"

#include <sqlite3.h>

#include <cassert>
#include <charconv>
#include <filesystem>
#include <string_view>
#include <unordered_map>

namespace fairqm::db {
namespace {

constexpr std::size_t kMaxCachedStatements = 256;
constexpr std::size_t kMaxIdleHandles = 4;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

Error SqliteError(sqlite3* db, int rc, std::string_view sql) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string text = message;
  if (!sql.empty()) {
    constexpr std::size_t kShown = 120;
    text += " (in: ";
    text += sql.substr(0, kShown);
    if (sql.size() > kShown) text += "…";
    text += ")";
  }
  // Constraint violations are the caller's conflict (duplicate key, failed
  // CHECK, foreign key); everything else is an engine failure.
  const ErrorCode code = (rc & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::kConflict : ErrorCode::kIo;
  return MakeError(code, "sqlite: " + text);
}

bool OnlyWhitespaceOrComments(std::string_view tail) {
  std::size_t pos = 0;
  while (pos < tail.size()) {
    const char c = tail[pos];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ';') {
      ++pos;
    } else if (tail.substr(pos, 2) == "--") {
      const std::size_t end = tail.find('\n', pos);
      pos = end == std::string_view::npos ? tail.size() : end + 1;
    } else {
      return false;
    }
  }
  return true;
}

// "$7" → 7; anything else → 0.
int PlaceholderNumber(const char* name) {
  if (name == nullptr || name[0] != '$' || name[1] < '1' || name[1] > '9') return 0;
  const std::string_view digits(name + 1);
  int number = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc() || end != digits.data() + digits.size()) return 0;
  return number;
}

}  // namespace

// One open sqlite3 handle and its prepared statements.
class SqliteHandle {
 public:
  struct Statement {
    sqlite3_stmt* stmt = nullptr;
    // slot_numbers[i] is the `$n` bound at SQLite parameter index i + 1.
    std::vector<int> slot_numbers;
    int param_count = 0;  // the largest n; all of 1..n appear
  };

  explicit SqliteHandle(sqlite3* db) : db_(db) {}
  ~SqliteHandle() {
    for (auto& [sql, statement] : cache_) sqlite3_finalize(statement.stmt);
    sqlite3_close_v2(db_);
  }
  SqliteHandle(const SqliteHandle&) = delete;
  SqliteHandle& operator=(const SqliteHandle&) = delete;

  sqlite3* db() const { return db_; }

  Result<Statement*> Prepare(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) return &it->second;
    if (cache_.size() >= kMaxCachedStatements) {
      for (auto& [text, statement] : cache_) sqlite3_finalize(statement.stmt);
      cache_.clear();
    }
    Statement statement;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement.stmt, &tail);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
    if (statement.stmt == nullptr) {
      return MakeError(ErrorCode::kInvalidInput, "empty SQL statement");
    }
    const std::string_view rest(tail, sql.data() + sql.size() - tail);
    if (!OnlyWhitespaceOrComments(rest)) {
      sqlite3_finalize(statement.stmt);
      return MakeError(ErrorCode::kInvalidInput,
                       "more than one SQL statement; use ExecScript: " + std::string(sql));
    }
    const int slots = sqlite3_bind_parameter_count(statement.stmt);
    for (int slot = 1; slot <= slots; ++slot) {
      const int number = PlaceholderNumber(sqlite3_bind_parameter_name(statement.stmt, slot));
      if (number == 0 || number > slots) {
        // SQLite gives each distinct name one slot, so a number larger than
        // the slot count means a gap ($1, $3 without $2), which PostgreSQL
        // refuses as well.
        sqlite3_finalize(statement.stmt);
        return MakeError(ErrorCode::kInvalidInput,
                         "placeholders must be $1..$n without gaps: " + std::string(sql));
      }
      statement.slot_numbers.push_back(number);
    }
    statement.param_count = slots;
    auto [it, inserted] = cache_.emplace(std::string(sql), std::move(statement));
    return &it->second;
  }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, Statement, StringHash, std::equal_to<>> cache_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(SqliteDatabase* database, std::unique_ptr<SqliteHandle> handle, bool writer)
      : database_(database), handle_(std::move(handle)), writer_(writer) {
    database_->open_connections_.fetch_add(1);
  }

  ~SqliteConnection() override {
    if (InTransaction()) (void)Rollback();
    const bool reusable = sqlite3_get_autocommit(handle_->db()) != 0;
    if (reusable) database_->ReturnHandle(std::move(handle_), writer_);
    database_->open_connections_.fetch_sub(1);
  }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    std::unique_lock<std::timed_mutex> lock;
    if (writer_ && !in_transaction_) {
      FAIRQM_RETURN_IF_ERROR(database_->LockWriter());
      lock = std::unique_lock<std::timed_mutex>(database_->writer_mutex_, std::adopt_lock);
    }
    FAIRQM_ASSIGN_OR_RETURN(SqliteHandle::Statement * statement, handle_->Prepare(sql));
    FAIRQM_RETURN_IF_ERROR(Bind(*statement, sql, params));
    StatementReset reset{statement->stmt};
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW) rc = sqlite3_step(statement->stmt);
    if (rc != SQLITE_DONE) return SqliteError(handle_->db(), rc, sql);
    return static_cast<std::int64_t>(sqlite3_changes64(handle_->db()));
  }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    FAIRQM_ASSIGN_OR_RETURN(SqliteHandle::Statement * statement, handle_->Prepare(sql));
    FAIRQM_RETURN_IF_ERROR(Bind(*statement, sql, params));
    StatementReset reset{statement->stmt};
    sqlite3_stmt* stmt = statement->stmt;
    const int columns = sqlite3_column_count(stmt);
    Rows rows;
    while (true) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return SqliteError(handle_->db(), rc, sql);
      Row row;
      row.values.reserve(static_cast<std::size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        switch (sqlite3_column_type(stmt, column)) {
          case SQLITE_INTEGER:
            row.values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, column)));
            break;
          case SQLITE_FLOAT:
            row.values.emplace_back(sqlite3_column_double(stmt, column));
            break;
          case SQLITE_TEXT:
          case SQLITE_BLOB: {
            const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, column));
            const int size = sqlite3_column_bytes(stmt, column);
            row.values.emplace_back(
                std::string(data == nullptr ? "" : data, static_cast<std::size_t>(size)));
            break;
          }
          default:
            row.values.emplace_back(std::monostate{});
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Status ExecScript(std::string_view sql) override {
    std::unique_lock<std::timed_mutex> lock;
    if (writer_ && !in_transaction_) {
      FAIRQM_RETURN_IF_ERROR(database_->LockWriter());
      lock = std::unique_lock<std::timed_mutex>(database_->writer_mutex_, std::adopt_lock);
    }
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(handle_->db(), text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      const ErrorCode code =
          (rc & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::kConflict : ErrorCode::kIo;
      return MakeError(code, "sqlite: " + detail);
    }
    return OkStatus();
  }

  Status Begin() override {
    if (in_transaction_) return MakeError(ErrorCode::kInternal, "transaction already open");
    if (!writer_) {
      // A read snapshot: every query until Commit sees the same catalogue.
      FAIRQM_RETURN_IF_ERROR(Exec("BEGIN", {}));
      in_transaction_ = true;
      return OkStatus();
    }
    FAIRQM_RETURN_IF_ERROR(database_->LockWriter());
    in_transaction_ = true;  // statements below must not take the mutex again
    // IMMEDIATE takes SQLite's write lock now, so another process's writer
    // waits here (busy timeout) rather than failing at the first write.
    Result<std::int64_t> begun = Exec("BEGIN IMMEDIATE", {});
    if (!begun.ok()) {
      in_transaction_ = false;
      database_->UnlockWriter();
      return begun.error();
    }
    return OkStatus();
  }

  Status Commit() override { return End("COMMIT"); }
  Status Rollback() override { return End("ROLLBACK"); }
  bool InTransaction() const override { return in_transaction_; }
  std::string_view Engine() const override { return "sqlite"; }

 private:
  // Resets a statement and drops its bindings when a call ends, however it
  // ends, so the cached statement is ready for the next call.
  struct StatementReset {
    sqlite3_stmt* stmt;
    ~StatementReset() {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
    }
  };

  Status Bind(const SqliteHandle::Statement& statement, std::string_view sql,
              const Params& params) {
    if (params.size() != static_cast<std::size_t>(statement.param_count)) {
      return MakeError(ErrorCode::kInvalidInput,
                       "statement takes " + std::to_string(statement.param_count) +
                           " parameters, got " + std::to_string(params.size()) + ": " +
                           std::string(sql.substr(0, 120)));
    }
    sqlite3_stmt* stmt = statement.stmt;
    for (std::size_t slot = 0; slot < statement.slot_numbers.size(); ++slot) {
      const Value& value = params[static_cast<std::size_t>(statement.slot_numbers[slot] - 1)];
      const int index = static_cast<int>(slot) + 1;
      int rc = SQLITE_OK;
      if (const auto* i = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(stmt, index, *i);
      } else if (const auto* d = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else if (const auto* s = std::get_if<std::string>(&value)) {
        // SQLITE_STATIC: params outlive the statement's use in this call and
        // the bindings are cleared when it ends (StatementReset).
        rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) {
        sqlite3_clear_bindings(stmt);
        return SqliteError(handle_->db(), rc, sql);
      }
    }
    return OkStatus();
  }

  Status End(const char* verb) {
    if (!in_transaction_) return MakeError(ErrorCode::kInternal, "no transaction open");
    Result<std::int64_t> ended = Exec(verb, {});
    // A failed COMMIT can leave the transaction open; the writer mutex is
    // released only once SQLite is really back in autocommit mode.
    if (sqlite3_get_autocommit(handle_->db()) != 0) {
      in_transaction_ = false;
      if (writer_) database_->UnlockWriter();
    }
    if (!ended.ok()) return ended.error();
    return OkStatus();
  }

  SqliteDatabase* database_;
  std::unique_ptr<SqliteHandle> handle_;
  const bool writer_;
  bool in_transaction_ = false;
};

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                             Options options) {
  if (path.empty() || path == ":memory:") {
    return MakeError(ErrorCode::kInvalidInput, "the catalogue must be a file (WAL mode)");
  }
  if (!options.create) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return MakeError(ErrorCode::kNotFound, "catalogue not found: " + path);
    }
  }
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(path, options));
  FAIRQM_ASSIGN_OR_RETURN(std::unique_ptr<SqliteHandle> handle, database->TakeHandle(true));
  // WAL is a property of the file: set once, every later connection sees it.
  SqliteConnection setup(database.get(), std::move(handle), true);
  FAIRQM_ASSIGN_OR_RETURN(Rows mode, setup.Query("PRAGMA journal_mode=WAL", {}));
  if (mode.empty() || mode[0].Text(0) != "wal") {
    return MakeError(ErrorCode::kIo, "could not switch " + path + " to WAL mode");
  }
  database->checkpointer_ = std::thread(&SqliteDatabase::CheckpointLoop, database.get());
  return database;
}

int SqliteDatabase::OnWalCommit(void* database, sqlite3* /*db*/, const char* /*name*/, int pages) {
  if (pages < kCheckpointPages) return SQLITE_OK;
  auto* self = static_cast<SqliteDatabase*>(database);
  {
    std::lock_guard<std::mutex> lock(self->checkpoint_mutex_);
    self->checkpoint_pending_ = true;
  }
  self->checkpoint_wanted_.notify_one();
  return SQLITE_OK;
}

void SqliteDatabase::CheckpointLoop() {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db);
    return;  // commits then simply let the log grow until the last close
  }
  sqlite3_busy_timeout(db, options_.busy_timeout_ms);
  // A new connection learns the file is in WAL mode on its first read; until
  // then a checkpoint request does nothing.
  sqlite3_exec(db, "PRAGMA journal_mode", nullptr, nullptr, nullptr);
  std::unique_lock<std::mutex> lock(checkpoint_mutex_);
  while (true) {
    checkpoint_wanted_.wait(lock, [&] { return checkpoint_pending_ || stopping_; });
    if (stopping_) break;
    checkpoint_pending_ = false;
    lock.unlock();
    // PASSIVE: copies what it can without blocking writers or readers; the
    // next writer restarts the log once everything is copied.
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
  }
  lock.unlock();
  sqlite3_close(db);
}

SqliteDatabase::SqliteDatabase(std::string path, Options options)
    : path_(std::move(path)), options_(options) {}

SqliteDatabase::~SqliteDatabase() {
  // Connections hold a pointer to their database.
  assert(open_connections_.load() == 0);
  if (checkpointer_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(checkpoint_mutex_);
      stopping_ = true;
    }
    checkpoint_wanted_.notify_one();
    checkpointer_.join();
  }
  // Refreshes the planner statistics the report queries' skip-scans rely on
  // (SQLite's advice for long-lived connections); cheap when nothing changed.
  for (const auto& handle : idle_writers_) {
    sqlite3_exec(handle->db(), "PRAGMA optimize", nullptr, nullptr, nullptr);
  }
}

Result<std::unique_ptr<Connection>> SqliteDatabase::Writer() {
  FAIRQM_ASSIGN_OR_RETURN(std::unique_ptr<SqliteHandle> handle, TakeHandle(true));
  return std::unique_ptr<Connection>(new SqliteConnection(this, std::move(handle), true));
}

Result<std::unique_ptr<Connection>> SqliteDatabase::Reader() {
  FAIRQM_ASSIGN_OR_RETURN(std::unique_ptr<SqliteHandle> handle, TakeHandle(false));
  return std::unique_ptr<Connection>(new SqliteConnection(this, std::move(handle), false));
}

Status SqliteDatabase::LockWriter() {
  if (!writer_mutex_.try_lock_for(std::chrono::milliseconds(options_.busy_timeout_ms))) {
    return MakeError(ErrorCode::kIo, "catalogue busy: another write transaction ran longer than " +
                                         std::to_string(options_.busy_timeout_ms) + " ms");
  }
  return OkStatus();
}

Result<std::unique_ptr<SqliteHandle>> SqliteDatabase::TakeHandle(bool writer) {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    auto& idle = writer ? idle_writers_ : idle_readers_;
    if (!idle.empty()) {
      std::unique_ptr<SqliteHandle> handle = std::move(idle.back());
      idle.pop_back();
      return handle;
    }
  }
  sqlite3* raw = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options_.create ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path_.c_str(), &raw, flags, nullptr);
  auto handle = std::make_unique<SqliteHandle>(raw);  // closes raw on every path
  if (rc != SQLITE_OK) {
    return MakeError(ErrorCode::kIo,
                     "cannot open catalogue " + path_ + ": " +
                         (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options_.busy_timeout_ms);
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
  // Readers refuse writes themselves, so a mistaken write through a reader
  // fails loudly instead of racing the writer.
  if (!writer) pragmas += " PRAGMA query_only=ON;";
  // Writers hand checkpoints to the background thread (this replaces
  // SQLite's automatic checkpoint in the committing thread).
  if (writer) sqlite3_wal_hook(raw, &SqliteDatabase::OnWalCommit, this);
  char* message = nullptr;
  if (sqlite3_exec(raw, pragmas.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string detail = message != nullptr ? message : "pragma failed";
    sqlite3_free(message);
    return MakeError(ErrorCode::kIo, "cannot configure catalogue " + path_ + ": " + detail);
  }
  return handle;
}

void SqliteDatabase::ReturnHandle(std::unique_ptr<SqliteHandle> handle, bool writer) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  auto& idle = writer ? idle_writers_ : idle_readers_;
  if (idle.size() < kMaxIdleHandles) idle.push_back(std::move(handle));
}

}  // namespace fairqm::db
