#include "store/requests.h"

#include "store/internal.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT

// --- agent requests
constexpr std::string_view kPutAgentRequest =
    "INSERT INTO agent_requests (id, agent_id, kind, created_at, evaluation_id,"
    " requested_evaluator_id, reason, status, decided_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (id) DO UPDATE SET agent_id = excluded.agent_id, kind = excluded.kind,"
    " created_at = excluded.created_at, evaluation_id = excluded.evaluation_id,"
    " requested_evaluator_id = excluded.requested_evaluator_id, reason = excluded.reason,"
    " status = excluded.status, decided_at = excluded.decided_at";
#define FAIRQM_AGENT_REQUEST_COLUMNS                                                       \
  "id, agent_id, kind, created_at, evaluation_id, requested_evaluator_id, reason, status," \
  " decided_at"
constexpr std::string_view kGetAgentRequest =
    "SELECT " FAIRQM_AGENT_REQUEST_COLUMNS " FROM agent_requests WHERE id = $1";
constexpr std::string_view kListAgentRequestsForAgent = "SELECT " FAIRQM_AGENT_REQUEST_COLUMNS
                                                        " FROM agent_requests WHERE agent_id = $1"
                                                        " ORDER BY created_at DESC, id";
constexpr std::string_view kListOpenAgentRequests = "SELECT " FAIRQM_AGENT_REQUEST_COLUMNS
                                                    " FROM agent_requests WHERE status = 'open'"
                                                    " ORDER BY created_at, id";
// KSF-4.7, agent_requests_by_agent.
constexpr std::string_view kCountExtraMomentRequests =
    "SELECT COUNT(*) FROM agent_requests WHERE agent_id = $1 AND kind = 'extra_moment'"
    " AND created_at >= $2 AND status <> 'refused'";

// --- consents
constexpr std::string_view kPutConsent =
    "INSERT INTO consents (id, agent_id, kind, recording_id, reason, hold_until, training_use,"
    " requested_by, given_at, withdrawn_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    " ON CONFLICT (id) DO UPDATE SET agent_id = excluded.agent_id, kind = excluded.kind,"
    " recording_id = excluded.recording_id, reason = excluded.reason,"
    " hold_until = excluded.hold_until, training_use = excluded.training_use,"
    " requested_by = excluded.requested_by, given_at = excluded.given_at,"
    " withdrawn_at = excluded.withdrawn_at";
#define FAIRQM_CONSENT_COLUMNS                                                        \
  "id, agent_id, kind, recording_id, reason, hold_until, training_use, requested_by," \
  " given_at, withdrawn_at"
constexpr std::string_view kGetConsent =
    "SELECT " FAIRQM_CONSENT_COLUMNS " FROM consents WHERE id = $1";
constexpr std::string_view kListConsentsForAgent =
    "SELECT " FAIRQM_CONSENT_COLUMNS " FROM consents WHERE agent_id = $1 ORDER BY given_at, id";
constexpr std::string_view kListConsentsForRecording = "SELECT " FAIRQM_CONSENT_COLUMNS
                                                       " FROM consents WHERE recording_id = $1"
                                                       " ORDER BY given_at, id";
// KSF-4.9, consents_by_recording.
constexpr std::string_view kActiveHolds =
    "SELECT " FAIRQM_CONSENT_COLUMNS
    " FROM consents WHERE recording_id = $1"
    " AND kind = 'retention_hold' AND withdrawn_at IS NULL AND hold_until > $2"
    " ORDER BY hold_until DESC, id";

// --- complaints
constexpr std::string_view kPutComplaint =
    "INSERT INTO complaints (id, complainant_id, subject, text, filed_at, respond_by,"
    " taken_up_at, response, resolved_at, appealed_at, appeal_decision, appeal_decided_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    " ON CONFLICT (id) DO UPDATE SET complainant_id = excluded.complainant_id,"
    " subject = excluded.subject, text = excluded.text, filed_at = excluded.filed_at,"
    " respond_by = excluded.respond_by, taken_up_at = excluded.taken_up_at,"
    " response = excluded.response, resolved_at = excluded.resolved_at,"
    " appealed_at = excluded.appealed_at, appeal_decision = excluded.appeal_decision,"
    " appeal_decided_at = excluded.appeal_decided_at";
#define FAIRQM_COMPLAINT_COLUMNS                                                    \
  "id, complainant_id, subject, text, filed_at, respond_by, taken_up_at, response," \
  " resolved_at, appealed_at, appeal_decision, appeal_decided_at"
constexpr std::string_view kGetComplaint =
    "SELECT " FAIRQM_COMPLAINT_COLUMNS " FROM complaints WHERE id = $1";
constexpr std::string_view kListComplaints =
    "SELECT " FAIRQM_COMPLAINT_COLUMNS " FROM complaints ORDER BY filed_at DESC, id";
