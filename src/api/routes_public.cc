// The public routes: what every employee and client may read without an
// account (KSF-3.10: the regulation is public, without personal data in it;
// KSF-4.2: the evaluation forms are known in advance; KSF-3.6 SHOW: the
// frequencies; GDPR art. 13: the privacy statement).
//
// GET /api/v1/regulations/active is added before any /api/v1/regulations/{id}
// route (AddPublicRoutes runs before AddManagementRoutes), so the literal
// path wins the match.
#include <charconv>

#include "api/handler_util.h"
#include "api/routes.h"
#include "domain/names.h"
#include "service/api_public.h"
#include "service/regulations.h"

namespace fairqm::api {
namespace {

Response NoActiveRegulation(const Context& context) {
  // KSF-3.1: without an active regulation nothing is recorded at all.
  return ErrorResponse(404, "not_found",
                       context.lang() == "en"
                           ? "There is no active regulation: nobody is monitored."
                           : "Er is geen actieve regeling: er wordt niemand gemonitord.");
}

Result<Response> GetActiveRegulation(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, service::GetActiveRegulation(context.app));
  if (!regulation) return NoActiveRegulation(context);
  return JsonResponse(codec::ToJson(*regulation));
}

// KSF-3.6 SHOW: per purpose how often, over which period, and how long data
// is kept (AVG-5-storage, RETENTION-split).
Result<Response> GetFrequencies(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, service::GetActiveRegulation(context.app));
  codec::Json purposes = codec::Json::array();
  if (regulation) {
    for (domain::Purpose purpose : domain::kAllPurposes) {
      const domain::PurposeRules* rules = regulation->RulesFor(purpose);
      if (rules == nullptr) continue;
      codec::Json channels = codec::Json::array();
      for (domain::Channel channel : rules->channels) channels.push_back(domain::Name(channel));
      codec::Json item{{"purpose", domain::Name(purpose)},
                       {"channels", std::move(channels)},
                       {"frequency_quota", rules->frequency_quota},
                       {"frequency_period_days", rules->frequency_period_days},
                       {"recording_retention_days", rules->recording_retention_days},
                       {"evaluation_retention_days", rules->evaluation_retention_days},
                       {"evaluation_term_working_days", rules->evaluation_term_working_days},
                       {"legal_ground", domain::Name(rules->legal_ground)}};
      if (purpose == domain::Purpose::kAssessment) {
        // KSF-4.7 and KSF-2.1-feedback belong to assessment only.
        item["extra_moments_per_period"] = regulation->extra_moments_per_period;
        item["assessment_period_days"] = regulation->assessment_period_days;
        item["min_gap_days"] = rules->min_gap_days;
      }
      purposes.push_back(std::move(item));
    }
  }
  codec::Json body{
      {"regulation_active", regulation.has_value()},
      {"regulation_id", regulation ? codec::Json(regulation->id) : codec::Json()},
      {"regulation_version", regulation ? codec::Json(regulation->version) : codec::Json()},
      {"purposes", std::move(purposes)}};
  return JsonResponse(body);
}

Result<Response> ListPublishedForms(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto forms, service::PublishedForms(context.app));
  return JsonResponse(
      ItemsJson(forms, [](const domain::EvaluationForm& form) { return codec::ToJson(form); }));
}

Result<Response> GetPublishedForm(Context& context) {
  std::optional<int> version;
  const std::string text = context.request.Query("version");
  if (!text.empty()) {
    int parsed = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec != std::errc() || end != text.data() + text.size() || parsed < 1) {
      return MakeError(ErrorCode::kInvalidInput, "version: must be a whole number from 1");
    }
    version = parsed;
  }
  FAIRQM_ASSIGN_OR_RETURN(auto form,
                          service::PublishedForm(context.app, Param(context, "id"), version));
  return JsonResponse(codec::ToJson(form));
}

Result<Response> GetPrivacyStatement(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto statement, service::BuildPrivacyStatement(context.app));
  if (!statement) return NoActiveRegulation(context);
  Response response = JsonResponse(service::ToJson(*statement, context.lang()));
  response.headers.emplace_back("Content-Language", context.lang() == "en" ? "en" : "nl");
  return response;
}

}  // namespace

void AddPublicRoutes(std::vector<Route>& routes) {
  // Literal before any /api/v1/regulations/{id} (added later by management).
  routes.push_back(MakeRoute(http::verb::get, "/api/v1/regulations/active", "getActiveRegulation",
                             GetActiveRegulation));
  routes.push_back(
      MakeRoute(http::verb::get, "/api/v1/frequencies", "getFrequencies", GetFrequencies));
  routes.push_back(
      MakeRoute(http::verb::get, "/api/v1/forms", "listPublishedForms", ListPublishedForms));
  routes.push_back(
      MakeRoute(http::verb::get, "/api/v1/forms/{id}", "getPublishedForm", GetPublishedForm));
  routes.push_back(MakeRoute(http::verb::get, "/api/v1/privacy-statement", "getPrivacyStatement",
                             GetPrivacyStatement));
}

}  // namespace fairqm::api
