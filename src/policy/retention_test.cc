// Tests of retention deadlines (KSF-4.4, AVG-5-storage, RETENTION-split) and
// the keep/destroy verdicts (KSF-4.9, KSF-4.10, AVG-5-storage, AVG-leavers,
// RETENTION-split).
#include "policy/retention.h"

#include <gtest/gtest.h>

#include "policy/policy_test_util.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

TEST(Deadlines, KSF_4_4_EvaluateByCountsWorkingDays) {
  PurposeRules rules = FullRules(Purpose::kAssessment);
  // Monday 2 March + 10 working days = Monday 16 March, same time of day.
  EXPECT_EQ(FormatTime(RecordingEvaluateBy(T0(), rules)), "2026-03-16T09:00:00Z");
  // Friday + 1 working day = Monday.
  rules.evaluation_term_working_days = 1;
  EXPECT_EQ(FormatDate(RecordingEvaluateBy(*ParseTime("2026-03-06T17:00:00Z"), rules)),
            "2026-03-09");
}

TEST(Deadlines, AVG_5_storage_And_RETENTION_split) {
  PurposeRules rules = FullRules(Purpose::kCoaching);
  EXPECT_EQ(RecordingDestroyAt(T0(), rules), T0() + Days(30));
  EXPECT_EQ(EvaluationDestroyAt(T0(), rules), T0() + Days(365));
  // RETENTION-split: the evaluation outlives the recording it was based on.
  EXPECT_GT(EvaluationDestroyAt(T0() + Days(2), rules), RecordingDestroyAt(T0(), rules));
}

Consent ActiveHold(TimeMs until) {
  Consent consent;
  consent.id = "cns-1";
  consent.agent_id = "emp-agent";
  consent.kind = ConsentKind::kRetentionHold;
  consent.recording_id = "rec-1";
  consent.reason = "Lopend geschil";
  consent.hold_until = until;
  consent.given_at = T0() - Days(1);
  return consent;
}

RecordingRetentionFacts BaseRecording() {
  RecordingRetentionFacts facts;
  facts.recording = AgentRecording();
  facts.now = T0();
  return facts;
}

struct RetentionCase {
  std::string name;
  std::function<void(RecordingRetentionFacts&)> mutate;
  bool destroy;
  std::string rule;
};

void PrintTo(const RetentionCase& c, std::ostream* os) { *os << c.name; }

class RecordingRetentionTable : public ::testing::TestWithParam<RetentionCase> {};

TEST_P(RecordingRetentionTable, Decides) {
  RecordingRetentionFacts facts = BaseRecording();
  GetParam().mutate(facts);
  RetentionVerdict verdict = DecideRecordingRetention(facts);
  EXPECT_EQ(verdict.destroy, GetParam().destroy) << verdict.reason_en;
  EXPECT_EQ(verdict.rule, GetParam().rule);
  EXPECT_FALSE(verdict.reason_nl.empty());
  EXPECT_FALSE(verdict.reason_en.empty());
  if (verdict.destroy) {
    EXPECT_TRUE(IsKnownRule(verdict.rule));
    EXPECT_FALSE(verdict.review_at.has_value());
  } else if (!verdict.already_destroyed) {
    ASSERT_TRUE(verdict.review_at.has_value());
    EXPECT_GT(*verdict.review_at, facts.now);
  }
}

