// The manager's and the works council's routes: people and teams, monitors'
// authorisations (KSF-3.3), the regulation's life cycle (KSF-3.11, KSF-3.12),
// evaluation forms (KSF-4.2), complaints and appeals (KSF-3.10), retention
// holds (KSF-4.9), agents' open requests (KSF-4.6, KSF-4.7), the compliance
// report (aggregates only) and client contracts (KSF-6.2, KSF-6.3).
//
// Handlers parse, call one service function and render; every check and
// every audit entry lives in the service function.
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "api/handler_util.h"
#include "api/routes.h"
#include "domain/names.h"
#include "service/agent_requests.h"
#include "service/api_management.h"
#include "service/people.h"
#include "service/regulations.h"
#include "service/reports.h"
#include "service/views.h"

namespace fairqm::api {
namespace {

using codec::Json;

Json OptTime(const std::optional<TimeMs>& t) { return t ? Json(FormatTime(*t)) : Json(nullptr); }

Json DecisionJson(const policy::Decision& d) {
  return Json{{"rule", d.rule}, {"reason_nl", d.reason_nl}, {"reason_en", d.reason_en}};
}

// A time from the query ("2026-03-01" or "2026-03-01T00:00:00Z"); nullopt
// when absent; kInvalidInput naming the parameter otherwise.
// "json" (default) or "text".
Result<bool> WantsText(const Context& context) {
  const std::string format = context.request.Query("format", "json");
  if (format == "json") return false;
  if (format == "text") return true;
  return MakeError(ErrorCode::kInvalidInput, "format: expected json or text");
}

Response TextResponse(std::string text) {
  Response response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(text);
  return response;
}

Json ComplaintItemJson(const service::ComplaintItem& item) {
  Json json = codec::ToJson(item.complaint);
  json["days_left"] = item.days_left;  // KSF-3.10: until respond_by
  json["overdue"] = item.overdue;
  json["appealable"] = item.appealable;
  return json;
}

// ---------------------------------------------------------------------------
// People

Result<Response> ListEmployees(Context& context) {
  return Answer(
      service::EmployeeList(context.app, context.actor()), context, [](const auto& items) {
        return ItemsJson(items, [](const service::EmployeeItem& item) {
          const domain::Employee& e = item.employee;
          // Names, functions and teams; never recordings or evaluations
          // (AVG-5-minimal), and no contact details.
          Json json{{"id", e.id},
                    {"employee_number", e.external_id},
                    {"name", e.name},
                    {"function", domain::Name(e.function)},
                    {"contract", domain::Name(e.contract)},
                    {"customer_contact", e.customer_contact},
                    {"team_id", e.team_id},
                    {"team_name", item.team_name},
                    {"start_date", FormatDate(e.start_date)},
                    {"leave_date", e.leave_date ? Json(FormatDate(*e.leave_date)) : Json(nullptr)},
                    {"informed_at", OptTime(e.informed_at)},  // KSF-3.7
                    {"monitorable", item.monitorable.allowed}};
          if (!item.monitorable.allowed) json["not_monitorable"] = DecisionJson(item.monitorable);
          return json;
        });
      });
}

// The HR system's CSV export as the file part of a multipart form: the same
// parser and use case as `fairqm employees import` (KSF-3.2: every agent,
// whatever the contract). The whole file is checked before anything is
// stored, so a bad row changes nothing.
Result<Response> ImportEmployees(Context& context) {
  if (!context.request.upload) {
    return MakeError(ErrorCode::kInvalidInput,
                     "content: send the HR export as multipart/form-data, file part \"content\"");
  }
  const Upload& upload = *context.request.upload;
  constexpr std::int64_t kMaxCsvBytes = std::int64_t{32} << 20;
  if (upload.size > kMaxCsvBytes) {
    return MakeError(ErrorCode::kInvalidInput, "content: larger than 32 MiB");
  }
  std::ifstream in(upload.content, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return MakeError(ErrorCode::kIo, "cannot read the uploaded file");
  auto rows = codec::ParseEmployeesCsv(text);
  if (!rows.ok()) return MakeError(ErrorCode::kInvalidInput, "content: " + rows.error().message);
  return Answer(service::ImportEmployees(context.app, context.actor(), *rows), context,
                [&](const service::EmployeeImportSummary& s) {
                  return Json{{"rows", rows->size()},
                              {"created", s.created},
                              {"updated", s.updated},
                              {"teams_created", s.teams_created},
                              {"lines_created", s.lines_created}};
                });
}

Result<Response> ListTeams(Context& context) {
  return Answer(service::TeamList(context.app, context.actor()), context, [](const auto& items) {
    return ItemsJson(items, [](const service::TeamItem& item) {
      return Json{{"id", item.team.id},
                  {"name", item.team.name},
                  {"site", item.team.site},
                  {"supervisor_id", item.team.supervisor_id},
                  {"supervisor_name", item.supervisor_name},
                  {"members", item.members}};
    });
  });
}

// ---------------------------------------------------------------------------
// Authorisations (KSF-3.3)

Result<Response> ListAuthorisations(Context& context) {
  return Answer(service::Authorisations(context.app, context.actor()), context,
                [](const auto& items) { return ItemsJson(items, AuthorisationItemJson); });
}

Result<Response> GrantAuthorisation(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"monitor_id", "purposes", "team_ids", "agent_ids",
                                             "valid_from", "valid_until", "client_id"}));
  FAIRQM_ASSIGN_OR_RETURN(domain::Authorisation authorisation,
                          codec::AuthorisationFromJson(body.json()));
  return Answer(
      service::GrantAuthorisation(context.app, context.actor(), std::move(authorisation)), context,
      [](const domain::Authorisation& a) { return codec::ToJson(a); }, 201);
}