constexpr std::string_view kListComplaintsByComplainant =
    "SELECT " FAIRQM_COMPLAINT_COLUMNS
    " FROM complaints WHERE complainant_id = $1"
    " ORDER BY filed_at DESC, id";

// --- data-subject requests
constexpr std::string_view kPutDataSubjectRequest =
    "INSERT INTO data_subject_requests (id, subject_kind, subject_ref, kind, received_at,"
    " due_at, extension_told_at, answered_at, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (id) DO UPDATE SET subject_kind = excluded.subject_kind,"
    " subject_ref = excluded.subject_ref, kind = excluded.kind,"
    " received_at = excluded.received_at, due_at = excluded.due_at,"
    " extension_told_at = excluded.extension_told_at, answered_at = excluded.answered_at,"
    " notes = excluded.notes";
#define FAIRQM_DSR_COLUMNS                                                                    \
  "id, subject_kind, subject_ref, kind, received_at, due_at, extension_told_at, answered_at," \
  " notes"
constexpr std::string_view kGetDataSubjectRequest =
    "SELECT " FAIRQM_DSR_COLUMNS " FROM data_subject_requests WHERE id = $1";
constexpr std::string_view kListDataSubjectRequests =
    "SELECT " FAIRQM_DSR_COLUMNS " FROM data_subject_requests ORDER BY received_at DESC, id";
// AVG-12, data_subject_requests_open.
constexpr std::string_view kListOpenDataSubjectRequests =
    "SELECT " FAIRQM_DSR_COLUMNS
    " FROM data_subject_requests WHERE answered_at IS NULL"
    " ORDER BY due_at, id";

Result<domain::AgentRequest> AgentRequestFromRow(const db::Row& row) {
  domain::AgentRequest r;
  r.id = row.Text(0);
  r.agent_id = row.Text(1);
  FAIRQM_ASSIGN_OR_RETURN(
      r.kind, ParseStored(domain::ParseRequestKind(row.Text(2)), "request kind", row.Text(2)));
  r.created_at = row.Int(3);
  r.evaluation_id = row.Text(4);
  r.requested_evaluator_id = row.Text(5);
  r.reason = row.Text(6);
  FAIRQM_ASSIGN_OR_RETURN(r.status, ParseStored(domain::ParseRequestStatus(row.Text(7)),
                                                "request status", row.Text(7)));
  r.decided_at = row.OptInt(8);
  return r;
}

Result<domain::Consent> ConsentFromRow(const db::Row& row) {
  domain::Consent c;
  c.id = row.Text(0);
  c.agent_id = row.Text(1);
  FAIRQM_ASSIGN_OR_RETURN(
      c.kind, ParseStored(domain::ParseConsentKind(row.Text(2)), "consent kind", row.Text(2)));
  c.recording_id = row.Text(3);
  c.reason = row.Text(4);
  c.hold_until = row.OptInt(5);
  c.training_use = row.Text(6);
  c.requested_by = row.Text(7);
  c.given_at = row.Int(8);
  c.withdrawn_at = row.OptInt(9);
  return c;
}

Result<domain::Complaint> ComplaintFromRow(const db::Row& row) {
  domain::Complaint c;
  c.id = row.Text(0);
  c.complainant_id = row.Text(1);
  c.subject = row.Text(2);
  c.text = row.Text(3);
  c.filed_at = row.Int(4);
  c.respond_by = row.Int(5);
  c.taken_up_at = row.OptInt(6);
  c.response = row.Text(7);
  c.resolved_at = row.OptInt(8);
  c.appealed_at = row.OptInt(9);
  c.appeal_decision = row.Text(10);
  c.appeal_decided_at = row.OptInt(11);
  return c;
}

Result<domain::DataSubjectRequest> DataSubjectRequestFromRow(const db::Row& row) {
  domain::DataSubjectRequest r;
  r.id = row.Text(0);
  FAIRQM_ASSIGN_OR_RETURN(r.subject_kind, ParseStored(domain::ParseDataSubjectKind(row.Text(1)),
                                                      "data subject kind", row.Text(1)));
  r.subject_ref = row.Text(2);
  FAIRQM_ASSIGN_OR_RETURN(r.kind, ParseStored(domain::ParseDataSubjectRequestKind(row.Text(3)),
                                              "data subject request kind", row.Text(3)));
  r.received_at = row.Int(4);
  r.due_at = row.Int(5);
  r.extension_told_at = row.OptInt(6);
  r.answered_at = row.OptInt(7);
  r.notes = row.Text(8);
  return r;
}

}  // namespace

Status PutAgentRequest(db::Connection& conn, const domain::AgentRequest& r) {
  return Done(conn.Exec(
      kPutAgentRequest,
      {Text(r.id), Text(r.agent_id), EnumText(r.kind), Int(r.created_at), Text(r.evaluation_id),
       Text(r.requested_evaluator_id), Text(r.reason), EnumText(r.status), Opt(r.decided_at)}));
}

