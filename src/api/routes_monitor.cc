// The monitor's routes: the queue by deadline (KSF-4.4), a recording's
// metadata, content and paused spans, the evaluation from start to close
// (KSF-3.8, KSF-4.5), the written evaluation as a printable document, live
// listening (KSF-3.3, KSF-6.4) and the confidentiality acknowledgement
// (KSF-3.3, 3.3.5). Each handler parses, calls one service function and
// renders; the service decides and audits.
//
// Recording content is streamed with byte ranges (api/range.h): 200 with
// Accept-Ranges for the whole content, 206 with Content-Range for one range,
// 416 with "Content-Range: bytes */size" when the range lies beyond the end;
// several ranges get the whole content. Every request for content — each
// range a player asks for included — goes through service::OpenRecording and
// so is decided and audited on its own (AVG-5-accountability: every access is
// on record). That costs one small catalogue transaction per range request;
// a player asks for a handful per listening, and no audited access may be
// assumed from an earlier one (an authorisation can end between two ranges).
#include <fmt/format.h>

#include <string>
#include <vector>

#include "api/handler_util.h"
#include "api/range.h"
#include "api/routes.h"
#include "domain/names.h"
#include "service/agent_requests.h"
#include "service/api_monitor.h"
#include "service/capture_events.h"
#include "service/evaluations.h"
#include "service/people.h"
#include "service/views.h"

