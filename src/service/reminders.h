// service/reminders: warnings before a deadline passes, sent once.
//
// RunReminders is run by the server on a schedule (and by `fairqm` tools). It
// looks for deadlines that near and reminds the people who must act:
//
//   kEvaluationDue       a live recording not yet evaluated whose evaluation
//                        term (evaluate_by, KSF-4.4) ends within the next
//                        kEvaluationReminderWorkingDays working days → every
//                        monitor whose active employer-side authorisation
//                        covers the agent and purpose (KSF-3.3, KSF-3.4;
//                        the agent is never their own monitor). Missing the
//                        term destroys the recording (KSF-4.10).
//   kDraftEvaluationDue  an evaluation still in draft (not shared with the
//                        agent, KSF-3.8) whose earliest cited recording's term
//                        ends within that window, or has passed → the
//                        evaluation's own monitor: the assigned evaluator,
//                        also after a KSF-4.6 change of evaluator.
//   kDataSubjectRequestDue  an unanswered data-subject request due (AVG-12)
//                        within kDataSubjectRequestReminderDays days, or
//                        overdue → every privacy officer (employees whose
//                        job function is privacy_officer).
//   kComplaintDue        a complaint not yet taken up whose term (KSF-3.10)
//                        ends within kComplaintReminderDays days, or has
//                        passed → every manager (job function manager).
//
// Recipients are employees who have not left. Each reminder is stored with
// its recipients, audited (actor "system", action "reminder.send") and
// published as a kReminder notice to each recipient (service/notices.h),
// after its transaction committed.
//
// Idempotent: the `reminders` table has a unique key (kind, subject_id,
// due_at), so a reminder is sent once however often the run repeats, on
// however many server nodes; a moved deadline (an AVG-12 extension) is a new
// reminder. A deadline with nobody to remind (no privacy officer employed, no
// authorised monitor) is counted and logged, not stored, so it is sent once
// someone is there to receive it. Done items (evaluated, shared, answered,
// taken up, destroyed) get nothing.
//
// ListReminders returns the asking person's own reminders, newest first.
// Reminders hold ids and dates only — no content of recordings or requests —
// so reading one's own list is not an access to personal data and is not
// audited.
//
// Errors are Result values (database failures); a run stops at the first
// error, keeping what it already sent. Thread-safety: as App.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

// KSF-4.4: "warn before it passes".
inline constexpr int kEvaluationReminderWorkingDays = 2;
// AVG-12: the month's last days.
inline constexpr int kDataSubjectRequestReminderDays = 5;
// KSF-3.10: before the complainant may appeal to the works council.
inline constexpr int kComplaintReminderDays = 5;

enum class ReminderKind {
  kEvaluationDue,
  kDraftEvaluationDue,
  kDataSubjectRequestDue,
  kComplaintDue,
};

// "evaluation_due", "draft_evaluation_due", "data_subject_request_due",
// "complaint_due" — as stored and in JSON.
std::string_view ReminderKindName(ReminderKind kind);
std::optional<ReminderKind> ParseReminderKind(std::string_view name);

struct Reminder {
  std::string id;
  ReminderKind kind = ReminderKind::kEvaluationDue;
  // A recording, evaluation, data-subject request or complaint id.
  std::string subject_id;
  TimeMs due_at = 0;
  std::string rule;      // the rule whose deadline it is: KSF-4.4, AVG-12, KSF-3.10
  std::string agent_id;  // the agent concerned (evaluations only), else empty
  std::optional<domain::Purpose> purpose;
  TimeMs sent_at = 0;
  std::string text_nl;
  std::string text_en;
};

struct ReminderReport {
  int sent = 0;               // new reminders stored and published
  int already_sent = 0;       // due, but sent by an earlier run
  int without_recipient = 0;  // due, but nobody to remind (retried next run)
  int notices = 0;            // notices published (one per recipient)
};

Result<ReminderReport> RunReminders(App& app);

// The actor's own reminders (recipient == actor.id), newest first, at most
// `limit`.
Result<std::vector<Reminder>> ListReminders(App& app, const Actor& actor, int limit = 200);

}  // namespace fairqm::service