Result<domain::AgentRequest> GetAgentRequest(db::Connection& conn, std::string_view id) {
  return LoadOne<domain::AgentRequest>(conn, kGetAgentRequest, "agent request", id,
                                       AgentRequestFromRow);
}

Result<std::vector<domain::AgentRequest>> ListAgentRequestsForAgent(db::Connection& conn,
                                                                    std::string_view agent_id) {
  return LoadAll<domain::AgentRequest>(conn, kListAgentRequestsForAgent, {Text(agent_id)},
                                       AgentRequestFromRow);
}

Result<std::vector<domain::AgentRequest>> ListOpenAgentRequests(db::Connection& conn) {
  return LoadAll<domain::AgentRequest>(conn, kListOpenAgentRequests, {}, AgentRequestFromRow);
}

Result<std::int64_t> CountExtraMomentRequests(db::Connection& conn, std::string_view agent_id,
                                              TimeMs from) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows,
                          conn.Query(kCountExtraMomentRequests, {Text(agent_id), Int(from)}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Status PutConsent(db::Connection& conn, const domain::Consent& c) {
  return Done(
      conn.Exec(kPutConsent, {Text(c.id), Text(c.agent_id), EnumText(c.kind), Text(c.recording_id),
                              Text(c.reason), Opt(c.hold_until), Text(c.training_use),
                              Text(c.requested_by), Int(c.given_at), Opt(c.withdrawn_at)}));
}

Result<domain::Consent> GetConsent(db::Connection& conn, std::string_view id) {
  return LoadOne<domain::Consent>(conn, kGetConsent, "consent", id, ConsentFromRow);
}

Result<std::vector<domain::Consent>> ListConsentsForAgent(db::Connection& conn,
                                                          std::string_view agent_id) {
  return LoadAll<domain::Consent>(conn, kListConsentsForAgent, {Text(agent_id)}, ConsentFromRow);
}

Result<std::vector<domain::Consent>> ListConsentsForRecording(db::Connection& conn,
                                                              std::string_view recording_id) {
  return LoadAll<domain::Consent>(conn, kListConsentsForRecording, {Text(recording_id)},
                                  ConsentFromRow);
}

Result<std::vector<domain::Consent>> ActiveHolds(db::Connection& conn,
                                                 std::string_view recording_id, TimeMs now) {
  return LoadAll<domain::Consent>(conn, kActiveHolds, {Text(recording_id), Int(now)},
                                  ConsentFromRow);
}

Status PutComplaint(db::Connection& conn, const domain::Complaint& c) {
  return Done(
      conn.Exec(kPutComplaint,
                {Text(c.id), Text(c.complainant_id), Text(c.subject), Text(c.text), Int(c.filed_at),
                 Int(c.respond_by), Opt(c.taken_up_at), Text(c.response), Opt(c.resolved_at),
                 Opt(c.appealed_at), Text(c.appeal_decision), Opt(c.appeal_decided_at)}));
}

Result<domain::Complaint> GetComplaint(db::Connection& conn, std::string_view id) {
  return LoadOne<domain::Complaint>(conn, kGetComplaint, "complaint", id, ComplaintFromRow);
}

Result<std::vector<domain::Complaint>> ListComplaints(db::Connection& conn) {
  return LoadAll<domain::Complaint>(conn, kListComplaints, {}, ComplaintFromRow);
}

Result<std::vector<domain::Complaint>> ListComplaintsByComplainant(
    db::Connection& conn, std::string_view complainant_id) {
  return LoadAll<domain::Complaint>(conn, kListComplaintsByComplainant, {Text(complainant_id)},
                                    ComplaintFromRow);
}

Status PutDataSubjectRequest(db::Connection& conn, const domain::DataSubjectRequest& r) {
  return Done(conn.Exec(kPutDataSubjectRequest,
                        {Text(r.id), EnumText(r.subject_kind), Text(r.subject_ref),
                         EnumText(r.kind), Int(r.received_at), Int(r.due_at),
                         Opt(r.extension_told_at), Opt(r.answered_at), Text(r.notes)}));
}

Result<domain::DataSubjectRequest> GetDataSubjectRequest(db::Connection& conn,
                                                         std::string_view id) {
  return LoadOne<domain::DataSubjectRequest>(conn, kGetDataSubjectRequest, "data-subject request",
                                             id, DataSubjectRequestFromRow);
}

Result<std::vector<domain::DataSubjectRequest>> ListDataSubjectRequests(db::Connection& conn) {
  return LoadAll<domain::DataSubjectRequest>(conn, kListDataSubjectRequests, {},
                                             DataSubjectRequestFromRow);
}

Result<std::vector<domain::DataSubjectRequest>> ListOpenDataSubjectRequests(db::Connection& conn) {
  return LoadAll<domain::DataSubjectRequest>(conn, kListOpenDataSubjectRequests, {},
                                             DataSubjectRequestFromRow);
}

}  // namespace fairqm::store