namespace fairqm::api {
namespace {

codec::Json OptionalTime(const std::optional<TimeMs>& time) {
  return time ? codec::Json(FormatTime(*time)) : codec::Json(nullptr);
}

codec::Json SegmentJson(const service::PausedSegment& segment) {
  return codec::Json{{"reason", service::PauseReasonName(segment.reason)},
                     {"paused_at", FormatTime(segment.paused_at)},
                     {"resumed_at", OptionalTime(segment.resumed_at)},
                     {"start_offset_ms", segment.start_offset_ms},
                     {"end_offset_ms", segment.end_offset_ms ? codec::Json(*segment.end_offset_ms)
                                                             : codec::Json(nullptr)},
                     {"note", segment.note}};
}

// A query parameter naming a purpose; absent or unknown is a 400 naming it.
Result<domain::Purpose> PurposeQuery(const Context& context) {
  const std::string name = context.request.Query("purpose");
  if (name.empty()) return MakeError(ErrorCode::kInvalidInput, "purpose: required");
  auto purpose = domain::ParsePurpose(name);
  if (!purpose) {
    return MakeError(ErrorCode::kInvalidInput, "purpose: unknown value '" + name.substr(0, 64) +
                                                   "' (coaching, assessment, quality)");
  }
  return *purpose;
}

// --- queue and recordings --------------------------------------------------

Result<Response> GetMonitorQueue(Context& context) {
  int limit = 100;
  const std::string text = context.request.Query("limit");
  if (!text.empty()) {
    if (text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(text) < 1 || std::stoi(text) > 1000) {
      return MakeError(ErrorCode::kInvalidInput, "limit: a whole number from 1 to 1000");
    }
    limit = std::stoi(text);
  }
  // KSF-4.4: soonest deadline first, with the days left.
  return Answer(service::MonitorQueue(context.app, context.actor(), limit), context,
                [](const std::vector<service::QueueItem>& items) {
                  return ItemsJson(items, [](const service::QueueItem& item) {
                    return codec::Json{{"recording", codec::ToJson(item.recording)},
                                       {"agent_name", item.agent_name},
                                       {"team_id", item.team_id},
                                       {"deadline", FormatTime(item.deadline)},
                                       {"days_left", item.days_left},
                                       {"due_soon", item.due_soon},
                                       {"overdue", item.overdue}};
                  });
                });
}

Result<Response> GetRecording(Context& context) {
  return Answer(service::RecordingInfo(context.app, context.actor(), Param(context, "id")), context,
                [](const service::RecordingDetails& details) {
                  codec::Json paused = codec::Json::array();
                  for (const auto& segment : details.paused) paused.push_back(SegmentJson(segment));
                  return codec::Json{
                      {"recording", codec::ToJson(details.recording)},
                      {"agent_name", details.agent_name},
                      {"days_left",
                       details.days_left ? codec::Json(*details.days_left) : codec::Json(nullptr)},
                      {"paused", std::move(paused)}};
                });
}

// A file name extension for a download, from the media type.
std::string ExtensionFor(std::string_view media_type) {
  const std::string_view type = media_type.substr(0, media_type.find(';'));
  if (type == "audio/ogg") return "ogg";
  if (type == "audio/wav" || type == "audio/x-wav") return "wav";
  if (type == "video/webm") return "webm";
  if (type == "text/plain") return "txt";
  if (type == "text/html") return "html";
  if (type == "message/rfc822") return "eml";
  if (type == "application/json") return "json";
  return "bin";
}

Result<Response> GetRecordingContent(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(domain::Purpose purpose, PurposeQuery(context));
  const std::string access_name = context.request.Query("access", "listen");
  policy::RecordingAccess access = policy::RecordingAccess::kListen;
  if (access_name == "download") {
    access = policy::RecordingAccess::kDownload;
  } else if (access_name != "listen") {
    return MakeError(ErrorCode::kInvalidInput, "access: listen or download");
  }
  // KSF-3.3, KSF-3.4: decided by policy for the recording's own purpose, and
  // audited — per request, see the top of this file.
  FAIRQM_ASSIGN_OR_RETURN(
      auto opened, service::OpenRecordingContent(context.app, context.actor(), Param(context, "id"),
                                                 purpose, access));
  if (!opened.allowed()) return Refusal(opened.decision, context.lang());
  service::RecordingContent& content = *opened.value;
  const std::uint64_t size = content.reader->size();
  const ResolvedRange range = ResolveRange(context.request.Header(http::field::range),
                                           context.request.Header(http::field::if_range), size);
  if (range.kind == ResolvedRange::Kind::kUnsatisfiable) {
    Response refused = ErrorResponse(
        416, "range_not_satisfiable",
        "the requested range lies outside the content (" + std::to_string(size) + " bytes)");
    refused.headers.emplace_back("Content-Range", ContentRangeValue(range, size));
    refused.headers.emplace_back("Accept-Ranges", "bytes");
    return refused;
  }
  Response response;
  response.content_type =
      content.media_type.empty() ? "application/octet-stream" : content.media_type;
  response.headers.emplace_back("Accept-Ranges", "bytes");
  const std::string file_name = content.recording_id + "." + ExtensionFor(content.media_type);
  response.headers.emplace_back(
      "Content-Disposition",
      (access == policy::RecordingAccess::kDownload ? "attachment" : "inline") +
          std::string("; filename=\"") + file_name + "\"");
  std::uint64_t first = 0;
  std::uint64_t length = size;
  if (range.kind == ResolvedRange::Kind::kPartial) {
    response.status = 206;
    response.headers.emplace_back("Content-Range", ContentRangeValue(range, size));
    first = range.first;
    length = range.length();
  }
  response.stream_length = length;
  response.stream = std::make_unique<VaultRangeStream>(std::move(content.reader), first, length);
  return response;
}

Result<Response> GetRecordingPauses(Context& context) {
  return Answer(service::PausedSegments(context.app, context.actor(), Param(context, "id")),
                context, [](const std::vector<service::PausedSegment>& segments) {
                  return ItemsJson(segments, SegmentJson);
                });
}

// --- evaluations -------------------------------------------------------------

codec::Json EvaluationJson(const domain::Evaluation& evaluation) {
  return codec::ToJson(evaluation);
}

Result<Response> ListEvaluations(Context& context) {
  std::optional<domain::EvaluationStatus> status;
  const std::string name = context.request.Query("status");
  if (!name.empty()) {
    status = domain::ParseEvaluationStatus(name);
    if (!status) {
      return MakeError(ErrorCode::kInvalidInput, "status: unknown value '" + name.substr(0, 64) +
                                                     "' (draft, shared, closed)");
    }
  }
  return Answer(service::MyEvaluationsAsMonitor(context.app, context.actor(), status), context,
                [](const std::vector<domain::Evaluation>& evaluations) {
                  return ItemsJson(evaluations, EvaluationJson);
                });
}

Result<Response> StartEvaluation(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string agent_id, body.String("agent_id", 64));
  FAIRQM_ASSIGN_OR_RETURN(auto purpose, body.EnumValue<domain::Purpose>("purpose"));
  FAIRQM_ASSIGN_OR_RETURN(std::string form_id, body.String("form_id", 128));
  FAIRQM_ASSIGN_OR_RETURN(auto recording_ids, body.StringList("recording_ids", 100, 64));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"agent_id", "purpose", "form_id", "recording_ids"}));
  if (recording_ids.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "recording_ids: at least one recording");
  }
  return Answer(service::StartEvaluation(context.app, context.actor(), agent_id, purpose, form_id,
                                         recording_ids),
                context, EvaluationJson, 201);
}

