#include "db/db.h"

#include <charconv>
#include <cmath>

namespace fairqm::db {

std::int64_t Row::Int(std::size_t column) const {
  const Value& value = values.at(column);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
  if (const auto* d = std::get_if<double>(&value))
    return static_cast<std::int64_t>(std::llround(*d));
  if (const auto* s = std::get_if<std::string>(&value)) {
    // Engines that return every column as text (libpq) end up here.
    std::int64_t parsed = 0;
    std::from_chars(s->data(), s->data() + s->size(), parsed);
    return parsed;
  }
  return 0;
}

double Row::Real(std::size_t column) const {
  const Value& value = values.at(column);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&value)) {
    try {
      return std::stod(*s);
    } catch (const std::exception&) {
      return 0.0;
    }
  }
  return 0.0;
}

std::string Row::Text(std::size_t column) const {
  const Value& value = values.at(column);
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return std::to_string(*d);
  return "";
}

std::optional<std::int64_t> Row::OptInt(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

Result<Transaction> Transaction::Begin(Connection& connection) {
  FAIRQM_RETURN_IF_ERROR(connection.Begin());
  return Transaction(&connection);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(other.connection_), done_(other.done_) {
  other.done_ = true;
}

Transaction::~Transaction() {
  if (!done_) {
    // Nothing to report to: a failed rollback leaves the engine to roll back
    // when the connection closes.
    (void)connection_->Rollback();
  }
}

Status Transaction::Commit() {
  if (done_) return MakeError(ErrorCode::kInternal, "transaction already ended");
  Status status = connection_->Commit();
  if (status.ok()) done_ = true;
  return status;
}

Status Transaction::Rollback() {
  if (done_) return MakeError(ErrorCode::kInternal, "transaction already ended");
  done_ = true;
  return connection_->Rollback();
}

}  // namespace fairqm::db
