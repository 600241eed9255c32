// Tests of service/api_management against a real installation: for each read,
// the roles allowed, the refusal of the others (AVG-32) with its audit entry,
// unknown ids, and that an allowed read is on record (AVG-5-accountability).
#include "service/api_management.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "audit/audit.h"
#include "service/regulations.h"
#include "service/testing.h"

namespace fairqm::service {
namespace {

using domain::Role;
using testing::Installation;

class ApiManagementTest : public testing::ServiceTest {
 protected:
  App& app() { return inst().app(); }

  audit::StoredEntry LastAudit() {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    audit::Filter filter;
    filter.limit = 1;
    auto entries = audit::Search(**conn, filter);
    EXPECT_TRUE(entries.ok() && !entries->empty());
    return entries->front();
  }

  void ExpectAudited(const Actor& actor, const std::string& action, audit::Decision decision,
                     const std::string& rule = "") {
    auto last = LastAudit();
    EXPECT_EQ(last.entry.actor_id, actor.id);
    EXPECT_EQ(last.entry.action, action);
    EXPECT_EQ(last.entry.decision, decision);
    EXPECT_EQ(last.entry.rule, rule);
  }

  // A draft that lacks every purpose's legitimate interest (KSF-2.1-interest).
  std::string IncompleteDraft() {
    auto json = codec::ParseJsonText(inst().RegulationJson());
    EXPECT_TRUE(json.ok());
    for (auto& purpose : (*json)["purposes"]) purpose["legitimate_interest"] = "";
    auto draft = codec::RegulationFromJson(*json);
    EXPECT_TRUE(draft.ok());
    auto imported = ImportRegulation(app(), Installation::Manager(), *draft);
    EXPECT_TRUE(imported.ok() && imported->allowed());
    return imported->value->id;
  }
};

TEST_F(ApiManagementTest, EmployeeListShowsTeamsAndWhoMayBeMonitored) {
  const Actor manager = Installation::Manager();
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto listed, EmployeeList(app(), manager));
  ASSERT_TRUE(listed.allowed());
  // 2 leads, 9 agents, 1 QA monitor.
  ASSERT_EQ(listed.value->size(), 12u);
  const auto& agent_id = inst().teams()[0].agent_ids[0];
  const auto& lead_id = inst().teams()[0].lead_id;
  for (const EmployeeItem& item : *listed.value) {
    if (item.employee.id == agent_id) {
      EXPECT_EQ(item.team_name, "Noord");
      EXPECT_TRUE(item.monitorable.allowed);
    }
    if (item.employee.id == lead_id) {
      // KSF-3.2: a team lead without customer contact is not an agent.
      EXPECT_FALSE(item.monitorable.allowed);
      EXPECT_EQ(item.monitorable.rule, "KSF-3.2");
    }
  }
  EXPECT_TRUE(std::is_sorted(
      listed.value->begin(), listed.value->end(),
      [](const auto& a, const auto& b) { return a.employee.name < b.employee.name; }));
  ExpectAudited(manager, "view.employees", audit::Decision::kAllowed);
}

TEST_F(ApiManagementTest, EmployeeAndTeamListsRefuseOtherRolesAvg32) {
  for (const Actor& actor : {Installation::WorksCouncil(), Installation::PrivacyOfficer(),
                             Installation::Admin(), Installation::Client("acme")}) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto employees, EmployeeList(app(), actor));
    EXPECT_FALSE(employees.allowed());
    EXPECT_EQ(employees.decision.rule, "AVG-32");
    ExpectAudited(actor, "view.employees", audit::Decision::kRefused, "AVG-32");
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto teams, TeamList(app(), actor));
    EXPECT_FALSE(teams.allowed());
    ExpectAudited(actor, "view.teams", audit::Decision::kRefused, "AVG-32");
  }
}

