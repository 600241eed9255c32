// api/role_table: THE table of who may call which endpoint.
//
// One row per operation (the route's operation id, as in the OpenAPI
// document): either "public" (no account needed, and no personal data behind
// it) or the roles allowed, separated by spaces. Every role not named is
// refused before the handler runs (AVG-32: least privilege) with the rule and
// reason of policy::DecideRoleAccess where the route names a policy action.
// Being allowed here only opens the door: the handler's service function then
// asks the policy engine about the particular agent, purpose and contract
// (KSF-3.3, KSF-3.4, KSF-6.2, KSF-6.5). An admin manages accounts and
// configuration and is named on no route that reads recordings or
// evaluations.
// The role-table test walks every row for every role over real HTTP.
#pragma once

#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "domain/types.h"

namespace fairqm::api {

struct RoleRow {
  std::string_view operation_id;
  std::string_view roles;  // "public", or role names ("agent monitor")
};

const std::vector<RoleRow>& RoleTable();

// The roles of a row; nullopt for a public row. Unknown role names make the
// row invalid (kInternal in BuildRouter).
struct ParsedRoles {
  bool is_public = false;
  std::set<domain::Role> roles;
  bool valid = true;
};
ParsedRoles ParseRoles(std::string_view roles);

}  // namespace fairqm::api
