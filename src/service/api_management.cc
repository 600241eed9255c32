#include "service/api_management.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "db/db.h"
#include "policy/access.h"
#include "policy/checks.h"
#include "policy/regulation.h"
#include "service/audit_trail.h"
#include "store/clients.h"
#include "store/people.h"
#include "store/regulations.h"

namespace fairqm::service {
namespace {

// The first role action of `actions` the actor's role may take decides; when
// none, the refusal DecideRoleAccess gives for the first (AVG-32).
policy::Decision AnyOf(const Actor& actor, std::initializer_list<policy::Action> actions) {
  for (policy::Action action : actions) {
    policy::Decision decision = policy::DecideRoleAccess(actor.role, action);
    if (decision.allowed) return decision;
  }
  return policy::DecideRoleAccess(actor.role, *actions.begin());
}

// The service shape: a refusal is audited on its own; an allowed read is
// gathered in one snapshot on a reader, then put on record.
template <typename T, typename LoadFn>
Result<Decided<T>> Serve(App& app, const Actor& actor, std::string_view action,
                         const AuditSubject& subject, const policy::Decision& decision,
                         LoadFn load) {
  const TimeMs now = app.Now();
  if (!decision.allowed) {
    FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*writer, now, actor, action, subject, decision));
    return Decided<T>::Refuse(decision);
  }
  std::optional<T> value;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(db::Transaction snapshot, db::Transaction::Begin(*reader));
    FAIRQM_ASSIGN_OR_RETURN(value, load(*reader, now));
    FAIRQM_RETURN_IF_ERROR(snapshot.Commit());
  }
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
  FAIRQM_RETURN_IF_ERROR(RecordAlone(*writer, now, actor, action, subject, decision));
  return Decided<T>::Allow(std::move(*value));
}

AuditSubject ListSubject(std::string_view kind) {
  return AuditSubject{std::string(kind), "list", "", std::nullopt};
}

// The regulation a path names: an id, or "active" for the version in force.
Result<domain::Regulation> LoadRegulation(db::Connection& conn, const std::string& id_or_active) {
  if (id_or_active == "active") {
    FAIRQM_ASSIGN_OR_RETURN(auto active, store::ActiveRegulation(conn));
    if (!active) return MakeError(ErrorCode::kNotFound, "no active regulation");
    return *active;
  }
  return store::GetRegulation(conn, id_or_active);
}

// Management, the works council and the privacy officer read regulation
// versions: who drafts (KSF-3.12), who consents (KSF-3.11), who keeps the
// register and the DPIA (AVG-30, AVG-35).
policy::Decision MayReadRegulations(const Actor& actor) {
  return AnyOf(actor, {policy::Action::kDraftRegulation, policy::Action::kRecordWorksCouncilConsent,
                       policy::Action::kRecordDpia});
}

}  // namespace

Result<Decided<std::vector<EmployeeItem>>> EmployeeList(App& app, const Actor& actor) {
  // KSF-3.3: the people management grants authorisations over; AVG-32 others.
  return Serve<std::vector<EmployeeItem>>(
      app, actor, "view.employees", ListSubject("employees"),
      policy::DecideRoleAccess(actor.role, policy::Action::kGrantAuthorisation),
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<EmployeeItem>> {
        FAIRQM_ASSIGN_OR_RETURN(auto teams, store::ListTeams(conn));
        std::map<std::string, std::string> team_names;
        for (const auto& team : teams) team_names.emplace(team.id, team.name);
        FAIRQM_ASSIGN_OR_RETURN(auto employees, store::ListEmployees(conn));
        std::vector<EmployeeItem> items;
        items.reserve(employees.size());
        for (auto& employee : employees) {
          EmployeeItem item;
          auto team = team_names.find(employee.team_id);
          if (team != team_names.end()) item.team_name = team->second;
          // KSF-3.2, KSF-2.1-confidential, KSF-3.7: shown before anyone is
          // authorised over this person.
          item.monitorable = policy::CheckAgentMonitorable(employee, now);
          item.employee = std::move(employee);
          items.push_back(std::move(item));
        }
        std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
          return a.employee.name < b.employee.name;
        });
        return items;
      });
}

