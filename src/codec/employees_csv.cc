#include "codec/employees_csv.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "domain/names.h"

namespace fairqm::codec {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  auto end = s.find_last_not_of(" \t");
  return std::string(s.substr(begin, end - begin + 1));
}

enum class Column {
  kExternalId,
  kName,
  kEmail,
  kFunction,
  kContract,
  kTeam,
  kSite,
  kWorksCouncil,
  kStartDate,
  kLeaveDate,
  kExtension,
  kPrivateLine,
  kCustomerContact,
  kInformedAt,
};

const std::map<std::string, Column>& HeaderAliases() {
  static const std::map<std::string, Column> aliases = {
      {"personeelsnummer", Column::kExternalId},
      {"employee_number", Column::kExternalId},
      {"external_id", Column::kExternalId},
      {"naam", Column::kName},
      {"name", Column::kName},
      {"email", Column::kEmail},
      {"e-mail", Column::kEmail},
      {"functie", Column::kFunction},
      {"function", Column::kFunction},
      {"contract", Column::kContract},
      {"contractvorm", Column::kContract},
      {"team", Column::kTeam},
      {"vestiging", Column::kSite},
      {"site", Column::kSite},
      {"or_lid", Column::kWorksCouncil},
      {"works_council_member", Column::kWorksCouncil},
      {"in_dienst", Column::kStartDate},
      {"start_date", Column::kStartDate},
      {"uit_dienst", Column::kLeaveDate},
      {"leave_date", Column::kLeaveDate},
      {"toestel", Column::kExtension},
      {"extension", Column::kExtension},
      {"prive_toestel", Column::kPrivateLine},
      {"private_line", Column::kPrivateLine},
      {"klantcontact", Column::kCustomerContact},
      {"customer_contact", Column::kCustomerContact},
      {"geinformeerd_op", Column::kInformedAt},
      {"informed_at", Column::kInformedAt},
  };
  return aliases;
}

std::optional<domain::JobFunction> ParseFunction(const std::string& value) {
  static const std::map<std::string, domain::JobFunction> dutch = {
      {"medewerker", domain::JobFunction::kAgent},
      {"contactcentermedewerker", domain::JobFunction::kAgent},
      {"teamleider", domain::JobFunction::kTeamLead},
      {"kwaliteitsmedewerker", domain::JobFunction::kQaAnalyst},
      {"bedrijfsarts", domain::JobFunction::kCompanyDoctor},
      {"vertrouwenspersoon", domain::JobFunction::kConfidentialAdviser},
      {"fg", domain::JobFunction::kPrivacyOfficer},
      {"functionaris gegevensbescherming", domain::JobFunction::kPrivacyOfficer},
      {"anders", domain::JobFunction::kOther},
  };
  std::string v = Lower(value);
  if (auto it = dutch.find(v); it != dutch.end()) return it->second;
  return domain::ParseJobFunction(v);
}

std::optional<domain::ContractType> ParseContract(const std::string& value) {
  static const std::map<std::string, domain::ContractType> dutch = {
      {"vast", domain::ContractType::kPermanent},
      {"onbepaalde tijd", domain::ContractType::kPermanent},
      {"tijdelijk", domain::ContractType::kTemporary},
      {"bepaalde tijd", domain::ContractType::kTemporary},
      {"oproep", domain::ContractType::kOnCall},
      {"oproepkracht", domain::ContractType::kOnCall},
      {"uitzend", domain::ContractType::kAgency},
      {"uitzendkracht", domain::ContractType::kAgency},
  };
  std::string v = Lower(value);
  if (auto it = dutch.find(v); it != dutch.end()) return it->second;
  return domain::ParseContractType(v);
}

std::optional<bool> ParseYesNo(const std::string& value) {
  std::string v = Lower(value);
  if (v == "ja" || v == "j" || v == "yes" || v == "y" || v == "1" || v == "true") return true;
  if (v == "nee" || v == "n" || v == "no" || v == "0" || v == "false") return false;
  return std::nullopt;
}

// YYYY-MM-DD or DD-MM-YYYY (Dutch spreadsheets).
std::optional<TimeMs> ParseCsvDate(const std::string& value) {
  if (value.size() == 10 && value[2] == '-' && value[5] == '-') {
    std::string iso = value.substr(6, 4) + "-" + value.substr(3, 2) + "-" + value.substr(0, 2);
    return ParseTime(iso);
  }
  return ParseTime(value);
}

