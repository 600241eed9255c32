#include "service/capture_events.h"

#include <algorithm>

#include "domain/names.h"
#include "policy/access.h"
#include "policy/capture.h"
#include "service/audit_trail.h"
#include "service/views.h"
#include "store/deletion_log.h"
#include "store/lookups.h"
#include "store/recordings.h"

namespace fairqm::service {
namespace {

// The capture_events table (migrations/sqlite/0004_capture_events.sql). The
// store has no module for it yet; its SQL lives beside its only user.
constexpr std::string_view kInsertEvent =
    "INSERT INTO capture_events (id, ticket_id, seq, kind, reason, at, note, source_id,"
    " received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kListEvents =
    "SELECT id, seq, kind, reason, at, note FROM capture_events WHERE ticket_id = $1"
    " ORDER BY seq";

struct StoredEvent {
  std::string id;
  std::int64_t seq = 0;
  CaptureEventKind kind = CaptureEventKind::kPause;
  std::optional<PauseReason> reason;
  TimeMs at = 0;
  std::string note;
};

Result<std::vector<StoredEvent>> LoadEvents(db::Connection& conn, std::string_view ticket_id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kListEvents, {std::string(ticket_id)}));
  std::vector<StoredEvent> events;
  events.reserve(rows.size());
  for (const db::Row& row : rows) {
    StoredEvent e;
    e.id = row.Text(0);
    e.seq = row.Int(1);
    auto kind = ParseCaptureEventKind(row.Text(2));
    if (!kind) {
      return MakeError(ErrorCode::kCorrupt,
                       "unknown capture_events.kind '" + row.Text(2) + "' in the catalogue");
    }
    e.kind = *kind;
    if (!row.Text(3).empty()) {
      e.reason = ParsePauseReason(row.Text(3));
      if (!e.reason) {
        return MakeError(ErrorCode::kCorrupt,
                         "unknown capture_events.reason '" + row.Text(3) + "' in the catalogue");
      }
    }
    e.at = row.Int(4);
    e.note = row.Text(5);
    events.push_back(std::move(e));
  }
  return events;
}

// Where a ticket's events have left it.
struct EventState {
  bool do_not_record = false;
  std::optional<PauseReason> paused;  // the open pause's reason
  std::optional<TimeMs> last_at;
};

EventState Replay(const std::vector<StoredEvent>& events) {
  EventState state;
  for (const StoredEvent& e : events) {
    switch (e.kind) {
      case CaptureEventKind::kPause:
        state.paused = e.reason;
        break;
      case CaptureEventKind::kResume:
        state.paused.reset();
        break;
      case CaptureEventKind::kDoNotRecord:
        state.do_not_record = true;
        break;
    }
    state.last_at = std::max(state.last_at.value_or(e.at), e.at);
  }
  return state;
}

bool IsSystem(const Actor& actor) { return actor.id == "system"; }

bool IsCaptureSource(const Actor& actor) {
  return policy::DecideRoleAccess(actor.role, policy::Action::kIngestRecording).allowed;
}

policy::Decision RefuseSender(std::string nl, std::string en) {
  // AVG-32: least privilege — only those who capture report on the capture.
  return policy::Decision::Refuse("AVG-32", std::move(nl), std::move(en));
}

// Who may send this kind of event, before the ticket is known: a capture
// source or the system always; an agent may pause and resume (PCI-pause: "from
// the capture source or the agent"), never flag do-not-record.
policy::Decision DecideSenderRole(const Actor& actor, CaptureEventKind kind) {
  if (IsSystem(actor) || IsCaptureSource(actor)) return policy::Decision::Allow();
  if (actor.role == domain::Role::kAgent && kind != CaptureEventKind::kDoNotRecord) {
    return policy::Decision::Allow();
  }
  return RefuseSender(
      "Alleen de opnamebron meldt pauzes en bezwaar tegen opnemen tijdens een contact.",
      "Only the capture source reports pauses and objections to recording during a contact.");
}

// Once the ticket is known: an agent only on their own contact.
policy::Decision DecideSenderTicket(const Actor& actor, const store::CaptureTicket& ticket) {
  if (actor.role != domain::Role::kAgent || IsSystem(actor) || IsCaptureSource(actor)) {
    return policy::Decision::Allow();
  }
  if (actor.id == ticket.agent_id) return policy::Decision::Allow();
  return RefuseSender("U kunt alleen de opname van uw eigen contact pauzeren.",
                      "You can only pause the recording of your own contact.");
}

