// Helpers shared by the store's .cc files: value conversion between domain
// fields and catalogue columns, and running a multi-statement write
// atomically. Internal to src/store; not part of the store API.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/names.h"
#include "store/deletion_log.h"

namespace fairqm::store::internal {

inline db::Value Opt(const std::optional<TimeMs>& time) {
  return time ? db::Value(*time) : db::Null();
}
inline db::Value Bool(bool value) { return std::int64_t{value ? 1 : 0}; }
inline db::Value Int(std::int64_t value) { return value; }
inline db::Value Text(std::string_view value) { return std::string(value); }
template <typename Enum>
db::Value EnumText(Enum value) {
  return std::string(domain::Name(value));
}

// A stored enumeration name this binary does not know is corrupt data.
template <typename Enum>
Result<Enum> ParseStored(std::optional<Enum> parsed, std::string_view column,
                         std::string_view stored) {
  if (!parsed) {
    return MakeError(ErrorCode::kCorrupt, "unknown " + std::string(column) + " '" +
                                              std::string(stored) + "' in the catalogue");
  }
  return *parsed;
}

// A statement's change count is not needed: success or its error.
inline Status Done(const Result<std::int64_t>& changed) {
  if (!changed.ok()) return changed.error();
  return OkStatus();
}

inline Error NotFound(std::string_view what, std::string_view id) {
  return MakeError(ErrorCode::kNotFound, std::string(what) + " " + std::string(id) + " not found");
}

// Maps every row of a query with `from_row` (Row → Result<T>).
template <typename T, typename FromRow>
Result<std::vector<T>> LoadAll(db::Connection& conn, std::string_view sql, const db::Params& params,
                               FromRow from_row) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, params));
  std::vector<T> result;
  result.reserve(rows.size());
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(T value, from_row(row));
    result.push_back(std::move(value));
  }
  return result;
}

template <typename T, typename FromRow>
Result<T> LoadOne(db::Connection& conn, std::string_view sql, std::string_view what,
                  std::string_view id, FromRow from_row) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, {Text(id)}));
  if (rows.empty()) return NotFound(what, id);
  return from_row(rows[0]);
}

// Runs `write` inside the caller's transaction if one is open, else in a
// transaction of its own, so a parent row and its child rows change together.
template <typename Fn>
Status Atomically(db::Connection& conn, Fn&& write) {
  if (conn.InTransaction()) return write();
  FAIRQM_ASSIGN_OR_RETURN(db::Transaction transaction, db::Transaction::Begin(conn));
  FAIRQM_RETURN_IF_ERROR(write());
  return transaction.Commit();
}

// Destroys one catalogued item: `purpose_sql` ($1 = id) reads its purpose
// (no row: kNotFound), `mark_sql` with `mark_params` stamps it destroyed and
// changes nothing when it already is, `erase` removes what else must go, and
// the DELETION-log entry records what, when and under which rule — never the
// content. All in one transaction. True if this call destroyed it.
template <typename EraseFn>
Result<bool> MarkDestroyedAndLog(db::Connection& conn, std::string_view subject_kind,
                                 std::string_view id, TimeMs at, std::string_view rule,
                                 std::string_view purpose_sql, std::string_view mark_sql,
                                 const db::Params& mark_params, EraseFn&& erase) {
  bool destroyed = false;
  Status status = Atomically(conn, [&]() -> Status {
    FAIRQM_ASSIGN_OR_RETURN(db::Rows exists, conn.Query(purpose_sql, {Text(id)}));
    if (exists.empty()) return NotFound(subject_kind, id);
    FAIRQM_ASSIGN_OR_RETURN(std::int64_t changed, conn.Exec(mark_sql, mark_params));
    if (changed == 0) return OkStatus();
    FAIRQM_RETURN_IF_ERROR(erase());
    FAIRQM_RETURN_IF_ERROR(
        AppendDeletion(conn, {std::string(subject_kind), std::string(id),
                              domain::ParsePurpose(exists[0].Text(0)), std::string(rule), at}));
    destroyed = true;
    return OkStatus();
  });
  if (!status.ok()) return status.error();
  return destroyed;
}

}  // namespace fairqm::store::internal
