// Table-driven tests of the regulation lifecycle: submission (KSF-1.2,
// KSF-2.1-interest, KSF-3.5, KSF-3.6, KSF-1.3, AVG-5-storage, RETENTION-split,
// KSF-4.4, KSF-4.1, KSF-2.1-feedback, KSF-4.7, KSF-6.1, KSF-3.10, KSF-6.6,
// AVG-30), works-council consent (KSF-3.11) and activation (KSF-3.11, AVG-35,
// KSF-4.1, KSF-3.12).
#include "policy/regulation.h"

#include <gtest/gtest.h>

#include <set>

#include "policy/policy_test_util.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

Regulation Draft() {
  Regulation regulation = ActiveRegulation();
  regulation.status = RegulationStatus::kDraft;
  regulation.activated_at.reset();
  regulation.submitted_at.reset();
  regulation.works_council_consent_at.reset();
  regulation.works_council_consent_reference.clear();
  return regulation;
}

using SubmitCase = Case<Regulation>;
class SubmitTable : public ::testing::TestWithParam<SubmitCase> {};

TEST_P(SubmitTable, Decides) {
  Regulation regulation = Draft();
  GetParam().mutate(regulation);
  ExpectDecision(DecideSubmitRegulation(regulation), GetParam().expect_rule);
}

PurposeRules& Assessment(Regulation& r) { return r.purposes[1]; }

const SubmitCase kSubmitCases[] = {
    {"KSF_3_11_CompleteDraftCanBeSubmitted", [](Regulation&) {}, ""},
    {"KSF_3_11_RejectedVersionCanBeResubmitted",
     [](Regulation& r) { r.status = RegulationStatus::kRejected; }, ""},
    {"KSF_3_11_RefusesSubmittingActiveVersion",
     [](Regulation& r) { r.status = RegulationStatus::kActive; }, "KSF-3.11"},
    {"KSF_3_11_RefusesSubmittingTwice",
     [](Regulation& r) { r.status = RegulationStatus::kSubmitted; }, "KSF-3.11"},
    {"KSF_1_2_RefusesNoPurpose", [](Regulation& r) { r.purposes.clear(); }, "KSF-1.2"},
    {"KSF_1_2_RefusesAllPurposesDisabled",
     [](Regulation& r) {
       for (auto& p : r.purposes) p.enabled = false;
     },
     "KSF-1.2"},
    {"KSF_1_2_RefusesDuplicatePurpose",
     [](Regulation& r) { r.purposes.push_back(FullRules(Purpose::kCoaching)); }, "KSF-1.2"},
    {"KSF_1_2_DisabledPurposeNeedsNothing",
     [](Regulation& r) {
       r.purposes[2].enabled = false;
       r.purposes[2].legitimate_interest.clear();
       r.purposes[2].frequency_quota = 0;
     },
     ""},
    {"KSF_3_10_RefusesMissingTitle", [](Regulation& r) { r.title = " "; }, "KSF-3.10"},
    {"KSF_2_1_interest_RefusesMissingLegitimateInterest",
     [](Regulation& r) { r.purposes[0].legitimate_interest.clear(); }, "KSF-2.1-interest"},
    {"KSF_2_1_interest_RefusesUnsetLegalGround",
     [](Regulation& r) { r.purposes[2].legal_ground = LegalGround::kUnset; }, "KSF-2.1-interest"},
    {"KSF_2_1_interest_AllowsContractGround",
     [](Regulation& r) { r.purposes[2].legal_ground = LegalGround::kContract; }, ""},
    {"KSF_3_5_RefusesMissingNecessity",
     [](Regulation& r) { r.purposes[0].necessity_justification.clear(); }, "KSF-3.5"},
    {"KSF_3_5_RefusesMissingProportionality",
     [](Regulation& r) { Assessment(r).proportionality_justification = "\t"; }, "KSF-3.5"},
    {"KSF_3_6_RefusesZeroQuota", [](Regulation& r) { r.purposes[0].frequency_quota = 0; },
     "KSF-3.6"},
    {"KSF_3_6_RefusesZeroPeriod", [](Regulation& r) { r.purposes[0].frequency_period_days = 0; },
     "KSF-3.6"},
    {"KSF_1_3_RefusesNoChannel", [](Regulation& r) { r.purposes[0].channels.clear(); }, "KSF-1.3"},
    {"AVG_5_storage_RefusesNoRecordingRetention",
     [](Regulation& r) { r.purposes[0].recording_retention_days = 0; }, "AVG-5-storage"},
    {"AVG_5_storage_RefusesNoEvaluationRetention",
     [](Regulation& r) { r.purposes[0].evaluation_retention_days = -1; }, "AVG-5-storage"},
    {"RETENTION_split_RefusesEvaluationShorterThanRecording",
     [](Regulation& r) { r.purposes[0].evaluation_retention_days = 29; }, "RETENTION-split"},
    {"RETENTION_split_AllowsEqualTerms",
     [](Regulation& r) { r.purposes[0].evaluation_retention_days = 30; }, ""},
    {"KSF_4_4_RefusesZeroTerm",
     [](Regulation& r) { r.purposes[0].evaluation_term_working_days = 0; }, "KSF-4.4"},
    {"KSF_4_4_RefusesRetentionShorterThanTerm",
     [](Regulation& r) { r.purposes[0].recording_retention_days = 13; }, "KSF-4.4"},
    {"KSF_4_4_AllowsRetentionCoveringTerm",
     [](Regulation& r) { r.purposes[0].recording_retention_days = 14; }, ""},
    {"KSF_4_1_RefusesAssessmentWithoutProtocolReference",
     [](Regulation& r) { r.assessment_protocol_reference.clear(); }, "KSF-4.1"},
    {"KSF_4_1_NoProtocolNeededWithoutAssessment",
     [](Regulation& r) {
       Assessment(r).enabled = false;
       r.assessment_protocol_reference.clear();
     },
     ""},
    {"KSF_2_1_feedback_RefusesNoMinimumGap", [](Regulation& r) { Assessment(r).min_gap_days = 0; },
     "KSF-2.1-feedback"},
    {"KSF_4_7_RefusesMoreThanThreeExtraMoments",
     [](Regulation& r) { r.extra_moments_per_period = 4; }, "KSF-4.7"},
    {"KSF_4_7_RefusesZeroExtraMoments", [](Regulation& r) { r.extra_moments_per_period = 0; },
     "KSF-4.7"},
    {"KSF_4_7_RefusesZeroAssessmentPeriod", [](Regulation& r) { r.assessment_period_days = 0; },
     "KSF-4.7"},
    {"KSF_6_1_RefusesGroupSizeBelowFloor", [](Regulation& r) { r.client_min_group_size = 2; },
     "KSF-6.1"},
    {"KSF_6_1_AllowsFloorGroupSize", [](Regulation& r) { r.client_min_group_size = 3; }, ""},
    {"KSF_3_10_RefusesNoComplaintTerm", [](Regulation& r) { r.complaint_term_days = 0; },
     "KSF-3.10"},
    {"KSF_6_6_RefusesNoPrivacyStatement", [](Regulation& r) { r.privacy_statement_url.clear(); },
     "KSF-6.6"},
    {"AVG_30_RefusesNoControllerName", [](Regulation& r) { r.controller_name.clear(); }, "AVG-30"},
};

