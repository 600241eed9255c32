// demo/population: the staff of a believable (fictional) Dutch contact centre,
// generated from a seed, as the HR export a real customer would import.
//
// `fairqm demo` feeds employees_csv through the same import path as a real
// HR file (codec::ParseEmployeesCsv), so the demo exercises the real code.
// The side data says who is who (by personeelsnummer, the external id) so the
// wiring can grant authorisations, pick agents for calls and show the
// guideline's protections at work: a works-council member, a company doctor
// and a confidential adviser who are never monitored (KSF-2.1-confidential),
// private lines (KSF-3.9), an agent who has not yet been informed of the
// regulation (KSF-3.7) and one who left recently (retention, AVG-15).
//
// Output depends only on (seed, today): same inputs, byte-identical CSV.
// All names, numbers and addresses are fictional.
// Thread-safety: pure function. It cannot fail.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "domain/types.h"

namespace fairqm::demo {

// One row of the generated HR export, in structured form.
struct DemoEmployee {
  std::string external_id;  // personeelsnummer, e.g. "100412"
  std::string name;
  std::string email;
  domain::JobFunction function = domain::JobFunction::kAgent;
  domain::ContractType contract = domain::ContractType::kPermanent;
  std::string team;  // team name as in the CSV
  std::string site;
  bool works_council_member = false;
  bool customer_contact = false;
  TimeMs start_date = 0;
  std::optional<TimeMs> leave_date;
  std::optional<TimeMs> informed_at;
  std::vector<std::string> extensions;     // business lines (toestel)
  std::vector<std::string> private_lines;  // prive_toestel, KSF-3.9
};

struct DemoTeam {
  std::string name;
  std::string site;
  bool customer_facing = false;         // false: a staff team (quality, management, HR)
  std::string lead_id;                  // teamleider, the direct supervisor (KSF-4.5); may be empty
  std::string coach_id;                 // the coach who works with this team; may be empty
  std::vector<std::string> member_ids;  // everyone in the team, lead included
  std::vector<std::string> agent_ids;   // members with function agent (leaver included)
};

struct DemoPopulation {
  // The HR export: UTF-8 with byte-order mark, CRLF, ';'-separated, Dutch
  // headers and values, dates as DD-MM-YYYY (what Excel writes in nl-NL).
  std::string employees_csv;

  std::vector<DemoEmployee> employees;           // in CSV row order
  std::vector<DemoTeam> teams;                   // customer-facing teams first
  std::vector<std::string> sites;                // {"Utrecht", "Zwolle"}
  std::map<std::string, std::string> team_site;  // team name → site

  // External ids by role.
  std::vector<std::string> agent_ids;  // every agent row, leaver included
  // Agents who may be recorded today: active, informed, customer contact,
  // no protected role (KSF-2.1-confidential, KSF-3.7).
  std::vector<std::string> monitorable_agent_ids;
  std::map<std::string, std::string> team_lead_ids;  // team name → lead id
  std::vector<std::string> coach_ids;
  std::vector<std::string> qa_analyst_ids;
  std::string trainer_id;
  std::string manager_id;  // contact-centre manager
  std::string privacy_officer_id;
  std::string hr_adviser_id;            // function "anders"
  std::string works_council_member_id;  // an agent with or_lid = ja
  std::string company_doctor_id;
  std::string company_doctor_line;  // the doctor's extension: never monitored
  std::string confidential_adviser_id;
  std::string leaver_id;            // agent with uit_dienst in the past
  std::string uninformed_agent_id;  // new agent, geinformeerd_op empty

  // Lines by owner's external id.
  std::map<std::string, std::vector<std::string>> extensions;
  std::map<std::string, std::string> private_lines;

  // When the regulation was rolled out: agents employed then were informed
  // on or shortly after it; later hires shortly after their start.
  TimeMs rollout_date = 0;
};

// `today` is the demo's reference date (UTC midnight is best); every date in
// the output is relative to it.
DemoPopulation MakePopulation(std::uint64_t seed, TimeMs today);

// The CSV header line (without line ending), for documentation and tests.
const char* EmployeesCsvHeader();

}  // namespace fairqm::demo
