#include "retention/candidates.h"

#include "domain/names.h"

namespace fairqm::retention {
namespace {

// Every source pages in (key, id) order: the range `key >= $2` is what the
// partial index serves; `key > $2 OR id > $3` drops the rows already read.
#define FAIRQM_AFTER_CURSOR(key) \
  " AND " key " >= $2 AND (" key " > $2 OR r.id > $3) ORDER BY " key ", r.id LIMIT $4"

// AVG-5-storage, range scan of recordings_due_retention.
constexpr std::string_view kDuePastRetention =
    "SELECT r.id, r.destroy_at FROM recordings r"
    " WHERE r.destroyed_at IS NULL AND r.destroy_at <= $1" FAIRQM_AFTER_CURSOR("r.destroy_at");
// AVG-leavers: employees_leavers, then recordings_live_by_agent per leaver.
constexpr std::string_view kDueLeavers =
    "SELECT r.id, r.evaluate_by FROM employees e"
    " JOIN recordings r ON r.agent_id = e.id AND r.destroyed_at IS NULL"
    " WHERE e.leave_date IS NOT NULL AND e.leave_date <= $1" FAIRQM_AFTER_CURSOR("r.evaluate_by");
// KSF-4.10, range scan of recordings_due_unevaluated. Strictly before now:
// the term includes its last moment (policy: now > evaluate_by).
constexpr std::string_view kDueNotEvaluatedInTerm =
    "SELECT r.id, r.evaluate_by FROM recordings r"
    " WHERE r.destroyed_at IS NULL AND r.evaluated_at IS NULL AND r.evaluate_by < "
    "$1" FAIRQM_AFTER_CURSOR("r.evaluate_by");
// KSF-4.9, range scan of recordings_due_evaluated.
constexpr std::string_view kDueEvaluated =
    "SELECT r.id, r.evaluated_at FROM recordings r"
    " WHERE r.destroyed_at IS NULL AND r.evaluated_at IS NOT NULL AND r.evaluated_at <= "
    "$1" FAIRQM_AFTER_CURSOR("r.evaluated_at");

#undef FAIRQM_AFTER_CURSOR

// KSF-4.8 / AVG-leavers facts of one recording: the agent's leave date
// (primary key) and whether a live evaluation citing it is still open
// (evaluation_recordings_by_recording).
constexpr std::string_view kRecordingFacts =
    "SELECT (SELECT e.leave_date FROM employees e WHERE e.id = $1),"
    " CASE WHEN EXISTS (SELECT 1 FROM evaluation_recordings er"
    "   JOIN evaluations v ON v.id = er.evaluation_id"
    "   WHERE er.recording_id = $2 AND v.status <> $3 AND v.destroyed_at IS NULL)"
    " THEN 1 ELSE 0 END";

constexpr std::string_view kAgentLeftAt = "SELECT leave_date FROM employees WHERE id = $1";

// AVG-leavers: employees_leavers, then evaluations_by_agent per leaver.
constexpr std::string_view kUnsharedEvaluationsOfLeavers =
    "SELECT v.id FROM employees e JOIN evaluations v ON v.agent_id = e.id"
    " WHERE e.leave_date IS NOT NULL AND e.leave_date <= $1"
    " AND v.destroyed_at IS NULL AND v.shared_at IS NULL AND v.id > $2"
    " ORDER BY v.id LIMIT $3";

}  // namespace

std::string_view SourceName(RecordingSource source) {
  switch (source) {
    case RecordingSource::kPastRetention:
      return "past-retention";
    case RecordingSource::kLeavers:
      return "leavers";
    case RecordingSource::kNotEvaluatedInTerm:
      return "not-evaluated-in-term";
    case RecordingSource::kEvaluated:
      return "evaluated";
  }
  return "unknown";
}

std::string_view DueRecordingsSql(RecordingSource source) {
  switch (source) {
    case RecordingSource::kPastRetention:
      return kDuePastRetention;
    case RecordingSource::kLeavers:
      return kDueLeavers;
    case RecordingSource::kNotEvaluatedInTerm:
      return kDueNotEvaluatedInTerm;
    case RecordingSource::kEvaluated:
      return kDueEvaluated;
  }
  return kDuePastRetention;
}

Result<std::vector<Candidate>> DueRecordings(db::Connection& conn, RecordingSource source,
                                             TimeMs now, const Cursor& after, int limit) {
  FAIRQM_ASSIGN_OR_RETURN(
      db::Rows rows,
      conn.Query(DueRecordingsSql(source), {db::Value(now), db::Value(after.key),
                                            db::Value(after.id), db::Value(std::int64_t{limit})}));
  std::vector<Candidate> candidates;
  candidates.reserve(rows.size());
  for (const db::Row& row : rows) candidates.push_back(Candidate{row.Text(0), row.Int(1)});
  return candidates;
}

Result<RecordingFacts> LoadRecordingFacts(db::Connection& conn,
                                          const domain::Recording& recording) {
  FAIRQM_ASSIGN_OR_RETURN(
      db::Rows rows,
      conn.Query(kRecordingFacts,
                 {db::Value(recording.agent_id), db::Value(recording.id),
                  db::Value(std::string(domain::Name(domain::EvaluationStatus::kClosed)))}));
  RecordingFacts facts;
  if (rows.empty()) return facts;
  facts.agent_left_at = rows[0].OptInt(0);
  facts.evaluation_open = rows[0].Int(1) != 0;
  return facts;
}

Result<std::optional<TimeMs>> AgentLeftAt(db::Connection& conn, std::string_view agent_id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows,
                          conn.Query(kAgentLeftAt, {db::Value(std::string(agent_id))}));
  if (rows.empty()) return std::optional<TimeMs>();
  return rows[0].OptInt(0);
}

Result<std::vector<std::string>> UnsharedEvaluationsOfLeavers(db::Connection& conn, TimeMs now,
                                                              std::string_view after_id,
                                                              int limit) {
  FAIRQM_ASSIGN_OR_RETURN(
      db::Rows rows,
      conn.Query(kUnsharedEvaluationsOfLeavers, {db::Value(now), db::Value(std::string(after_id)),
                                                 db::Value(std::int64_t{limit})}));
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const db::Row& row : rows) ids.push_back(row.Text(0));
  return ids;
}

}  // namespace fairqm::retention
