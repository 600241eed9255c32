// The privacy officer's routes: the audit log (AVG-5-accountability),
// data-subject requests with their deadlines (AVG-12), the record of
// processing activities (AVG-30) and the DPIA record (AVG-35); the works
// council reads the register and the DPIA too (KSF-3.10, KSF-3.11).
//
// Handlers parse, call one service function and render; every check and
// every audit entry lives in the service function.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/handler_util.h"
#include "api/routes.h"
#include "audit/audit.h"
#include "domain/names.h"
#include "service/agent_requests.h"
#include "service/audit_access.h"
#include "service/register.h"
#include "service/views.h"

namespace fairqm::api {
namespace {

using codec::Json;

// A time from the query; nullopt when absent; kInvalidInput naming the
// parameter otherwise.
// A whole number from the query within [min, max]; nullopt when absent.
Result<std::optional<std::int64_t>> QueryInt(const Context& context, const std::string& name,
                                             std::int64_t min, std::int64_t max) {
  auto it = context.request.query.find(name);
  if (it == context.request.query.end() || it->second.empty()) {
    return std::optional<std::int64_t>();
  }
  const std::string& text = it->second;
  std::int64_t value = 0;
  bool digits = text.size() <= 18;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (digits) value = std::stoll(text);
  if (!digits || value < min || value > max) {
    return MakeError(ErrorCode::kInvalidInput, name + ": must be a whole number between " +
                                                   std::to_string(min) + " and " +
                                                   std::to_string(max));
  }
  return std::optional<std::int64_t>(value);
}

std::optional<std::string> QueryText(const Context& context, const std::string& name) {
  auto it = context.request.query.find(name);
  if (it == context.request.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Json OptTime(const std::optional<TimeMs>& t) { return t ? Json(FormatTime(*t)) : Json(nullptr); }

// ---------------------------------------------------------------------------
// The audit log (AVG-5-accountability)

Json EntryJson(const audit::StoredEntry& stored) {
  const audit::Entry& e = stored.entry;
  auto detail = codec::ParseJsonText(e.detail);
  return Json{{"seq", stored.seq},
              {"at", FormatTime(e.at)},
              {"actor_id", e.actor_id},
              {"actor_role", e.actor_role},
              {"action", e.action},
              {"subject_kind", e.subject_kind},
              {"subject_id", e.subject_id},
              {"subject_agent_id", e.subject_agent_id},
              {"purpose", e.purpose ? Json(domain::Name(*e.purpose)) : Json(nullptr)},
              {"decision", audit::DecisionName(e.decision)},
              {"rule", e.rule},
              {"detail", detail.ok() ? *detail : Json(e.detail)},
              {"hash", stored.hash}};
}

Result<Response> SearchAudit(Context& context) {
  for (const auto& [name, value] : context.request.query) {
    static const std::vector<std::string> kKnown = {"agent", "actor",    "action", "from",  "to",
                                                    "limit", "decision", "rule",   "before"};
    if (std::find(kKnown.begin(), kKnown.end(), name) == kKnown.end()) {
      return MakeError(ErrorCode::kInvalidInput, name + ": unknown parameter");
    }
  }
  audit::Filter filter;
  filter.subject_agent_id = QueryText(context, "agent");
  filter.actor_id = QueryText(context, "actor");
  filter.action = QueryText(context, "action");
  filter.rule = QueryText(context, "rule");
  FAIRQM_ASSIGN_OR_RETURN(filter.from, QueryTime(context, "from"));
  FAIRQM_ASSIGN_OR_RETURN(filter.to, QueryTime(context, "to"));
  if (auto decision = QueryText(context, "decision")) {
    if (*decision == audit::DecisionName(audit::Decision::kAllowed)) {
      filter.decision = audit::Decision::kAllowed;
    } else if (*decision == audit::DecisionName(audit::Decision::kRefused)) {
      filter.decision = audit::Decision::kRefused;
    } else {
      return MakeError(ErrorCode::kInvalidInput, "decision: expected allowed or refused");
    }
  }
  FAIRQM_ASSIGN_OR_RETURN(auto before, QueryInt(context, "before", 1, INT64_MAX / 2));
  filter.before_seq = before;
  FAIRQM_ASSIGN_OR_RETURN(auto limit, QueryInt(context, "limit", 1, 1000));
  filter.limit = static_cast<int>(limit.value_or(100));
  return Answer(service::SearchAudit(context.app, context.actor(), filter), context,
                [](const auto& entries) { return ItemsJson(entries, EntryJson); });
}

Result<Response> VerifyAudit(Context& context) {
  // A broken chain is a report, not an error: 200 with ok false and the
  // first entry that does not hold.
  return Answer(service::VerifyAudit(context.app, context.actor()), context,
                [](const audit::VerifyReport& report) {
                  return Json{{"ok", report.ok},
                              {"entries", report.entries},
                              {"first_bad_seq",
                               report.first_bad_seq ? Json(*report.first_bad_seq) : Json(nullptr)},
                              {"problem", report.problem}};
                });
}

// ---------------------------------------------------------------------------
// Data-subject requests (AVG-12)

Json RequestItemJson(const service::DataSubjectRequestItem& item) {
  Json json = codec::ToJson(item.request);
  json["days_left"] = item.days_left;
  json["overdue"] = item.overdue;
  return json;
}

Result<Response> ListDataSubjectRequests(Context& context) {
  const std::string all = context.request.Query("all", "false");
  if (all != "true" && all != "false") {
    return MakeError(ErrorCode::kInvalidInput, "all: expected true or false");
  }
  return Answer(service::DataSubjectRequests(context.app, context.actor(), all == "false"), context,
                [](const auto& items) { return ItemsJson(items, RequestItemJson); });
}

Json RequestJson(const domain::DataSubjectRequest& request) { return codec::ToJson(request); }

Result<Response> OpenDataSubjectRequest(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(auto subject_kind,
                          body.EnumValue<domain::DataSubjectKind>("subject_kind"));
  FAIRQM_ASSIGN_OR_RETURN(std::string subject_ref, body.String("subject_ref"));
  FAIRQM_ASSIGN_OR_RETURN(auto kind, body.EnumValue<domain::DataSubjectRequestKind>("kind"));
  FAIRQM_ASSIGN_OR_RETURN(TimeMs received_at, body.Time("received_at"));
  FAIRQM_RETURN_IF_ERROR(
      body.NoOtherFields({"subject_kind", "subject_ref", "kind", "received_at"}));
  if (received_at > context.app.Now()) {
    return MakeError(ErrorCode::kInvalidInput, "received_at: lies in the future");
  }
  return Answer(service::OpenDataSubjectRequest(context.app, context.actor(), subject_kind,
                                                subject_ref, kind, received_at),
                context, RequestJson, 201);
}

Result<Response> ExtendDataSubjectRequest(Context& context) {
  return Answer(
      service::ExtendDataSubjectRequest(context.app, context.actor(), Param(context, "id")),
      context, RequestJson);
}

Result<Response> AnswerDataSubjectRequest(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string notes, body.String("notes"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"notes"}));
  return Answer(
      service::AnswerDataSubjectRequest(context.app, context.actor(), Param(context, "id"), notes),
      context, RequestJson);
}

// ---------------------------------------------------------------------------
// The register (AVG-30) and the DPIA (AVG-35)

Result<Response> GetRegister(Context& context) {
  const std::string format = context.request.Query("format", "json");
  if (format != "json" && format != "text") {
    return MakeError(ErrorCode::kInvalidInput, "format: expected json or text");
  }
  FAIRQM_ASSIGN_OR_RETURN(auto record, service::Register(context.app, context.actor()));
  if (!record.allowed()) return Refusal(record.decision, context.lang());
  if (format == "json") return JsonResponse(service::ToJson(*record.value));
  Response response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = service::RenderRegister(*record.value, context.lang());
  return response;
}

// The DPIA record: the active regulation's DPIA date and reference, with the
// processing it assessed and the measures taken, from the register. No
// personal data: monitors are counted, never named.
Json DpiaJson(const service::ProcessingRegister& record) {
  const Json full = service::ToJson(record);
  Json processing = Json::array();
  for (const Json& activity : full["activities"]) {
    processing.push_back(Json{{"purpose", activity["purpose"]},
                              {"description", activity["description"]},
                              {"legal_ground", activity["legal_ground"]},
                              {"legitimate_interest", activity["legitimate_interest"]},
                              {"necessity", activity["necessity"]},
                              {"proportionality", activity["proportionality"]},
                              {"data_subjects", activity["data_subjects"]},
                              {"data_categories", activity["data_categories"]},
                              {"recipients", activity["recipients"]},
                              {"frequency", activity["frequency"]},
                              {"retention", activity["retention"]}});
  }
  return Json{
      {"record", "dpia"},
      {"regulation", full["regulation"]},
      {"controller", full["controller"]},
      // AVG-35: recorded before the first regulation went live.
      {"dpia", Json{{"reference", record.dpia_reference},
                    {"date", OptTime(record.dpia_at)},
                    {"recorded", record.dpia_at.has_value() && !record.dpia_reference.empty()}}},
      {"processing", std::move(processing)},
      {"measures", full["security_measures"]},
      {"client_min_group_size", record.client_min_group_size},  // KSF-6.1
      {"works_council_consent", full["works_council_consent"]},
      {"assessment_protocol", full["assessment_protocol"]},
      {"generated_at", full["generated_at"]}};
}

Result<Response> GetDpia(Context& context) {
  return Answer(service::Register(context.app, context.actor()), context, DpiaJson);
}

}  // namespace

void AddPrivacyRoutes(std::vector<Route>& routes) {
  using http::verb;
  using A = policy::Action;
  auto add = [&](verb method, std::string pattern, std::string id, Handler handler,
                 std::optional<policy::Action> action, BodyKind body = BodyKind::kNone) {
    Route route = MakeRoute(method, std::move(pattern), std::move(id), std::move(handler), body);
    route.action = action;
    routes.push_back(std::move(route));
  };
  add(verb::get, "/api/v1/audit", "searchAudit", SearchAudit, A::kReadAuditLog);
  add(verb::post, "/api/v1/audit/verify", "verifyAudit", VerifyAudit, A::kReadAuditLog);
  add(verb::get, "/api/v1/data-subject-requests", "listDataSubjectRequests",
      ListDataSubjectRequests, A::kHandleDataSubjectRequest);
  add(verb::post, "/api/v1/data-subject-requests", "openDataSubjectRequest", OpenDataSubjectRequest,
      A::kHandleDataSubjectRequest, BodyKind::kJson);
  add(verb::post, "/api/v1/data-subject-requests/{id}/extend", "extendDataSubjectRequest",
      ExtendDataSubjectRequest, A::kHandleDataSubjectRequest);
  add(verb::post, "/api/v1/data-subject-requests/{id}/answer", "answerDataSubjectRequest",
      AnswerDataSubjectRequest, A::kHandleDataSubjectRequest, BodyKind::kJson);
  add(verb::get, "/api/v1/register", "getRegister", GetRegister, std::nullopt);
  add(verb::get, "/api/v1/dpia", "getDpia", GetDpia, std::nullopt);
}

}  // namespace fairqm::api
