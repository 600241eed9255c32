// service/capture_events: what a capture source reports while a contact is
// being captured, and the paused spans the player shows.
//
//   RecordCaptureEvent  one event on a capture ticket (the ticket id is also
//                       the recording id):
//                         kPause / kResume   PCI-pause (card data spoken or
//                           typed) and HOLD-silence (customer on hold): the
//                           source stops writing content until it resumes;
//                           the span is stored (table capture_events). A
//                           pause while paused, or a resume while not paused,
//                           is kConflict; events after the upload, after a
//                           do-not-record or on an expired ticket are
//                           kConflict too (the content is already complete or
//                           will never be).
//                         kDoNotRecord       AVG-21: the customer objects
//                           during the contact. The contact is flagged, the
//                           ticket is cancelled (marked redeemed, so a later
//                           upload with it is refused), and a recording of
//                           the contact that is already stored is destroyed
//                           at once: its content crypto-shredded in the vault
//                           (AVG-17) and the row stamped destroyed under
//                           AVG-21 with its DELETION-log entry. A second
//                           do-not-record is kConflict.
//                       Who: a capture source, or the system. PCI-pause also
//                       lets the agent of the contact pause and resume
//                       (own contacts only); nobody else (AVG-32), and an
//                       agent never flags do-not-record on the customer's
//                       behalf through this call. Unknown ticket: kNotFound.
//                       `at` may not precede the ticket's latest event
//                       (kInvalidInput). Allowed events and refusals are
//                       audited (AVG-5-accountability).
//   PausedSegments      the paused spans of a ticket or recording, oldest
//                       first, with offsets from the start of the contact.
//                       Capture sources and the system may read any ticket's;
//                       people only a stored recording they may listen to
//                       (policy::DecideOpenRecording, kListen). Audited.
//
// Each event is written with its audit entry in one transaction. Thread-safety:
// as App.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "policy/decision.h"
#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

enum class CaptureEventKind { kPause, kResume, kDoNotRecord };
enum class PauseReason {
  kCardData,  // PCI-pause
  kHold,      // HOLD-silence
};

// Stable names as stored ("pause", "resume", "do_not_record"; "card_data",
// "hold"); Parse* returns nullopt for an unknown name.
std::string_view CaptureEventKindName(CaptureEventKind kind);
std::string_view PauseReasonName(PauseReason reason);
std::optional<CaptureEventKind> ParseCaptureEventKind(std::string_view name);
std::optional<PauseReason> ParsePauseReason(std::string_view name);

struct CaptureEventOutcome {
  std::string event_id;
  std::string ticket_id;
  CaptureEventKind kind = CaptureEventKind::kPause;
  std::optional<PauseReason> reason;  // pauses only
  TimeMs at = 0;
  // State after the event: true while paused.
  bool paused = false;
  // PCI-pause / HOLD-silence: whether the source may write content now
  // (policy::DecideCaptureSegment for the state after the event).
  policy::Decision segment;
  // AVG-21 only.
  bool ticket_cancelled = false;     // a later upload with the ticket is refused
  bool recording_destroyed = false;  // a stored recording was destroyed now
};

// `reason` is required for kPause (kInvalidInput without) and ignored for the
// other kinds.
Result<Decided<CaptureEventOutcome>> RecordCaptureEvent(
    App& app, const Actor& actor, const std::string& ticket_or_recording_id, CaptureEventKind kind,
    TimeMs at, std::string note, std::optional<PauseReason> reason = std::nullopt);

struct PausedSegment {
  PauseReason reason = PauseReason::kCardData;
  TimeMs paused_at = 0;
  std::optional<TimeMs> resumed_at;  // nullopt: the contact ended while paused
  // From the start of the contact (Contact::started_at); never negative.
  std::int64_t start_offset_ms = 0;
  std::optional<std::int64_t> end_offset_ms;
  std::string note;  // the pause's note
};

Result<Decided<std::vector<PausedSegment>>> PausedSegments(
    App& app, const Actor& actor, const std::string& ticket_or_recording_id);

// The paused spans of a ticket read on the caller's connection, without a
// decision or an audit entry: for service code that has decided on the
// recording and audits the read itself (views' RecordingInfo). kNotFound for
// an unknown ticket.
Result<std::vector<PausedSegment>> ReadPausedSegments(db::Connection& conn,
                                                      std::string_view ticket_id);

}  // namespace fairqm::service