Result<Response> GetEvaluation(Context& context) {
  return Answer(service::ReadEvaluation(context.app, context.actor(), Param(context, "id")),
                context, EvaluationJson);
}

// One answer of a scorecard: {question_id, score | not_applicable, comment}.
Result<domain::Answer> ParseAnswer(const codec::Json& item, std::size_t index) {
  const std::string path = "answers[" + std::to_string(index) + "]";
  auto prefixed = [&](const Error& error) {
    return MakeError(ErrorCode::kInvalidInput, path + "." + error.message);
  };
  if (!item.is_object()) return MakeError(ErrorCode::kInvalidInput, path + ": must be an object");
  auto parsed = wire::RequestBody::Parse(item.dump());
  if (!parsed.ok()) return prefixed(parsed.error());
  const wire::RequestBody& answer_body = *parsed;
  domain::Answer answer;
  auto question = answer_body.String("question_id", 128);
  if (!question.ok()) return prefixed(question.error());
  answer.question_id = *question;
  auto score = answer_body.OptionalInt("score", 0, 1000);
  if (!score.ok()) return prefixed(score.error());
  auto not_applicable = answer_body.OptionalBool("not_applicable");
  if (!not_applicable.ok()) return prefixed(not_applicable.error());
  auto comment = answer_body.OptionalString("comment");
  if (!comment.ok()) return prefixed(comment.error());
  Status others = answer_body.NoOtherFields({"question_id", "score", "not_applicable", "comment"});
  if (!others.ok()) return prefixed(others.error());
  const bool na = not_applicable->value_or(false);
  if (na && score->has_value()) {
    return MakeError(ErrorCode::kInvalidInput,
                     path + ".score: leave it out when not_applicable is true");
  }
  if (!na && !score->has_value()) {
    return MakeError(ErrorCode::kInvalidInput, path + ".score: required (or not_applicable)");
  }
  if (score->has_value()) answer.score = static_cast<int>(**score);
  answer.comment = comment->value_or("");
  return answer;
}

Result<Response> ScoreEvaluation(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"answers", "summary"}));
  const codec::Json* answers_json =
      body.json().contains("answers") ? &body.json()["answers"] : nullptr;
  if (answers_json == nullptr || answers_json->is_null()) {
    return MakeError(ErrorCode::kInvalidInput, "answers: required");
  }
  if (!answers_json->is_array()) {
    return MakeError(ErrorCode::kInvalidInput, "answers: must be a list");
  }
  if (answers_json->size() > 1000) {
    return MakeError(ErrorCode::kInvalidInput, "answers: at most 1000 items");
  }
  std::vector<domain::Answer> answers;
  for (std::size_t index = 0; index < answers_json->size(); ++index) {
    FAIRQM_ASSIGN_OR_RETURN(auto answer, ParseAnswer((*answers_json)[index], index));
    answers.push_back(std::move(answer));
  }
  FAIRQM_ASSIGN_OR_RETURN(auto summary, body.OptionalString("summary", 16 * 1024));
  return Answer(service::ScoreEvaluation(context.app, context.actor(), Param(context, "id"),
                                         std::move(answers), summary.value_or("")),
                context, EvaluationJson);
}

