#include "service/reminders.h"

#include <spdlog/spdlog.h>

#include <map>
#include <set>
#include <utility>

#include "domain/names.h"
#include "policy/access.h"
#include "service/audit_trail.h"
#include "service/notices.h"
#include "store/authorisations.h"
#include "store/people.h"
#include "store/requests.h"

namespace fairqm::service {
namespace {

// KSF-4.4: live recordings not evaluated whose term ends in [$1, $2]
// (recordings_due_unevaluated). A term already passed is the retention
// sweep's (KSF-4.10), not a reminder's.
constexpr std::string_view kRecordingsDue =
    "SELECT id, agent_id, purpose, evaluate_by FROM recordings"
    " WHERE destroyed_at IS NULL AND evaluated_at IS NULL"
    "   AND evaluate_by >= $1 AND evaluate_by <= $2"
    " ORDER BY evaluate_by, id";

// KSF-4.4, KSF-3.8: draft evaluations whose earliest cited recording's term
// ends by $1 (evaluations_drafts). Drafts without recordings (a live listen)
// have no term.
constexpr std::string_view kDraftsDue =
    "SELECT e.id, e.monitor_id, e.agent_id, e.purpose, MIN(r.evaluate_by) AS due"
    " FROM evaluations e"
    " JOIN evaluation_recordings er ON er.evaluation_id = e.id"
    " JOIN recordings r ON r.id = er.recording_id"
    " WHERE e.status = 'draft' AND e.destroyed_at IS NULL"
    " GROUP BY e.id, e.monitor_id, e.agent_id, e.purpose"
    " HAVING MIN(r.evaluate_by) <= $1"
    " ORDER BY due, e.id";

// KSF-3.10: complaints not taken up whose term ends by $1 (complaints_open).
constexpr std::string_view kComplaintsDue =
    "SELECT id, respond_by FROM complaints"
    " WHERE taken_up_at IS NULL AND respond_by <= $1"
    " ORDER BY respond_by, id";

// Employees of a job function who have not left at $2.
constexpr std::string_view kEmployeesWithFunction =
    "SELECT id FROM employees WHERE function = $1 AND (leave_date IS NULL OR leave_date > $2)"
    " ORDER BY id";

constexpr std::string_view kInsertReminder =
    "INSERT INTO reminders (id, kind, subject_id, due_at, rule, agent_id, purpose, sent_at,"
    " text_nl, text_en) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    " ON CONFLICT (kind, subject_id, due_at) DO NOTHING";

constexpr std::string_view kInsertRecipient =
    "INSERT INTO reminder_recipients (reminder_id, recipient_id) VALUES ($1, $2)";

constexpr std::string_view kListForRecipient =
    "SELECT r.id, r.kind, r.subject_id, r.due_at, r.rule, r.agent_id, r.purpose, r.sent_at,"
    " r.text_nl, r.text_en"
    " FROM reminders r JOIN reminder_recipients p ON p.reminder_id = r.id"
    " WHERE p.recipient_id = $1"
    " ORDER BY r.sent_at DESC, r.id DESC LIMIT $2";

constexpr ReminderKind kAllKinds[] = {
    ReminderKind::kEvaluationDue, ReminderKind::kDraftEvaluationDue,
    ReminderKind::kDataSubjectRequestDue, ReminderKind::kComplaintDue};

// A deadline that needs a reminder, with the people to remind.
struct Due {
  Reminder reminder;
  std::vector<std::string> recipients;
  AuditSubject subject;
};

db::Value Text(std::string_view text) { return std::string(text); }

std::string PurposeNl(domain::Purpose purpose) { return std::string(domain::DutchName(purpose)); }
std::string PurposeEn(domain::Purpose purpose) { return std::string(domain::Name(purpose)); }

Result<domain::Purpose> StoredPurpose(const std::string& text) {
  auto purpose = domain::ParsePurpose(text);
  if (!purpose)
    return MakeError(ErrorCode::kCorrupt, "unknown purpose '" + text + "' in catalogue");
  return *purpose;
}

// Whether the person is an employee who has not left at `now`. Someone who
// is not an employee (e.g. a monitor known only by an account) still counts.
class Presence {
 public:
  Presence(db::Connection& conn, TimeMs now) : conn_(conn), now_(now) {}

  Result<bool> Present(const std::string& id) {
    if (auto it = known_.find(id); it != known_.end()) return it->second;
    auto employee = store::GetEmployee(conn_, id);
    bool present = true;
    if (employee.ok()) {
      present = !employee->leave_date || *employee->leave_date > now_;
    } else if (employee.error().code != ErrorCode::kNotFound) {
      return employee.error();
    }
    known_.emplace(id, present);
    return present;
  }

