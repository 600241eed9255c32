#include "service/capture.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <vector>

#include "audio/ingest.h"
#include "domain/names.h"
#include "policy/capture.h"
#include "policy/requests.h"
#include "policy/retention.h"
#include "policy/sampling.h"
#include "service/audit_trail.h"
#include "service/notices.h"
#include "service/people.h"
#include "store/authorisations.h"
#include "store/clients.h"
#include "store/deletion_log.h"
#include "store/lookups.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/regulations.h"
#include "store/requests.h"

namespace fairqm::service {
namespace {

constexpr std::string_view kOpusMediaType = "audio/ogg; codecs=opus";

// Everything the gate needs, gathered from the catalogue in one place so the
// decision and the ingest re-check ask the same question.
struct GateFacts {
  policy::CaptureFacts facts;
  std::optional<domain::Employee> agent;
  const domain::PurposeRules* rules = nullptr;
  policy::Period period;
  std::string line_id;
  bool line_known = false;
};

Result<GateFacts> GatherGateFacts(db::Connection& conn, const capture::ContactMetadata& m,
                                  TimeMs now, bool count_quota) {
  GateFacts g;
  policy::CaptureFacts& f = g.facts;
  f.now = now;
  f.purpose = m.purpose;
  f.channel = m.channel;
  f.announced = m.announced;
  f.customer_informed_by_contract = m.customer_informed_by_contract;
  f.do_not_record = m.do_not_record;
  FAIRQM_ASSIGN_OR_RETURN(f.regulation, store::ActiveRegulation(conn));
  auto agent = ResolveEmployee(conn, m.agent);
  if (agent.ok()) {
    g.agent = *agent;
    f.agent = *agent;
  } else if (agent.error().code != ErrorCode::kNotFound) {
    return agent.error();
  }
  if (!m.line.empty()) {
    FAIRQM_ASSIGN_OR_RETURN(auto line, store::FindLineByNumber(conn, m.line));
    if (line) {
      g.line_known = true;
      g.line_id = line->id;
      f.line_kind = line->kind;
    }
  } else {
    // Chat and e-mail run on no line; they are business channels (KSF-1.3).
    g.line_known = true;
  }
  if (f.regulation) {
    g.rules = f.regulation->RulesFor(m.purpose);
    if (g.rules != nullptr && g.agent && count_quota) {
      TimeMs anchor = f.regulation->activated_at.value_or(f.regulation->created_at);
      g.period = policy::CurrentPeriod(anchor, g.rules->frequency_period_days, now);
      FAIRQM_ASSIGN_OR_RETURN(auto recorded,
                              store::CountRecordingsInPeriod(conn, g.agent->id, m.purpose,
                                                             g.period.start, g.period.end));
      FAIRQM_ASSIGN_OR_RETURN(auto outstanding,
                              store::CountOutstandingTickets(conn, g.agent->id, m.purpose,
                                                             g.period.start, g.period.end, now));
      f.recordings_in_period = static_cast<int>(recorded + outstanding);
      if (!m.extra_moment_request.empty()) {
        // KSF-4.7: only a granted request of this agent makes an extra moment.
        FAIRQM_ASSIGN_OR_RETURN(auto request, store::GetAgentRequest(conn, m.extra_moment_request));
        if (request.agent_id != g.agent->id || request.kind != domain::RequestKind::kExtraMoment ||
            request.status != domain::RequestStatus::kGranted) {
          return MakeError(ErrorCode::kInvalidInput,
                           "extra_moment_request " + m.extra_moment_request +
                               " is not a granted extra-moment request of this agent");
        }
        f.extra_moment = true;
        policy::Period assessment =
            policy::CurrentPeriod(anchor, f.regulation->assessment_period_days, now);
        FAIRQM_ASSIGN_OR_RETURN(auto with_extra, store::CountRecordingsInPeriod(
                                                     conn, g.agent->id, m.purpose, assessment.start,
                                                     assessment.end, true));
        FAIRQM_ASSIGN_OR_RETURN(auto without_extra, store::CountRecordingsInPeriod(
                                                        conn, g.agent->id, m.purpose,
                                                        assessment.start, assessment.end, false));
        f.extra_moments_in_assessment_period = static_cast<int>(with_extra - without_extra);
      }
    }
  }
  FAIRQM_ASSIGN_OR_RETURN(auto forms, store::FormsPublishedBefore(conn, m.purpose, now));
  for (const auto& form : forms) {
    if (form.published_at && (!f.form_published_at || *form.published_at < *f.form_published_at)) {
      f.form_published_at = form.published_at;
    }
  }
  return g;
}

policy::Decision Gate(const GateFacts& g) {
  // KSF-3.1 comes first: without an active regulation nothing else matters.
  if (g.line_known || !g.facts.regulation) return policy::DecideCapture(g.facts);
  // KSF-1.3: only routine business lines are monitored; a line fairqm does
  // not know might be a private or confidential one.
  return policy::Decision::Refuse(
      "KSF-1.3",
      "Deze lijn is niet bekend als zakelijke lijn; alleen zakelijke lijnen worden gemonitord.",
      "This line is not known as a business line; only business lines are monitored.");
}

// A refused capture leaves only this: the rule, purpose and channel. No agent
// (a trail of a company doctor's calls would itself be monitoring), no
// customer number (AVG-5-minimal).
Status RecordCaptureRefusal(App& app, db::Connection& conn, const Actor& actor,
                            std::string_view action, const capture::ContactMetadata& m,
                            const policy::Decision& decision) {
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(conn));
  store::CaptureRefusal refusal;
  refusal.id = NewId(app.random(), "cref");
  refusal.at = app.Now();
  refusal.rule = decision.rule;
  refusal.purpose = m.purpose;
  refusal.channel = m.channel;
  FAIRQM_RETURN_IF_ERROR(store::AppendCaptureRefusal(conn, refusal));
  FAIRQM_RETURN_IF_ERROR(Record(conn, app.Now(), actor, action,
                                AuditSubject{"capture", refusal.id, "", m.purpose}, decision,
                                codec::Json{{"channel", domain::Name(m.channel)}}));
  return tx.Commit();
}

std::optional<policy::Decision> CaptureRoleRefusal(const Actor& actor) {
  policy::Decision d = policy::DecideRoleAccess(actor.role, policy::Action::kIngestRecording);
  if (d.allowed) return std::nullopt;
  return d;
}

double ExpectedContacts(const App& app, const domain::PurposeRules& rules) {
  // Working days in the period times the configured contacts per agent per day.
  return app.config().expected_contacts_per_agent_per_day * rules.frequency_period_days * 5.0 / 7.0;
}

domain::Contact MakeContact(App& app, const GateFacts& g, const capture::ContactMetadata& m,
                            TimeMs now) {
  domain::Contact c;
  c.id = NewId(app.random(), "con");
  c.channel = m.channel;
  c.agent_id = g.agent->id;
  c.line_id = g.line_id;
  c.started_at = m.started_at.value_or(now);
  c.customer_ref = app.customer_refs().Reference(m.customer_number);  // AVG-5-minimal
  c.client_id = m.client_id;
  c.announced = m.announced;
  c.customer_informed_by_contract = m.customer_informed_by_contract;
  c.do_not_record = m.do_not_record;
  return c;
}

// Streams the content into the vault writer: audio becomes Ogg/Opus, other
// content is kept as sent. Returns (media type, duration) of what was stored.
struct StoredContent {
  std::string media_type;
  std::int64_t duration_ms = 0;
};

bool IsAudio(const capture::ContactMetadata& m) {
  return m.channel == domain::Channel::kVoice &&
         (m.media_type.empty() || m.media_type.rfind("audio/", 0) == 0);
}

Result<StoredContent> WriteContent(App& app, vault::VaultWriter& writer,
                                   const std::filesystem::path& path,
                                   const capture::ContactMetadata& m) {
  if (IsAudio(m)) {
    audio::EncodeOptions options;
    options.bitrate_bps = app.config().opus_bitrate_bps;
    options.complexity = app.config().opus_complexity;
    FAIRQM_ASSIGN_OR_RETURN(
        auto info,
        audio::TranscodeToOpus(
            path, [&](std::span<const std::uint8_t> bytes) { return writer.Append(bytes); },
            options));
    return StoredContent{std::string(kOpusMediaType), info.duration_ms};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kInvalidInput, "cannot read " + path.string());
  std::vector<std::uint8_t> buffer(1 << 16);
  std::int64_t total = 0;
  while (in) {
    in.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(buffer.size()));
    std::streamsize n = in.gcount();
    if (n <= 0) break;
    total += n;
    if (total > app.config().max_upload_bytes) {
      return MakeError(ErrorCode::kInvalidInput, "the content is larger than the upload limit");
    }
    FAIRQM_RETURN_IF_ERROR(writer.Append({buffer.data(), static_cast<std::size_t>(n)}));
  }
  if (in.bad()) return MakeError(ErrorCode::kIo, "reading " + path.string() + " failed");
  if (total == 0) return MakeError(ErrorCode::kInvalidInput, "the content is empty");
  return StoredContent{m.media_type, 0};
}

}  // namespace