const RetentionCase kRecordingCases[] = {
    {"KSF_4_4_KeepsWhileAwaitingEvaluation", [](RecordingRetentionFacts&) {}, false, ""},
    {"KSF_4_10_KeepsOnLastDayOfTerm",
     [](RecordingRetentionFacts& f) { f.now = f.recording.evaluate_by; }, false, ""},
    {"KSF_4_10_DestroysUnevaluatedAfterTerm",
     [](RecordingRetentionFacts& f) { f.now = f.recording.evaluate_by + 1; }, true, "KSF-4.10"},
    {"KSF_4_10_HoldDoesNotSaveUnevaluatedRecording",
     [](RecordingRetentionFacts& f) {
       f.holds = {ActiveHold(f.recording.destroy_at)};
       f.now = f.recording.evaluate_by + 1;
     },
     true, "KSF-4.10"},
    {"KSF_4_9_DestroysAfterEvaluation",
     [](RecordingRetentionFacts& f) { f.recording.evaluated_at = f.now - 1; }, true, "KSF-4.9"},
    {"KSF_4_8_KeepsWhileEvaluationOpen",
     [](RecordingRetentionFacts& f) {
       f.recording.evaluated_at = f.now - 1;
       f.evaluation_open = true;
       f.now = f.recording.evaluate_by + Days(1);  // past the term: evaluated in time
     },
     false, ""},
    {"AVG_5_storage_OpenEvaluationDoesNotExtendRetention",
     [](RecordingRetentionFacts& f) {
       f.recording.evaluated_at = f.now - 1;
       f.evaluation_open = true;
       f.now = f.recording.destroy_at;
     },
     true, "AVG-5-storage"},
    {"KSF_4_9_KeepsUnderConsentedHold",
     [](RecordingRetentionFacts& f) {
       f.recording.evaluated_at = f.now - 1;
       f.holds = {ActiveHold(f.now + Days(5))};
     },
     false, ""},
    {"KSF_4_9_DestroysWhenHoldEnds",
     [](RecordingRetentionFacts& f) {
       f.recording.evaluated_at = f.now - Days(6);
       f.holds = {ActiveHold(f.now)};
     },
     true, "KSF-4.9"},
    {"KSF_4_9_DestroysWhenConsentWithdrawn",
     [](RecordingRetentionFacts& f) {
       f.recording.evaluated_at = f.now - 1;
       Consent hold = ActiveHold(f.now + Days(5));
       hold.withdrawn_at = f.now;
       f.holds = {hold};
     },
     true, "KSF-4.9"},
    {"KSF_4_9_HoldWithoutReasonDoesNotKeep",
     [](RecordingRetentionFacts& f) {
       f.recording.evaluated_at = f.now - 1;
       Consent hold = ActiveHold(f.now + Days(5));
       hold.reason.clear();
       f.holds = {hold};
     },
     true, "KSF-4.9"},
    {"KSF_4_9_HoldForOtherRecordingDoesNotKeep",
     [](RecordingRetentionFacts& f) {
       f.recording.evaluated_at = f.now - 1;
       Consent hold = ActiveHold(f.now + Days(5));
       hold.recording_id = "rec-2";
       f.holds = {hold};
     },
     true, "KSF-4.9"},
    {"AVG_5_storage_DestroysAtMaximumRetentionDespiteHold",
     [](RecordingRetentionFacts& f) {
       f.recording.evaluated_at = f.now - 1;
       f.holds = {ActiveHold(f.recording.destroy_at + Days(10))};
       f.now = f.recording.destroy_at;
     },
     true, "AVG-5-storage"},
    {"AVG_leavers_DestroysWhenAgentLeft",
     [](RecordingRetentionFacts& f) { f.agent_left_at = f.now; }, true, "AVG-leavers"},
    {"AVG_leavers_DestroysHeldRecordingOfLeaver",
     [](RecordingRetentionFacts& f) {
       f.recording.evaluated_at = f.now - 1;
       f.holds = {ActiveHold(f.now + Days(5))};
       f.agent_left_at = f.now - 1;
     },
     true, "AVG-leavers"},
    {"AVG_leavers_KeepsUntilLeaveDate",
     [](RecordingRetentionFacts& f) { f.agent_left_at = f.now + Days(3); }, false, ""},
    {"AVG_17_AlreadyDestroyedNeedsNothing",
     [](RecordingRetentionFacts& f) {
       f.recording.destroyed_at = f.now - 1;
       f.now = f.recording.destroy_at + 1;
     },
     false, ""},
};

INSTANTIATE_TEST_SUITE_P(Recording, RecordingRetentionTable, ::testing::ValuesIn(kRecordingCases),
                         CaseName());