// The rule an allowed event carries into the audit log.
policy::Decision EventDecision(CaptureEventKind kind, std::optional<PauseReason> reason) {
  policy::Decision d = policy::Decision::Allow();
  if (kind == CaptureEventKind::kDoNotRecord) {
    d.rule = "AVG-21";
  } else {
    d.rule = reason == PauseReason::kHold ? "HOLD-silence" : "PCI-pause";
  }
  return d;
}

std::string_view AuditAction(CaptureEventKind kind) {
  switch (kind) {
    case CaptureEventKind::kPause:
      return "capture.pause";
    case CaptureEventKind::kResume:
      return "capture.resume";
    case CaptureEventKind::kDoNotRecord:
      return "capture.do_not_record";
  }
  return "capture.event";
}

policy::Decision SegmentAfter(const EventState& state) {
  if (state.do_not_record) {
    // AVG-21
    return policy::Decision::Refuse(
        "AVG-21", "De klant heeft bezwaar gemaakt; dit contact wordt niet opgenomen.",
        "The customer objected; this contact is not recorded.");
  }
  if (!state.paused) return policy::DecideCaptureSegment(policy::SegmentState::kActive);
  return policy::DecideCaptureSegment(*state.paused == PauseReason::kHold
                                          ? policy::SegmentState::kCustomerOnHold
                                          : policy::SegmentState::kPausedForCardData);
}

AuditSubject TicketSubject(const store::CaptureTicket& ticket) {
  return AuditSubject{std::string(store::kSubjectRecording), ticket.id, ticket.agent_id,
                      ticket.purpose};
}

// AVG-21: flags the contact, cancels the ticket and destroys what is stored,
// inside the caller's transaction. The content is crypto-shredded before the
// catalogue says destroyed (as the retention sweep does): if the transaction
// then fails, the row is live without content and a retry finishes the job
// (vault Destroy is idempotent).
Status ApplyDoNotRecord(App& app, db::Connection& conn, const Actor& actor,
                        const store::CaptureTicket& ticket, TimeMs now,
                        CaptureEventOutcome& outcome) {
  FAIRQM_ASSIGN_OR_RETURN(auto contact, store::GetContact(conn, ticket.contact_id));
  contact.do_not_record = true;
  FAIRQM_RETURN_IF_ERROR(store::PutContact(conn, contact));
  if (!ticket.redeemed_at) {
    // Marked used, so an upload with it is refused.
    FAIRQM_ASSIGN_OR_RETURN(outcome.ticket_cancelled,
                            store::RedeemCaptureTicket(conn, ticket.id, now));
  }
  auto recording = store::GetRecording(conn, ticket.id);
  if (!recording.ok()) {
    if (recording.error().code == ErrorCode::kNotFound) return OkStatus();
    return recording.error();
  }
  if (recording->destroyed_at) return OkStatus();
  FAIRQM_RETURN_IF_ERROR(app.vault().Destroy(recording->id));  // AVG-17
  FAIRQM_ASSIGN_OR_RETURN(outcome.recording_destroyed,
                          store::MarkRecordingDestroyed(conn, recording->id, now, "AVG-21"));
  if (!outcome.recording_destroyed) return OkStatus();
  policy::Decision destroyed = policy::Decision::Allow();
  destroyed.rule = "AVG-21";
  return Record(conn, now, actor, "recording.destroy",
                AuditSubject{std::string(store::kSubjectRecording), recording->id,
                             recording->agent_id, recording->purpose},
                destroyed,
                codec::Json{{"reason", "the customer objected to recording (AVG-21)"},
                            {"created_at", FormatTime(recording->created_at)}});
}