Result<Decided<CaptureAnswer>> DecideCapture(App& app, const Actor& actor,
                                             const capture::ContactMetadata& m) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const TimeMs now = app.Now();
  if (auto refusal = CaptureRoleRefusal(actor)) {
    FAIRQM_RETURN_IF_ERROR(RecordCaptureRefusal(app, *conn, actor, "capture.decide", m, *refusal));
    return Decided<CaptureAnswer>::Refuse(*refusal);
  }
  FAIRQM_ASSIGN_OR_RETURN(GateFacts g, GatherGateFacts(*conn, m, now, true));
  policy::Decision decision = Gate(g);
  if (!decision.allowed) {
    // A used-up quota (KSF-3.6) is the ordinary answer for most contacts of
    // the period, like an unselected sample: nothing is processed, so nothing
    // is kept. Every other refusal is on record.
    if (decision.rule != "KSF-3.6") {
      FAIRQM_RETURN_IF_ERROR(
          RecordCaptureRefusal(app, *conn, actor, "capture.decide", m, decision));
    }
    return Decided<CaptureAnswer>::Refuse(decision);
  }
  CaptureAnswer answer;
  answer.purpose = m.purpose;
  if (g.facts.extra_moment) {
    // KSF-4.7: a granted extra moment is recorded outside the sample.
    answer.probability = 1.0;
    answer.selected = true;
  } else {
    // KSF-3.6: within the quota, chance decides; nobody picks or avoids calls.
    policy::SamplerState state{g.period, g.rules->frequency_quota, g.facts.recordings_in_period,
                               ExpectedContacts(app, *g.rules)};
    answer.probability = policy::RecordProbability(state, now);
    answer.selected = policy::ShouldRecord(state, now, app.random());
  }
  if (!answer.selected) {
    // Nothing about an unselected contact is kept: not even that it happened.
    return Decided<CaptureAnswer>::Allow(answer);
  }
  domain::Contact contact = MakeContact(app, g, m, now);
  store::CaptureTicket ticket;
  ticket.id = NewId(app.random(), "rec");
  ticket.contact_id = contact.id;
  ticket.agent_id = g.agent->id;
  ticket.purpose = m.purpose;
  ticket.channel = m.channel;
  ticket.extra_moment_request = m.extra_moment_request;
  ticket.issued_at = now;
  ticket.expires_at = now + kTicketLifetime;
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(store::PutContact(*conn, contact));
  FAIRQM_RETURN_IF_ERROR(store::PutCaptureTicket(*conn, ticket));
  // TRANSPARENCY-live: the agent's own log shows the contact is recorded.
  FAIRQM_RETURN_IF_ERROR(Record(
      *conn, now, actor, "capture.allowed",
      AuditSubject{"recording", ticket.id, g.agent->id, m.purpose}, decision,
      codec::Json{{"channel", domain::Name(m.channel)}, {"extra_moment", g.facts.extra_moment}}));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  // TRANSPARENCY-live: the agent sees at once that this contact is recorded
  // (after the commit, so no notice announces what did not happen).
  app.notices().Publish(RecordingStartedNotice(g.agent->id, ticket.id, m.purpose, m.channel, now));
  answer.ticket = ticket.id;
  answer.contact_id = contact.id;
  answer.expires_at = ticket.expires_at;
  return Decided<CaptureAnswer>::Allow(answer);
}