Result<Response> EndAuthorisation(Context& context) {
  return Answer(service::EndAuthorisation(context.app, context.actor(), Param(context, "id")),
                context, [](const domain::Authorisation& a) { return codec::ToJson(a); });
}

// ---------------------------------------------------------------------------
// The regulation (KSF-3.11, KSF-3.12, AVG-35)

Json RegulationJson(const domain::Regulation& regulation) { return codec::ToJson(regulation); }

Result<Response> ListRegulations(Context& context) {
  return Answer(service::RegulationList(context.app, context.actor()), context,
                [](const auto& items) { return ItemsJson(items, RegulationJson); });
}

Result<Response> GetRegulation(Context& context) {
  return Answer(service::RegulationById(context.app, context.actor(), Param(context, "id")),
                context, RegulationJson);
}

// A regulation's content from a request body: the fields
// codec::RegulationFromJson reads; anything else is refused so that a
// misspelt field does not silently vanish from the regulation.
Result<domain::Regulation> RegulationContent(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields(
      {"title", "version", "controller_name", "contact_email", "privacy_statement_url",
       "client_min_group_size", "extra_moments_per_period", "assessment_period_days",
       "complaint_term_days", "assessment_protocol_reference", "assessment_protocol_approved_at",
       "dpia_reference", "dpia_at", "change_legal_reason", "purposes"}));
  return codec::RegulationFromJson(body.json());
}

Result<Response> CreateRegulationDraft(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(domain::Regulation draft, RegulationContent(context));
  return Answer(service::ImportRegulation(context.app, context.actor(), std::move(draft)), context,
                RegulationJson, 201);
}

Result<Response> UpdateRegulationDraft(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(domain::Regulation content, RegulationContent(context));
  return Answer(service::UpdateRegulationDraft(context.app, context.actor(), Param(context, "id"),
                                               std::move(content)),
                context, RegulationJson);
}

Result<Response> GetRegulationMissing(Context& context) {
  return Answer(service::RegulationMissing(context.app, context.actor(), Param(context, "id")),
                context, [](const service::RegulationGaps& gaps) {
                  Json missing = Json::array();
                  for (const auto& d : gaps.missing) missing.push_back(DecisionJson(d));
                  return Json{{"regulation_id", gaps.regulation.id},
                              {"version", gaps.regulation.version},
                              {"status", domain::Name(gaps.regulation.status)},
                              {"complete", gaps.missing.empty()},
                              {"missing", std::move(missing)}};
                });
}

Result<Response> SubmitRegulation(Context& context) {
  return Answer(service::SubmitRegulation(context.app, context.actor(), Param(context, "id")),
                context, RegulationJson);
}

Result<Response> ConsentRegulation(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(TimeMs consent_at, body.Time("consent_at"));
  FAIRQM_ASSIGN_OR_RETURN(std::string reference, body.String("reference"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"consent_at", "reference"}));
  // KSF-3.11: the date and reference of the works council's consent.
  return Answer(service::ConsentRegulation(context.app, context.actor(), Param(context, "id"),
                                           consent_at, reference),
                context, RegulationJson);
}