 private:
  db::Connection& conn_;
  TimeMs now_;
  std::map<std::string, bool> known_;
};

Result<std::vector<std::string>> EmployeesWithFunction(db::Connection& conn,
                                                       domain::JobFunction function, TimeMs now) {
  FAIRQM_ASSIGN_OR_RETURN(
      db::Rows rows,
      conn.Query(kEmployeesWithFunction, {Text(domain::Name(function)), db::Value(now)}));
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row.Text(0));
  return ids;
}

// KSF-3.3, KSF-3.4: the monitors responsible for an agent's recordings of a
// purpose — active employer-side authorisations covering them. Clients never
// evaluate (KSF-6.5) and nobody evaluates themselves.
Result<std::vector<std::string>> ResponsibleMonitors(db::Connection& conn, Presence& presence,
                                                     const std::string& agent_id,
                                                     domain::Purpose purpose, TimeMs now) {
  auto agent = store::GetEmployee(conn, agent_id);
  if (!agent.ok()) {
    if (agent.error().code == ErrorCode::kNotFound) return std::vector<std::string>{};
    return agent.error();
  }
  FAIRQM_ASSIGN_OR_RETURN(auto authorisations,
                          store::AuthorisationsCoveringAgent(conn, agent->id, agent->team_id, now));
  std::set<std::string> monitors;
  for (const auto& a : authorisations) {
    if (!a.client_id.empty() || a.monitor_id == agent->id) continue;
    if (!policy::AuthorisationCovers(a, *agent, purpose, now)) continue;
    FAIRQM_ASSIGN_OR_RETURN(bool present, presence.Present(a.monitor_id));
    if (present) monitors.insert(a.monitor_id);
  }
  return std::vector<std::string>(monitors.begin(), monitors.end());
}

Status GatherRecordings(db::Connection& conn, Presence& presence, TimeMs now,
                        std::vector<Due>& out) {
  const TimeMs until = AddWorkingDays(now, kEvaluationReminderWorkingDays);
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows,
                          conn.Query(kRecordingsDue, {db::Value(now), db::Value(until)}));
  std::map<std::pair<std::string, domain::Purpose>, std::vector<std::string>> monitors;
  for (const auto& row : rows) {
    Due due;
    Reminder& r = due.reminder;
    r.kind = ReminderKind::kEvaluationDue;
    r.subject_id = row.Text(0);
    r.agent_id = row.Text(1);
    FAIRQM_ASSIGN_OR_RETURN(domain::Purpose purpose, StoredPurpose(row.Text(2)));
    r.purpose = purpose;
    r.due_at = row.Int(3);
    r.rule = "KSF-4.4";
    r.text_nl = "Opname " + r.subject_id + " (" + PurposeNl(purpose) + ") moet uiterlijk " +
                FormatTime(r.due_at) +
                " geëvalueerd zijn; daarna wordt zij vernietigd (KSF-4.4, KSF-4.10).";
    r.text_en = "Recording " + r.subject_id + " (" + PurposeEn(purpose) +
                ") must be evaluated by " + FormatTime(r.due_at) +
                "; after that it is destroyed (KSF-4.4, KSF-4.10).";
    auto key = std::make_pair(r.agent_id, purpose);
    auto it = monitors.find(key);
    if (it == monitors.end()) {
      FAIRQM_ASSIGN_OR_RETURN(auto found,
                              ResponsibleMonitors(conn, presence, r.agent_id, purpose, now));
      it = monitors.emplace(key, std::move(found)).first;
    }
    due.recipients = it->second;
    due.subject = AuditSubject{"recording", r.subject_id, r.agent_id, purpose};
    out.push_back(std::move(due));
  }
  return OkStatus();
}

Status GatherDrafts(db::Connection& conn, Presence& presence, TimeMs now, std::vector<Due>& out) {
  const TimeMs until = AddWorkingDays(now, kEvaluationReminderWorkingDays);
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kDraftsDue, {db::Value(until)}));
  for (const auto& row : rows) {
    Due due;
    Reminder& r = due.reminder;
    r.kind = ReminderKind::kDraftEvaluationDue;
    r.subject_id = row.Text(0);
    const std::string monitor_id = row.Text(1);
    r.agent_id = row.Text(2);
    FAIRQM_ASSIGN_OR_RETURN(domain::Purpose purpose, StoredPurpose(row.Text(3)));
    r.purpose = purpose;
    r.due_at = row.Int(4);
    r.rule = "KSF-4.4";
    const bool passed = r.due_at < now;
    r.text_nl = "Evaluatie " + r.subject_id + " (" + PurposeNl(purpose) +
                ") is nog niet met de medewerker gedeeld; de evaluatietermijn " +
                (passed ? "is verstreken op " : "loopt af op ") + FormatTime(r.due_at) +
                " (KSF-4.4, KSF-3.8).";
    r.text_en = "Evaluation " + r.subject_id + " (" + PurposeEn(purpose) +
                ") has not been shared with the agent yet; the evaluation term " +
                (passed ? "passed on " : "ends on ") + FormatTime(r.due_at) +
                " (KSF-4.4, KSF-3.8).";
    // KSF-4.6: the evaluation's monitor is its assigned evaluator, also after
    // the agent asked for another one.
    FAIRQM_ASSIGN_OR_RETURN(bool present, presence.Present(monitor_id));
    if (present && !monitor_id.empty()) due.recipients.push_back(monitor_id);
    due.subject = AuditSubject{"evaluation", r.subject_id, r.agent_id, purpose};
    out.push_back(std::move(due));
  }
  return OkStatus();
}

