// Store: teams, employees and lines in the catalogue.
//
// Put* inserts or replaces a whole value (an employee together with its line
// list, atomically: inside the caller's transaction if one is open, else in
// its own). Get* fails with kNotFound; Find* returns nullopt when absent.
// Stored enumeration names this binary does not know fail with kCorrupt.
// Free functions over the caller's connection; thread-safety is the
// connection's.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

Status PutTeam(db::Connection& conn, const domain::Team& team);
Result<domain::Team> GetTeam(db::Connection& conn, std::string_view id);
Result<std::vector<domain::Team>> ListTeams(db::Connection& conn);  // by id

Status PutEmployee(db::Connection& conn, const domain::Employee& employee);
Result<domain::Employee> GetEmployee(db::Connection& conn, std::string_view id);
Result<std::vector<domain::Employee>> ListEmployees(db::Connection& conn);  // by id
Result<std::vector<domain::Employee>> ListTeamMembers(db::Connection& conn,
                                                      std::string_view team_id);
// Employees whose line list contains the line (capture gate).
Result<std::vector<domain::Employee>> EmployeesOnLine(db::Connection& conn,
                                                      std::string_view line_id);

Status PutLine(db::Connection& conn, const domain::Line& line);
Result<domain::Line> GetLine(db::Connection& conn, std::string_view id);
// The line with this number as the PBX knows it (KSF-3.9 capture gate).
Result<std::optional<domain::Line>> FindLineByNumber(db::Connection& conn, std::string_view number);
Result<std::vector<domain::Line>> ListLines(db::Connection& conn);  // by id

}  // namespace fairqm::store
