// db: the narrow catalogue interface. Store code talks only to this; an engine
// (SQLite now, PostgreSQL later) implements it.
//
// One SQL text serves every engine: `$1..$n` placeholders, int64 UTC
// millisecond timestamps, application-generated text IDs, booleans as 0/1
// integers, no engine-specific functions. Each engine translates placeholders
// if it must.
//
// Ownership: a Connection is owned by one thread at a time. A Database hands
// out connections: exactly one writer (serialised by the engine) and any
// number of readers. Errors are Result values (ErrorCode::kIo for engine
// failures, kConflict for constraint violations); nothing throws.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"

namespace fairqm::db {

// A parameter or column value.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline Value Null() { return std::monostate{}; }

struct Row {
  std::vector<Value> values;

  bool IsNull(std::size_t column) const {
    return std::holds_alternative<std::monostate>(values.at(column));
  }
  std::int64_t Int(std::size_t column) const;  // 0 for NULL
  double Real(std::size_t column) const;       // 0.0 for NULL
  std::string Text(std::size_t column) const;  // "" for NULL
  std::optional<std::int64_t> OptInt(std::size_t column) const;
};

using Rows = std::vector<Row>;
using Params = std::vector<Value>;

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs a statement that returns no rows; returns the number of rows changed.
  virtual Result<std::int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a query and returns all its rows.
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  virtual Status Begin() = 0;  // a write transaction (SQLite: BEGIN IMMEDIATE)
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // True between a successful Begin() and the Commit()/Rollback() that ends
  // it. Code that must share the caller's transaction (audit::Append) checks
  // this instead of opening its own.
  virtual bool InTransaction() const = 0;
  // The engine's name, for migrations: "sqlite" or "postgres".
  virtual std::string_view Engine() const = 0;
};

// RAII transaction: rolls back unless Commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> Begin(Connection& connection);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();
  // Ends the transaction now instead of at destruction.
  Status Rollback();

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}
  Connection* connection_;
  bool done_ = false;
};

}  // namespace fairqm::db