std::vector<std::string> SplitList(const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    auto end = value.find('|', start);
    if (end == std::string::npos) end = value.size();
    std::string item = Trim(std::string_view(value).substr(start, end - start));
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<std::vector<std::string>>> SplitCsv(std::string_view text, char delimiter) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false;
  bool field_started = false;
  int line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
    } else if (c == delimiter) {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
      bool blank = row.size() == 1 && row[0].empty();
      if (!blank) rows.push_back(std::move(row));
      row.clear();
      ++line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) {
    return MakeError(ErrorCode::kInvalidInput,
                     "line " + std::to_string(line) + ": a quoted field is never closed");
  }
  if (field_started || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<EmployeeImportRow>> ParseEmployeesCsv(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto header_end = text.find('\n');
  std::string_view header_line = text.substr(0, header_end);
  char delimiter = std::count(header_line.begin(), header_line.end(), ';') >
                           std::count(header_line.begin(), header_line.end(), ',')
                       ? ';'
                       : ',';
  FAIRQM_ASSIGN_OR_RETURN(auto rows, SplitCsv(text, delimiter));
  if (rows.empty()) return MakeError(ErrorCode::kInvalidInput, "the file is empty");

  std::map<Column, std::size_t> columns;
  for (std::size_t i = 0; i < rows[0].size(); ++i) {
    std::string name = Lower(Trim(rows[0][i]));
    auto it = HeaderAliases().find(name);
    if (it == HeaderAliases().end()) {
      return MakeError(ErrorCode::kInvalidInput, "line 1: unknown column '" + rows[0][i] + "'");
    }
    if (!columns.emplace(it->second, i).second) {
      return MakeError(ErrorCode::kInvalidInput, "line 1: column '" + rows[0][i] + "' twice");
    }
  }
  for (Column required : {Column::kExternalId, Column::kName, Column::kFunction, Column::kTeam}) {
    if (!columns.count(required)) {
      return MakeError(ErrorCode::kInvalidInput,
                       "line 1: a required column is missing (personeelsnummer, naam, functie "
                       "and team are required)");
    }
  }

  std::vector<EmployeeImportRow> out;
  std::map<std::string, int> seen_ids;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& fields = rows[r];
    int line_number = static_cast<int>(r + 1);
    auto fail = [&](const std::string& column, const std::string& what) {
      return MakeError(ErrorCode::kInvalidInput, "line " + std::to_string(line_number) +
                                                     ": column '" + column + "': " + what);
    };
    if (fields.size() != rows[0].size()) {
      return MakeError(ErrorCode::kInvalidInput,
                       "line " + std::to_string(line_number) + ": expected " +
                           std::to_string(rows[0].size()) + " fields, found " +
                           std::to_string(fields.size()));
    }
    auto get = [&](Column c) -> std::string {
      auto it = columns.find(c);
      return it == columns.end() ? std::string() : Trim(fields[it->second]);
    };
    EmployeeImportRow row;
    row.line_number = line_number;
    domain::Employee& e = row.employee;
    e.external_id = get(Column::kExternalId);
    if (e.external_id.empty()) return fail("personeelsnummer", "is empty");
    if (auto [it, inserted] = seen_ids.emplace(e.external_id, line_number); !inserted) {
      return fail("personeelsnummer",
                  "'" + e.external_id + "' also on line " + std::to_string(it->second));
    }
    e.name = get(Column::kName);
    if (e.name.empty()) return fail("naam", "is empty");
    e.email = get(Column::kEmail);
    auto function = ParseFunction(get(Column::kFunction));
    if (!function) return fail("functie", "unknown value '" + get(Column::kFunction) + "'");
    e.function = *function;
    if (std::string v = get(Column::kContract); !v.empty()) {
      auto contract = ParseContract(v);
      if (!contract) return fail("contract", "unknown value '" + v + "'");
      e.contract = *contract;
    }
    row.team_name = get(Column::kTeam);
    row.site = get(Column::kSite);
    // KSF-2.1-confidential: the protected role follows from the function or
    // works-council membership.
    if (e.function == domain::JobFunction::kCompanyDoctor) {
      e.protected_role = domain::ProtectedRole::kCompanyDoctor;
    } else if (e.function == domain::JobFunction::kConfidentialAdviser) {
      e.protected_role = domain::ProtectedRole::kConfidentialAdviser;
    }
    if (std::string v = get(Column::kWorksCouncil); !v.empty()) {
      auto yes = ParseYesNo(v);
      if (!yes) return fail("or_lid", "expected ja/nee, found '" + v + "'");
      if (*yes) e.protected_role = domain::ProtectedRole::kWorksCouncilMember;
    }
    // KSF-3.2: customer contact defaults from the function.
    e.customer_contact = e.function == domain::JobFunction::kAgent;
    if (std::string v = get(Column::kCustomerContact); !v.empty()) {
      auto yes = ParseYesNo(v);
      if (!yes) return fail("klantcontact", "expected ja/nee, found '" + v + "'");
      e.customer_contact = *yes;
    }
    if (std::string v = get(Column::kStartDate); !v.empty()) {
      auto t = ParseCsvDate(v);
      if (!t) return fail("in_dienst", "not a date: '" + v + "'");
      e.start_date = *t;
    }
    if (std::string v = get(Column::kLeaveDate); !v.empty()) {
      auto t = ParseCsvDate(v);
      if (!t) return fail("uit_dienst", "not a date: '" + v + "'");
      if (*t < e.start_date) return fail("uit_dienst", "is before in_dienst");
      e.leave_date = *t;
    }
    if (std::string v = get(Column::kInformedAt); !v.empty()) {
      auto t = ParseCsvDate(v);
      if (!t) return fail("geinformeerd_op", "not a date: '" + v + "'");
      e.informed_at = *t;
    }
    row.business_lines = SplitList(get(Column::kExtension));
    row.private_lines = SplitList(get(Column::kPrivateLine));
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace fairqm::codec
