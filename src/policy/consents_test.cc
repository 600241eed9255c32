// Tests of retention holds (KSF-4.9, AVG-5-storage) and training use
// (KSF-5.1, PCI-pause, KSF-3.4), and of automated analysis (AIACT-5) and
// search indexing (PCI-pause).
#include "policy/consents.h"

#include <gtest/gtest.h>

#include "policy/analysis.h"
#include "policy/policy_test_util.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

Consent HoldConsent() {
  Consent consent;
  consent.id = "cns-1";
  consent.agent_id = "emp-agent";
  consent.kind = ConsentKind::kRetentionHold;
  consent.recording_id = "rec-1";
  consent.reason = "Klacht van de klant in behandeling";
  consent.hold_until = T0() + Days(10);
  consent.requested_by = "emp-lead";
  consent.given_at = T0() - 1;
  return consent;
}

RetentionHoldFacts BaseHold() {
  RetentionHoldFacts facts;
  facts.recording = AgentRecording();
  facts.consent = HoldConsent();
  facts.consenting_actor_id = "emp-agent";
  facts.now = T0();
  return facts;
}

using HoldCase = Case<RetentionHoldFacts>;
class HoldTable : public ::testing::TestWithParam<HoldCase> {};

TEST_P(HoldTable, Decides) {
  RetentionHoldFacts facts = BaseHold();
  GetParam().mutate(facts);
  ExpectDecision(DecideRetentionHold(facts), GetParam().expect_rule);
}

const HoldCase kHoldCases[] = {
    {"KSF_4_9_AllowsHoldWithReasonAndConsent", [](RetentionHoldFacts&) {}, ""},
    {"KSF_4_9_RefusesWithoutConsent", [](RetentionHoldFacts& f) { f.consent.reset(); }, "KSF-4.9"},
    {"KSF_4_9_RefusesConsentOfOtherKind",
     [](RetentionHoldFacts& f) { f.consent->kind = ConsentKind::kNamedTraining; }, "KSF-4.9"},
    {"KSF_4_9_RefusesConsentForOtherRecording",
     [](RetentionHoldFacts& f) { f.consent->recording_id = "rec-2"; }, "KSF-4.9"},
    {"KSF_4_9_RefusesConsentGivenByManager",
     [](RetentionHoldFacts& f) { f.consenting_actor_id = "emp-lead"; }, "KSF-4.9"},
    {"KSF_4_9_RefusesConsentRecordedForOtherAgent",
     [](RetentionHoldFacts& f) { f.consent->agent_id = "emp-colleague"; }, "KSF-4.9"},
    {"KSF_4_9_RefusesWithdrawnConsent",
     [](RetentionHoldFacts& f) { f.consent->withdrawn_at = f.now; }, "KSF-4.9"},
    {"KSF_4_9_RefusesMissingReason", [](RetentionHoldFacts& f) { f.consent->reason = " "; },
     "KSF-4.9"},
    {"KSF_4_9_RefusesNoEndDate", [](RetentionHoldFacts& f) { f.consent->hold_until.reset(); },
     "KSF-4.9"},
    {"KSF_4_9_RefusesEndDateInPast", [](RetentionHoldFacts& f) { f.consent->hold_until = f.now; },
     "KSF-4.9"},
    {"AVG_5_storage_RefusesHoldBeyondMaximumRetention",
     [](RetentionHoldFacts& f) { f.consent->hold_until = f.recording.destroy_at + 1; },
     "AVG-5-storage"},
    {"AVG_5_storage_AllowsHoldUntilMaximumRetention",
     [](RetentionHoldFacts& f) { f.consent->hold_until = f.recording.destroy_at; }, ""},
    {"AVG_17_RefusesHoldOnDestroyedRecording",
     [](RetentionHoldFacts& f) { f.recording.destroyed_at = f.now - 1; }, "AVG-17"},
};

INSTANTIATE_TEST_SUITE_P(Hold, HoldTable, ::testing::ValuesIn(kHoldCases), CaseName());

TEST(Hold, KSF_4_9_HoldActiveOnlyWhileInForce) {
  Recording recording = AgentRecording();
  Consent consent = HoldConsent();
  EXPECT_TRUE(HoldActive(consent, recording, T0()));
  EXPECT_FALSE(HoldActive(consent, recording, *consent.hold_until));
  consent.withdrawn_at = T0() + Days(1);
  EXPECT_TRUE(HoldActive(consent, recording, T0()));
  EXPECT_FALSE(HoldActive(consent, recording, T0() + Days(1)));
  EXPECT_TRUE(ConsentInForce(consent, T0()));
  EXPECT_FALSE(ConsentInForce(consent, consent.given_at - 1));
}

// ---------------------------------------------------------------------------
// KSF-5.1