TEST(RecordingRetention, KSF_4_9_HoldReviewAtIsHoldEnd) {
  RecordingRetentionFacts facts = BaseRecording();
  facts.recording.evaluated_at = facts.now - 1;
  facts.holds = {ActiveHold(facts.now + Days(5)), ActiveHold(facts.now + Days(8))};
  RetentionVerdict verdict = DecideRecordingRetention(facts);
  ASSERT_FALSE(verdict.destroy);
  EXPECT_EQ(*verdict.review_at, facts.now + Days(8));  // the longest active hold
}

TEST(RecordingRetention, KSF_4_10_ReviewAtIsJustAfterTerm) {
  RecordingRetentionFacts facts = BaseRecording();
  RetentionVerdict verdict = DecideRecordingRetention(facts);
  EXPECT_EQ(*verdict.review_at, facts.recording.evaluate_by + 1);
  facts.now = *verdict.review_at;
  EXPECT_EQ(DecideRecordingRetention(facts).rule, "KSF-4.10");
}

TEST(RecordingRetention, AlreadyDestroyedIsFlagged) {
  RecordingRetentionFacts facts = BaseRecording();
  facts.recording.destroyed_at = facts.now;
  RetentionVerdict verdict = DecideRecordingRetention(facts);
  EXPECT_TRUE(verdict.already_destroyed);
  EXPECT_FALSE(verdict.destroy);
}

// ---------------------------------------------------------------------------
// Evaluations

EvaluationRetentionFacts BaseEvaluation() {
  EvaluationRetentionFacts facts;
  facts.evaluation.id = "ev-1";
  facts.evaluation.agent_id = "emp-agent";
  facts.evaluation.status = EvaluationStatus::kClosed;
  facts.evaluation.created_at = T0();
  facts.evaluation.shared_at = T0() + Days(1);
  facts.evaluation.destroy_at = T0() + Days(365);
  facts.now = T0() + Days(30);
  return facts;
}

TEST(EvaluationRetention, RETENTION_split_KeptUntilOwnTerm) {
  EvaluationRetentionFacts facts = BaseEvaluation();
  RetentionVerdict verdict = DecideEvaluationRetention(facts);
  EXPECT_FALSE(verdict.destroy);
  EXPECT_EQ(*verdict.review_at, facts.evaluation.destroy_at);
  facts.now = facts.evaluation.destroy_at;
  verdict = DecideEvaluationRetention(facts);
  EXPECT_TRUE(verdict.destroy);
  EXPECT_EQ(verdict.rule, "RETENTION-split");
}

TEST(EvaluationRetention, AVG_leavers_SharedEvaluationKeptAsLongAsRegulationSays) {
  EvaluationRetentionFacts facts = BaseEvaluation();
  facts.agent_left_at = facts.now - Days(1);
  RetentionVerdict verdict = DecideEvaluationRetention(facts);
  EXPECT_FALSE(verdict.destroy);
  facts.now = facts.evaluation.destroy_at;
  verdict = DecideEvaluationRetention(facts);
  EXPECT_TRUE(verdict.destroy);
  EXPECT_EQ(verdict.rule, "AVG-leavers");
}

TEST(EvaluationRetention, AVG_leavers_UnsharedDraftDestroyedAtLeaving) {
  EvaluationRetentionFacts facts = BaseEvaluation();
  facts.evaluation.status = EvaluationStatus::kDraft;
  facts.evaluation.shared_at.reset();
  EXPECT_FALSE(DecideEvaluationRetention(facts).destroy);
  facts.agent_left_at = facts.now;
  RetentionVerdict verdict = DecideEvaluationRetention(facts);
  EXPECT_TRUE(verdict.destroy);
  EXPECT_EQ(verdict.rule, "AVG-leavers");
}

TEST(EvaluationRetention, AlreadyDestroyed) {
  EvaluationRetentionFacts facts = BaseEvaluation();
  facts.evaluation.destroyed_at = facts.now;
  EXPECT_TRUE(DecideEvaluationRetention(facts).already_destroyed);
}

}  // namespace
}  // namespace fairqm::policy
