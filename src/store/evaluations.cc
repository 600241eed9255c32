#include "store/evaluations.h"

#include <nlohmann/json.hpp>

#include "store/deletion_log.h"
#include "store/internal.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT
using nlohmann::json;

constexpr std::string_view kPutEvaluation =
    "INSERT INTO evaluations (id, agent_id, monitor_id, purpose, form_id, form_version, status,"
    " answers_json, score, summary, automated_suggestion, confirmed_by, agent_view,"
    " agent_view_at, created_at, shared_at, acknowledged_at, feedback_held_at,"
    " feedback_supervisor_id, feedback_summary, closed_at, destroy_at, destroyed_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
    " $19, $20, $21, $22, $23)"
    " ON CONFLICT (id) DO UPDATE SET agent_id = excluded.agent_id,"
    " monitor_id = excluded.monitor_id, purpose = excluded.purpose, form_id = excluded.form_id,"
    " form_version = excluded.form_version, status = excluded.status,"
    " answers_json = excluded.answers_json, score = excluded.score, summary = excluded.summary,"
    " automated_suggestion = excluded.automated_suggestion,"
    " confirmed_by = excluded.confirmed_by, agent_view = excluded.agent_view,"
    " agent_view_at = excluded.agent_view_at, created_at = excluded.created_at,"
    " shared_at = excluded.shared_at, acknowledged_at = excluded.acknowledged_at,"
    " feedback_held_at = excluded.feedback_held_at,"
    " feedback_supervisor_id = excluded.feedback_supervisor_id,"
    " feedback_summary = excluded.feedback_summary, closed_at = excluded.closed_at,"
    " destroy_at = excluded.destroy_at, destroyed_at = excluded.destroyed_at";
constexpr std::string_view kDeleteEvaluationRecordings =
    "DELETE FROM evaluation_recordings WHERE evaluation_id = $1";
constexpr std::string_view kInsertEvaluationRecording =
    "INSERT INTO evaluation_recordings (evaluation_id, recording_id, position) VALUES ($1, $2, $3)";
constexpr std::string_view kDeleteNotes = "DELETE FROM evaluation_notes WHERE evaluation_id = $1";
constexpr std::string_view kInsertNote =
    "INSERT INTO evaluation_notes (evaluation_id, position, recording_id, offset_ms, text,"
    " author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kSelectEvaluationRecordings =
    "SELECT recording_id FROM evaluation_recordings WHERE evaluation_id = $1 ORDER BY position";
constexpr std::string_view kSelectNotes =
    "SELECT recording_id, offset_ms, text, author_id, created_at FROM evaluation_notes"
    " WHERE evaluation_id = $1 ORDER BY position";

#define FAIRQM_EVALUATION_COLUMNS                                                   \
  "v.id, v.agent_id, v.monitor_id, v.purpose, v.form_id, v.form_version, v.status," \
  " v.answers_json, v.score, v.summary, v.automated_suggestion, v.confirmed_by,"    \
  " v.agent_view, v.agent_view_at, v.created_at, v.shared_at, v.acknowledged_at,"   \
  " v.feedback_held_at, v.feedback_supervisor_id, v.feedback_summary, v.closed_at," \
  " v.destroy_at, v.destroyed_at"
constexpr std::string_view kGetEvaluation =
    "SELECT " FAIRQM_EVALUATION_COLUMNS " FROM evaluations v WHERE v.id = $1";
// evaluations_by_agent (prefix).
constexpr std::string_view kListEvaluationsForAgent = "SELECT " FAIRQM_EVALUATION_COLUMNS
                                                      " FROM evaluations v WHERE v.agent_id = $1"
                                                      " ORDER BY v.created_at DESC, v.id";
// evaluations_by_monitor.
constexpr std::string_view kListEvaluationsForMonitor =
    "SELECT " FAIRQM_EVALUATION_COLUMNS
    " FROM evaluations v WHERE v.monitor_id = $1"
    " ORDER BY v.created_at DESC, v.id";
constexpr std::string_view kListEvaluationsForMonitorWithStatus =
    "SELECT " FAIRQM_EVALUATION_COLUMNS
    " FROM evaluations v"
    " WHERE v.monitor_id = $1 AND v.status = $2 ORDER BY v.created_at DESC, v.id";
constexpr std::string_view kListEvaluationsForRecording =
    "SELECT " FAIRQM_EVALUATION_COLUMNS
    " FROM evaluations v"
    " JOIN evaluation_recordings er ON er.evaluation_id = v.id WHERE er.recording_id = $1"
    " ORDER BY v.created_at, v.id";
