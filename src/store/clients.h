// Store: client contracts (chapter 6, KSF-6.2/6.3) and live-listen sessions
// (KSF-6.4, TRANSPARENCY-live).
//
// Put replaces the whole value (a contract with its team scope, atomically).
// Get fails with kNotFound. Free functions; thread-safety is the connection's.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

Status PutClientContract(db::Connection& conn, const domain::ClientContract& contract);
Result<domain::ClientContract> GetClientContract(db::Connection& conn, std::string_view id);
Result<std::vector<domain::ClientContract>> ListClientContracts(db::Connection& conn);  // by id
Result<std::vector<domain::ClientContract>> ListContractsForClient(db::Connection& conn,
                                                                   std::string_view client_id);

Status PutLiveListenSession(db::Connection& conn, const domain::LiveListenSession& session);
Result<domain::LiveListenSession> GetLiveListenSession(db::Connection& conn, std::string_view id);
// KSF-6.4: everyone who listened live to the agent, newest first.
Result<std::vector<domain::LiveListenSession>> ListLiveListensForAgent(db::Connection& conn,
                                                                       std::string_view agent_id);
// TRANSPARENCY-live: sessions on the agent that have not ended.
Result<std::vector<domain::LiveListenSession>> ActiveLiveListensForAgent(db::Connection& conn,
                                                                         std::string_view agent_id);

}  // namespace fairqm::store