Result<Decided<domain::Recording>> Ingest(App& app, const Actor& actor,
                                          const std::filesystem::path& content,
                                          const capture::ContactMetadata& m) {
  const TimeMs now = app.Now();
  std::optional<store::CaptureTicket> ticket;
  capture::ContactMetadata meta = m;
  // Bad input is refused before anything is decided or stored.
  if (IsAudio(m)) {
    // The whole file is decoded once to find damage anywhere in it.
    auto probed = audio::Probe(content);
    if (!probed.ok()) return probed.error();
  } else {
    std::error_code ec;
    const auto size = std::filesystem::file_size(content, ec);
    if (ec) return MakeError(ErrorCode::kInvalidInput, "cannot read " + content.string());
    if (size == 0) return MakeError(ErrorCode::kInvalidInput, "the content is empty");
    if (static_cast<std::int64_t>(size) > app.config().max_upload_bytes) {
      return MakeError(ErrorCode::kInvalidInput, "the content is larger than the upload limit");
    }
    if (m.media_type.empty()) {
      return MakeError(
          ErrorCode::kInvalidInput,
          "media_type is required for " + std::string(domain::Name(m.channel)) + " content");
    }
  }
  {
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
    if (auto refusal = CaptureRoleRefusal(actor)) {
      FAIRQM_RETURN_IF_ERROR(
          RecordCaptureRefusal(app, *conn, actor, "recording.ingest", m, *refusal));
      return Decided<domain::Recording>::Refuse(*refusal);
    }
    if (!m.ticket.empty()) {
      FAIRQM_ASSIGN_OR_RETURN(ticket, store::FindCaptureTicket(*conn, m.ticket));
      if (!ticket) return MakeError(ErrorCode::kInvalidInput, "unknown ticket " + m.ticket);
      // AVG-21: the customer objected during the contact (capture_events.h).
      FAIRQM_ASSIGN_OR_RETURN(auto contact, store::GetContact(*conn, ticket->contact_id));
      if (contact.do_not_record) {
        policy::Decision objected = policy::Decision::Refuse(
            "AVG-21", "De klant heeft bezwaar gemaakt tegen opnemen; er is niets opgeslagen.",
            "The customer objected to recording; nothing was stored.");
        FAIRQM_RETURN_IF_ERROR(
            RecordCaptureRefusal(app, *conn, actor, "recording.ingest", m, objected));
        return Decided<domain::Recording>::Refuse(objected);
      }
      if (ticket->redeemed_at) {
        return MakeError(ErrorCode::kConflict, "ticket " + m.ticket + " was already used");
      }
      if (ticket->expires_at <= now) {
        return MakeError(ErrorCode::kConflict, "ticket " + m.ticket + " has expired");
      }
      // KSF-1.2: the purpose was fixed when the ticket was issued.
      if (ticket->purpose != m.purpose || ticket->channel != m.channel) {
        return MakeError(ErrorCode::kInvalidInput,
                         "the metadata's purpose or channel differs from the ticket's");
      }
      meta.extra_moment_request = ticket->extra_moment_request;
    }
  }
  std::string recording_id;
  std::string contact_id;
  if (ticket) {
    // Ask the gate again without the quota (the ticket holds the place): the
    // regulation, the person and the line may have changed since.
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
    FAIRQM_ASSIGN_OR_RETURN(GateFacts g, GatherGateFacts(*conn, meta, now, false));
    if (!g.agent || g.agent->id != ticket->agent_id) {
      return MakeError(ErrorCode::kInvalidInput, "the metadata's agent differs from the ticket's");
    }
    g.facts.recordings_in_period = 0;
    g.facts.extra_moment = false;
    policy::Decision decision = Gate(g);
    if (!decision.allowed) {
      FAIRQM_RETURN_IF_ERROR(
          RecordCaptureRefusal(app, *conn, actor, "recording.ingest", meta, decision));
      return Decided<domain::Recording>::Refuse(decision);
    }
    recording_id = ticket->id;
    contact_id = ticket->contact_id;
  } else {
    // No ticket: this upload is the capture decision (sample included).
    FAIRQM_ASSIGN_OR_RETURN(auto decided, DecideCapture(app, actor, meta));
    if (!decided.allowed()) return Decided<domain::Recording>::Refuse(decided.decision);
    if (!decided.value->selected) {
      // KSF-3.6: the sample did not choose this contact; keeping it anyway
      // would let the uploader pick calls.
      return Decided<domain::Recording>::Refuse(policy::Decision::Refuse(
          "KSF-3.6",
          "Dit contact is niet gekozen in de willekeurige steekproef; er is niets opgeslagen.",
          "This contact was not chosen by the random sample; nothing was stored."));
    }
    recording_id = decided.value->ticket;
    contact_id = decided.value->contact_id;
  }

  // Content first, catalogue second: a crash in between leaves content the
  // catalogue does not know, which the startup check crypto-shreds.
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.vault().Create(recording_id));
  auto stored = WriteContent(app, *writer, content, meta);
  if (!stored.ok()) {
    writer->Abort();
    return stored.error();
  }
  FAIRQM_RETURN_IF_ERROR(writer->Commit());
  const std::int64_t size = static_cast<std::int64_t>(writer->size());

  auto catalogue = [&]() -> Result<domain::Recording> {
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
    FAIRQM_ASSIGN_OR_RETURN(auto contact, store::GetContact(*conn, contact_id));
    FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::ActiveRegulation(*conn));
    if (!regulation || regulation->RulesFor(meta.purpose) == nullptr) {
      return MakeError(ErrorCode::kConflict, "the regulation changed during the upload");
    }
    const domain::PurposeRules& rules = *regulation->RulesFor(meta.purpose);
    domain::Recording r;
    r.id = recording_id;
    r.contact_id = contact_id;
    r.agent_id = contact.agent_id;
    r.purpose = meta.purpose;  // KSF-1.2: fixed here, never changed
    r.channel = meta.channel;
    r.media_type = stored->media_type;
    r.regulation_id = regulation->id;
    r.created_at = now;
    r.duration_ms = stored->duration_ms;
    r.size_bytes = size;
    r.evaluate_by = policy::RecordingEvaluateBy(now, rules);  // KSF-4.4
    r.destroy_at = policy::RecordingDestroyAt(now, rules);    // AVG-5-storage
    r.extra_moment = !meta.extra_moment_request.empty();
    r.may_contain_card_data = meta.may_contain_card_data;  // PCI-pause
    r.client_id = contact.client_id;
    FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
    FAIRQM_RETURN_IF_ERROR(store::PutRecording(*conn, r));
    FAIRQM_ASSIGN_OR_RETURN(bool redeemed, store::RedeemCaptureTicket(*conn, recording_id, now));
    if (!redeemed) return MakeError(ErrorCode::kConflict, "the ticket was used concurrently");
    if (r.extra_moment) {
      FAIRQM_ASSIGN_OR_RETURN(auto request,
                              store::GetAgentRequest(*conn, meta.extra_moment_request));
      request.status = domain::RequestStatus::kFulfilled;
      request.decided_at = now;
      FAIRQM_RETURN_IF_ERROR(store::PutAgentRequest(*conn, request));
    }
    FAIRQM_RETURN_IF_ERROR(Record(*conn, now, actor, "recording.ingest",
                                  AuditSubject{"recording", r.id, r.agent_id, r.purpose},
                                  policy::Decision::Allow(),
                                  codec::Json{{"media_type", r.media_type},
                                              {"size_bytes", r.size_bytes},
                                              {"duration_ms", r.duration_ms}}));
    FAIRQM_RETURN_IF_ERROR(tx.Commit());
    return r;
  };
  auto recording = catalogue();
  if (!recording.ok()) {
    // Nothing half-stored: the content goes with its key.
    Status destroyed = app.vault().Destroy(recording_id);
    if (!destroyed.ok()) spdlog::error("could not remove content of {}", recording_id);
    return recording.error();
  }
  return Decided<domain::Recording>::Allow(*recording);
}

