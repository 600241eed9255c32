// Test support for the accounts tests: the service fixture (a real
// installation on real SQLite, ManualClock, SeededRandom) plus helpers that
// create accounts through the real CreateAccount as the administrator, with
// the cheapest Argon2id cost so tests stay fast.
// Tests only; never include from production code. Not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/sessions.h"
#include "audit/audit.h"
#include "service/testing.h"

namespace fairqm::accounts::testing {

inline constexpr char kPassword[] = "lang-genoeg-wachtwoord";

class AccountsTest : public service::testing::ServiceTest {
 protected:
  service::App& app() { return inst().app(); }
  ManualClock& clock() { return inst().clock(); }
  static service::Actor Admin() { return service::testing::Installation::Admin(); }

  NewAccount AgentAccount(const std::string& username, std::size_t agent_idx = 0) {
    NewAccount n;
    n.username = username;
    n.display_name = "Medewerker " + username;
    n.role = domain::Role::kAgent;
    n.employee_id = inst().teams().front().agent_ids.at(agent_idx);
    n.password = kPassword;
    return n;
  }

  static NewAccount PlainAccount(const std::string& username, domain::Role role,
                                 const std::string& password = kPassword) {
    NewAccount n;
    n.username = username;
    n.display_name = username;
    n.role = role;
    n.password = password;
    return n;
  }

  // CreateAccount as the administrator; a refusal is an error.
  Result<Account> Create(const NewAccount& n) {
    FAIRQM_ASSIGN_OR_RETURN(auto decided, CreateAccount(app(), Admin(), n, cost_));
    if (!decided.allowed()) {
      return MakeError(ErrorCode::kConflict, "refused: " + decided.decision.rule);
    }
    return *decided.value;
  }

  Result<LoginOutcome> LogIn(const std::string& username, const std::string& password,
                             const std::string& address = "192.0.2.1") {
    return Login(app(), username, password, address, cost_);
  }

  // Audit entries for an action, newest first.
  std::vector<audit::StoredEntry> AuditFor(const std::string& action) {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    audit::Filter filter;
    filter.action = action;
    auto entries = audit::Search(**conn, filter);
    EXPECT_TRUE(entries.ok()) << entries.error().ToString();
    return entries.ok() ? *entries : std::vector<audit::StoredEntry>{};
  }

  // Every column of every row of a table, as text (for "never stored" checks).
  std::string TableText(const std::string& table) {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    auto rows = (*conn)->Query("SELECT * FROM " + table);
    EXPECT_TRUE(rows.ok()) << rows.error().ToString();
    std::string text;
    if (!rows.ok()) return text;
    for (const auto& row : *rows) {
      for (std::size_t column = 0; column < row.values.size(); ++column) {
        text += row.Text(column) + "|";
      }
      text += "\n";
    }
    return text;
  }

  // One integer from the catalogue.
  std::int64_t QueryInt(const std::string& sql, const db::Params& params = {}) {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    auto rows = (*conn)->Query(sql, params);
    EXPECT_TRUE(rows.ok() && !rows->empty());
    return rows.ok() && !rows->empty() ? rows->front().Int(0) : -1;
  }

  PasswordCost cost_ = PasswordCost::Minimum();
};

}  // namespace fairqm::accounts::testing
