#include "store/authorisations.h"

#include "store/internal.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT

constexpr std::string_view kPutAuthorisation =
    "INSERT INTO authorisations (id, monitor_id, valid_from, valid_until,"
    " confidentiality_acknowledged_at, granted_by, granted_at, ended_at, client_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (id) DO UPDATE SET monitor_id = excluded.monitor_id,"
    " valid_from = excluded.valid_from, valid_until = excluded.valid_until,"
    " confidentiality_acknowledged_at = excluded.confidentiality_acknowledged_at,"
    " granted_by = excluded.granted_by, granted_at = excluded.granted_at,"
    " ended_at = excluded.ended_at, client_id = excluded.client_id";
constexpr std::string_view kDeletePurposes =
    "DELETE FROM authorisation_purposes WHERE authorisation_id = $1";
constexpr std::string_view kInsertPurpose =
    "INSERT INTO authorisation_purposes (authorisation_id, purpose) VALUES ($1, $2)";
constexpr std::string_view kDeleteScope =
    "DELETE FROM authorisation_scope WHERE authorisation_id = $1";
constexpr std::string_view kInsertScope =
    "INSERT INTO authorisation_scope (authorisation_id, scope_kind, scope_id) VALUES ($1, $2, $3)";
constexpr std::string_view kSelectPurposes =
    "SELECT purpose FROM authorisation_purposes WHERE authorisation_id = $1";
constexpr std::string_view kSelectScope =
    "SELECT scope_kind, scope_id FROM authorisation_scope WHERE authorisation_id = $1";

#define FAIRQM_AUTHORISATION_COLUMNS                                                    \
  "a.id, a.monitor_id, a.valid_from, a.valid_until, a.confidentiality_acknowledged_at," \
  " a.granted_by, a.granted_at, a.ended_at, a.client_id"
#define FAIRQM_ACTIVE_AT_2                                                \
  " a.valid_from <= $2 AND (a.valid_until IS NULL OR a.valid_until > $2)" \
  " AND (a.ended_at IS NULL OR a.ended_at > $2)"

constexpr std::string_view kGetAuthorisation =
    "SELECT " FAIRQM_AUTHORISATION_COLUMNS " FROM authorisations a WHERE a.id = $1";
constexpr std::string_view kListAuthorisations =
    "SELECT " FAIRQM_AUTHORISATION_COLUMNS " FROM authorisations a ORDER BY a.id";
constexpr std::string_view kAuthorisationsForMonitor =
    "SELECT " FAIRQM_AUTHORISATION_COLUMNS
    " FROM authorisations a WHERE a.monitor_id = $1 ORDER BY a.granted_at DESC, a.id";
constexpr std::string_view kActiveAuthorisationsForMonitor =
    "SELECT " FAIRQM_AUTHORISATION_COLUMNS
    " FROM authorisations a WHERE a.monitor_id = $1 AND" FAIRQM_ACTIVE_AT_2
    " ORDER BY a.granted_at DESC, a.id";
// Uses authorisation_scope_by_target for both arms.
constexpr std::string_view kAuthorisationsCoveringAgent =
    "SELECT " FAIRQM_AUTHORISATION_COLUMNS
    " FROM authorisations a WHERE a.id IN ("
    "   SELECT authorisation_id FROM authorisation_scope"
    "   WHERE (scope_kind = 'agent' AND scope_id = $1)"
    "      OR (scope_kind = 'team' AND scope_id = $3 AND $3 <> ''))"
    " AND" FAIRQM_ACTIVE_AT_2 " ORDER BY a.granted_at DESC, a.id";

