// The client's routes (chapter 6): the aggregate report for its contract —
// figures per team and overall, a cell for fewer agents than the minimum
// group size suppressed with the reason (KSF-6.1), never an evaluation of a
// person (KSF-6.5) — and its own contracts (KSF-6.2, KSF-6.3). Management
// may look at exactly the report a client would get before it goes out.
//
// Handlers parse, call one service function and render; the checks (own
// client only, contract in force, purpose) and the audit entries live in
// service::ClientReport and service::MyClientContracts.
#include <optional>
#include <string>
#include <vector>

#include "api/handler_util.h"
#include "api/routes.h"
#include "service/reports.h"
#include "service/views.h"

namespace fairqm::api {
namespace {

// A time from the query; nullopt when absent; kInvalidInput naming the
// parameter otherwise.
Result<Response> GetClientReport(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(std::optional<TimeMs> from, QueryTime(context, "from"));
  FAIRQM_ASSIGN_OR_RETURN(std::optional<TimeMs> to, QueryTime(context, "to"));
  // Default: the 30 days up to now.
  const TimeMs end = to.value_or(context.app.Now());
  const TimeMs start = from.value_or(end - Days(30));
  if (end < start) return MakeError(ErrorCode::kInvalidInput, "to: before from");
  // A client gets its own report; naming another client is refused by the
  // service (AVG-32). A manager names the client.
  const std::string client = context.request.Query("client");
  if (client.empty() && context.actor().role != domain::Role::kClient) {
    return MakeError(ErrorCode::kInvalidInput, "client: required");
  }
  return Answer(service::ClientReport(context.app, context.actor(), start, end, client), context,
                [](const service::ClientReportData& report) { return service::ToJson(report); });
}

Result<Response> ListMyContracts(Context& context) {
  return Answer(
      service::MyClientContracts(context.app, context.actor()), context, [](const auto& items) {
        return ItemsJson(items, [](const domain::ClientContract& c) { return codec::ToJson(c); });
      });
}

}  // namespace

void AddClientRoutes(std::vector<Route>& routes) {
  Route report =
      MakeRoute(http::verb::get, "/api/v1/reports/client", "getClientReport", GetClientReport);
  report.action = policy::Action::kViewClientReport;  // KSF-6.1
  routes.push_back(std::move(report));
  routes.push_back(
      MakeRoute(http::verb::get, "/api/v1/client/contracts", "listMyContracts", ListMyContracts));
}

}  // namespace fairqm::api