TEST_F(ApiManagementTest, TeamListNamesTheSupervisorAndCountsMembers) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto listed, TeamList(app(), Installation::Manager()));
  ASSERT_TRUE(listed.allowed());
  ASSERT_EQ(listed.value->size(), 2u);
  const TeamItem& noord = listed.value->at(0);
  EXPECT_EQ(noord.team.name, "Noord");
  EXPECT_EQ(noord.supervisor_name, "Teamleider Noord");  // KSF-4.5
  EXPECT_EQ(noord.members, 7);                           // lead, 5 agents and the QA monitor
  EXPECT_EQ(listed.value->at(1).members, 5);
}

TEST_F(ApiManagementTest, RegulationsReadByManagerWorksCouncilAndPrivacyOfficer) {
  for (const Actor& actor :
       {Installation::Manager(), Installation::WorksCouncil(), Installation::PrivacyOfficer()}) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto listed, RegulationList(app(), actor));
    ASSERT_TRUE(listed.allowed()) << listed.decision.reason_en;
    EXPECT_EQ(listed.value->size(), 1u);
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto active, RegulationById(app(), actor, "active"));
    ASSERT_TRUE(active.allowed());
    EXPECT_EQ(active.value->id, inst().regulation().id);
    ExpectAudited(actor, "view.regulation", audit::Decision::kAllowed);
  }
  for (const Actor& actor : {Installation::Admin(), Installation::Client("acme"),
                             Installation::AgentActor(inst().teams()[0].agent_ids[0])}) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto listed, RegulationList(app(), actor));
    EXPECT_FALSE(listed.allowed());
    EXPECT_EQ(listed.decision.rule, "AVG-32");
    ExpectAudited(actor, "view.regulations", audit::Decision::kRefused, "AVG-32");
  }
}

TEST_F(ApiManagementTest, UnknownRegulationIsNotFound) {
  auto missing = RegulationById(app(), Installation::Manager(), "reg-none");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto gaps = RegulationMissing(app(), Installation::WorksCouncil(), "reg-none");
  ASSERT_FALSE(gaps.ok());
  EXPECT_EQ(gaps.error().code, ErrorCode::kNotFound);
}

TEST_F(ApiManagementTest, RegulationMissingListsTheRulesKsf21Interest) {
  const std::string draft = IncompleteDraft();
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto gaps, RegulationMissing(app(), Installation::Manager(), draft));
  ASSERT_TRUE(gaps.allowed());
  ASSERT_FALSE(gaps.value->missing.empty());
  EXPECT_EQ(gaps.value->missing.front().rule, "KSF-2.1-interest");
  EXPECT_EQ(gaps.value->regulation.id, draft);
  // The active one is complete.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto complete,
                              RegulationMissing(app(), Installation::WorksCouncil(), "active"));
  ASSERT_TRUE(complete.allowed());
  EXPECT_TRUE(complete.value->missing.empty());
  // The privacy officer reads regulations but is not part of submitting one.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto refused,
                              RegulationMissing(app(), Installation::PrivacyOfficer(), draft));
  EXPECT_FALSE(refused.allowed());
  EXPECT_EQ(refused.decision.rule, "AVG-32");
}

TEST_F(ApiManagementTest, ClientContractsForManagerAndPrivacyOfficerKsf62) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("acme", {"Noord"}, domain::Purpose::kQuality));
  FAIRQM_ASSERT_OK(inst().AddClientContract("globex", {"Zuid"}, domain::Purpose::kCoaching));
  for (const Actor& actor : {Installation::Manager(), Installation::PrivacyOfficer()}) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto listed, ClientContractList(app(), actor));
    ASSERT_TRUE(listed.allowed());
    EXPECT_EQ(listed.value->size(), 2u);
    ExpectAudited(actor, "view.client_contracts", audit::Decision::kAllowed);
  }
  // A client sees its own contracts elsewhere (MyClientContracts), never all.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto refused,
                              ClientContractList(app(), Installation::Client("acme")));
  EXPECT_FALSE(refused.allowed());
  EXPECT_EQ(refused.decision.rule, "AVG-32");
}

}  // namespace
}  // namespace fairqm::service