Result<Decided<std::vector<TeamItem>>> TeamList(App& app, const Actor& actor) {
  return Serve<std::vector<TeamItem>>(
      app, actor, "view.teams", ListSubject("teams"),
      policy::DecideRoleAccess(actor.role, policy::Action::kGrantAuthorisation),
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<TeamItem>> {
        FAIRQM_ASSIGN_OR_RETURN(auto teams, store::ListTeams(conn));
        FAIRQM_ASSIGN_OR_RETURN(auto employees, store::ListEmployees(conn));
        std::map<std::string, std::string> names;
        std::map<std::string, std::int64_t> members;
        for (const auto& employee : employees) {
          names.emplace(employee.id, employee.name);
          const bool left = employee.leave_date && *employee.leave_date <= now;
          if (!left) ++members[employee.team_id];
        }
        std::vector<TeamItem> items;
        items.reserve(teams.size());
        for (auto& team : teams) {
          TeamItem item;
          auto supervisor = names.find(team.supervisor_id);
          if (supervisor != names.end()) item.supervisor_name = supervisor->second;
          auto count = members.find(team.id);
          if (count != members.end()) item.members = count->second;
          item.team = std::move(team);
          items.push_back(std::move(item));
        }
        std::stable_sort(items.begin(), items.end(),
                         [](const auto& a, const auto& b) { return a.team.name < b.team.name; });
        return items;
      });
}

Result<Decided<std::vector<domain::Regulation>>> RegulationList(App& app, const Actor& actor) {
  return Serve<std::vector<domain::Regulation>>(
      app, actor, "view.regulations", ListSubject("regulations"), MayReadRegulations(actor),
      [&](db::Connection& conn, TimeMs) { return store::ListRegulations(conn); });
}

Result<Decided<domain::Regulation>> RegulationById(App& app, const Actor& actor,
                                                   const std::string& id_or_active) {
  // An unknown id is kNotFound for every role that may read regulations; the
  // role is decided first so that others learn nothing about which ids exist.
  policy::Decision decision = MayReadRegulations(actor);
  return Serve<domain::Regulation>(
      app, actor, "view.regulation", AuditSubject{"regulation", id_or_active, "", std::nullopt},
      decision, [&](db::Connection& conn, TimeMs) { return LoadRegulation(conn, id_or_active); });
}

Result<Decided<RegulationGaps>> RegulationMissing(App& app, const Actor& actor,
                                                  const std::string& regulation_id) {
  // Management drafts and submits; the works council sees what is missing
  // before it is asked to consent (KSF-3.11).
  policy::Decision decision =
      AnyOf(actor, {policy::Action::kDraftRegulation, policy::Action::kRecordWorksCouncilConsent});
  return Serve<RegulationGaps>(
      app, actor, "view.regulation_missing",
      AuditSubject{"regulation", regulation_id, "", std::nullopt}, decision,
      [&](db::Connection& conn, TimeMs) -> Result<RegulationGaps> {
        RegulationGaps gaps;
        FAIRQM_ASSIGN_OR_RETURN(gaps.regulation, LoadRegulation(conn, regulation_id));
        // KSF-2.1-interest, KSF-3.5, KSF-3.6 …: the same list SubmitRegulation
        // refuses on.
        gaps.missing = policy::MissingForSubmission(gaps.regulation);
        return gaps;
      });
}

Result<Decided<std::vector<domain::ClientContract>>> ClientContractList(App& app,
                                                                        const Actor& actor) {
  // KSF-6.2, KSF-6.3: management records the contracts; the privacy officer
  // keeps the register of who receives what (AVG-30).
  policy::Decision decision =
      AnyOf(actor, {policy::Action::kGrantAuthorisation, policy::Action::kRecordDpia});
  return Serve<std::vector<domain::ClientContract>>(
      app, actor, "view.client_contracts", ListSubject("client_contracts"), decision,
      [&](db::Connection& conn, TimeMs) { return store::ListClientContracts(conn); });
}

}  // namespace fairqm::service