// Checks the event against the ticket and its earlier events.
Status Validate(const store::CaptureTicket& ticket, const EventState& state, CaptureEventKind kind,
                TimeMs at, TimeMs now) {
  if (state.do_not_record) {
    return MakeError(ErrorCode::kConflict, "the customer objected to recording the contact of " +
                                               ticket.id + " already (AVG-21)");
  }
  if (state.last_at && at < *state.last_at) {
    return MakeError(
        ErrorCode::kInvalidInput,
        "the event is dated before the ticket's latest event (" + FormatTime(*state.last_at) + ")");
  }
  if (kind == CaptureEventKind::kDoNotRecord) return OkStatus();
  if (ticket.redeemed_at) {
    return MakeError(ErrorCode::kConflict, "the content of " + ticket.id +
                                               " is stored already; pauses apply while the "
                                               "contact is captured");
  }
  if (ticket.expires_at <= now) {
    return MakeError(ErrorCode::kConflict, "ticket " + ticket.id + " has expired");
  }
  if (kind == CaptureEventKind::kPause && state.paused) {
    return MakeError(ErrorCode::kConflict, "the capture of " + ticket.id + " is paused already");
  }
  if (kind == CaptureEventKind::kResume && !state.paused) {
    return MakeError(ErrorCode::kConflict, "the capture of " + ticket.id + " is not paused");
  }
  return OkStatus();
}

}  // namespace

std::string_view CaptureEventKindName(CaptureEventKind kind) {
  switch (kind) {
    case CaptureEventKind::kPause:
      return "pause";
    case CaptureEventKind::kResume:
      return "resume";
    case CaptureEventKind::kDoNotRecord:
      return "do_not_record";
  }
  return "pause";
}

std::string_view PauseReasonName(PauseReason reason) {
  switch (reason) {
    case PauseReason::kCardData:
      return "card_data";
    case PauseReason::kHold:
      return "hold";
  }
  return "card_data";
}

std::optional<CaptureEventKind> ParseCaptureEventKind(std::string_view name) {
  for (auto kind :
       {CaptureEventKind::kPause, CaptureEventKind::kResume, CaptureEventKind::kDoNotRecord}) {
    if (CaptureEventKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::optional<PauseReason> ParsePauseReason(std::string_view name) {
  for (auto reason : {PauseReason::kCardData, PauseReason::kHold}) {
    if (PauseReasonName(reason) == name) return reason;
  }
  return std::nullopt;
}

Result<Decided<CaptureEventOutcome>> RecordCaptureEvent(App& app, const Actor& actor,
                                                        const std::string& ticket_or_recording_id,
                                                        CaptureEventKind kind, TimeMs at,
                                                        std::string note,
                                                        std::optional<PauseReason> reason) {
  using Answer = Decided<CaptureEventOutcome>;
  const TimeMs now = app.Now();
  if (kind != CaptureEventKind::kPause) reason.reset();
  if (kind == CaptureEventKind::kPause && !reason) {
    return MakeError(ErrorCode::kInvalidInput, "a pause needs a reason: card_data or hold");
  }
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const std::string_view action = AuditAction(kind);
  if (policy::Decision role = DecideSenderRole(actor, kind); !role.allowed) {
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(
        *conn, now, actor, action,
        AuditSubject{std::string(store::kSubjectRecording), ticket_or_recording_id, "", {}}, role));
    return Answer::Refuse(role);
  }

  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_ASSIGN_OR_RETURN(auto found, store::FindCaptureTicket(*conn, ticket_or_recording_id));
  if (!found) {
    return MakeError(ErrorCode::kNotFound,
                     "capture ticket " + ticket_or_recording_id + " not found");
  }
  const store::CaptureTicket ticket = *found;
  if (policy::Decision own = DecideSenderTicket(actor, ticket); !own.allowed) {
    FAIRQM_RETURN_IF_ERROR(tx.Rollback());
    // KSF-3.3 (3.3.4) spirit: a refused attempt on someone's contact is on
    // record with the agent it concerned.
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*conn, now, actor, action, TicketSubject(ticket), own));
    return Answer::Refuse(own);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto events, LoadEvents(*conn, ticket.id));
  EventState state = Replay(events);
  FAIRQM_RETURN_IF_ERROR(Validate(ticket, state, kind, at, now));

  CaptureEventOutcome outcome;
  outcome.event_id = NewId(app.random(), "cev");
  outcome.ticket_id = ticket.id;
  outcome.kind = kind;
  outcome.reason = reason;
  outcome.at = at;
  auto inserted = conn->Exec(
      kInsertEvent, {outcome.event_id, ticket.id, static_cast<std::int64_t>(events.size()) + 1,
                     std::string(CaptureEventKindName(kind)),
                     reason ? std::string(PauseReasonName(*reason)) : std::string(), at,
                     std::move(note), actor.id, now});
  if (!inserted.ok()) return inserted.error();
  switch (kind) {
    case CaptureEventKind::kPause:
      state.paused = reason;
      break;
    case CaptureEventKind::kResume:
      state.paused.reset();
      break;
    case CaptureEventKind::kDoNotRecord:
      state.do_not_record = true;
      FAIRQM_RETURN_IF_ERROR(ApplyDoNotRecord(app, *conn, actor, ticket, now, outcome));
      break;
  }
  outcome.paused = state.paused.has_value();
  outcome.segment = SegmentAfter(state);
  codec::Json detail{{"at", FormatTime(at)}, {"seq", events.size() + 1}};
  if (reason) detail["reason"] = PauseReasonName(*reason);
  if (kind == CaptureEventKind::kDoNotRecord) {
    detail["ticket_cancelled"] = outcome.ticket_cancelled;
    detail["recording_destroyed"] = outcome.recording_destroyed;
  }
  // The resume closes the span its pause opened: same rule.
  std::optional<PauseReason> rule_reason = reason;
  if (kind == CaptureEventKind::kResume) {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->kind == CaptureEventKind::kPause) {
        rule_reason = it->reason;
        break;
      }
    }
  }
  FAIRQM_RETURN_IF_ERROR(Record(*conn, now, actor, action, TicketSubject(ticket),
                                EventDecision(kind, rule_reason), detail));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Answer::Allow(std::move(outcome));
}