Result<Response> RejectRegulation(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string reference, body.String("reference"));
  FAIRQM_ASSIGN_OR_RETURN(std::optional<std::string> reason, body.OptionalString("reason"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"reference", "reason"}));
  return Answer(service::RejectRegulation(context.app, context.actor(), Param(context, "id"),
                                          reference, reason.value_or("")),
                context, RegulationJson);
}

Result<Response> ActivateRegulation(Context& context) {
  return Answer(service::ActivateRegulation(context.app, context.actor(), Param(context, "id")),
                context, RegulationJson);
}

Result<Response> PublishForm(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"id", "name", "version", "purpose", "sections"}));
  FAIRQM_ASSIGN_OR_RETURN(domain::EvaluationForm form, codec::FormFromJson(body.json()));
  // KSF-4.2: published forms are readable by every agent from now on.
  return Answer(
      service::PublishForm(context.app, context.actor(), std::move(form)), context,
      [](const domain::EvaluationForm& f) { return codec::ToJson(f); }, 201);
}

// ---------------------------------------------------------------------------
// Complaints and appeals (KSF-3.10)

Result<Response> ListComplaints(Context& context) {
  auto render = [](const auto& items) { return ItemsJson(items, ComplaintItemJson); };
  // Management takes complaints up; the works council decides appeals and
  // sees the complaints appealed to it.
  if (context.actor().role == domain::Role::kWorksCouncil) {
    return Answer(service::Appeals(context.app, context.actor()), context, render);
  }
  return Answer(service::Complaints(context.app, context.actor()), context, render);
}

Result<Response> AnswerComplaint(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string response, body.String("response"));
  FAIRQM_ASSIGN_OR_RETURN(bool resolved, body.Bool("resolved"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"response", "resolved"}));
  return Answer(service::TakeUpComplaint(context.app, context.actor(), Param(context, "id"),
                                         response, resolved),
                context, [](const domain::Complaint& c) { return codec::ToJson(c); });
}

Result<Response> DecideAppeal(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string decision, body.String("decision"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"decision"}));
  return Answer(service::DecideAppeal(context.app, context.actor(), Param(context, "id"), decision),
                context, [](const domain::Complaint& c) { return codec::ToJson(c); });
}

// ---------------------------------------------------------------------------
// Holds, requests, reports, contracts

Result<Response> ListHolds(Context& context) {
  return Answer(service::Holds(context.app, context.actor()), context, [](const auto& items) {
    return ItemsJson(items, [](const service::HoldItem& item) {
      // KSF-4.9: the reason, the agent's consent and how long the hold lasts.
      return Json{{"consent", codec::ToJson(item.consent)},
                  {"recording", codec::ToJson(item.recording)},
                  {"agent_name", item.agent_name},
                  {"days_left", item.days_left}};
    });
  });
}

Result<Response> ListOpenRequests(Context& context) {
  return Answer(service::OpenAgentRequests(context.app, context.actor()), context,
                [](const auto& items) {
                  return ItemsJson(items, [](const service::RequestItem& item) {
                    Json json = codec::ToJson(item.request);
                    json["agent_name"] = item.agent_name;
                    return json;
                  });
                });
}

Result<Response> GetComplianceReport(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(std::optional<TimeMs> from, QueryTime(context, "from"));
  FAIRQM_ASSIGN_OR_RETURN(std::optional<TimeMs> to, QueryTime(context, "to"));
  FAIRQM_ASSIGN_OR_RETURN(bool text, WantsText(context));
  // Default: the 30 days up to now.
  const TimeMs end = to.value_or(context.app.Now());
  const TimeMs start = from.value_or(end - Days(30));
  if (end < start) return MakeError(ErrorCode::kInvalidInput, "to: before from");
  FAIRQM_ASSIGN_OR_RETURN(auto report,
                          service::WorksCouncilReport(context.app, context.actor(), start, end));
  if (!report.allowed()) return Refusal(report.decision, context.lang());
  if (text) return TextResponse(service::RenderWorksCouncilReport(*report.value, context.lang()));
  return JsonResponse(service::ToJson(*report.value));
}