Result<Response> AddEvaluationNote(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string recording_id, body.String("recording_id", 64));
  FAIRQM_ASSIGN_OR_RETURN(std::int64_t offset_ms,
                          body.Int("offset_ms", 0, std::int64_t{7} * 24 * kHourMs));
  FAIRQM_ASSIGN_OR_RETURN(std::string text, body.String("text"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"recording_id", "offset_ms", "text"}));
  return Answer(service::AddNote(context.app, context.actor(), Param(context, "id"), recording_id,
                                 offset_ms, text),
                context, EvaluationJson, 201);
}

Result<Response> ShareEvaluation(Context& context) {
  // KSF-3.8: the written outcome goes to the agent.
  return Answer(service::ShareEvaluation(context.app, context.actor(), Param(context, "id")),
                context, EvaluationJson);
}

Result<Response> RecordFeedbackMeeting(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(TimeMs held_at, body.Time("held_at"));
  FAIRQM_ASSIGN_OR_RETURN(std::string summary, body.String("summary", 16 * 1024));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"held_at", "summary"}));
  // KSF-4.5: the direct supervisor gives the results orally; recorded here.
  return Answer(
      service::RecordFeedback(context.app, context.actor(), Param(context, "id"), held_at, summary),
      context, EvaluationJson);
}

Result<Response> CloseEvaluation(Context& context) {
  // KSF-3.8: the service refuses to close what was not shared.
  return Answer(service::CloseEvaluation(context.app, context.actor(), Param(context, "id")),
                context, EvaluationJson);
}

// --- the written evaluation (KSF-3.8, KSF-4.5) ------------------------------------

