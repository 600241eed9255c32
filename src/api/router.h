// api/router: the route table — for every endpoint, who may use it.
//
// A Route names its method, path pattern ("/api/v1/recordings/{id}/audio"),
// OpenAPI operation id, the roles allowed (the role table of issue 3: a role
// not listed is refused before the handler runs), the scope an API token
// needs, and what its body is. The same table drives dispatch, the role-table
// test that walks every role against every route over HTTP, and the check that
// the OpenAPI document describes exactly these routes.
//
// Role membership is the coarse gate (AVG-32: least privilege). Every handler
// then asks the policy engine through its service function for the fine
// checks: authorisation scope and purpose (KSF-3.3, KSF-3.4), contracts
// (KSF-6.2) and so on.
// Thread-safety: immutable after construction; Match may be called from any
// thread.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.h"
#include "domain/types.h"
#include "policy/access.h"

namespace fairqm::api {

enum class BodyKind {
  kNone,
  kJson,    // read whole, bounded by max_json_bytes
  kUpload,  // multipart/form-data streamed to a spool file
};

struct Route {
  http::verb method = http::verb::get;
  std::string pattern;
  std::string operation_id;
  bool is_public = false;        // no account needed
  std::set<domain::Role> roles;  // who may call it (when not public)
  std::string scope = "read";    // what an API token must carry
  // The policy action the route serves, when there is one: a role outside
  // `roles` is then refused with DecideRoleAccess's rule and reason.
  std::optional<policy::Action> action;
  BodyKind body = BodyKind::kNone;
  Handler handler;
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;  // some route has this path (405 vs 404)
};

class Router {
 public:
  explicit Router(std::vector<Route> routes);

  Match Find(http::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // per route
};

// Splits "/a/b/c" into {"a","b","c"}; percent-decodes each segment. Returns
// nullopt for malformed escapes or ".." segments.
std::optional<std::vector<std::string>> SplitPath(std::string_view path);

// All roles, in the order of domain::Role.
const std::vector<domain::Role>& AllRoles();

}  // namespace fairqm::api
