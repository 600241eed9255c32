// Tests of service/capture_events: PCI-pause and HOLD-silence spans and the
// customer's objection during a contact (AVG-21), against a real
// installation: tickets from the real capture gate, uploads through Ingest,
// destruction through the vault, every step on the audit record.
#include "service/capture_events.h"

#include <gtest/gtest.h>

#include "audit/audit.h"
#include "service/capture.h"
#include "service/testing.h"
#include "service/views.h"
#include "store/deletion_log.h"
#include "store/lookups.h"
#include "store/recordings.h"

namespace fairqm::service {
namespace {

using domain::Purpose;
using domain::Role;
using testing::Installation;

class CaptureEventsTest : public testing::ServiceTest {
 protected:
  App& app() { return inst().app(); }
  const std::string& Agent(int idx = 0) { return inst().teams().front().agent_ids.at(idx); }
  const std::string& Number(int idx = 0) { return inst().teams().front().agent_numbers.at(idx); }
  Actor AgentActor(int idx = 0) { return Installation::AgentActor(Agent(idx)); }
  Actor Source() { return Installation::CaptureSource(); }

  // A contact of agent `idx` the gate allowed and the sample selected: its
  // metadata, ticket included, ready for Upload.
  capture::ContactMetadata Issue(int idx = 0, Purpose purpose = Purpose::kCoaching) {
    capture::ContactMetadata m;
    m.agent = Number(idx);
    m.line = "6" + Number(idx);
    m.channel = domain::Channel::kVoice;
    m.purpose = purpose;
    m.announced = true;  // KSF-6.6
    for (int attempt = 0; attempt < 1000; ++attempt) {
      auto decided = DecideCapture(app(), Source(), m);
      EXPECT_TRUE(decided.ok() && decided->allowed());
      if (!decided.ok() || !decided->allowed()) break;
      if (decided->value->selected) {
        m.ticket = decided->value->ticket;
        return m;
      }
      inst().clock().Advance(inst().options().sample_step);
    }
    ADD_FAILURE() << "no ticket";
    return m;
  }

  Result<Decided<domain::Recording>> Upload(const capture::ContactMetadata& m) {
    auto path = inst().scratch() / ("call-" + std::to_string(++files_) + ".wav");
    FAIRQM_RETURN_IF_ERROR(audio::WriteWav(path.string(), audio::Tone(8000, 2, 2.0, 440.0, 0.3),
                                           8000, 2, SF_FORMAT_PCM_16));
    return Ingest(app(), Source(), path, m);
  }

  Result<Decided<CaptureEventOutcome>> Event(const Actor& actor, const std::string& id,
                                             CaptureEventKind kind,
                                             std::optional<PauseReason> reason = std::nullopt,
                                             TimeMs at = 0) {
    return RecordCaptureEvent(app(), actor, id, kind, at == 0 ? app().Now() : at, "bron-notitie",
                              reason);
  }

  audit::StoredEntry LastAudit() {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    audit::Filter filter;
    filter.limit = 1;
    auto entries = audit::Search(**conn, filter);
    EXPECT_TRUE(entries.ok() && !entries->empty());
    return entries->front();
  }

  void ExpectRefusedAndAudited(const policy::Decision& decision, const std::string& rule,
                               const std::string& action) {
    EXPECT_FALSE(decision.allowed);
    EXPECT_EQ(decision.rule, rule) << decision.reason_en;
    EXPECT_FALSE(decision.reason_nl.empty());
    auto last = LastAudit();
    EXPECT_EQ(last.entry.decision, audit::Decision::kRefused);
    EXPECT_EQ(last.entry.rule, rule);
    EXPECT_EQ(last.entry.action, action);
  }