Consent TrainingConsent() {
  Consent consent;
  consent.id = "cns-2";
  consent.agent_id = "emp-agent";
  consent.kind = ConsentKind::kNamedTraining;
  consent.recording_id = "rec-1";
  consent.training_use = "Introductietraining nieuwe medewerkers 2026";
  consent.given_at = T0() - Days(1);
  return consent;
}

TrainingUseFacts BaseTraining() {
  TrainingUseFacts facts;
  facts.recording = AgentRecording(Purpose::kCoaching);
  facts.named = true;
  facts.consent = TrainingConsent();
  facts.now = T0();
  return facts;
}

using TrainingCase = Case<TrainingUseFacts>;
class TrainingTable : public ::testing::TestWithParam<TrainingCase> {};

TEST_P(TrainingTable, Decides) {
  TrainingUseFacts facts = BaseTraining();
  GetParam().mutate(facts);
  ExpectDecision(DecideTrainingUse(facts), GetParam().expect_rule);
}

const TrainingCase kTrainingCases[] = {
    {"KSF_5_1_AllowsNamedWithWrittenConsent", [](TrainingUseFacts&) {}, ""},
    {"KSF_5_1_AllowsAnonymisedWithoutConsent",
     [](TrainingUseFacts& f) {
       f.named = false;
       f.consent.reset();
     },
     ""},
    {"KSF_5_1_AnonymisedAllowedForAnyPurpose",
     [](TrainingUseFacts& f) {
       f.named = false;
       f.recording.purpose = Purpose::kQuality;
     },
     ""},
    {"KSF_5_1_RefusesNamedWithoutConsent", [](TrainingUseFacts& f) { f.consent.reset(); },
     "KSF-5.1"},
    {"KSF_5_1_RefusesNamedAfterWithdrawal",
     [](TrainingUseFacts& f) { f.consent->withdrawn_at = f.now - 1; }, "KSF-5.1"},
    {"KSF_5_1_RefusesConsentWithoutStatedUse",
     [](TrainingUseFacts& f) { f.consent->training_use.clear(); }, "KSF-5.1"},
    {"KSF_5_1_RefusesConsentOfOtherAgent",
     [](TrainingUseFacts& f) { f.consent->agent_id = "emp-colleague"; }, "KSF-5.1"},
    {"KSF_5_1_RefusesConsentForOtherRecording",
     [](TrainingUseFacts& f) { f.consent->recording_id = "rec-9"; }, "KSF-5.1"},
    {"KSF_5_1_RefusesHoldConsentAsTrainingConsent",
     [](TrainingUseFacts& f) { f.consent->kind = ConsentKind::kRetentionHold; }, "KSF-5.1"},
    {"KSF_3_4_RefusesNamedAssessmentRecording",
     [](TrainingUseFacts& f) { f.recording.purpose = Purpose::kAssessment; }, "KSF-3.4"},
    {"PCI_pause_RefusesCardDataEvenAnonymised",
     [](TrainingUseFacts& f) {
       f.named = false;
       f.recording.may_contain_card_data = true;
     },
     "PCI-pause"},
    {"PCI_pause_RefusesCardDataNamed",
     [](TrainingUseFacts& f) { f.recording.may_contain_card_data = true; }, "PCI-pause"},
    {"AVG_17_RefusesDestroyed", [](TrainingUseFacts& f) { f.recording.destroyed_at = f.now; },
     "AVG-17"},
};

INSTANTIATE_TEST_SUITE_P(Training, TrainingTable, ::testing::ValuesIn(kTrainingCases), CaseName());

// AIACT-5
TEST(Analysis, AIACT_5_EmotionInferenceAlwaysRefused) {
  ExpectDecision(DecideAnalysis(AnalysisKind::kEmotionInference), "AIACT-5");
  ExpectDecision(DecideAnalysis(AnalysisKind::kTranscription), "");
  ExpectDecision(DecideAnalysis(AnalysisKind::kSilenceDetection), "");
  ExpectDecision(DecideAnalysis(AnalysisKind::kTalkOverDetection), "");
  ExpectDecision(DecideAnalysis(AnalysisKind::kKeywordSpotting), "");
  ExpectDecision(DecideAnalysis(AnalysisKind::kScoreSuggestion), "");  // AVG-22 applies later
}

// PCI-pause: out of search.
TEST(Analysis, PCI_pause_CardDataStaysOutOfSearch) {
  Recording recording = AgentRecording();
  ExpectDecision(DecideSearchIndexing(recording), "");
  recording.may_contain_card_data = true;
  ExpectDecision(DecideSearchIndexing(recording), "PCI-pause");
  recording.may_contain_card_data = false;
  recording.destroyed_at = T0();
  ExpectDecision(DecideSearchIndexing(recording), "AVG-17");
}

}  // namespace
}  // namespace fairqm::policy
