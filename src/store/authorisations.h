// Store: monitors' authorisations (KSF-3.3) with their purposes and scope.
//
// An authorisation is active at `now` when valid_from <= now, valid_until is
// unset or later than now, and it has not ended (ended_at unset or later).
// Put replaces the whole value, children included, atomically. Get fails with
// kNotFound. Free functions; thread-safety is the connection's.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

Status PutAuthorisation(db::Connection& conn, const domain::Authorisation& authorisation);
Result<domain::Authorisation> GetAuthorisation(db::Connection& conn, std::string_view id);
Result<std::vector<domain::Authorisation>> ListAuthorisations(db::Connection& conn);  // by id
// Every authorisation of a monitor, past and present, newest grant first.
Result<std::vector<domain::Authorisation>> AuthorisationsForMonitor(db::Connection& conn,
                                                                    std::string_view monitor_id);
// The monitor's authorisations active at `now`.
Result<std::vector<domain::Authorisation>> ActiveAuthorisationsForMonitor(
    db::Connection& conn, std::string_view monitor_id, TimeMs now);
// KSF-3.3: the authorisations active at `now` whose scope names the agent or
// the agent's team — the agent's "who may monitor me" list.
Result<std::vector<domain::Authorisation>> AuthorisationsCoveringAgent(db::Connection& conn,
                                                                       std::string_view agent_id,
                                                                       std::string_view team_id,
                                                                       TimeMs now);

}  // namespace fairqm::store
