#include "store/people.h"

#include <map>

#include "store/internal.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT: the helpers are this module's vocabulary

// --- teams
constexpr std::string_view kPutTeam =
    "INSERT INTO teams (id, name, site, supervisor_id) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, site = excluded.site,"
    " supervisor_id = excluded.supervisor_id";
#define FAIRQM_TEAM_COLUMNS "id, name, site, supervisor_id"
constexpr std::string_view kGetTeam = "SELECT " FAIRQM_TEAM_COLUMNS " FROM teams WHERE id = $1";
constexpr std::string_view kListTeams = "SELECT " FAIRQM_TEAM_COLUMNS " FROM teams ORDER BY id";

domain::Team TeamFromRow(const db::Row& row) {
  return domain::Team{row.Text(0), row.Text(1), row.Text(2), row.Text(3)};
}

// --- employees
constexpr std::string_view kPutEmployee =
    "INSERT INTO employees (id, external_id, name, email, function, contract, customer_contact,"
    " team_id, protected_role, start_date, leave_date, informed_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    " ON CONFLICT (id) DO UPDATE SET external_id = excluded.external_id, name = excluded.name,"
    " email = excluded.email, function = excluded.function, contract = excluded.contract,"
    " customer_contact = excluded.customer_contact, team_id = excluded.team_id,"
    " protected_role = excluded.protected_role, start_date = excluded.start_date,"
    " leave_date = excluded.leave_date, informed_at = excluded.informed_at";
constexpr std::string_view kDeleteEmployeeLines =
    "DELETE FROM employee_lines WHERE employee_id = $1";
constexpr std::string_view kInsertEmployeeLine =
    "INSERT INTO employee_lines (employee_id, line_id, position) VALUES ($1, $2, $3)";
#define FAIRQM_EMPLOYEE_COLUMNS                                                       \
  "e.id, e.external_id, e.name, e.email, e.function, e.contract, e.customer_contact," \
  " e.team_id, e.protected_role, e.start_date, e.leave_date, e.informed_at"
constexpr std::string_view kGetEmployee =
    "SELECT " FAIRQM_EMPLOYEE_COLUMNS " FROM employees e WHERE e.id = $1";
constexpr std::string_view kListEmployees =
    "SELECT " FAIRQM_EMPLOYEE_COLUMNS " FROM employees e ORDER BY e.id";
constexpr std::string_view kListTeamMembers =
    "SELECT " FAIRQM_EMPLOYEE_COLUMNS " FROM employees e WHERE e.team_id = $1 ORDER BY e.id";
constexpr std::string_view kEmployeesOnLine =
    "SELECT " FAIRQM_EMPLOYEE_COLUMNS
    " FROM employees e JOIN employee_lines l ON l.employee_id = e.id"
    " WHERE l.line_id = $1 ORDER BY e.id";
constexpr std::string_view kLinesOfEmployee =
    "SELECT line_id FROM employee_lines WHERE employee_id = $1 ORDER BY position";
constexpr std::string_view kAllEmployeeLines =
    "SELECT employee_id, line_id FROM employee_lines ORDER BY employee_id, position";

Result<domain::Employee> EmployeeFromRow(const db::Row& row) {
  domain::Employee e;
  e.id = row.Text(0);
  e.external_id = row.Text(1);
  e.name = row.Text(2);
  e.email = row.Text(3);
  FAIRQM_ASSIGN_OR_RETURN(
      e.function, ParseStored(domain::ParseJobFunction(row.Text(4)), "job function", row.Text(4)));
  FAIRQM_ASSIGN_OR_RETURN(e.contract, ParseStored(domain::ParseContractType(row.Text(5)),
                                                  "contract type", row.Text(5)));
  e.customer_contact = row.Int(6) != 0;
  e.team_id = row.Text(7);
  FAIRQM_ASSIGN_OR_RETURN(e.protected_role, ParseStored(domain::ParseProtectedRole(row.Text(8)),
                                                        "protected role", row.Text(8)));
  e.start_date = row.Int(9);
  e.leave_date = row.OptInt(10);
  e.informed_at = row.OptInt(11);
  return e;
}

Status LoadLines(db::Connection& conn, domain::Employee& employee) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kLinesOfEmployee, {Text(employee.id)}));
  for (const db::Row& row : rows) employee.line_ids.push_back(row.Text(0));
  return OkStatus();
}

Result<std::vector<domain::Employee>> EmployeesFrom(db::Connection& conn, std::string_view sql,
                                                    const db::Params& params) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, params));
  std::vector<domain::Employee> employees;
  employees.reserve(rows.size());
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(domain::Employee employee, EmployeeFromRow(row));
    FAIRQM_RETURN_IF_ERROR(LoadLines(conn, employee));
    employees.push_back(std::move(employee));
  }
  return employees;
}

// --- lines
constexpr std::string_view kPutLine =
    "INSERT INTO lines (id, number, kind, owner_id) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (id) DO UPDATE SET number = excluded.number, kind = excluded.kind,"
    " owner_id = excluded.owner_id";
