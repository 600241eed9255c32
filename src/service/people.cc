#include "service/people.h"

#include <map>

#include "domain/names.h"
#include "policy/access.h"
#include "service/audit_trail.h"
#include "store/authorisations.h"
#include "store/lookups.h"
#include "store/people.h"

namespace fairqm::service {
namespace {

bool IsProtected(const domain::Employee& e) {
  return e.protected_role != domain::ProtectedRole::kNone;
}

}  // namespace

Result<domain::Employee> ResolveEmployee(db::Connection& conn, const std::string& id_or_number) {
  if (id_or_number.rfind("emp-", 0) == 0) return store::GetEmployee(conn, id_or_number);
  FAIRQM_ASSIGN_OR_RETURN(auto found, store::FindEmployeeByExternalId(conn, id_or_number));
  if (!found) {
    return MakeError(ErrorCode::kNotFound,
                     "no employee with id or HR number '" + id_or_number + "'");
  }
  return *found;
}

Result<Decided<EmployeeImportSummary>> ImportEmployees(
    App& app, const Actor& actor, const std::vector<codec::EmployeeImportRow>& rows) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  AuditSubject subject{"employees", "import", "", std::nullopt};
  policy::Decision role = policy::DecideRoleAccess(actor.role, policy::Action::kManageAccounts);
  if (actor.role != domain::Role::kManager && !role.allowed) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, app.Now(), actor, "employees.import", subject, role));
    return Decided<EmployeeImportSummary>::Refuse(role);
  }
  EmployeeImportSummary summary;
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_ASSIGN_OR_RETURN(auto teams, store::ListTeams(*conn));
  std::map<std::string, domain::Team> team_by_name;
  for (auto& t : teams) team_by_name[t.name] = t;

  auto team_for = [&](const codec::EmployeeImportRow& row) -> Result<std::string> {
    auto it = team_by_name.find(row.team_name);
    if (it != team_by_name.end()) return it->second.id;
    domain::Team team{NewId(app.random(), "team"), row.team_name, row.site, ""};
    FAIRQM_RETURN_IF_ERROR(store::PutTeam(*conn, team));
    team_by_name[team.name] = team;
    ++summary.teams_created;
    return team.id;
  };

  auto line_for = [&](const std::string& number, domain::LineKind kind,
                      const std::string& owner) -> Result<std::string> {
    FAIRQM_ASSIGN_OR_RETURN(auto existing, store::FindLineByNumber(*conn, number));
    domain::Line line =
        existing ? *existing : domain::Line{NewId(app.random(), "line"), number, kind, owner};
    if (!existing) ++summary.lines_created;
    // A line only ever becomes more protected through an import: a private
    // or confidential line is never silently turned into a business line.
    if (static_cast<int>(kind) > static_cast<int>(line.kind)) line.kind = kind;
    line.owner_id = owner;
    FAIRQM_RETURN_IF_ERROR(store::PutLine(*conn, line));
    return line.id;
  };

  for (const auto& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(auto existing,
                            store::FindEmployeeByExternalId(*conn, row.employee.external_id));
    domain::Employee e = row.employee;
    e.id = existing ? existing->id : NewId(app.random(), "emp");
    // The date an agent was informed is evidence (KSF-3.7): an import without
    // it never erases one already recorded.
    if (existing && !e.informed_at) e.informed_at = existing->informed_at;
    FAIRQM_ASSIGN_OR_RETURN(e.team_id, team_for(row));
    e.line_ids.clear();
    // KSF-2.1-confidential: the lines protected persons use are confidential.
    domain::LineKind business_kind =
        IsProtected(e) ? domain::LineKind::kConfidential : domain::LineKind::kBusiness;
    for (const auto& number : row.business_lines) {
      FAIRQM_ASSIGN_OR_RETURN(auto id, line_for(number, business_kind, e.id));
      e.line_ids.push_back(id);
    }
    // KSF-3.9: private lines are never recorded.
    for (const auto& number : row.private_lines) {
      FAIRQM_ASSIGN_OR_RETURN(auto id, line_for(number, domain::LineKind::kPrivate, e.id));
      e.line_ids.push_back(id);
    }
    FAIRQM_RETURN_IF_ERROR(store::PutEmployee(*conn, e));
    existing ? ++summary.updated : ++summary.created;
    if (e.function == domain::JobFunction::kTeamLead) {
      // KSF-4.5: the team lead is the team's direct supervisor.
      auto& team = team_by_name[row.team_name];
      team.supervisor_id = e.id;
      FAIRQM_RETURN_IF_ERROR(store::PutTeam(*conn, team));
    }
  }
  FAIRQM_RETURN_IF_ERROR(Record(*conn, app.Now(), actor, "employees.import", subject,
                                policy::Decision::Allow(),
                                codec::Json{{"created", summary.created},
                                            {"updated", summary.updated},
                                            {"teams_created", summary.teams_created},
                                            {"lines_created", summary.lines_created}}));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<EmployeeImportSummary>::Allow(summary);
}

