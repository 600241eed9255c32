// The capture sources' routes (PBX, CCaaS, recorder): API tokens with the
// scope "capture" (decisions, uploads, events) or "live" (live-listen
// reports).
//
//   decideCapture   asked BEFORE anything of a contact is recorded. The gate's
//                   answer is the normal outcome for a capture source, never an
//                   HTTP error: 200 {"decision": "record" | "do_not_record",
//                   "record": bool, "selected": bool, "ticket"?, "expires_at"?,
//                   "rule"?, "reason"?}. A refusal carries the rule (e.g.
//                   KSF-2.1-confidential for a protected person's line, AVG-21
//                   for do_not_record, KSF-6.6 without the announcement); a
//                   contact the sample passed over carries rule KSF-3.6.
//                   Counted in the metrics by outcome and rule.
//   uploadRecording multipart/form-data: a "metadata" field (the contact
//                   metadata JSON, with the ticket) and a "content" file part,
//                   spooled to disk by the server as it arrives. 201 with the
//                   recording; a refusal by the gate is 403 with the rule (a
//                   decided contact that is refused now must not be kept, and
//                   the source has to know); nothing is stored then.
//   recordCaptureEvent  pause / resume (PCI-pause, HOLD-silence) and
//                   do_not_record (AVG-21) on a ticket; agents may pause and
//                   resume their own contact.
//   reportLiveListenStart / Stop  a listener on the switch; the PBX asserts
//                   only who listens, the listener's own authorisation
//                   decides (service/api_monitor.h). A refusal is 403 with the
//                   rule: the switch must cut the listener off.
#include <string>
#include <vector>

#include "api/handler_util.h"
#include "api/metrics.h"
#include "api/routes.h"
#include "capture/metadata.h"
#include "domain/names.h"
#include "service/api_monitor.h"
#include "service/capture.h"
#include "service/capture_events.h"

namespace fairqm::api {
namespace {

constexpr const char* kMetadataField = "metadata";

Result<Response> DecideCapture(Context& context) {
  if (context.request.body.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "the contact metadata (JSON) is required");
  }
  FAIRQM_ASSIGN_OR_RETURN(auto metadata, capture::ParseContactMetadata(context.request.body));
  FAIRQM_ASSIGN_OR_RETURN(auto decided,
                          service::DecideCapture(context.app, context.actor(), metadata));
  const bool english = context.lang() == "en";
  codec::Json body;
  if (!decided.allowed()) {
    // A refusal is the gate's ordinary answer to a capture source: 200.
    context.metrics.CountCapture(false, false, decided.decision.rule);
    body = {{"decision", "do_not_record"},
            {"record", false},
            {"selected", false},
            {"rule", decided.decision.rule},
            {"reason", english ? decided.decision.reason_en : decided.decision.reason_nl}};
    return JsonResponse(body);
  }
  const service::CaptureAnswer& answer = *decided.value;
  if (!answer.selected) {
    // KSF-3.6: within the quota, chance decides; this contact was not chosen.
    context.metrics.CountCapture(true, false, "KSF-3.6");
    body = {{"decision", "do_not_record"},
            {"record", false},
            {"selected", false},
            {"purpose", domain::Name(answer.purpose)},
            {"rule", "KSF-3.6"},
            {"reason", english ? "This contact was not chosen by the random sample."
                               : "Dit contact is niet gekozen in de willekeurige steekproef."}};
    return JsonResponse(body);
  }
  context.metrics.CountCapture(true, true, "");
  body = {{"decision", "record"},
          {"record", true},
          {"selected", true},
          {"ticket", answer.ticket},
          {"purpose", domain::Name(answer.purpose)},
          {"expires_at", FormatTime(answer.expires_at)}};
  return JsonResponse(body);
}

Result<Response> UploadRecording(Context& context) {
  if (!context.request.upload) {
    return MakeError(ErrorCode::kInvalidInput, "send the recording as multipart/form-data");
  }
  const Upload& upload = *context.request.upload;
  auto field = upload.fields.find(kMetadataField);
  if (field == upload.fields.end() || field->second.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "metadata: required");
  }
  auto parsed = capture::ParseContactMetadata(field->second);
  if (!parsed.ok()) {
    return MakeError(ErrorCode::kInvalidInput, "metadata: " + parsed.error().message);
  }
  capture::ContactMetadata metadata = std::move(*parsed);
  // Non-audio content may name its type on the file part instead.
  if (metadata.media_type.empty() && metadata.channel != domain::Channel::kVoice &&
      capture::IsMediaType(upload.content_type) &&
      upload.content_type != "application/octet-stream") {
    metadata.media_type = upload.content_type;
  }
  return Answer(
      service::Ingest(context.app, context.actor(), upload.content, metadata), context,
      [](const domain::Recording& recording) { return codec::ToJson(recording); }, 201);
}

