#include "api/routes.h"

#include <map>
#include <string>

#include "api/role_table.h"

namespace fairqm::api {

Route MakeRoute(http::verb method, std::string pattern, std::string operation_id, Handler handler,
                BodyKind body) {
  Route route;
  route.method = method;
  route.pattern = std::move(pattern);
  route.operation_id = std::move(operation_id);
  route.handler = std::move(handler);
  route.body = body;
  return route;
}

Result<Router> BuildRouter() {
  std::vector<Route> routes;
  AddSystemRoutes(routes);
  AddPublicRoutes(routes);
  AddAgentRoutes(routes);
  AddMonitorRoutes(routes);
  AddCaptureRoutes(routes);
  AddManagementRoutes(routes);
  AddPrivacyRoutes(routes);
  AddClientRoutes(routes);
  AddAdminRoutes(routes);

  std::map<std::string_view, const RoleRow*> rows;
  for (const RoleRow& row : RoleTable()) {
    if (!rows.emplace(row.operation_id, &row).second) {
      return Error{ErrorCode::kInternal,
                   "role table: " + std::string(row.operation_id) + " appears twice"};
    }
  }
  std::map<std::string, bool> seen;
  for (Route& route : routes) {
    auto row = rows.find(route.operation_id);
    if (row == rows.end()) {
      return Error{ErrorCode::kInternal,
                   "route " + route.operation_id + " has no row in the role table"};
    }
    if (!seen.emplace(route.operation_id, true).second) {
      return Error{ErrorCode::kInternal, "operation id " + route.operation_id + " used twice"};
    }
    const ParsedRoles parsed = ParseRoles(row->second->roles);
    if (!parsed.valid && !parsed.is_public) {
      return Error{ErrorCode::kInternal, "role table: bad roles for " + route.operation_id};
    }
    route.is_public = parsed.is_public;
    route.roles = parsed.roles;
  }
  return Router(std::move(routes));
}

Status CheckEveryRowHasARoute(const Router& router) {
  std::map<std::string_view, bool> seen;
  for (const Route& route : router.routes()) seen[route.operation_id] = true;
  for (const RoleRow& row : RoleTable()) {
    if (!seen.count(row.operation_id)) {
      return Error{ErrorCode::kInternal,
                   "role table row " + std::string(row.operation_id) + " has no route"};
    }
  }
  return OkStatus();
}

}  // namespace fairqm::api
