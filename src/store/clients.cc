#include "store/clients.h"

#include "store/internal.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT

constexpr std::string_view kPutClientContract =
    "INSERT INTO client_contracts (id, client_id, client_name, signed_at, valid_until, purpose,"
    " individual_level, document_sha256, legal_ground, agents_informed_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    " ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id,"
    " client_name = excluded.client_name, signed_at = excluded.signed_at,"
    " valid_until = excluded.valid_until, purpose = excluded.purpose,"
    " individual_level = excluded.individual_level, document_sha256 = excluded.document_sha256,"
    " legal_ground = excluded.legal_ground, agents_informed_at = excluded.agents_informed_at";
constexpr std::string_view kDeleteContractTeams =
    "DELETE FROM client_contract_teams WHERE contract_id = $1";
constexpr std::string_view kInsertContractTeam =
    "INSERT INTO client_contract_teams (contract_id, team_id) VALUES ($1, $2)";
constexpr std::string_view kSelectContractTeams =
    "SELECT team_id FROM client_contract_teams WHERE contract_id = $1";
#define FAIRQM_CONTRACT_COLUMNS                                                    \
  "id, client_id, client_name, signed_at, valid_until, purpose, individual_level," \
  " document_sha256, legal_ground, agents_informed_at"
constexpr std::string_view kGetClientContract =
    "SELECT " FAIRQM_CONTRACT_COLUMNS " FROM client_contracts WHERE id = $1";
constexpr std::string_view kListClientContracts =
    "SELECT " FAIRQM_CONTRACT_COLUMNS " FROM client_contracts ORDER BY id";
constexpr std::string_view kListContractsForClient = "SELECT " FAIRQM_CONTRACT_COLUMNS
                                                     " FROM client_contracts WHERE client_id = $1"
                                                     " ORDER BY signed_at, id";

constexpr std::string_view kPutLiveListen =
    "INSERT INTO live_listen_sessions (id, listener_id, listener_role, agent_id, contact_id,"
    " purpose, started_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (id) DO UPDATE SET listener_id = excluded.listener_id,"
    " listener_role = excluded.listener_role, agent_id = excluded.agent_id,"
    " contact_id = excluded.contact_id, purpose = excluded.purpose,"
    " started_at = excluded.started_at, ended_at = excluded.ended_at";
#define FAIRQM_LIVE_LISTEN_COLUMNS \
  "id, listener_id, listener_role, agent_id, contact_id, purpose, started_at, ended_at"
constexpr std::string_view kGetLiveListen =
    "SELECT " FAIRQM_LIVE_LISTEN_COLUMNS " FROM live_listen_sessions WHERE id = $1";
// KSF-6.4, live_listen_by_agent.
constexpr std::string_view kListLiveListensForAgent =
    "SELECT " FAIRQM_LIVE_LISTEN_COLUMNS
    " FROM live_listen_sessions WHERE agent_id = $1"
    " ORDER BY started_at DESC, id";
constexpr std::string_view kActiveLiveListensForAgent =
    "SELECT " FAIRQM_LIVE_LISTEN_COLUMNS
    " FROM live_listen_sessions"
    " WHERE agent_id = $1 AND ended_at IS NULL ORDER BY started_at, id";

Result<domain::LiveListenSession> LiveListenFromRow(const db::Row& row) {
  domain::LiveListenSession s;
  s.id = row.Text(0);
  s.listener_id = row.Text(1);
  FAIRQM_ASSIGN_OR_RETURN(s.listener_role,
                          ParseStored(domain::ParseRole(row.Text(2)), "role", row.Text(2)));
  s.agent_id = row.Text(3);
  s.contact_id = row.Text(4);
  FAIRQM_ASSIGN_OR_RETURN(s.purpose,
                          ParseStored(domain::ParsePurpose(row.Text(5)), "purpose", row.Text(5)));
  s.started_at = row.Int(6);
  s.ended_at = row.OptInt(7);
  return s;
}

}  // namespace

