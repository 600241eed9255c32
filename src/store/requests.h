// Store: what agents and data subjects ask for — agent requests (KSF-4.6,
// 4.7), consents (KSF-4.9 retention holds, KSF-5.1 named training use),
// complaints (KSF-3.10) and data-subject requests (AVG-12).
//
// Put replaces the whole value. Get fails with kNotFound. Free functions;
// thread-safety is the connection's.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

// --- agent requests
Status PutAgentRequest(db::Connection& conn, const domain::AgentRequest& request);
Result<domain::AgentRequest> GetAgentRequest(db::Connection& conn, std::string_view id);
// An agent's requests, newest first.
Result<std::vector<domain::AgentRequest>> ListAgentRequestsForAgent(db::Connection& conn,
                                                                    std::string_view agent_id);
// Requests still open, oldest first.
Result<std::vector<domain::AgentRequest>> ListOpenAgentRequests(db::Connection& conn);
// KSF-4.7: the agent's extra-moment requests made at or after `from` (the
// start of the assessment period) that were not refused — open, granted and
// fulfilled ones all use up the allowance.
Result<std::int64_t> CountExtraMomentRequests(db::Connection& conn, std::string_view agent_id,
                                              TimeMs from);

// --- consents
Status PutConsent(db::Connection& conn, const domain::Consent& consent);
Result<domain::Consent> GetConsent(db::Connection& conn, std::string_view id);
Result<std::vector<domain::Consent>> ListConsentsForAgent(db::Connection& conn,
                                                          std::string_view agent_id);
Result<std::vector<domain::Consent>> ListConsentsForRecording(db::Connection& conn,
                                                              std::string_view recording_id);
// KSF-4.9: retention holds on the recording in force at `now` (not withdrawn,
// hold_until later than now).
Result<std::vector<domain::Consent>> ActiveHolds(db::Connection& conn,
                                                 std::string_view recording_id, TimeMs now);

// --- complaints
Status PutComplaint(db::Connection& conn, const domain::Complaint& complaint);
Result<domain::Complaint> GetComplaint(db::Connection& conn, std::string_view id);
Result<std::vector<domain::Complaint>> ListComplaints(db::Connection& conn);  // newest first
Result<std::vector<domain::Complaint>> ListComplaintsByComplainant(db::Connection& conn,
                                                                   std::string_view complainant_id);

// --- data-subject requests
Status PutDataSubjectRequest(db::Connection& conn, const domain::DataSubjectRequest& request);
Result<domain::DataSubjectRequest> GetDataSubjectRequest(db::Connection& conn, std::string_view id);
Result<std::vector<domain::DataSubjectRequest>> ListDataSubjectRequests(
    db::Connection& conn);  // newest first
// AVG-12: unanswered requests, nearest deadline first (the privacy officer's list).
Result<std::vector<domain::DataSubjectRequest>> ListOpenDataSubjectRequests(db::Connection& conn);

}  // namespace fairqm::store