std::string Html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Multi-line text keeps its line breaks.
std::string HtmlText(std::string_view text) {
  std::string escaped = Html(text);
  std::string out;
  for (char c : escaped) {
    if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

struct DocumentWords {
  const char* title;
  const char* agent;
  const char* monitor;
  const char* purpose;
  const char* form;
  const char* version;
  const char* status;
  const char* created;
  const char* shared;
  const char* closed;
  const char* recordings;
  const char* score;
  const char* question;
  const char* weight;
  const char* answer;
  const char* comment;
  const char* not_applicable;
  const char* summary;
  const char* notes;
  const char* at;
  const char* agent_view;
  const char* no_view;
  const char* feedback;
  const char* feedback_none;
  const char* supervisor;
  const char* one_input;  // KSF-4.3
  const char* footer;
};

const DocumentWords kDutch = {
    "Schriftelijke evaluatie",
    "Medewerker",
    "Beoordeeld door",
    "Doel",
    "Formulier",
    "versie",
    "Status",
    "Opgesteld",
    "Gedeeld met de medewerker",
    "Afgesloten",
    "Opnamen",
    "Score",
    "Vraag",
    "Gewicht",
    "Antwoord",
    "Toelichting",
    "n.v.t.",
    "Samenvatting",
    "Aantekeningen bij de opnamen",
    "op",
    "Zienswijze van de medewerker",
    "De medewerker heeft (nog) geen zienswijze gegeven.",
    "Feedbackgesprek",
    "Er is (nog) geen feedbackgesprek vastgelegd.",
    "Leidinggevende",
    "Deze beoordeling is één van de bronnen voor een eindbeoordeling, nooit de enige "
    "grondslag.",
    "Dit document is voor de medewerker om te bewaren.",
};

const DocumentWords kEnglish = {
    "Written evaluation",
    "Agent",
    "Evaluated by",
    "Purpose",
    "Form",
    "version",
    "Status",
    "Written",
    "Shared with the agent",
    "Closed",
    "Recordings",
    "Score",
    "Question",
    "Weight",
    "Answer",
    "Comment",
    "n/a",
    "Summary",
    "Notes on the recordings",
    "at",
    "The agent's view",
    "The agent has not given a view (yet).",
    "Feedback meeting",
    "No feedback meeting has been recorded (yet).",
    "Supervisor",
    "This assessment is one input among others for a final appraisal, never its only basis.",
    "This document is the agent's to keep.",
};

std::string StatusWord(domain::EvaluationStatus status, bool english) {
  switch (status) {
    case domain::EvaluationStatus::kDraft:
      return english ? "draft" : "concept";
    case domain::EvaluationStatus::kShared:
      return english ? "shared" : "gedeeld";
    case domain::EvaluationStatus::kClosed:
      return english ? "closed" : "afgesloten";
  }
  return "";
}

std::string Offset(std::int64_t offset_ms) {
  const std::int64_t seconds = offset_ms / 1000;
  return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

// A self-contained printable page: inline print CSS, no scripts, no external
// resources; every value from the catalogue is escaped.
std::string RenderEvaluationDocument(const service::EvaluationDocument& document, bool english) {
  const DocumentWords& w = english ? kEnglish : kDutch;
  const domain::Evaluation& e = document.evaluation;
  std::string purpose =
      english ? std::string(domain::Name(e.purpose)) : std::string(domain::DutchName(e.purpose));
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"";
  html += english ? "en" : "nl";
  html += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  html += Html(std::string(w.title) + " — " + document.agent_name);
  html +=
      "</title>\n<style>\n"
      "body{font-family:Georgia,'Times New Roman',serif;max-width:48em;margin:2em auto;"
      "color:#000;line-height:1.4}\n"
      "h1{font-size:1.6em;border-bottom:2px solid #000}h2{font-size:1.2em;margin-top:1.6em}\n"
      "table{border-collapse:collapse;width:100%}th,td{border:1px solid #555;padding:.3em .5em;"
      "text-align:left;vertical-align:top}\n"
      "dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}"
      "dt{font-weight:bold}dd{margin:0}\n"
      ".notice{border:1px solid #000;padding:.5em;margin-top:1.5em}\n"
      "footer{margin-top:2em;font-size:.85em}\n"
      "@page{size:A4;margin:18mm}\n"
      "@media print{body{margin:0;max-width:none}h2{break-after:avoid}"
      "tr,.notice{break-inside:avoid}}\n"
      "</style>\n</head>\n<body>\n";
  html += "<h1>" + Html(w.title) + "</h1>\n<dl class=\"facts\">\n";
  auto fact = [&](const char* label, const std::string& value) {
    html += "<dt>" + Html(label) + "</dt><dd>" + Html(value) + "</dd>\n";
  };
  fact(w.agent, document.agent_name);
  fact(w.monitor, document.monitor_name);
  fact(w.purpose, purpose);
  fact(w.form, document.form.name + " (" + w.version + " " + std::to_string(e.form_version) + ")");
  fact(w.status, StatusWord(e.status, english));
  fact(w.created, FormatDate(e.created_at));
  if (e.shared_at) fact(w.shared, FormatDate(*e.shared_at));
  if (e.closed_at) fact(w.closed, FormatDate(*e.closed_at));
  std::string recordings;
  for (const auto& id : e.recording_ids) recordings += (recordings.empty() ? "" : ", ") + id;
  fact(w.recordings, recordings);
  fact(w.score, e.score ? fmt::format("{:.1f} / 100", *e.score) : "—");
  html += "</dl>\n";

  for (const auto& section : document.form.sections) {
    html += "<h2>" + Html(section.title) + "</h2>\n<table>\n<thead><tr><th>" + Html(w.question) +
            "</th><th>" + Html(w.weight) + "</th><th>" + Html(w.answer) + "</th><th>" +
            Html(w.comment) + "</th></tr></thead>\n<tbody>\n";
    for (const auto& question : section.questions) {
      const domain::Answer* answer = nullptr;
      for (const auto& a : e.answers) {
        if (a.question_id == question.id) answer = &a;
      }
      std::string value = "—";
      if (answer) {
        value = answer->score ? fmt::format("{} / {}", *answer->score, question.max_score)
                              : std::string(w.not_applicable);
      }
      html += "<tr><td>" + Html(question.text) + "</td><td>" +
              fmt::format("{:g}", question.weight) + "</td><td>" + Html(value) + "</td><td>" +
              (answer ? HtmlText(answer->comment) : std::string()) + "</td></tr>\n";
    }
    html += "</tbody>\n</table>\n";
  }
  html += "<h2>" + Html(w.summary) + "</h2>\n<p>" + HtmlText(e.summary) + "</p>\n";
  if (!e.notes.empty()) {
    html += "<h2>" + Html(w.notes) + "</h2>\n<ul>\n";
    for (const auto& note : e.notes) {
      html += "<li>" + Html(note.recording_id) + " " + Html(w.at) + " " + Offset(note.offset_ms) +
              ": " + HtmlText(note.text) + "</li>\n";
    }
    html += "</ul>\n";
  }
  // KSF-2.1-view: whoever reads the evaluation sees the agent's own view.
  html += "<h2>" + Html(w.agent_view) + "</h2>\n<p>" +
          (e.agent_view.empty() ? Html(w.no_view) : HtmlText(e.agent_view)) + "</p>\n";
  // KSF-4.5: the feedback meeting with the direct supervisor.
  html += "<h2>" + Html(w.feedback) + "</h2>\n";
  if (e.feedback) {
    html += "<dl class=\"facts\">\n";
    fact(w.supervisor, document.supervisor_name);
    fact(w.created, FormatDate(e.feedback->held_at));
    html += "</dl>\n<p>" + HtmlText(e.feedback->summary) + "</p>\n";
  } else {
    html += "<p>" + Html(w.feedback_none) + "</p>\n";
  }
  // KSF-4.3: never the only basis of a final appraisal.
  if (e.purpose == domain::Purpose::kAssessment) {
    html += "<p class=\"notice\">" + Html(w.one_input) + "</p>\n";
  }
  html += "<footer>" + Html(w.footer) + " " + Html(e.id) + "</footer>\n</body>\n</html>\n";
  return html;
}

Result<Response> GetEvaluationDocument(Context& context) {
  const std::string lang = context.request.Query("lang");
  if (!lang.empty() && lang != "nl" && lang != "en") {
    return MakeError(ErrorCode::kInvalidInput, "lang: nl or en");
  }
  const bool english = (lang.empty() ? context.lang() : lang) == "en";
  FAIRQM_ASSIGN_OR_RETURN(auto read, service::ReadEvaluationDocument(context.app, context.actor(),
                                                                     Param(context, "id")));
  if (!read.allowed()) return Refusal(read.decision, context.lang());
  Response response;
  response.content_type = "text/html; charset=utf-8";
  response.body = RenderEvaluationDocument(*read.value, english);
  response.headers.emplace_back("Content-Disposition", "inline; filename=\"evaluation-" +
                                                           read.value->evaluation.id + ".html\"");
  return response;
}

// --- live listening and confidentiality --------------------------------------------

codec::Json SessionJson(const domain::LiveListenSession& session) { return codec::ToJson(session); }

Result<Response> StartLiveListen(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string agent_id, body.String("agent_id", 64));
  FAIRQM_ASSIGN_OR_RETURN(std::string line_number, body.String("line_number", 64));
  FAIRQM_ASSIGN_OR_RETURN(auto purpose, body.EnumValue<domain::Purpose>("purpose"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"agent_id", "line_number", "purpose"}));
  // KSF-3.3, KSF-3.9, KSF-2.1-confidential, KSF-6.2; the agent is told live
  // (TRANSPARENCY-live, KSF-6.4).
  return Answer(
      service::StartLiveListen(context.app, context.actor(), agent_id, line_number, purpose),
      context, SessionJson, 201);
}

Result<Response> StopLiveListen(Context& context) {
  return Answer(service::StopLiveListen(context.app, context.actor(), Param(context, "id")),
                context, SessionJson);
}

Result<Response> AcknowledgeConfidentiality(Context& context) {
  // KSF-3.3 (3.3.5): an authorisation becomes active only after this.
  return Answer(
      service::AcknowledgeConfidentiality(context.app, context.actor(), Param(context, "id")),
      context, [](const domain::Authorisation& a) { return codec::ToJson(a); });
}

// KSF-3.3 (3.3.5): the monitor's own authorisations, to acknowledge them.
Result<Response> ListMyAuthorisations(Context& context) {
  return Answer(service::MyAuthorisations(context.app, context.actor()), context,
                [](const auto& items) { return ItemsJson(items, AuthorisationItemJson); });
}

Route WithAction(Route route, policy::Action action) {
  route.action = action;
  return route;
}

}  // namespace

