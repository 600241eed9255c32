// service/people: employees from the HR system, and monitors' authorisations.
//
//   ImportEmployees        the HR export: employees matched by HR number and
//                          created or updated, teams by name (their team lead
//                          becomes the direct supervisor), lines by number.
//                          Lines of protected persons are confidential
//                          (KSF-2.1-confidential); private extensions are
//                          private (KSF-3.9). All or nothing.
//   GrantAuthorisation     management grants a monitor purposes and a scope
//                          with a validity period (KSF-3.3); it is inactive
//                          until the monitor acknowledges confidentiality
//   AcknowledgeConfidentiality, EndAuthorisation
//   WhoMayMonitor          KSF-3.3 SHOW: the agent's list of monitors
// Thread-safety: as App.
#pragma once

#include <string>
#include <vector>

#include "codec/employees_csv.h"
#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

struct EmployeeImportSummary {
  int created = 0;
  int updated = 0;
  int teams_created = 0;
  int lines_created = 0;
};

Result<Decided<EmployeeImportSummary>> ImportEmployees(
    App& app, const Actor& actor, const std::vector<codec::EmployeeImportRow>& rows);

// The employee with this id ("emp-…") or HR number; kNotFound otherwise.
Result<domain::Employee> ResolveEmployee(db::Connection& conn, const std::string& id_or_number);

Result<Decided<domain::Authorisation>> GrantAuthorisation(App& app, const Actor& actor,
                                                          domain::Authorisation authorisation);
Result<Decided<domain::Authorisation>> AcknowledgeConfidentiality(
    App& app, const Actor& actor, const std::string& authorisation_id);
Result<Decided<domain::Authorisation>> EndAuthorisation(App& app, const Actor& actor,
                                                        const std::string& authorisation_id);

struct MonitorListing {
  std::string monitor_id;
  std::string monitor_name;
  std::set<domain::Purpose> purposes;
  TimeMs valid_from = 0;
  std::optional<TimeMs> valid_until;
  std::string client_id;
};
// KSF-3.3 SHOW: who may monitor this agent now.
Result<std::vector<MonitorListing>> WhoMayMonitor(App& app, const std::string& agent_id);

}  // namespace fairqm::service