Status PutClientContract(db::Connection& conn, const domain::ClientContract& c) {
  return Atomically(conn, [&]() -> Status {
    FAIRQM_RETURN_IF_ERROR(
        conn.Exec(kPutClientContract,
                  {Text(c.id), Text(c.client_id), Text(c.client_name), Int(c.signed_at),
                   Opt(c.valid_until), EnumText(c.purpose), Bool(c.individual_level),
                   Text(c.document_sha256), EnumText(c.legal_ground), Opt(c.agents_informed_at)}));
    FAIRQM_RETURN_IF_ERROR(conn.Exec(kDeleteContractTeams, {Text(c.id)}));
    for (const std::string& team_id : c.team_ids) {
      FAIRQM_RETURN_IF_ERROR(conn.Exec(kInsertContractTeam, {Text(c.id), Text(team_id)}));
    }
    return OkStatus();
  });
}

namespace {

Result<std::vector<domain::ClientContract>> LoadContracts(db::Connection& conn,
                                                          std::string_view sql,
                                                          const db::Params& params) {
  auto from_row = [&conn](const db::Row& row) -> Result<domain::ClientContract> {
    domain::ClientContract c;
    c.id = row.Text(0);
    c.client_id = row.Text(1);
    c.client_name = row.Text(2);
    c.signed_at = row.Int(3);
    c.valid_until = row.OptInt(4);
    FAIRQM_ASSIGN_OR_RETURN(c.purpose,
                            ParseStored(domain::ParsePurpose(row.Text(5)), "purpose", row.Text(5)));
    c.individual_level = row.Int(6) != 0;
    c.document_sha256 = row.Text(7);
    FAIRQM_ASSIGN_OR_RETURN(c.legal_ground, ParseStored(domain::ParseLegalGround(row.Text(8)),
                                                        "legal ground", row.Text(8)));
    c.agents_informed_at = row.OptInt(9);
    FAIRQM_ASSIGN_OR_RETURN(db::Rows teams, conn.Query(kSelectContractTeams, {Text(c.id)}));
    for (const db::Row& team : teams) c.team_ids.insert(team.Text(0));
    return c;
  };
  return LoadAll<domain::ClientContract>(conn, sql, params, from_row);
}

}  // namespace

Result<domain::ClientContract> GetClientContract(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<domain::ClientContract> found,
                          LoadContracts(conn, kGetClientContract, {Text(id)}));
  if (found.empty()) return NotFound("client contract", id);
  return std::move(found[0]);
}

Result<std::vector<domain::ClientContract>> ListClientContracts(db::Connection& conn) {
  return LoadContracts(conn, kListClientContracts, {});
}

Result<std::vector<domain::ClientContract>> ListContractsForClient(db::Connection& conn,
                                                                   std::string_view client_id) {
  return LoadContracts(conn, kListContractsForClient, {Text(client_id)});
}

Status PutLiveListenSession(db::Connection& conn, const domain::LiveListenSession& s) {
  return Done(conn.Exec(kPutLiveListen, {Text(s.id), Text(s.listener_id), EnumText(s.listener_role),
                                         Text(s.agent_id), Text(s.contact_id), EnumText(s.purpose),
                                         Int(s.started_at), Opt(s.ended_at)}));
}

Result<domain::LiveListenSession> GetLiveListenSession(db::Connection& conn, std::string_view id) {
  return LoadOne<domain::LiveListenSession>(conn, kGetLiveListen, "live-listen session", id,
                                            LiveListenFromRow);
}

Result<std::vector<domain::LiveListenSession>> ListLiveListensForAgent(db::Connection& conn,
                                                                       std::string_view agent_id) {
  return LoadAll<domain::LiveListenSession>(conn, kListLiveListensForAgent, {Text(agent_id)},
                                            LiveListenFromRow);
}

Result<std::vector<domain::LiveListenSession>> ActiveLiveListensForAgent(
    db::Connection& conn, std::string_view agent_id) {
  return LoadAll<domain::LiveListenSession>(conn, kActiveLiveListensForAgent, {Text(agent_id)},
                                            LiveListenFromRow);
}

}  // namespace fairqm::store