  int files_ = 0;
};

// PCI-pause: a pause for card data and its resume make one span; while paused
// the source may not write; the upload keeps the span for the player.
TEST_F(CaptureEventsTest, PCI_PauseAndResumeStoreASpan) {
  capture::ContactMetadata m = Issue();
  const TimeMs start = app().Now();
  auto paused =
      Event(Source(), m.ticket, CaptureEventKind::kPause, PauseReason::kCardData, start + 5000);
  ASSERT_TRUE(paused.ok()) << paused.error().ToString();
  ASSERT_TRUE(paused->allowed());
  EXPECT_TRUE(paused->value->paused);
  EXPECT_EQ(paused->value->ticket_id, m.ticket);
  EXPECT_EQ(paused->value->segment.rule, "PCI-pause");
  EXPECT_FALSE(paused->value->segment.allowed);
  auto entry = LastAudit();
  EXPECT_EQ(entry.entry.action, "capture.pause");
  EXPECT_EQ(entry.entry.rule, "PCI-pause");
  EXPECT_EQ(entry.entry.subject_agent_id, Agent());
  EXPECT_EQ(entry.entry.subject_id, m.ticket);

  auto resumed = Event(Source(), m.ticket, CaptureEventKind::kResume, std::nullopt, start + 9000);
  ASSERT_TRUE(resumed.ok() && resumed->allowed());
  EXPECT_FALSE(resumed->value->paused);
  EXPECT_TRUE(resumed->value->segment.allowed);
  EXPECT_EQ(LastAudit().entry.rule, "PCI-pause");

  // Before the upload the capture source can read its spans.
  auto spans = PausedSegments(app(), Source(), m.ticket);
  ASSERT_TRUE(spans.ok() && spans->allowed());
  ASSERT_EQ(spans->value->size(), 1u);
  const PausedSegment& s = spans->value->front();
  EXPECT_EQ(s.reason, PauseReason::kCardData);
  EXPECT_EQ(s.paused_at, start + 5000);
  ASSERT_TRUE(s.resumed_at.has_value());
  EXPECT_EQ(*s.resumed_at, start + 9000);
  EXPECT_EQ(s.note, "bron-notitie");
  EXPECT_EQ(LastAudit().entry.action, "capture.segments");

  auto uploaded = Upload(m);
  ASSERT_TRUE(uploaded.ok() && uploaded->allowed());
  // The player's view: offsets from the start of the contact.
  auto info = RecordingInfo(app(), inst().Monitor(), m.ticket);
  ASSERT_TRUE(info.ok() && info->allowed());
  ASSERT_EQ(info->value->paused.size(), 1u);
  const PausedSegment& played = info->value->paused.front();
  ASSERT_TRUE(played.end_offset_ms.has_value());
  EXPECT_EQ(*played.end_offset_ms - played.start_offset_ms, 4000);
  EXPECT_GE(played.start_offset_ms, 0);
}

// HOLD-silence: a pause while the customer is on hold carries its own rule,
// and so does the resume that ends it.
TEST_F(CaptureEventsTest, HOLD_SilencePauseCarriesItsRule) {
  capture::ContactMetadata m = Issue();
  auto paused = Event(Source(), m.ticket, CaptureEventKind::kPause, PauseReason::kHold);
  ASSERT_TRUE(paused.ok() && paused->allowed());
  EXPECT_EQ(paused->value->segment.rule, "HOLD-silence");
  EXPECT_EQ(LastAudit().entry.rule, "HOLD-silence");
  auto resumed = Event(Source(), m.ticket, CaptureEventKind::kResume);
  ASSERT_TRUE(resumed.ok() && resumed->allowed());
  EXPECT_EQ(LastAudit().entry.rule, "HOLD-silence");
  EXPECT_EQ(LastAudit().entry.action, "capture.resume");
}

// A contact that ends while paused leaves an open span.
TEST_F(CaptureEventsTest, PCI_ContactEndingWhilePausedLeavesAnOpenSpan) {
  capture::ContactMetadata m = Issue();
  ASSERT_TRUE(
      Event(Source(), m.ticket, CaptureEventKind::kPause, PauseReason::kCardData)->allowed());
  auto uploaded = Upload(m);
  ASSERT_TRUE(uploaded.ok() && uploaded->allowed());
  auto spans = PausedSegments(app(), AgentActor(), m.ticket);
  ASSERT_TRUE(spans.ok() && spans->allowed());
  ASSERT_EQ(spans->value->size(), 1u);
  EXPECT_FALSE(spans->value->front().resumed_at.has_value());
  EXPECT_FALSE(spans->value->front().end_offset_ms.has_value());
}

TEST_F(CaptureEventsTest, PauseTwiceOrResumeWithoutPauseIsConflict) {
  capture::ContactMetadata m = Issue();
  auto stray = Event(Source(), m.ticket, CaptureEventKind::kResume);
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Event(Source(), m.ticket, CaptureEventKind::kPause, PauseReason::kHold)->allowed());
  auto twice = Event(Source(), m.ticket, CaptureEventKind::kPause, PauseReason::kCardData);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Event(Source(), m.ticket, CaptureEventKind::kResume)->allowed());
  auto again = Event(Source(), m.ticket, CaptureEventKind::kResume);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(CaptureEventsTest, BadEventsAreInvalidInput) {
  capture::ContactMetadata m = Issue();
  // A pause says why.
  auto no_reason = Event(Source(), m.ticket, CaptureEventKind::kPause);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().code, ErrorCode::kInvalidInput);
  // Events arrive in order.
  const TimeMs now = app().Now();
  ASSERT_TRUE(
      Event(Source(), m.ticket, CaptureEventKind::kPause, PauseReason::kHold, now)->allowed());
  auto earlier = Event(Source(), m.ticket, CaptureEventKind::kResume, std::nullopt, now - 1000);
  ASSERT_FALSE(earlier.ok());
  EXPECT_EQ(earlier.error().code, ErrorCode::kInvalidInput);
}