codec::Json EventJson(const service::CaptureEventOutcome& outcome) {
  codec::Json body = {{"event_id", outcome.event_id},
                      {"ticket", outcome.ticket_id},
                      {"kind", service::CaptureEventKindName(outcome.kind)},
                      {"at", FormatTime(outcome.at)},
                      {"paused", outcome.paused},
                      // PCI-pause / HOLD-silence: may the source write content now?
                      {"may_capture", outcome.segment.allowed},
                      {"ticket_cancelled", outcome.ticket_cancelled},
                      {"recording_destroyed", outcome.recording_destroyed}};
  body["reason"] = outcome.reason ? codec::Json(service::PauseReasonName(*outcome.reason))
                                  : codec::Json(nullptr);
  if (!outcome.segment.rule.empty()) body["rule"] = outcome.segment.rule;
  return body;
}

Result<Response> RecordCaptureEvent(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string kind_name, body.String("kind", 32));
  auto kind = service::ParseCaptureEventKind(kind_name);
  if (!kind) {
    return MakeError(ErrorCode::kInvalidInput,
                     "kind: unknown value '" + kind_name + "' (pause, resume, do_not_record)");
  }
  FAIRQM_ASSIGN_OR_RETURN(auto reason_name, body.OptionalString("reason", 32));
  std::optional<service::PauseReason> reason;
  if (reason_name) {
    reason = service::ParsePauseReason(*reason_name);
    if (!reason) {
      return MakeError(ErrorCode::kInvalidInput,
                       "reason: unknown value '" + *reason_name + "' (card_data, hold)");
    }
  }
  if (*kind == service::CaptureEventKind::kPause && !reason) {
    return MakeError(ErrorCode::kInvalidInput, "reason: required for a pause (card_data, hold)");
  }
  FAIRQM_ASSIGN_OR_RETURN(auto at, body.OptionalTime("at"));
  FAIRQM_ASSIGN_OR_RETURN(auto note, body.OptionalString("note"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"kind", "reason", "at", "note"}));
  return Answer(
      service::RecordCaptureEvent(context.app, context.actor(), Param(context, "ticket"), *kind,
                                  at.value_or(context.app.Now()), note.value_or(""), reason),
      context, EventJson, 201);
}

Result<Response> ReportLiveListenStart(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string listener, body.String("listener_id", 64));
  FAIRQM_ASSIGN_OR_RETURN(std::string agent, body.String("agent_id", 64));
  FAIRQM_ASSIGN_OR_RETURN(std::string line_number, body.String("line_number", 64));
  FAIRQM_ASSIGN_OR_RETURN(auto purpose, body.EnumValue<domain::Purpose>("purpose"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"listener_id", "agent_id", "line_number", "purpose"}));
  return Answer(
      service::ReportLiveListenStart(context.app, context.actor(), listener, agent, line_number,
                                     purpose),
      context, [](const domain::LiveListenSession& s) { return codec::ToJson(s); }, 201);
}

Result<Response> ReportLiveListenStop(Context& context) {
  return Answer(service::ReportLiveListenStop(context.app, context.actor(), Param(context, "id")),
                context, [](const domain::LiveListenSession& s) { return codec::ToJson(s); });
}

Route WithScope(Route route, std::string scope) {
  route.scope = std::move(scope);
  return route;
}

}  // namespace

void AddCaptureRoutes(std::vector<Route>& routes) {
  using http::verb;
  Route decide = WithScope(
      MakeRoute(verb::post, "/api/v1/captures", "decideCapture", DecideCapture, BodyKind::kJson),
      "capture");
  decide.action = policy::Action::kIngestRecording;
  routes.push_back(std::move(decide));
  Route upload = WithScope(MakeRoute(verb::post, "/api/v1/recordings", "uploadRecording",
                                     UploadRecording, BodyKind::kUpload),
                           "capture");
  upload.action = policy::Action::kIngestRecording;
  routes.push_back(std::move(upload));
  routes.push_back(WithScope(MakeRoute(verb::post, "/api/v1/captures/{ticket}/events",
                                       "recordCaptureEvent", RecordCaptureEvent, BodyKind::kJson),
                             "capture"));
  routes.push_back(
      WithScope(MakeRoute(verb::post, "/api/v1/captures/live-listens", "reportLiveListenStart",
                          ReportLiveListenStart, BodyKind::kJson),
                "live"));
  routes.push_back(WithScope(MakeRoute(verb::post, "/api/v1/captures/live-listens/{id}/stop",
                                       "reportLiveListenStop", ReportLiveListenStop),
                             "live"));
}

}  // namespace fairqm::api