// KSF-2.1-feedback, one index probe into evaluations_by_agent.
constexpr std::string_view kLastAssessmentMoment =
    "SELECT MAX(created_at) FROM evaluations WHERE agent_id = $1 AND purpose = 'assessment'";
// RETENTION-split, range scan of evaluations_due.
constexpr std::string_view kExpiredEvaluations =
    "SELECT " FAIRQM_EVALUATION_COLUMNS
    " FROM evaluations v"
    " WHERE v.destroyed_at IS NULL AND v.destroy_at <= $1 ORDER BY v.destroy_at, v.id LIMIT $2";
constexpr std::string_view kEvaluationPurpose = "SELECT purpose FROM evaluations WHERE id = $1";
// The document's content goes; the facts needed for reports stay.
constexpr std::string_view kEraseEvaluation =
    "UPDATE evaluations SET destroyed_at = $2, answers_json = '[]', score = NULL, summary = '',"
    " agent_view = '', feedback_summary = '', confirmed_by = ''"
    " WHERE id = $1 AND destroyed_at IS NULL";

std::string AnswersJson(const std::vector<domain::Answer>& answers) {
  json array = json::array();
  for (const domain::Answer& answer : answers) {
    array.push_back({{"question_id", answer.question_id},
                     {"score", answer.score ? json(*answer.score) : json(nullptr)},
                     {"comment", answer.comment}});
  }
  return array.dump();
}

Result<std::vector<domain::Answer>> ParseAnswers(const std::string& text) {
  std::vector<domain::Answer> answers;
  try {
    for (const json& item : json::parse(text)) {
      domain::Answer answer;
      answer.question_id = item.at("question_id").get<std::string>();
      if (!item.at("score").is_null()) answer.score = item.at("score").get<int>();
      answer.comment = item.at("comment").get<std::string>();
      answers.push_back(std::move(answer));
    }
  } catch (const json::exception& e) {
    return MakeError(ErrorCode::kCorrupt, std::string("evaluation answers: ") + e.what());
  }
  return answers;
}

Result<domain::Evaluation> EvaluationFromRow(db::Connection& conn, const db::Row& row) {
  domain::Evaluation v;
  v.id = row.Text(0);
  v.agent_id = row.Text(1);
  v.monitor_id = row.Text(2);
  FAIRQM_ASSIGN_OR_RETURN(v.purpose,
                          ParseStored(domain::ParsePurpose(row.Text(3)), "purpose", row.Text(3)));
  v.form_id = row.Text(4);
  v.form_version = static_cast<int>(row.Int(5));
  FAIRQM_ASSIGN_OR_RETURN(v.status, ParseStored(domain::ParseEvaluationStatus(row.Text(6)),
                                                "evaluation status", row.Text(6)));
  FAIRQM_ASSIGN_OR_RETURN(v.answers, ParseAnswers(row.Text(7)));
  if (!row.IsNull(8)) v.score = row.Real(8);
  v.summary = row.Text(9);
  v.automated_suggestion = row.Int(10) != 0;
  v.confirmed_by = row.Text(11);
  v.agent_view = row.Text(12);
  v.agent_view_at = row.OptInt(13);
  v.created_at = row.Int(14);
  v.shared_at = row.OptInt(15);
  v.acknowledged_at = row.OptInt(16);
  if (!row.IsNull(17)) {
    v.feedback = domain::FeedbackMeeting{row.Int(17), row.Text(18), row.Text(19)};
  }
  v.closed_at = row.OptInt(20);
  v.destroy_at = row.Int(21);
  v.destroyed_at = row.OptInt(22);
  FAIRQM_ASSIGN_OR_RETURN(db::Rows recordings,
                          conn.Query(kSelectEvaluationRecordings, {Text(v.id)}));
  for (const db::Row& r : recordings) v.recording_ids.push_back(r.Text(0));
  FAIRQM_ASSIGN_OR_RETURN(db::Rows notes, conn.Query(kSelectNotes, {Text(v.id)}));
  for (const db::Row& n : notes) {
    v.notes.push_back(domain::TimedNote{n.Text(0), n.Int(1), n.Text(2), n.Text(3), n.Int(4)});
  }
  return v;
}

Result<std::vector<domain::Evaluation>> LoadEvaluations(db::Connection& conn, std::string_view sql,
                                                        const db::Params& params) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, params));
  std::vector<domain::Evaluation> evaluations;
  evaluations.reserve(rows.size());
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(domain::Evaluation evaluation, EvaluationFromRow(conn, row));
    evaluations.push_back(std::move(evaluation));
  }
  return evaluations;
}

}  // namespace

