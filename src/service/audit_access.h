// service/audit_access: reading the audit log is itself an access to personal
// data, so it is decided and audited like any other.
//
//   VerifyAudit   the privacy officer (or the system) checks the hash chain
//   AuditFor      who accessed an agent's data (AVG-5-accountability SHOW):
//                 the agent for themself, the privacy officer for anyone
#pragma once

#include <string>
#include <vector>

#include "audit/audit.h"
#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

Result<Decided<audit::VerifyReport>> VerifyAudit(App& app, const Actor& actor);
Result<Decided<std::vector<audit::StoredEntry>>> AuditFor(App& app, const Actor& actor,
                                                          const std::string& agent_id, int limit);

}  // namespace fairqm::service