Result<Response> AddClientContract(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields(
      {"client_id", "client_name", "signed_at", "valid_until", "team_ids", "purpose",
       "individual_level", "document_sha256", "legal_ground", "agents_informed_at"}));
  FAIRQM_ASSIGN_OR_RETURN(domain::ClientContract contract,
                          codec::ClientContractFromJson(body.json()));
  return Answer(
      service::AddClientContract(context.app, context.actor(), std::move(contract)), context,
      [](const domain::ClientContract& c) { return codec::ToJson(c); }, 201);
}

Result<Response> ListClientContracts(Context& context) {
  return Answer(
      service::ClientContractList(context.app, context.actor()), context, [](const auto& items) {
        return ItemsJson(items, [](const domain::ClientContract& c) { return codec::ToJson(c); });
      });
}

}  // namespace

void AddManagementRoutes(std::vector<Route>& routes) {
  using http::verb;
  auto add = [&](verb method, std::string pattern, std::string id, Handler handler,
                 std::optional<policy::Action> action, BodyKind body = BodyKind::kNone) {
    Route route = MakeRoute(method, std::move(pattern), std::move(id), std::move(handler), body);
    route.action = action;
    routes.push_back(std::move(route));
  };
  using A = policy::Action;
  add(verb::get, "/api/v1/employees", "listEmployees", ListEmployees, A::kGrantAuthorisation);
  add(verb::post, "/api/v1/employees/import", "importEmployees", ImportEmployees, std::nullopt,
      BodyKind::kUpload);
  add(verb::get, "/api/v1/teams", "listTeams", ListTeams, A::kGrantAuthorisation);
  add(verb::get, "/api/v1/authorisations", "listAuthorisations", ListAuthorisations,
      A::kGrantAuthorisation);
  add(verb::post, "/api/v1/authorisations", "grantAuthorisation", GrantAuthorisation,
      A::kGrantAuthorisation, BodyKind::kJson);
  add(verb::post, "/api/v1/authorisations/{id}/end", "endAuthorisation", EndAuthorisation,
      A::kGrantAuthorisation);
  add(verb::get, "/api/v1/regulations", "listRegulations", ListRegulations, std::nullopt);
  add(verb::post, "/api/v1/regulations", "createRegulationDraft", CreateRegulationDraft,
      A::kDraftRegulation, BodyKind::kJson);
  add(verb::get, "/api/v1/regulations/{id}", "getRegulation", GetRegulation, std::nullopt);
  add(verb::put, "/api/v1/regulations/{id}", "updateRegulationDraft", UpdateRegulationDraft,
      A::kDraftRegulation, BodyKind::kJson);
  add(verb::get, "/api/v1/regulations/{id}/missing", "getRegulationMissing", GetRegulationMissing,
      std::nullopt);
  add(verb::post, "/api/v1/regulations/{id}/submit", "submitRegulation", SubmitRegulation,
      A::kDraftRegulation);
  add(verb::post, "/api/v1/regulations/{id}/consent", "consentRegulation", ConsentRegulation,
      A::kRecordWorksCouncilConsent, BodyKind::kJson);
  add(verb::post, "/api/v1/regulations/{id}/reject", "rejectRegulation", RejectRegulation,
      A::kRecordWorksCouncilConsent, BodyKind::kJson);
  add(verb::post, "/api/v1/regulations/{id}/activate", "activateRegulation", ActivateRegulation,
      A::kDraftRegulation);
  add(verb::post, "/api/v1/forms", "publishForm", PublishForm, A::kDraftRegulation,
      BodyKind::kJson);
  add(verb::get, "/api/v1/complaints", "listComplaints", ListComplaints, std::nullopt);
  add(verb::post, "/api/v1/complaints/{id}/answer", "answerComplaint", AnswerComplaint,
      std::nullopt, BodyKind::kJson);
  add(verb::post, "/api/v1/complaints/{id}/appeal-decision", "decideAppeal", DecideAppeal,
      std::nullopt, BodyKind::kJson);
  add(verb::get, "/api/v1/holds", "listHolds", ListHolds, std::nullopt);
  add(verb::get, "/api/v1/requests", "listOpenRequests", ListOpenRequests, std::nullopt);
  add(verb::get, "/api/v1/reports/compliance", "getComplianceReport", GetComplianceReport,
      A::kViewWorksCouncilReport);
  add(verb::post, "/api/v1/client-contracts", "addClientContract", AddClientContract,
      A::kGrantAuthorisation, BodyKind::kJson);
  add(verb::get, "/api/v1/client-contracts", "listClientContracts", ListClientContracts,
      std::nullopt);
}

}  // namespace fairqm::api