Status PutEvaluation(db::Connection& conn, const domain::Evaluation& v) {
  return Atomically(conn, [&]() -> Status {
    const domain::FeedbackMeeting feedback = v.feedback.value_or(domain::FeedbackMeeting{});
    FAIRQM_RETURN_IF_ERROR(
        conn.Exec(kPutEvaluation, {Text(v.id),
                                   Text(v.agent_id),
                                   Text(v.monitor_id),
                                   EnumText(v.purpose),
                                   Text(v.form_id),
                                   Int(v.form_version),
                                   EnumText(v.status),
                                   Text(AnswersJson(v.answers)),
                                   v.score ? db::Value(*v.score) : db::Null(),
                                   Text(v.summary),
                                   Bool(v.automated_suggestion),
                                   Text(v.confirmed_by),
                                   Text(v.agent_view),
                                   Opt(v.agent_view_at),
                                   Int(v.created_at),
                                   Opt(v.shared_at),
                                   Opt(v.acknowledged_at),
                                   v.feedback ? db::Value(feedback.held_at) : db::Null(),
                                   Text(feedback.supervisor_id),
                                   Text(feedback.summary),
                                   Opt(v.closed_at),
                                   Int(v.destroy_at),
                                   Opt(v.destroyed_at)}));
    FAIRQM_RETURN_IF_ERROR(conn.Exec(kDeleteEvaluationRecordings, {Text(v.id)}));
    std::int64_t position = 0;
    for (const std::string& recording_id : v.recording_ids) {
      FAIRQM_RETURN_IF_ERROR(
          conn.Exec(kInsertEvaluationRecording, {Text(v.id), Text(recording_id), Int(position++)}));
    }
    FAIRQM_RETURN_IF_ERROR(conn.Exec(kDeleteNotes, {Text(v.id)}));
    position = 0;
    for (const domain::TimedNote& note : v.notes) {
      FAIRQM_RETURN_IF_ERROR(conn.Exec(
          kInsertNote, {Text(v.id), Int(position++), Text(note.recording_id), Int(note.offset_ms),
                        Text(note.text), Text(note.author_id), Int(note.created_at)}));
    }
    return OkStatus();
  });
}

Result<domain::Evaluation> GetEvaluation(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<domain::Evaluation> found,
                          LoadEvaluations(conn, kGetEvaluation, {Text(id)}));
  if (found.empty()) return NotFound("evaluation", id);
  return std::move(found[0]);
}

Result<std::vector<domain::Evaluation>> ListEvaluationsForAgent(db::Connection& conn,
                                                                std::string_view agent_id) {
  return LoadEvaluations(conn, kListEvaluationsForAgent, {Text(agent_id)});
}

Result<std::vector<domain::Evaluation>> ListEvaluationsForMonitor(
    db::Connection& conn, std::string_view monitor_id,
    std::optional<domain::EvaluationStatus> status) {
  if (status) {
    return LoadEvaluations(conn, kListEvaluationsForMonitorWithStatus,
                           {Text(monitor_id), EnumText(*status)});
  }
  return LoadEvaluations(conn, kListEvaluationsForMonitor, {Text(monitor_id)});
}

Result<std::vector<domain::Evaluation>> ListEvaluationsForRecording(db::Connection& conn,
                                                                    std::string_view recording_id) {
  return LoadEvaluations(conn, kListEvaluationsForRecording, {Text(recording_id)});
}

Result<std::optional<TimeMs>> LastAssessmentMoment(db::Connection& conn,
                                                   std::string_view agent_id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kLastAssessmentMoment, {Text(agent_id)}));
  if (rows.empty()) return std::optional<TimeMs>();
  return rows[0].OptInt(0);
}

Result<std::vector<domain::Evaluation>> ExpiredEvaluations(db::Connection& conn, TimeMs now,
                                                           int limit) {
  return LoadEvaluations(conn, kExpiredEvaluations, {Int(now), Int(limit)});
}

Result<bool> MarkEvaluationDestroyed(db::Connection& conn, std::string_view id, TimeMs at,
                                     std::string_view rule) {
  return MarkDestroyedAndLog(conn, kSubjectEvaluation, id, at, rule, kEvaluationPurpose,
                             kEraseEvaluation, {Text(id), Int(at)},
                             [&] { return Done(conn.Exec(kDeleteNotes, {Text(id)})); });
}

}  // namespace fairqm::store