Result<std::vector<PausedSegment>> ReadPausedSegments(db::Connection& conn,
                                                      std::string_view ticket_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto ticket, store::FindCaptureTicket(conn, ticket_id));
  if (!ticket) {
    return MakeError(ErrorCode::kNotFound,
                     "capture ticket " + std::string(ticket_id) + " not found");
  }
  FAIRQM_ASSIGN_OR_RETURN(auto contact, store::GetContact(conn, ticket->contact_id));
  FAIRQM_ASSIGN_OR_RETURN(auto events, LoadEvents(conn, ticket->id));
  auto offset = [&](TimeMs t) { return std::max<std::int64_t>(0, t - contact.started_at); };
  std::vector<PausedSegment> segments;
  for (const StoredEvent& e : events) {
    if (e.kind == CaptureEventKind::kPause) {
      PausedSegment s;
      s.reason = e.reason.value_or(PauseReason::kCardData);
      s.paused_at = e.at;
      s.start_offset_ms = offset(e.at);
      s.note = e.note;
      segments.push_back(std::move(s));
    } else if (e.kind == CaptureEventKind::kResume && !segments.empty() &&
               !segments.back().resumed_at) {
      segments.back().resumed_at = e.at;
      segments.back().end_offset_ms = offset(e.at);
    }
  }
  return segments;
}

Result<Decided<std::vector<PausedSegment>>> PausedSegments(
    App& app, const Actor& actor, const std::string& ticket_or_recording_id) {
  using Answer = Decided<std::vector<PausedSegment>>;
  const TimeMs now = app.Now();
  const std::string_view action = "capture.segments";
  policy::Decision decision = policy::Decision::Allow();
  AuditSubject subject{std::string(store::kSubjectRecording), ticket_or_recording_id, "", {}};
  std::vector<PausedSegment> segments;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(db::Transaction snapshot, db::Transaction::Begin(*reader));
    FAIRQM_ASSIGN_OR_RETURN(auto ticket, store::FindCaptureTicket(*reader, ticket_or_recording_id));
    if (!ticket) {
      return MakeError(ErrorCode::kNotFound,
                       "capture ticket " + ticket_or_recording_id + " not found");
    }
    subject = TicketSubject(*ticket);
    if (!IsSystem(actor) && !IsCaptureSource(actor)) {
      // People see the spans of a stored recording they may listen to.
      FAIRQM_ASSIGN_OR_RETURN(auto recording, store::GetRecording(*reader, ticket->id));
      FAIRQM_ASSIGN_OR_RETURN(decision, DecideRecordingView(*reader, actor, recording, now));
    }
    if (decision.allowed) {
      FAIRQM_ASSIGN_OR_RETURN(segments, ReadPausedSegments(*reader, ticket->id));
    }
    FAIRQM_RETURN_IF_ERROR(snapshot.Commit());
  }
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*writer, now, actor, action, subject, decision));
    return Answer::Refuse(decision);
  }
  FAIRQM_RETURN_IF_ERROR(RecordAlone(*writer, now, actor, action, subject, decision,
                                     codec::Json{{"segments", segments.size()}}));
  return Answer::Allow(std::move(segments));
}

}  // namespace fairqm::service