Result<Decided<std::unique_ptr<vault::VaultReader>>> OpenRecording(App& app, const Actor& actor,
                                                                   const std::string& recording_id,
                                                                   domain::Purpose access_purpose,
                                                                   policy::RecordingAccess access) {
  using Answer = Decided<std::unique_ptr<vault::VaultReader>>;
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const TimeMs now = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto recording, store::GetRecording(*conn, recording_id));
  FAIRQM_ASSIGN_OR_RETURN(auto agent, store::GetEmployee(*conn, recording.agent_id));
  policy::OpenRecordingFacts facts;
  facts.actor_role = actor.role;
  facts.actor_id = actor.id;
  FAIRQM_ASSIGN_OR_RETURN(facts.actor_authorisations,
                          store::AuthorisationsForMonitor(*conn, actor.id));
  facts.recording = recording;
  facts.agent = agent;
  facts.access_purpose = access_purpose;
  facts.access = access;
  facts.now = now;
  if (actor.role == domain::Role::kClient) {
    FAIRQM_ASSIGN_OR_RETURN(facts.regulation, store::ActiveRegulation(*conn));
    FAIRQM_ASSIGN_OR_RETURN(auto contracts, store::ListContractsForClient(*conn, actor.client_id));
    for (const auto& c : contracts) {
      if (c.purpose == recording.purpose) facts.contract = c;
    }
  }
  policy::Decision decision = policy::DecideOpenRecording(facts);
  static constexpr std::string_view kActions[] = {"recording.listen",   "recording.download",
                                                  "recording.evaluate", "recording.report",
                                                  "recording.export",   "recording.subject_export"};
  std::string_view action = kActions[static_cast<int>(access)];
  AuditSubject subject{"recording", recording.id, recording.agent_id, recording.purpose};
  if (!decision.allowed) {
    // KSF-3.3 (3.3.4): every refused access is audited too.
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*conn, now, actor, action, subject, decision));
    return Answer::Refuse(decision);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto reader, app.vault().OpenReader(recording.id));
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(Record(*conn, now, actor, action, subject, decision));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Answer::Allow(std::move(reader));
}

}  // namespace fairqm::service
