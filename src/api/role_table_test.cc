// The role table (role_table.cc) and the OpenAPI document checked against the
// routes, and the whole table walked over real HTTP: every route, every
// role, and no account at all.
#include "api/role_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "api/openapi.h"
#include "api/testing.h"
#include "policy/decision.h"

namespace fairqm::api {
namespace {

namespace http = boost::beast::http;
using testing::ApiTest;
using testing::Credentials;

std::string LowerMethod(http::verb method) {
  std::string name(http::to_string(method));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

std::set<std::string> RoleNames(const Route& route) {
  if (route.is_public) return {"public"};
  std::set<std::string> names;
  for (domain::Role role : route.roles) names.insert(std::string(domain::Name(role)));
  return names;
}

TEST(RoleTable, EveryRowHasARouteAndEveryRouteARow) {
  auto router = BuildRouter();
  ASSERT_TRUE(router.ok()) << router.error().ToString();
  auto complete = CheckEveryRowHasARoute(*router);
  EXPECT_TRUE(complete.ok()) << complete.error().ToString();
  for (const RoleRow& row : RoleTable()) {
    const ParsedRoles parsed = ParseRoles(row.roles);
    EXPECT_TRUE(parsed.is_public || parsed.valid) << row.operation_id;
  }
}

// AVG-32: an admin manages accounts and configuration and is named on no
// route that reads recordings, evaluations or other personal data.
TEST(RoleTable, AdminReachesNoContent_AVG_32) {
  auto router = BuildRouter();
  ASSERT_TRUE(router.ok());
  for (const Route& route : router->routes()) {
    if (!route.roles.count(domain::Role::kAdmin)) continue;
    const bool admin_area = route.pattern.rfind("/api/v1/accounts", 0) == 0 ||
                            route.pattern.rfind("/api/v1/api-tokens", 0) == 0 ||
                            route.pattern.rfind("/api/v1/session", 0) == 0 ||
                            route.pattern == "/api/v1/configuration" ||
                            route.pattern == "/api/v1/retention/sweep";
    EXPECT_TRUE(admin_area) << "admin may call " << route.operation_id;
  }
}

TEST(OpenApi, DocumentIsOpenApi31AndDescribesExactlyTheRoutes) {
  const auto& document = OpenApiDocument();
  ASSERT_TRUE(document.ok()) << document.error().ToString();
  EXPECT_EQ((*document)["openapi"], "3.1.0");
  auto router = BuildRouter();
  ASSERT_TRUE(router.ok());
  std::set<std::pair<std::string, std::string>> routed;
  for (const Route& route : router->routes()) {
    const std::string method = LowerMethod(route.method);
    routed.insert({route.pattern, method});
    const auto& paths = (*document)["paths"];
    ASSERT_TRUE(paths.contains(route.pattern) && paths[route.pattern].contains(method))
        << "the document lacks " << method << " " << route.pattern << " (" << route.operation_id
        << ")";
    const auto& operation = paths[route.pattern][method];
    EXPECT_EQ(operation.value("operationId", ""), route.operation_id) << route.pattern;
    EXPECT_FALSE(operation.value("summary", "").empty()) << route.operation_id;
    std::set<std::string> documented_roles;
    for (const auto& role : operation.value("x-fairqm-roles", codec::Json::array())) {
      documented_roles.insert(role.get<std::string>());
    }
    EXPECT_EQ(documented_roles, RoleNames(route)) << route.operation_id;
    // Every {param} of the pattern is declared as a path parameter.
    std::size_t at = 0;
    while ((at = route.pattern.find('{', at)) != std::string::npos) {
      const std::string name = route.pattern.substr(at + 1, route.pattern.find('}', at) - at - 1);
      bool declared = false;
      for (const auto& parameter : operation.value("parameters", codec::Json::array())) {
        if (parameter.value("in", "") == "path" && parameter.value("name", "") == name) {
          declared = true;
        }
      }
      EXPECT_TRUE(declared) << route.operation_id << " lacks path parameter " << name;
      at += 1;
    }
    if (route.body == BodyKind::kJson) {
      EXPECT_TRUE(operation.contains("requestBody")) << route.operation_id;
    }
    if (!route.is_public) {
      EXPECT_TRUE(operation["responses"].contains("403")) << route.operation_id;
    }
  }
  for (const auto& [path, operations] : (*document)["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      EXPECT_TRUE(routed.count({path, method}))
          << "the document describes " << method << " " << path << " ("
          << operation.value("operationId", "") << ") which no route serves";
    }
  }
}

class RoleTableOverHttp : public ApiTest {};

// Every route for every role over HTTP: a role the table does not name is
// refused by the role gate with a rule of RULES.md; a role it names passes
// the gate (what the handler then answers for made-up ids is the area tests'
// business); nobody passes without an account except on public routes.
TEST_F(RoleTableOverHttp, WalksTheWholeTable) {
  auto router = BuildRouter();
  ASSERT_TRUE(router.ok());
  std::vector<const Route*> order;
  for (const Route& route : router->routes()) order.push_back(&route);
  // Ending a session would log the role out for the rest of the walk.
  std::stable_partition(order.begin(), order.end(),
                        [](const Route* route) { return route->operation_id != "logout"; });
  int calls = 0;
  for (const Route* route : order) {
    std::string target = route->pattern;
    std::size_t at = 0;
    while ((at = target.find('{')) != std::string::npos) {
      target.replace(at, target.find('}', at) - at + 1, "no-such-id");
    }
    const std::string body = route->body == BodyKind::kNone ? "" : "{}";
    // Anonymous.
    {
      auto answer = Call(route->method, target, body);
      ++calls;
      if (route->is_public) {
        EXPECT_NE(answer.status, 401u) << route->operation_id;
      } else {
        EXPECT_EQ(answer.status, 401u) << route->operation_id << " without an account";
      }
    }
    for (domain::Role role : AllRoles()) {
      const bool allowed = route->is_public || route->roles.count(role);
      // An allowed event stream would stay open; the agent tests read it.
      if (allowed && route->operation_id == "streamMyNotices") continue;
      const Credentials& credentials = As(role);
      auto answer = Call(route->method, target, body, &credentials);
      ++calls;
      const bool gate_refused = answer.header("X-Fairqm-Refused-By") == "role-table";
      if (allowed) {
        EXPECT_FALSE(gate_refused) << route->operation_id << " refused " << domain::Name(role);
        EXPECT_NE(answer.status, 401u) << route->operation_id << " as " << domain::Name(role);
      } else {
        EXPECT_EQ(answer.status, 403u) << route->operation_id << " as " << domain::Name(role);
        EXPECT_TRUE(gate_refused) << route->operation_id << " as " << domain::Name(role);
        const std::string rule = answer.json().value("rule", "");
        EXPECT_TRUE(policy::IsKnownRule(rule))
            << route->operation_id << " as " << domain::Name(role) << ": rule '" << rule << "'";
      }
    }
  }
  EXPECT_GT(calls, 500);
}

}  // namespace
}  // namespace fairqm::api
