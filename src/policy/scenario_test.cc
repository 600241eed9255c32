// Whole assessment cycles through the pure policy, the way the service layer
// will walk them: capture → evaluate within the term (KSF-4.4) → share
// (KSF-3.8) → agent's view (KSF-2.1-view) → feedback (KSF-4.5) → close →
// retention destroys the recording (KSF-4.9). And the unhappy paths: term
// passed (KSF-4.10), a consented hold (KSF-4.9), the agent leaves
// (AVG-leavers).
#include <gtest/gtest.h>

#include "policy/access.h"
#include "policy/capture.h"
#include "policy/consents.h"
#include "policy/evaluation.h"
#include "policy/policy_test_util.h"
#include "policy/retention.h"
#include "policy/sampling.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

class AssessmentCycle : public ::testing::Test {
 protected:
  void SetUp() override {
    regulation_ = ActiveRegulation();
    rules_ = *regulation_.RulesFor(Purpose::kAssessment);
    agent_ = Agent();
    form_.id = "form-1";
    form_.purpose = Purpose::kAssessment;
    form_.published_at = T0() - Days(7);
    FormSection section;
    section.questions = {{"q-1", "Begroeting", 1.0, false, false, false, 5},
                         {"q-2", "Oplossing", 3.0, false, false, true, 5}};
    form_.sections = {section};
  }

  // Capture gate plus sampler: records one contact at `at`.
  Recording Capture(TimeMs at) {
    CaptureFacts capture;
    capture.regulation = regulation_;
    capture.agent = agent_;
    capture.purpose = Purpose::kAssessment;
    capture.announced = true;
    capture.form_published_at = form_.published_at;
    capture.now = at;
    EXPECT_TRUE(DecideCapture(capture)) << DecideCapture(capture).reason_en;
    SamplerState sampler;
    sampler.period = CurrentPeriod(*regulation_.activated_at, rules_.frequency_period_days, at);
    sampler.quota = rules_.frequency_quota;
    sampler.expected_contacts_in_period = 1.0;  // so this contact is certainly chosen
    SeededRandom random(3);
    EXPECT_TRUE(ShouldRecord(sampler, at, random));
    Recording recording = AgentRecording(Purpose::kAssessment);
    recording.created_at = at;
    recording.evaluate_by = RecordingEvaluateBy(at, rules_);
    recording.destroy_at = RecordingDestroyAt(at, rules_);
    return recording;
  }

  StartEvaluationFacts Start(const Recording& recording, TimeMs at) {
    StartEvaluationFacts start;
    start.actor_id = "emp-monitor";
    start.actor_authorisations = {MonitorAuthorisation()};
    start.regulation = regulation_;
    start.agent = agent_;
    start.purpose = Purpose::kAssessment;
    start.recordings = {recording};
    start.form = form_;
    start.now = at;
    return start;
  }

  RetentionVerdict Retention(const Recording& recording, TimeMs at, std::vector<Consent> holds = {},
                             std::optional<TimeMs> left = std::nullopt, bool open = false) {
    RecordingRetentionFacts facts;
    facts.recording = recording;
    facts.evaluation_open = open;
    facts.holds = std::move(holds);
    facts.agent_left_at = left;
    facts.now = at;
    return DecideRecordingRetention(facts);
  }

  Regulation regulation_;
  PurposeRules rules_;
  Employee agent_;
  EvaluationForm form_;
};