Status GatherDataSubjectRequests(db::Connection& conn, TimeMs now, std::vector<Due>& out) {
  const TimeMs until = now + Days(kDataSubjectRequestReminderDays);
  FAIRQM_ASSIGN_OR_RETURN(auto open, store::ListOpenDataSubjectRequests(conn));
  std::vector<std::string> officers;
  bool officers_read = false;
  for (const auto& request : open) {
    if (request.answered_at || request.due_at > until) continue;
    if (!officers_read) {
      FAIRQM_ASSIGN_OR_RETURN(
          officers, EmployeesWithFunction(conn, domain::JobFunction::kPrivacyOfficer, now));
      officers_read = true;
    }
    Due due;
    Reminder& r = due.reminder;
    r.kind = ReminderKind::kDataSubjectRequestDue;
    r.subject_id = request.id;
    r.due_at = request.due_at;
    r.rule = "AVG-12";
    const bool passed = r.due_at < now;
    const std::string kind(domain::Name(request.kind));
    r.text_nl = "Verzoek van een betrokkene " + r.subject_id + " (" + kind + ") " +
                (passed ? "had uiterlijk " : "moet uiterlijk ") + FormatDate(r.due_at) +
                (passed ? " beantwoord moeten zijn (AVG-12)." : " beantwoord zijn (AVG-12).");
    r.text_en = "Data-subject request " + r.subject_id + " (" + kind + ") " +
                (passed ? "was due " : "must be answered by ") + FormatDate(r.due_at) +
                " (AVG-12).";
    due.recipients = officers;
    due.subject = AuditSubject{"dsr", r.subject_id, "", std::nullopt};
    out.push_back(std::move(due));
  }
  return OkStatus();
}

Status GatherComplaints(db::Connection& conn, TimeMs now, std::vector<Due>& out) {
  const TimeMs until = now + Days(kComplaintReminderDays);
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kComplaintsDue, {db::Value(until)}));
  if (rows.empty()) return OkStatus();
  FAIRQM_ASSIGN_OR_RETURN(auto managers,
                          EmployeesWithFunction(conn, domain::JobFunction::kManager, now));
  for (const auto& row : rows) {
    Due due;
    Reminder& r = due.reminder;
    r.kind = ReminderKind::kComplaintDue;
    r.subject_id = row.Text(0);
    r.due_at = row.Int(1);
    r.rule = "KSF-3.10";
    const bool passed = r.due_at < now;
    r.text_nl = "Klacht " + r.subject_id + " over de toepassing van de regeling " +
                (passed ? "had uiterlijk " : "moet uiterlijk ") + FormatDate(r.due_at) +
                (passed ? " in behandeling genomen moeten zijn" : " in behandeling genomen zijn") +
                "; daarna kan de indiener in beroep gaan bij de ondernemingsraad (KSF-3.10).";
    r.text_en = "Complaint " + r.subject_id + " about how the regulation is applied " +
                (passed ? "was due to be taken up by " : "must be taken up by ") +
                FormatDate(r.due_at) +
                "; after that the complainant may appeal to the works council (KSF-3.10).";
    due.recipients = managers;
    due.subject = AuditSubject{"complaint", r.subject_id, "", std::nullopt};
    out.push_back(std::move(due));
  }
  return OkStatus();
}

