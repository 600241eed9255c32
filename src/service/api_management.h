// service/api_management: the reads behind the manager's, works council's and
// privacy officer's screens that service/views.h does not cover, so the HTTP
// handlers stay thin (parse, call, render).
//
//   EmployeeList        management: employees with their function and team,
//                       and whether they may be monitored at all (KSF-3.2,
//                       KSF-2.1-confidential, KSF-3.7) — never recordings or
//                       evaluations (AVG-5-minimal)
//   TeamList            management: teams, their direct supervisor (KSF-4.5)
//                       and how many employees they have
//   RegulationList / RegulationById
//                       every version of the regulation, drafts included, for
//                       management (who drafts it), the works council (who
//                       consents, KSF-3.11) and the privacy officer (the
//                       register and DPIA, AVG-30, AVG-35)
//   RegulationMissing   what a version still lacks before it may be submitted
//                       (KSF-2.1-interest, KSF-3.5, KSF-3.6 …), for management
//                       and the works council
//   ClientContractList  every client contract (KSF-6.2, KSF-6.3), for
//                       management and the privacy officer
//
// Every function follows the service shape: the role is decided through
// policy::DecideRoleAccess (AVG-32, least privilege), a refusal is audited on
// its own, an allowed read is gathered in one snapshot and then put on record
// (AVG-5-accountability). Errors are Result values: kNotFound for an unknown
// regulation id; catalogue failures. Thread-safety: as App.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/types.h"
#include "policy/decision.h"
#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

struct EmployeeItem {
  domain::Employee employee;
  std::string team_name;
  // policy::CheckAgentMonitorable at now: allowed, or the rule that keeps
  // this person out of monitoring (KSF-3.2, KSF-2.1-confidential, KSF-3.7).
  policy::Decision monitorable;
};
// Management only (the role that grants authorisations, KSF-3.3); by name.
Result<Decided<std::vector<EmployeeItem>>> EmployeeList(App& app, const Actor& actor);

struct TeamItem {
  domain::Team team;
  std::string supervisor_name;  // empty when the team has none
  std::int64_t members = 0;     // employees in the team who have not left
};
// Management only; by name.
Result<Decided<std::vector<TeamItem>>> TeamList(App& app, const Actor& actor);

// Every version, oldest first. Manager, works council, privacy officer.
Result<Decided<std::vector<domain::Regulation>>> RegulationList(App& app, const Actor& actor);
// One version by id, or "active". Manager, works council, privacy officer.
Result<Decided<domain::Regulation>> RegulationById(App& app, const Actor& actor,
                                                   const std::string& id_or_active);

struct RegulationGaps {
  domain::Regulation regulation;
  std::vector<policy::Decision> missing;  // empty: complete
};
// Manager and works council.
Result<Decided<RegulationGaps>> RegulationMissing(App& app, const Actor& actor,
                                                  const std::string& regulation_id);

// Every client contract, by id. Manager and privacy officer.
Result<Decided<std::vector<domain::ClientContract>>> ClientContractList(App& app,
                                                                        const Actor& actor);

}  // namespace fairqm::service