void AddMonitorRoutes(std::vector<Route>& routes) {
  using http::verb;
  using policy::Action;
  routes.push_back(
      WithAction(MakeRoute(verb::get, "/api/v1/queue", "getMonitorQueue", GetMonitorQueue),
                 Action::kEvaluate));
  routes.push_back(MakeRoute(verb::get, "/api/v1/me/authorisations", "listMyAuthorisations",
                             ListMyAuthorisations));
  routes.push_back(
      WithAction(MakeRoute(verb::get, "/api/v1/recordings/{id}", "getRecording", GetRecording),
                 Action::kOpenRecording));
  routes.push_back(WithAction(MakeRoute(verb::get, "/api/v1/recordings/{id}/content",
                                        "getRecordingContent", GetRecordingContent),
                              Action::kOpenRecording));
  routes.push_back(WithAction(MakeRoute(verb::get, "/api/v1/recordings/{id}/pauses",
                                        "getRecordingPauses", GetRecordingPauses),
                              Action::kOpenRecording));
  routes.push_back(
      WithAction(MakeRoute(verb::get, "/api/v1/evaluations", "listEvaluations", ListEvaluations),
                 Action::kEvaluate));
  routes.push_back(WithAction(MakeRoute(verb::post, "/api/v1/evaluations", "startEvaluation",
                                        StartEvaluation, BodyKind::kJson),
                              Action::kEvaluate));
  routes.push_back(
      WithAction(MakeRoute(verb::get, "/api/v1/evaluations/{id}", "getEvaluation", GetEvaluation),
                 Action::kReadEvaluation));
  routes.push_back(WithAction(MakeRoute(verb::put, "/api/v1/evaluations/{id}/answers",
                                        "scoreEvaluation", ScoreEvaluation, BodyKind::kJson),
                              Action::kEvaluate));
  routes.push_back(WithAction(MakeRoute(verb::post, "/api/v1/evaluations/{id}/notes",
                                        "addEvaluationNote", AddEvaluationNote, BodyKind::kJson),
                              Action::kEvaluate));
  routes.push_back(WithAction(
      MakeRoute(verb::post, "/api/v1/evaluations/{id}/share", "shareEvaluation", ShareEvaluation),
      Action::kEvaluate));
  routes.push_back(
      WithAction(MakeRoute(verb::post, "/api/v1/evaluations/{id}/feedback", "recordFeedbackMeeting",
                           RecordFeedbackMeeting, BodyKind::kJson),
                 Action::kHoldFeedbackMeeting));
  routes.push_back(WithAction(
      MakeRoute(verb::post, "/api/v1/evaluations/{id}/close", "closeEvaluation", CloseEvaluation),
      Action::kEvaluate));
  routes.push_back(WithAction(MakeRoute(verb::get, "/api/v1/evaluations/{id}/document",
                                        "getEvaluationDocument", GetEvaluationDocument),
                              Action::kReadEvaluation));
  routes.push_back(WithAction(MakeRoute(verb::post, "/api/v1/live-listens", "startLiveListen",
                                        StartLiveListen, BodyKind::kJson),
                              Action::kLiveListen));
  routes.push_back(WithAction(
      MakeRoute(verb::post, "/api/v1/live-listens/{id}/stop", "stopLiveListen", StopLiveListen),
      Action::kLiveListen));
  routes.push_back(MakeRoute(verb::post, "/api/v1/authorisations/{id}/acknowledge",
                             "acknowledgeConfidentiality", AcknowledgeConfidentiality));
}

}  // namespace fairqm::api
