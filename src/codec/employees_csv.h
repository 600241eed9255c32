// codec/employees_csv: the employee list as an HR system exports it.
//
// Accepts what Dutch HR exports look like: comma or semicolon separated (the
// delimiter is detected from the header), an optional UTF-8 byte-order mark,
// CRLF or LF, quoted fields with "" escapes, headers in Dutch or English in
// any order and case (personeelsnummer/employee_number, naam/name, functie/
// function, contract/contractvorm, team, vestiging/site, or_lid/
// works_council_member, in_dienst/start_date, uit_dienst/leave_date,
// toestel/extension, prive_toestel/private_line, klantcontact/
// customer_contact, geinformeerd_op/informed_at, email). Dates are
// YYYY-MM-DD or DD-MM-YYYY. Values in Dutch or English ("teamleider",
// "team_lead"; "ja"/"yes").
//
// The whole file is validated before anything is returned: one bad row makes
// the import fail with "line N: column 'x': …" so nothing is half-imported.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/types.h"

namespace fairqm::codec {

struct EmployeeImportRow {
  int line_number = 0;
  domain::Employee employee;  // id empty: the importer assigns or matches by external_id
  std::string team_name;
  std::string site;
  std::vector<std::string> business_lines;  // extensions
  std::vector<std::string> private_lines;   // KSF-3.9
};

Result<std::vector<EmployeeImportRow>> ParseEmployeesCsv(std::string_view text);

// Splits CSV text into rows of fields (RFC 4180 quoting) with a given delimiter.
Result<std::vector<std::vector<std::string>>> SplitCsv(std::string_view text, char delimiter);

}  // namespace fairqm::codec