INSTANTIATE_TEST_SUITE_P(Submit, SubmitTable, ::testing::ValuesIn(kSubmitCases), CaseName());

TEST(MissingForSubmission, CompleteDraftMissesNothing) {
  EXPECT_TRUE(MissingForSubmission(Draft()).empty());
}

TEST(MissingForSubmission, ListsEverythingForAnEmptyAssessmentPurpose) {
  Regulation regulation;
  regulation.client_min_group_size = 1;
  regulation.complaint_term_days = 0;
  PurposeRules rules;
  rules.purpose = Purpose::kAssessment;
  rules.frequency_quota = 0;
  rules.frequency_period_days = 0;
  rules.recording_retention_days = 0;
  rules.evaluation_retention_days = 0;
  rules.evaluation_term_working_days = 0;
  rules.channels.clear();
  regulation.purposes = {rules};
  std::vector<Decision> missing = MissingForSubmission(regulation);
  std::multiset<std::string> rules_named;
  for (const Decision& d : missing) {
    EXPECT_FALSE(d.allowed);
    EXPECT_TRUE(IsKnownRule(d.rule));
    EXPECT_FALSE(d.reason_nl.empty());
    rules_named.insert(d.rule);
  }
  EXPECT_EQ(rules_named.count("KSF-3.10"), 2u);  // title, complaint term
  EXPECT_EQ(rules_named.count("KSF-2.1-interest"), 2u);
  EXPECT_EQ(rules_named.count("KSF-3.5"), 2u);
  EXPECT_EQ(rules_named.count("KSF-3.6"), 2u);
  EXPECT_EQ(rules_named.count("KSF-1.3"), 1u);
  EXPECT_EQ(rules_named.count("AVG-5-storage"), 2u);
  EXPECT_EQ(rules_named.count("KSF-4.4"), 1u);
  EXPECT_EQ(rules_named.count("KSF-4.1"), 1u);
  EXPECT_EQ(rules_named.count("KSF-2.1-feedback"), 1u);
  EXPECT_EQ(rules_named.count("KSF-6.1"), 1u);
  EXPECT_EQ(rules_named.count("KSF-6.6"), 1u);
  EXPECT_EQ(rules_named.count("AVG-30"), 1u);
  EXPECT_EQ(missing.size(), 17u);
  // DecideSubmitRegulation returns the first of the list.
  EXPECT_EQ(DecideSubmitRegulation(regulation).rule, missing.front().rule);
  EXPECT_EQ(DecideSubmitRegulation(regulation).reason_en, missing.front().reason_en);
}

// ---------------------------------------------------------------------------
// KSF-3.11 consent

