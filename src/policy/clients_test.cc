// Tests of client reports (KSF-6.1) and individual client access (KSF-6.2,
// KSF-6.3, KSF-2.3, KSF-6.5).
#include "policy/clients.h"

#include <gtest/gtest.h>

#include "policy/policy_test_util.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

TEST(ClientReport, KSF_6_1_EffectiveMinimumNeverBelowFloor) {
  EXPECT_EQ(EffectiveMinGroupSize(5), 5);
  EXPECT_EQ(EffectiveMinGroupSize(8), 8);
  EXPECT_EQ(EffectiveMinGroupSize(1), kMinClientGroupSizeFloor);
  EXPECT_EQ(EffectiveMinGroupSize(-4), kMinClientGroupSizeFloor);
}

TEST(ClientReport, KSF_6_1_ShowsLargeGroupsOnly) {
  std::vector<ReportCellOutcome> out = DecideClientReport(
      {{"team-a", 12, 81.5}, {"team-b", 4, 60.0}, {"team-c", 5, 70.0}, {"team-d", 1, 99.0}}, 5);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_TRUE(out[0].shown);
  EXPECT_DOUBLE_EQ(out[0].value, 81.5);
  EXPECT_FALSE(out[1].shown);
  EXPECT_DOUBLE_EQ(out[1].value, 0.0);
  ExpectDecision(out[1].decision, "KSF-6.1");
  EXPECT_TRUE(out[2].shown);  // exactly the minimum is enough
  ExpectDecision(out[2].decision, "");
  EXPECT_FALSE(out[3].shown);
  EXPECT_EQ(out[3].key, "team-d");
}

TEST(ClientReport, KSF_6_1_SingleSmallGroupAlsoHidesSmallestOther) {
  // With a known total, hiding only team-b would let a client compute it.
  std::vector<ReportCellOutcome> out =
      DecideClientReport({{"team-a", 12, 80.0}, {"team-b", 2, 50.0}, {"team-c", 7, 70.0}}, 5);
  EXPECT_TRUE(out[0].shown);
  EXPECT_FALSE(out[1].shown);
  EXPECT_FALSE(out[2].shown);  // secondary suppression: the smallest remaining group
  ExpectDecision(out[2].decision, "KSF-6.1");
  EXPECT_DOUBLE_EQ(out[2].value, 0.0);
}

TEST(ClientReport, KSF_6_1_AllLargeGroupsShown) {
  std::vector<ReportCellOutcome> out = DecideClientReport({{"a", 5, 1.0}, {"b", 6, 2.0}}, 5);
  EXPECT_TRUE(out[0].shown && out[1].shown);
  EXPECT_TRUE(DecideClientReport({}, 5).empty());
}

TEST(ClientReport, KSF_6_1_ConfiguredMinimumBelowFloorIsRaised) {
  std::vector<ReportCellOutcome> out = DecideClientReport({{"a", 2, 1.0}, {"b", 2, 2.0}}, 1);
  EXPECT_FALSE(out[0].shown);
  EXPECT_FALSE(out[1].shown);
}

ClientAccessFacts BaseClient() {
  ClientAccessFacts facts;
  facts.regulation = ActiveRegulation();
  facts.contract = IndividualContract();
  facts.client_id = "client-1";
  facts.purpose = Purpose::kQuality;
  facts.agent_team_id = "team-a";
  facts.now = T0();
  return facts;
}

using ClientCase = Case<ClientAccessFacts>;
class ClientTable : public ::testing::TestWithParam<ClientCase> {};

TEST_P(ClientTable, Decides) {
  ClientAccessFacts facts = BaseClient();
  GetParam().mutate(facts);
  ExpectDecision(DecideClientIndividualAccess(facts), GetParam().expect_rule);
}

const ClientCase kClientCases[] = {
    {"KSF_6_2_AllowsUnderIndividualContract", [](ClientAccessFacts&) {}, ""},
    {"KSF_3_1_RefusesWithoutRegulation", [](ClientAccessFacts& f) { f.regulation.reset(); },
     "KSF-3.1"},
    {"KSF_6_5_RefusesEvaluation", [](ClientAccessFacts& f) { f.evaluate = true; }, "KSF-6.5"},
    {"KSF_6_5_RefusesAssessmentData",
     [](ClientAccessFacts& f) { f.purpose = Purpose::kAssessment; }, "KSF-6.5"},
    {"KSF_6_5_RefusesAssessmentContract",
     [](ClientAccessFacts& f) { f.contract->purpose = Purpose::kAssessment; }, "KSF-6.5"},
    {"KSF_6_2_RefusesWithoutContract", [](ClientAccessFacts& f) { f.contract.reset(); }, "KSF-6.2"},
    {"KSF_6_2_RefusesOtherClientsContract", [](ClientAccessFacts& f) { f.client_id = "client-2"; },
     "KSF-6.2"},
    {"KSF_6_2_RefusesContractNotYetSigned",
     [](ClientAccessFacts& f) { f.contract->signed_at = f.now + 1; }, "KSF-6.2"},
    {"KSF_6_2_RefusesExpiredContract",
     [](ClientAccessFacts& f) { f.contract->valid_until = f.now; }, "KSF-6.2"},
    {"KSF_6_2_AllowsBeforeContractEnds",
     [](ClientAccessFacts& f) { f.contract->valid_until = f.now + 1; }, ""},
    {"KSF_6_2_RefusesAggregateOnlyContract",
     [](ClientAccessFacts& f) { f.contract->individual_level = false; }, "KSF-6.2"},
    {"KSF_6_2_RefusesMissingFingerprint",
     [](ClientAccessFacts& f) { f.contract->document_sha256.clear(); }, "KSF-6.2"},
    {"KSF_6_2_RefusesMalformedFingerprint",
     [](ClientAccessFacts& f) { f.contract->document_sha256 = std::string(64, 'z'); }, "KSF-6.2"},
    {"KSF_6_2_RefusesAgentsNotInformed",
     [](ClientAccessFacts& f) { f.contract->agents_informed_at.reset(); }, "KSF-6.2"},
    {"KSF_6_2_RefusesAgentsInformedLater",
     [](ClientAccessFacts& f) { f.contract->agents_informed_at = f.now + 1; }, "KSF-6.2"},
    {"KSF_6_2_RefusesTeamOutsideScope", [](ClientAccessFacts& f) { f.agent_team_id = "team-b"; },
     "KSF-6.2"},
    {"KSF_6_3_RefusesWithoutLegalGround",
     [](ClientAccessFacts& f) { f.contract->legal_ground = LegalGround::kUnset; }, "KSF-6.3"},
    {"KSF_2_3_ContractCannotEnablePurposeMissingFromRegulation",
     [](ClientAccessFacts& f) { f.regulation->purposes[2].enabled = false; }, "KSF-2.3"},
    {"KSF_2_3_RefusesPurposeOtherThanContract",
     [](ClientAccessFacts& f) { f.purpose = Purpose::kCoaching; }, "KSF-2.3"},
};

INSTANTIATE_TEST_SUITE_P(Client, ClientTable, ::testing::ValuesIn(kClientCases), CaseName());

}  // namespace
}  // namespace fairqm::policy