TEST_F(CaptureEventsTest, UnknownTicketIsNotFound) {
  for (auto kind :
       {CaptureEventKind::kPause, CaptureEventKind::kResume, CaptureEventKind::kDoNotRecord}) {
    auto unknown = Event(Source(), "rec-unknown", kind, PauseReason::kCardData);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  }
  EXPECT_EQ(PausedSegments(app(), Source(), "rec-unknown").error().code, ErrorCode::kNotFound);
}

// AVG-32: only a capture source (or the system) reports on a capture; an
// agent may pause and resume their own contact (PCI-pause), nobody else's,
// and never flags do-not-record. Every refusal is on record.
TEST_F(CaptureEventsTest, AVG_32_OnlyCaptureSourcesAndTheOwnAgentSendEvents) {
  capture::ContactMetadata m = Issue(0);
  for (const Actor& actor : {inst().Monitor(), Installation::Manager(), Installation::Admin(),
                             Installation::Client("c1"), Installation::PrivacyOfficer()}) {
    auto refused = Event(actor, m.ticket, CaptureEventKind::kPause, PauseReason::kCardData);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "AVG-32", "capture.pause");
  }
  auto other_agent =
      Event(AgentActor(1), m.ticket, CaptureEventKind::kPause, PauseReason::kCardData);
  ASSERT_TRUE(other_agent.ok());
  ExpectRefusedAndAudited(other_agent->decision, "AVG-32", "capture.pause");
  EXPECT_EQ(LastAudit().entry.subject_agent_id, Agent(0));
  auto agent_flag = Event(AgentActor(0), m.ticket, CaptureEventKind::kDoNotRecord);
  ASSERT_TRUE(agent_flag.ok());
  ExpectRefusedAndAudited(agent_flag->decision, "AVG-32", "capture.do_not_record");

  // PCI-pause: "pause/resume from the capture source or the agent".
  auto own = Event(AgentActor(0), m.ticket, CaptureEventKind::kPause, PauseReason::kCardData);
  ASSERT_TRUE(own.ok() && own->allowed());
  EXPECT_EQ(LastAudit().entry.actor_id, Agent(0));
  auto system = Event(Actor::System(), m.ticket, CaptureEventKind::kResume);
  ASSERT_TRUE(system.ok() && system->allowed());
}

// Pauses belong to the capture: once the content is stored, or the ticket has
// expired, there is nothing left to pause.
TEST_F(CaptureEventsTest, PauseAfterUploadOrExpiryIsConflict) {
  capture::ContactMetadata stored = Issue(0);
  ASSERT_TRUE(Upload(stored)->allowed());
  auto after_upload = Event(Source(), stored.ticket, CaptureEventKind::kPause, PauseReason::kHold);
  ASSERT_FALSE(after_upload.ok());
  EXPECT_EQ(after_upload.error().code, ErrorCode::kConflict);

  capture::ContactMetadata expired = Issue(1);
  inst().clock().Advance(kTicketLifetime + kHourMs);
  auto after_expiry =
      Event(Source(), expired.ticket, CaptureEventKind::kPause, PauseReason::kCardData);
  ASSERT_FALSE(after_expiry.ok());
  EXPECT_EQ(after_expiry.error().code, ErrorCode::kConflict);
}

// AVG-21: the customer objects during the contact — the ticket is cancelled,
// so the upload that follows stores nothing.
TEST_F(CaptureEventsTest, AVG_21_DoNotRecordCancelsTheTicket) {
  capture::ContactMetadata m = Issue();
  auto flagged = Event(Source(), m.ticket, CaptureEventKind::kDoNotRecord);
  ASSERT_TRUE(flagged.ok()) << flagged.error().ToString();
  ASSERT_TRUE(flagged->allowed());
  EXPECT_TRUE(flagged->value->ticket_cancelled);
  EXPECT_FALSE(flagged->value->recording_destroyed);
  EXPECT_EQ(flagged->value->segment.rule, "AVG-21");
  EXPECT_EQ(LastAudit().entry.action, "capture.do_not_record");
  EXPECT_EQ(LastAudit().entry.rule, "AVG-21");

  auto upload = Upload(m);
  EXPECT_FALSE(upload.ok() && upload->allowed());
  auto conn = app().Reader();
  ASSERT_TRUE(conn.ok());
  auto ticket = store::FindCaptureTicket(**conn, m.ticket);
  ASSERT_TRUE(ticket.ok() && ticket->has_value());
  auto contact = store::GetContact(**conn, (*ticket)->contact_id);
  ASSERT_TRUE(contact.ok());
  EXPECT_TRUE(contact->do_not_record);
  EXPECT_EQ(store::GetRecording(**conn, m.ticket).error().code, ErrorCode::kNotFound);
  auto content = app().vault().ListIds();
  ASSERT_TRUE(content.ok());
  EXPECT_TRUE(content->empty());

  // Flagged once; nothing more happens on this contact.
  auto twice = Event(Source(), m.ticket, CaptureEventKind::kDoNotRecord);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto pause = Event(Source(), m.ticket, CaptureEventKind::kPause, PauseReason::kHold);
  ASSERT_FALSE(pause.ok());
  EXPECT_EQ(pause.error().code, ErrorCode::kConflict);
}