TEST(ConsentRegulation, KSF_3_11_Rows) {
  Regulation submitted = Draft();
  submitted.status = RegulationStatus::kSubmitted;
  submitted.submitted_at = T0() - Days(10);
  ExpectDecision(DecideConsentRegulation(submitted, T0() - Days(1), "OR-2026-7", T0()), "");
  ExpectDecision(DecideConsentRegulation(submitted, T0() - Days(1), "", T0()), "KSF-3.11");
  ExpectDecision(DecideConsentRegulation(submitted, T0() + 1, "OR-2026-7", T0()), "KSF-3.11");
  ExpectDecision(DecideConsentRegulation(submitted, T0() - Days(11), "OR-2026-7", T0()),
                 "KSF-3.11");
  ExpectDecision(DecideConsentRegulation(Draft(), T0() - Days(1), "OR-2026-7", T0()), "KSF-3.11");
}

// ---------------------------------------------------------------------------
// Activation

ActivateRegulationFacts BaseActivate() {
  ActivateRegulationFacts facts;
  facts.regulation = ActiveRegulation();
  facts.regulation.status = RegulationStatus::kSubmitted;
  facts.regulation.activated_at.reset();
  facts.now = T0();
  return facts;
}

using ActivateCase = Case<ActivateRegulationFacts>;
class ActivateTable : public ::testing::TestWithParam<ActivateCase> {};

TEST_P(ActivateTable, Decides) {
  ActivateRegulationFacts facts = BaseActivate();
  GetParam().mutate(facts);
  ExpectDecision(DecideActivateRegulation(facts), GetParam().expect_rule);
}

Regulation PreviousActivatedAt(TimeMs at) {
  Regulation previous = ActiveRegulation();
  previous.id = "reg-0";
  previous.activated_at = at;
  return previous;
}

const ActivateCase kActivateCases[] = {
    {"KSF_3_11_ActivatesConsentedVersion", [](ActivateRegulationFacts&) {}, ""},
    {"KSF_3_11_RefusesDraft",
     [](ActivateRegulationFacts& f) { f.regulation.status = RegulationStatus::kDraft; },
     "KSF-3.11"},
    {"KSF_3_11_RefusesWithoutConsent",
     [](ActivateRegulationFacts& f) { f.regulation.works_council_consent_at.reset(); }, "KSF-3.11"},
    {"KSF_3_11_RefusesConsentWithoutReference",
     [](ActivateRegulationFacts& f) { f.regulation.works_council_consent_reference.clear(); },
     "KSF-3.11"},
    {"KSF_3_11_RefusesIncompleteVersion",
     [](ActivateRegulationFacts& f) { f.regulation.purposes[0].necessity_justification.clear(); },
     "KSF-3.5"},
    {"AVG_35_RefusesWithoutDpia", [](ActivateRegulationFacts& f) { f.regulation.dpia_at.reset(); },
     "AVG-35"},
    {"AVG_35_RefusesDpiaWithoutReference",
     [](ActivateRegulationFacts& f) { f.regulation.dpia_reference.clear(); }, "AVG-35"},
    {"AVG_35_RefusesFutureDpia",
     [](ActivateRegulationFacts& f) { f.regulation.dpia_at = f.now + 1; }, "AVG-35"},
    {"KSF_4_1_RefusesUnapprovedProtocol",
     [](ActivateRegulationFacts& f) { f.regulation.assessment_protocol_approved_at.reset(); },
     "KSF-4.1"},
    {"KSF_4_1_NoProtocolWithoutAssessment",
     [](ActivateRegulationFacts& f) {
       f.regulation.purposes[1].enabled = false;
       f.regulation.assessment_protocol_approved_at.reset();
     },
     ""},
    {"KSF_3_12_RefusesSecondVersionWithinYearWithoutReason",
     [](ActivateRegulationFacts& f) { f.previous_active = PreviousActivatedAt(f.now - Days(200)); },
     "KSF-3.12"},
    {"KSF_3_12_AllowsSecondVersionWithinYearWithLegalReason",
     [](ActivateRegulationFacts& f) {
       f.previous_active = PreviousActivatedAt(f.now - Days(200));
       f.regulation.change_legal_reason = "Wijziging Wet op de ondernemingsraden per 1 juli";
     },
     ""},
    {"KSF_3_12_AllowsAfterTwelveMonths",
     [](ActivateRegulationFacts& f) {
       f.previous_active = PreviousActivatedAt(AddMonths(f.now, -12));
     },
     ""},
    {"KSF_3_12_RefusesOneDayShortOfTwelveMonths",
     [](ActivateRegulationFacts& f) {
       f.previous_active = PreviousActivatedAt(AddMonths(f.now, -12) + Days(1));
     },
     "KSF-3.12"},
};

INSTANTIATE_TEST_SUITE_P(Activate, ActivateTable, ::testing::ValuesIn(kActivateCases), CaseName());

}  // namespace
}  // namespace fairqm::policy