#define FAIRQM_LINE_COLUMNS "id, number, kind, owner_id"
constexpr std::string_view kGetLine = "SELECT " FAIRQM_LINE_COLUMNS " FROM lines WHERE id = $1";
constexpr std::string_view kFindLineByNumber =
    "SELECT " FAIRQM_LINE_COLUMNS " FROM lines WHERE number = $1";
constexpr std::string_view kListLines = "SELECT " FAIRQM_LINE_COLUMNS " FROM lines ORDER BY id";

Result<domain::Line> LineFromRow(const db::Row& row) {
  domain::Line line;
  line.id = row.Text(0);
  line.number = row.Text(1);
  FAIRQM_ASSIGN_OR_RETURN(
      line.kind, ParseStored(domain::ParseLineKind(row.Text(2)), "line kind", row.Text(2)));
  line.owner_id = row.Text(3);
  return line;
}

}  // namespace

Status PutTeam(db::Connection& conn, const domain::Team& team) {
  return Done(conn.Exec(
      kPutTeam, {Text(team.id), Text(team.name), Text(team.site), Text(team.supervisor_id)}));
}

Result<domain::Team> GetTeam(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kGetTeam, {Text(id)}));
  if (rows.empty()) return NotFound("team", id);
  return TeamFromRow(rows[0]);
}

Result<std::vector<domain::Team>> ListTeams(db::Connection& conn) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kListTeams));
  std::vector<domain::Team> teams;
  for (const db::Row& row : rows) teams.push_back(TeamFromRow(row));
  return teams;
}

Status PutEmployee(db::Connection& conn, const domain::Employee& e) {
  return Atomically(conn, [&]() -> Status {
    FAIRQM_RETURN_IF_ERROR(conn.Exec(
        kPutEmployee,
        {Text(e.id), Text(e.external_id), Text(e.name), Text(e.email), EnumText(e.function),
         EnumText(e.contract), Bool(e.customer_contact), Text(e.team_id),
         EnumText(e.protected_role), Int(e.start_date), Opt(e.leave_date), Opt(e.informed_at)}));
    FAIRQM_RETURN_IF_ERROR(conn.Exec(kDeleteEmployeeLines, {Text(e.id)}));
    std::int64_t position = 0;
    for (const std::string& line_id : e.line_ids) {
      FAIRQM_RETURN_IF_ERROR(
          conn.Exec(kInsertEmployeeLine, {Text(e.id), Text(line_id), Int(position++)}));
    }
    return OkStatus();
  });
}

Result<domain::Employee> GetEmployee(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<domain::Employee> employees,
                          EmployeesFrom(conn, kGetEmployee, {Text(id)}));
  if (employees.empty()) return NotFound("employee", id);
  return std::move(employees[0]);
}

Result<std::vector<domain::Employee>> ListEmployees(db::Connection& conn) {
  // Two queries instead of one per employee: the list can be thousands long.
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kListEmployees));
  FAIRQM_ASSIGN_OR_RETURN(db::Rows line_rows, conn.Query(kAllEmployeeLines));
  std::map<std::string, std::vector<std::string>> lines;
  for (const db::Row& row : line_rows) lines[row.Text(0)].push_back(row.Text(1));
  std::vector<domain::Employee> employees;
  employees.reserve(rows.size());
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(domain::Employee employee, EmployeeFromRow(row));
    if (auto it = lines.find(employee.id); it != lines.end()) employee.line_ids = it->second;
    employees.push_back(std::move(employee));
  }
  return employees;
}

Result<std::vector<domain::Employee>> ListTeamMembers(db::Connection& conn,
                                                      std::string_view team_id) {
  return EmployeesFrom(conn, kListTeamMembers, {Text(team_id)});
}

Result<std::vector<domain::Employee>> EmployeesOnLine(db::Connection& conn,
                                                      std::string_view line_id) {
  return EmployeesFrom(conn, kEmployeesOnLine, {Text(line_id)});
}

Status PutLine(db::Connection& conn, const domain::Line& line) {
  return Done(conn.Exec(
      kPutLine, {Text(line.id), Text(line.number), EnumText(line.kind), Text(line.owner_id)}));
}

Result<domain::Line> GetLine(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kGetLine, {Text(id)}));
  if (rows.empty()) return NotFound("line", id);
  return LineFromRow(rows[0]);
}

Result<std::optional<domain::Line>> FindLineByNumber(db::Connection& conn,
                                                     std::string_view number) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kFindLineByNumber, {Text(number)}));
  if (rows.empty()) return std::optional<domain::Line>();
  FAIRQM_ASSIGN_OR_RETURN(domain::Line line, LineFromRow(rows[0]));
  return std::optional<domain::Line>(std::move(line));
}

Result<std::vector<domain::Line>> ListLines(db::Connection& conn) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kListLines));
  std::vector<domain::Line> lines;
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(domain::Line line, LineFromRow(row));
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace fairqm::store