// Stores, audits and commits one reminder; false if an earlier run (or
// another node) already sent it.
Result<bool> Send(App& app, db::Connection& conn, Due& due, TimeMs now) {
  Reminder& r = due.reminder;
  r.id = NewId(app.random(), "rem");
  r.sent_at = now;
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(conn));
  FAIRQM_ASSIGN_OR_RETURN(
      std::int64_t inserted,
      conn.Exec(kInsertReminder, {Text(r.id), Text(ReminderKindName(r.kind)), Text(r.subject_id),
                                  db::Value(r.due_at), Text(r.rule), Text(r.agent_id),
                                  Text(r.purpose ? domain::Name(*r.purpose) : ""),
                                  db::Value(r.sent_at), Text(r.text_nl), Text(r.text_en)}));
  if (inserted == 0) {
    FAIRQM_RETURN_IF_ERROR(tx.Rollback());
    return false;
  }
  for (const auto& recipient : due.recipients) {
    FAIRQM_RETURN_IF_ERROR(conn.Exec(kInsertRecipient, {Text(r.id), Text(recipient)}));
  }
  FAIRQM_RETURN_IF_ERROR(Record(conn, now, Actor::System(), "reminder.send", due.subject,
                                policy::Decision::Allow(),
                                codec::Json{{"reminder_id", r.id},
                                            {"kind", ReminderKindName(r.kind)},
                                            {"rule", r.rule},
                                            {"due_at", FormatTime(r.due_at)},
                                            {"recipients", due.recipients}}));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return true;
}

Result<Reminder> ReminderFromRow(const db::Row& row) {
  Reminder r;
  r.id = row.Text(0);
  auto kind = ParseReminderKind(row.Text(1));
  if (!kind) {
    return MakeError(ErrorCode::kCorrupt, "unknown reminder kind '" + row.Text(1) + "'");
  }
  r.kind = *kind;
  r.subject_id = row.Text(2);
  r.due_at = row.Int(3);
  r.rule = row.Text(4);
  r.agent_id = row.Text(5);
  if (!row.Text(6).empty()) {
    FAIRQM_ASSIGN_OR_RETURN(domain::Purpose purpose, StoredPurpose(row.Text(6)));
    r.purpose = purpose;
  }
  r.sent_at = row.Int(7);
  r.text_nl = row.Text(8);
  r.text_en = row.Text(9);
  return r;
}

}  // namespace

std::string_view ReminderKindName(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::kEvaluationDue:
      return "evaluation_due";
    case ReminderKind::kDraftEvaluationDue:
      return "draft_evaluation_due";
    case ReminderKind::kDataSubjectRequestDue:
      return "data_subject_request_due";
    case ReminderKind::kComplaintDue:
      return "complaint_due";
  }
  return "evaluation_due";
}

std::optional<ReminderKind> ParseReminderKind(std::string_view name) {
  for (ReminderKind kind : kAllKinds) {
    if (ReminderKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

Result<ReminderReport> RunReminders(App& app) {
  const TimeMs now = app.Now();
  std::vector<Due> due;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
    Presence presence(*reader, now);
    FAIRQM_RETURN_IF_ERROR(GatherRecordings(*reader, presence, now, due));
    FAIRQM_RETURN_IF_ERROR(GatherDrafts(*reader, presence, now, due));
    FAIRQM_RETURN_IF_ERROR(GatherDataSubjectRequests(*reader, now, due));
    FAIRQM_RETURN_IF_ERROR(GatherComplaints(*reader, now, due));
  }
  ReminderReport report;
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
  for (Due& item : due) {
    if (item.recipients.empty()) {
      // Not stored: once someone can receive it, the next run sends it.
      spdlog::warn("reminder {} for {} (due {}): nobody to remind",
                   ReminderKindName(item.reminder.kind), item.reminder.subject_id,
                   FormatTime(item.reminder.due_at));
      ++report.without_recipient;
      continue;
    }
    FAIRQM_ASSIGN_OR_RETURN(bool sent, Send(app, *writer, item, now));
    if (!sent) {
      ++report.already_sent;
      continue;
    }
    ++report.sent;
    for (const auto& recipient : item.recipients) {
      const Reminder& r = item.reminder;
      Notice notice;
      notice.recipient_id = recipient;
      notice.kind = NoticeKind::kReminder;
      notice.subject_id = r.subject_id;
      notice.purpose = r.purpose;
      notice.at = now;
      notice.text_nl = r.text_nl;
      notice.text_en = r.text_en;
      app.notices().Publish(std::move(notice));
      ++report.notices;
    }
  }
  return report;
}

Result<std::vector<Reminder>> ListReminders(App& app, const Actor& actor, int limit) {
  if (limit <= 0) return MakeError(ErrorCode::kInvalidInput, "the limit must be positive");
  std::vector<Reminder> out;
  if (actor.id.empty()) return out;
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
  FAIRQM_ASSIGN_OR_RETURN(
      db::Rows rows,
      conn->Query(kListForRecipient, {Text(actor.id), db::Value(std::int64_t{limit})}));
  out.reserve(rows.size());
  for (const auto& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(Reminder r, ReminderFromRow(row));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace fairqm::service