// AVG-21, AVG-17, DELETION-log: a recording of the contact already stored is
// destroyed at once — key and content shredded, the row stamped, the
// destruction logged without the content.
TEST_F(CaptureEventsTest, AVG_21_DoNotRecordDestroysAStoredRecording) {
  auto recording = inst().Capture(Agent(), Purpose::kQuality);
  ASSERT_TRUE(recording.ok()) << recording.error().ToString();
  auto flagged = Event(Source(), recording->id, CaptureEventKind::kDoNotRecord);
  ASSERT_TRUE(flagged.ok()) << flagged.error().ToString();
  ASSERT_TRUE(flagged->allowed());
  EXPECT_TRUE(flagged->value->recording_destroyed);
  EXPECT_FALSE(flagged->value->ticket_cancelled);  // the upload had used it

  auto conn = app().Reader();
  ASSERT_TRUE(conn.ok());
  auto stored = store::GetRecording(**conn, recording->id);
  ASSERT_TRUE(stored.ok());
  ASSERT_TRUE(stored->destroyed_at.has_value());
  EXPECT_EQ(stored->destroyed_rule, "AVG-21");
  auto logged = store::FindDeletion(**conn, store::kSubjectRecording, recording->id);
  ASSERT_TRUE(logged.ok() && logged->has_value());
  EXPECT_EQ((*logged)->rule, "AVG-21");
  EXPECT_EQ(app().vault().OpenReader(recording->id).error().code, ErrorCode::kNotFound);
  // AVG-17: not even the agent opens it again.
  auto open = OpenRecording(app(), AgentActor(), recording->id, Purpose::kQuality,
                            policy::RecordingAccess::kListen);
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->decision.rule, "AVG-17");

  audit::Filter filter;
  filter.action = "recording.destroy";
  filter.subject_agent_id = Agent();
  auto entries = audit::Search(**conn, filter);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().entry.rule, "AVG-21");
  EXPECT_EQ(entries->front().entry.subject_id, recording->id);
}

// Who sees the spans: the capture source before the upload; afterwards
// whoever may listen to the recording (KSF-3.3), every refusal on record.
TEST_F(CaptureEventsTest, KSF_3_3_PausedSegmentsAreDecidedLikeListening) {
  capture::ContactMetadata m = Issue(0, Purpose::kQuality);
  ASSERT_TRUE(
      Event(Source(), m.ticket, CaptureEventKind::kPause, PauseReason::kCardData)->allowed());
  // Nothing stored yet: people have nothing to see.
  EXPECT_EQ(PausedSegments(app(), inst().Monitor(), m.ticket).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Upload(m)->allowed());
  auto monitor = PausedSegments(app(), inst().Monitor(), m.ticket);
  ASSERT_TRUE(monitor.ok() && monitor->allowed());
  EXPECT_EQ(monitor->value->size(), 1u);
  EXPECT_EQ(LastAudit().entry.subject_agent_id, Agent(0));

  struct Case {
    Actor actor;
    std::string rule;
  } cases[] = {{AgentActor(1), "KSF-3.3"},
               {Actor{inst().teams().front().lead_id, Role::kMonitor, ""}, "KSF-3.3"},
               {Installation::Admin(), "AVG-32"}};
  for (const auto& c : cases) {
    auto refused = PausedSegments(app(), c.actor, m.ticket);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, c.rule, "capture.segments");
  }
}

TEST(CaptureEventNamesTest, RoundTrip) {
  for (auto kind :
       {CaptureEventKind::kPause, CaptureEventKind::kResume, CaptureEventKind::kDoNotRecord}) {
    EXPECT_EQ(ParseCaptureEventKind(CaptureEventKindName(kind)), kind);
  }
  for (auto reason : {PauseReason::kCardData, PauseReason::kHold}) {
    EXPECT_EQ(ParsePauseReason(PauseReasonName(reason)), reason);
  }
  EXPECT_FALSE(ParseCaptureEventKind("stop").has_value());
  EXPECT_FALSE(ParsePauseReason("").has_value());
}

}  // namespace
}  // namespace fairqm::service
