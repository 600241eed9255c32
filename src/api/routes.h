// api/routes: every route of the API, by area, and the router built from
// them with the role table (role_table.h).
//
// Each area file (routes_*.cc) adds its routes with their handlers; the roles
// come only from the role table, so the one table is the whole truth about
// who may call what. BuildRouter refuses a route without a row in the table;
// CheckEveryRowHasARoute a row without a route.
// Thread-safety: building is single-threaded; the Router is immutable.
#pragma once

#include <vector>

#include "api/router.h"

namespace fairqm::api {

// Assembles all routes; kInternal for a route without a row in the role
// table (a programming error the tests catch).
Result<Router> BuildRouter();

// kInternal when a row of the role table has no route (the role-table test
// and `fairqm serve` at startup check it).
Status CheckEveryRowHasARoute(const Router& router);

// One function per area (routes_<area>.cc).
void AddSystemRoutes(std::vector<Route>& routes);      // health, metrics, openapi, session
void AddPublicRoutes(std::vector<Route>& routes);      // regulation, forms, privacy statement
void AddAgentRoutes(std::vector<Route>& routes);       // /me/…
void AddMonitorRoutes(std::vector<Route>& routes);     // queue, recordings, evaluations
void AddCaptureRoutes(std::vector<Route>& routes);     // capture sources
void AddManagementRoutes(std::vector<Route>& routes);  // manager and works council
void AddPrivacyRoutes(std::vector<Route>& routes);     // privacy officer
void AddClientRoutes(std::vector<Route>& routes);      // clients
void AddAdminRoutes(std::vector<Route>& routes);       // accounts and tokens

// Shorthands for the area files.
Route MakeRoute(http::verb method, std::string pattern, std::string operation_id, Handler handler,
                BodyKind body = BodyKind::kNone);

}  // namespace fairqm::api