Result<std::vector<domain::Authorisation>> Load(db::Connection& conn, std::string_view sql,
                                                const db::Params& params) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, params));
  std::vector<domain::Authorisation> result;
  result.reserve(rows.size());
  for (const db::Row& row : rows) {
    domain::Authorisation a;
    a.id = row.Text(0);
    a.monitor_id = row.Text(1);
    a.valid_from = row.Int(2);
    a.valid_until = row.OptInt(3);
    a.confidentiality_acknowledged_at = row.OptInt(4);
    a.granted_by = row.Text(5);
    a.granted_at = row.Int(6);
    a.ended_at = row.OptInt(7);
    a.client_id = row.Text(8);
    FAIRQM_ASSIGN_OR_RETURN(db::Rows purposes, conn.Query(kSelectPurposes, {Text(a.id)}));
    for (const db::Row& purpose_row : purposes) {
      FAIRQM_ASSIGN_OR_RETURN(
          domain::Purpose purpose,
          ParseStored(domain::ParsePurpose(purpose_row.Text(0)), "purpose", purpose_row.Text(0)));
      a.purposes.insert(purpose);
    }
    FAIRQM_ASSIGN_OR_RETURN(db::Rows scope, conn.Query(kSelectScope, {Text(a.id)}));
    for (const db::Row& scope_row : scope) {
      (scope_row.Text(0) == "team" ? a.team_ids : a.agent_ids).insert(scope_row.Text(1));
    }
    result.push_back(std::move(a));
  }
  return result;
}

}  // namespace

Status PutAuthorisation(db::Connection& conn, const domain::Authorisation& a) {
  return Atomically(conn, [&]() -> Status {
    FAIRQM_RETURN_IF_ERROR(conn.Exec(
        kPutAuthorisation, {Text(a.id), Text(a.monitor_id), Int(a.valid_from), Opt(a.valid_until),
                            Opt(a.confidentiality_acknowledged_at), Text(a.granted_by),
                            Int(a.granted_at), Opt(a.ended_at), Text(a.client_id)}));
    FAIRQM_RETURN_IF_ERROR(conn.Exec(kDeletePurposes, {Text(a.id)}));
    for (domain::Purpose purpose : a.purposes) {
      FAIRQM_RETURN_IF_ERROR(conn.Exec(kInsertPurpose, {Text(a.id), EnumText(purpose)}));
    }
    FAIRQM_RETURN_IF_ERROR(conn.Exec(kDeleteScope, {Text(a.id)}));
    for (const std::string& team_id : a.team_ids) {
      FAIRQM_RETURN_IF_ERROR(conn.Exec(kInsertScope, {Text(a.id), Text("team"), Text(team_id)}));
    }
    for (const std::string& agent_id : a.agent_ids) {
      FAIRQM_RETURN_IF_ERROR(conn.Exec(kInsertScope, {Text(a.id), Text("agent"), Text(agent_id)}));
    }
    return OkStatus();
  });
}

Result<domain::Authorisation> GetAuthorisation(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<domain::Authorisation> found,
                          Load(conn, kGetAuthorisation, {Text(id)}));
  if (found.empty()) return NotFound("authorisation", id);
  return std::move(found[0]);
}

Result<std::vector<domain::Authorisation>> ListAuthorisations(db::Connection& conn) {
  return Load(conn, kListAuthorisations, {});
}

Result<std::vector<domain::Authorisation>> AuthorisationsForMonitor(db::Connection& conn,
                                                                    std::string_view monitor_id) {
  return Load(conn, kAuthorisationsForMonitor, {Text(monitor_id)});
}

Result<std::vector<domain::Authorisation>> ActiveAuthorisationsForMonitor(
    db::Connection& conn, std::string_view monitor_id, TimeMs now) {
  return Load(conn, kActiveAuthorisationsForMonitor, {Text(monitor_id), Int(now)});
}

Result<std::vector<domain::Authorisation>> AuthorisationsCoveringAgent(db::Connection& conn,
                                                                       std::string_view agent_id,
                                                                       std::string_view team_id,
                                                                       TimeMs now) {
  return Load(conn, kAuthorisationsCoveringAgent, {Text(agent_id), Int(now), Text(team_id)});
}

}  // namespace fairqm::store