Result<Decided<domain::Authorisation>> GrantAuthorisation(App& app, const Actor& actor,
                                                          domain::Authorisation a) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  a.id = NewId(app.random(), "auth");
  AuditSubject subject{"authorisation", a.id, "", std::nullopt};
  policy::Decision role = policy::DecideRoleAccess(actor.role, policy::Action::kGrantAuthorisation);
  if (!role.allowed) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, app.Now(), actor, "authorisation.grant", subject, role));
    return Decided<domain::Authorisation>::Refuse(role);
  }
  if (a.client_id.empty()) {
    FAIRQM_ASSIGN_OR_RETURN(auto monitor, store::GetEmployee(*conn, a.monitor_id));
    // KSF-2.1-confidential: people with a duty of confidentiality are not
    // made monitors either; and agents do not monitor colleagues.
    if (monitor.protected_role == domain::ProtectedRole::kCompanyDoctor ||
        monitor.protected_role == domain::ProtectedRole::kConfidentialAdviser) {
      return MakeError(ErrorCode::kInvalidInput,
                       "a company doctor or confidential adviser cannot be made a monitor");
    }
  }
  a.granted_by = actor.id;
  a.granted_at = app.Now();
  // KSF-3.3: active only after the monitor acknowledged confidentiality.
  a.confidentiality_acknowledged_at.reset();
  a.ended_at.reset();
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(store::PutAuthorisation(*conn, a));
  codec::Json detail = codec::ToJson(a);
  FAIRQM_RETURN_IF_ERROR(Record(*conn, app.Now(), actor, "authorisation.grant", subject,
                                policy::Decision::Allow(), detail));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<domain::Authorisation>::Allow(a);
}

Result<Decided<domain::Authorisation>> AcknowledgeConfidentiality(
    App& app, const Actor& actor, const std::string& authorisation_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto a, store::GetAuthorisation(*conn, authorisation_id));
  AuditSubject subject{"authorisation", a.id, "", std::nullopt};
  if (actor.id != a.monitor_id) {
    // KSF-3.3 (3.3.5): only the monitor can acknowledge their own duty.
    auto refusal = policy::Decision::Refuse(
        "KSF-3.3",
        "Alleen de monitor zelf kan de geheimhoudingsplicht bij deze autorisatie bevestigen.",
        "Only the monitor can acknowledge the duty of confidentiality of this authorisation.");
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, app.Now(), actor, "authorisation.acknowledge", subject, refusal));
    return Decided<domain::Authorisation>::Refuse(refusal);
  }
  if (!a.confidentiality_acknowledged_at) a.confidentiality_acknowledged_at = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(store::PutAuthorisation(*conn, a));
  FAIRQM_RETURN_IF_ERROR(Record(*conn, app.Now(), actor, "authorisation.acknowledge", subject,
                                policy::Decision::Allow()));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<domain::Authorisation>::Allow(a);
}

Result<Decided<domain::Authorisation>> EndAuthorisation(App& app, const Actor& actor,
                                                        const std::string& authorisation_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto a, store::GetAuthorisation(*conn, authorisation_id));
  AuditSubject subject{"authorisation", a.id, "", std::nullopt};
  policy::Decision role = policy::DecideRoleAccess(actor.role, policy::Action::kGrantAuthorisation);
  if (!role.allowed) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, app.Now(), actor, "authorisation.end", subject, role));
    return Decided<domain::Authorisation>::Refuse(role);
  }
  if (!a.ended_at) a.ended_at = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(store::PutAuthorisation(*conn, a));
  FAIRQM_RETURN_IF_ERROR(
      Record(*conn, app.Now(), actor, "authorisation.end", subject, policy::Decision::Allow()));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<domain::Authorisation>::Allow(a);
}

Result<std::vector<MonitorListing>> WhoMayMonitor(App& app, const std::string& agent_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
  FAIRQM_ASSIGN_OR_RETURN(auto agent, store::GetEmployee(*conn, agent_id));
  FAIRQM_ASSIGN_OR_RETURN(
      auto auths, store::AuthorisationsCoveringAgent(*conn, agent.id, agent.team_id, app.Now()));
  std::vector<MonitorListing> out;
  for (const auto& a : auths) {
    // Only authorisations that are in force count: acknowledged (KSF-3.3).
    if (!a.confidentiality_acknowledged_at) continue;
    MonitorListing m{a.monitor_id, "", a.purposes, a.valid_from, a.valid_until, a.client_id};
    if (a.client_id.empty()) {
      auto monitor = store::GetEmployee(*conn, a.monitor_id);
      if (monitor.ok()) m.monitor_name = monitor->name;
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace fairqm::service