TEST_F(AssessmentCycle, HappyPathEndsWithKSF_4_9_Destruction) {
  const TimeMs captured = T0();
  Recording recording = Capture(captured);

  // The monitor evaluates three working days later, within the term.
  const TimeMs evaluated = AddWorkingDays(captured, 3);
  ASSERT_TRUE(DecideStartEvaluation(Start(recording, evaluated)));
  Result<ScoreResult> score =
      ScoreEvaluation(form_, {{"q-1", 5, ""}, {"q-2", 4, "Oplossing klopte, uitleg kon korter."}});
  ASSERT_TRUE(score.ok());
  EXPECT_DOUBLE_EQ(score->score, 100.0 * (1.0 + 3.0 * 0.8) / 4.0);

  Evaluation evaluation;
  evaluation.id = "ev-1";
  evaluation.agent_id = agent_.id;
  evaluation.monitor_id = "emp-monitor";
  evaluation.purpose = Purpose::kAssessment;
  evaluation.recording_ids = {recording.id};
  evaluation.score = score->score;
  evaluation.created_at = evaluated;
  evaluation.destroy_at = EvaluationDestroyAt(evaluated, rules_);
  recording.evaluated_at = evaluated;

  // KSF-3.8: closing before sharing is refused.
  EvaluationActionFacts action;
  action.actor_id = "emp-monitor";
  action.evaluation = evaluation;
  action.supervisor_id = "emp-lead";
  action.now = evaluated + kHourMs;
  EXPECT_EQ(DecideCloseEvaluation(action).rule, "KSF-3.8");
  ASSERT_TRUE(DecideShareEvaluation(action));
  evaluation.status = EvaluationStatus::kShared;
  evaluation.shared_at = action.now;

  // KSF-4.8: while the evaluation is open the agent can still hear the recording.
  EXPECT_FALSE(Retention(recording, evaluated + Days(1), {}, std::nullopt, true).destroy);
  OpenRecordingFacts listen;
  listen.actor_role = Role::kAgent;
  listen.actor_id = agent_.id;
  listen.recording = recording;
  listen.agent = agent_;
  listen.now = evaluated + Days(1);
  EXPECT_TRUE(DecideOpenRecording(listen));

  // KSF-2.1-view and KSF-4.8: the agent reads it and gives their view.
  ReadEvaluationFacts read;
  read.actor_role = Role::kAgent;
  read.actor_id = agent_.id;
  read.evaluation = evaluation;
  read.agent = agent_;
  read.now = evaluated + Days(1);
  EXPECT_TRUE(DecideReadEvaluation(read));
  AgentViewFacts view;
  view.actor_id = agent_.id;
  view.evaluation = evaluation;
  view.view = "Ik herken het beeld.";
  view.now = evaluated + Days(1);
  ASSERT_TRUE(DecideAgentView(view));
  evaluation.agent_view = view.view;

  // KSF-4.5: the direct supervisor holds the feedback meeting.
  action.evaluation = evaluation;
  action.actor_id = "emp-lead";
  action.now = evaluated + Days(2);
  EXPECT_EQ(DecideCloseEvaluation(action).rule, "KSF-4.5");
  FeedbackMeetingFacts meeting;
  meeting.held_by_id = "emp-lead";
  meeting.evaluation = evaluation;
  meeting.agent = agent_;
  meeting.supervisor_id = "emp-lead";
  meeting.held_at = evaluated + Days(2);
  meeting.now = evaluated + Days(2);
  ASSERT_TRUE(DecideFeedbackMeeting(meeting));
  evaluation.feedback = FeedbackMeeting{meeting.held_at, "emp-lead", "Besproken"};

  action.evaluation = evaluation;
  ASSERT_TRUE(DecideCloseEvaluation(action));

  // KSF-4.9: after evaluation the recording goes; the evaluation stays
  // (RETENTION-split).
  RetentionVerdict verdict = Retention(recording, evaluated + Days(2));
  EXPECT_TRUE(verdict.destroy);
  EXPECT_EQ(verdict.rule, "KSF-4.9");
  EvaluationRetentionFacts kept;
  kept.evaluation = evaluation;
  kept.now = evaluated + Days(2);
  EXPECT_FALSE(DecideEvaluationRetention(kept).destroy);
}

TEST_F(AssessmentCycle, TermPassedMeansKSF_4_10_Destruction) {
  Recording recording = Capture(T0());
  const TimeMs late = recording.evaluate_by + kHourMs;
  EXPECT_EQ(DecideStartEvaluation(Start(recording, late)).rule, "KSF-4.10");
  RetentionVerdict verdict = Retention(recording, late);
  EXPECT_TRUE(verdict.destroy);
  EXPECT_EQ(verdict.rule, "KSF-4.10");
}

TEST_F(AssessmentCycle, ConsentedHoldKeepsUntilHoldEndsThenKSF_4_9) {
  Recording recording = Capture(T0());
  const TimeMs evaluated = AddWorkingDays(T0(), 2);
  ASSERT_TRUE(DecideStartEvaluation(Start(recording, evaluated)));
  recording.evaluated_at = evaluated;

  Consent hold;
  hold.id = "cns-1";
  hold.agent_id = agent_.id;
  hold.kind = ConsentKind::kRetentionHold;
  hold.recording_id = recording.id;
  hold.reason = "Klacht van de klant over dit gesprek loopt nog";
  hold.hold_until = evaluated + Days(10);
  hold.given_at = evaluated;
  RetentionHoldFacts hold_facts;
  hold_facts.recording = recording;
  hold_facts.consent = hold;
  hold_facts.consenting_actor_id = agent_.id;
  hold_facts.now = evaluated;
  ASSERT_TRUE(DecideRetentionHold(hold_facts));

  RetentionVerdict during = Retention(recording, evaluated + Days(5), {hold});
  EXPECT_FALSE(during.destroy);
  EXPECT_EQ(*during.review_at, *hold.hold_until);
  RetentionVerdict after = Retention(recording, *hold.hold_until, {hold});
  EXPECT_TRUE(after.destroy);
  EXPECT_EQ(after.rule, "KSF-4.9");
}

TEST_F(AssessmentCycle, AgentLeavesMeansAVG_leavers) {
  Recording recording = Capture(T0());
  const TimeMs left = T0() + Days(2);
  agent_.leave_date = left;
  RetentionVerdict verdict = Retention(recording, left, {}, left);
  EXPECT_TRUE(verdict.destroy);
  EXPECT_EQ(verdict.rule, "AVG-leavers");
  // And nothing new is captured of them (KSF-3.2).
  CaptureFacts capture;
  capture.regulation = regulation_;
  capture.agent = agent_;
  capture.announced = true;
  capture.now = left;
  EXPECT_EQ(DecideCapture(capture).rule, "KSF-3.2");
}

}  // namespace
}  // namespace fairqm::policy
