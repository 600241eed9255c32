// Table-driven tests of evaluations: starting (KSF-3.3, KSF-3.4, KSF-4.2,
// KSF-4.4, KSF-4.10, KSF-2.1-feedback, KSF-6.5), sharing and closing (KSF-3.8,
// AVG-22), the feedback meeting (KSF-4.5), the agent's view (KSF-2.1-view),
// scoring, and the KSF-4.3 disclaimer.
#include "policy/evaluation.h"

#include <gtest/gtest.h>

#include <string>

#include "policy/policy_test_util.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

EvaluationForm PublishedForm() {
  EvaluationForm form;
  form.id = "form-1";
  form.name = "Gespreksbeoordeling";
  form.purpose = Purpose::kAssessment;
  form.published_at = T0() - Days(5);
  FormSection section;
  section.title = "Gesprek";
  FormQuestion greet{"q-greet", "Begroeting", 1.0, false, false, false, 5};
  FormQuestion verify{"q-verify", "Identiteit gecontroleerd", 2.0, true, false, false, 1};
  FormQuestion upsell{"q-upsell", "Aanbod gedaan", 1.0, false, true, false, 5};
  FormQuestion tone{"q-tone", "Toon", 1.0, false, false, true, 5};
  section.questions = {greet, verify, upsell, tone};
  form.sections = {section};
  return form;
}

StartEvaluationFacts BaseStart() {
  StartEvaluationFacts facts;
  facts.actor_role = Role::kMonitor;
  facts.actor_id = "emp-monitor";
  facts.actor_authorisations = {MonitorAuthorisation()};
  facts.regulation = ActiveRegulation();
  facts.agent = Agent();
  facts.purpose = Purpose::kAssessment;
  facts.recordings = {AgentRecording(Purpose::kAssessment)};
  facts.form = PublishedForm();
  facts.now = T0();
  return facts;
}

using StartCase = Case<StartEvaluationFacts>;
class StartTable : public ::testing::TestWithParam<StartCase> {};

TEST_P(StartTable, Decides) {
  StartEvaluationFacts facts = BaseStart();
  GetParam().mutate(facts);
  ExpectDecision(DecideStartEvaluation(facts), GetParam().expect_rule);
}

const StartCase kStartCases[] = {
    {"KSF_3_3_AllowsAuthorisedAssessment", [](StartEvaluationFacts&) {}, ""},
    {"KSF_6_5_ClientNeverEvaluates", [](StartEvaluationFacts& f) { f.actor_role = Role::kClient; },
     "KSF-6.5"},
    {"AVG_32_AdminNeverEvaluates", [](StartEvaluationFacts& f) { f.actor_role = Role::kAdmin; },
     "AVG-32"},
    {"KSF_3_3_AgentNeverEvaluates",
     [](StartEvaluationFacts& f) {
       f.actor_role = Role::kAgent;
       f.actor_id = "emp-agent";
     },
     "KSF-3.3"},
    {"KSF_3_3_RefusesUnauthorisedMonitor",
     [](StartEvaluationFacts& f) { f.actor_authorisations.clear(); }, "KSF-3.3"},
    {"KSF_3_3_RefusesAgentOutsideScope",
     [](StartEvaluationFacts& f) { f.agent.team_id = "team-z"; }, "KSF-3.3"},
    {"KSF_3_4_RefusesAuthorisationForCoachingOnly",
     [](StartEvaluationFacts& f) { f.actor_authorisations[0].purposes = {Purpose::kCoaching}; },
     "KSF-3.4"},
    {"KSF_3_1_RefusesWithoutRegulation", [](StartEvaluationFacts& f) { f.regulation.reset(); },
     "KSF-3.1"},
    {"KSF_1_2_RefusesDisabledPurpose",
     [](StartEvaluationFacts& f) { f.regulation->purposes[1].enabled = false; }, "KSF-1.2"},
    {"KSF_3_4_RefusesCoachingRecordingInAssessment",
     [](StartEvaluationFacts& f) { f.recordings[0].purpose = Purpose::kCoaching; }, "KSF-3.4"},
    {"KSF_3_4_RefusesRecordingOfOtherAgent",
     [](StartEvaluationFacts& f) {
       Recording other = AgentRecording(Purpose::kAssessment);
       other.id = "rec-2";
       other.agent_id = "emp-colleague";
       f.recordings.push_back(other);
     },
     "KSF-3.4"},
    {"KSF_3_4_RefusesFormOfOtherPurpose",
     [](StartEvaluationFacts& f) { f.form->purpose = Purpose::kQuality; }, "KSF-3.4"},
    {"AVG_17_RefusesDestroyedRecording",
     [](StartEvaluationFacts& f) { f.recordings[0].destroyed_at = f.now - 1; }, "AVG-17"},
    {"KSF_4_9_RefusesAlreadyEvaluatedRecording",
     [](StartEvaluationFacts& f) { f.recordings[0].evaluated_at = f.now - 1; }, "KSF-4.9"},
    {"KSF_4_4_AllowsOnLastDayOfTerm",
     [](StartEvaluationFacts& f) { f.now = f.recordings[0].evaluate_by; }, ""},
    {"KSF_4_10_RefusesRecordingPastEvaluateBy",
     [](StartEvaluationFacts& f) { f.now = f.recordings[0].evaluate_by + 1; }, "KSF-4.10"},
    {"KSF_4_1_RefusesWithoutApprovedProtocol",
     [](StartEvaluationFacts& f) { f.regulation->assessment_protocol_approved_at.reset(); },
     "KSF-4.1"},
    {"KSF_4_2_RefusesWithoutForm", [](StartEvaluationFacts& f) { f.form.reset(); }, "KSF-4.2"},
    {"KSF_4_2_RefusesUnpublishedForm",
     [](StartEvaluationFacts& f) { f.form->published_at.reset(); }, "KSF-4.2"},
    {"KSF_4_2_RefusesFormPublishedAfterRecording",
     [](StartEvaluationFacts& f) { f.form->published_at = f.recordings[0].created_at + 1; },
     "KSF-4.2"},
    {"KSF_4_2_AllowsFormPublishedAtRecording",
     [](StartEvaluationFacts& f) { f.form->published_at = f.recordings[0].created_at; }, ""},
    {"KSF_4_2_CoachingNeedsNoPublishedForm",
     [](StartEvaluationFacts& f) {
       f.purpose = Purpose::kCoaching;
       f.recordings[0].purpose = Purpose::kCoaching;
       f.form.reset();
     },
     ""},
    {"KSF_2_1_feedback_RefusesTooSoonAfterLastAssessment",
     [](StartEvaluationFacts& f) { f.last_assessment_at = f.now - Days(29); }, "KSF-2.1-feedback"},
    {"KSF_2_1_feedback_AllowsAfterMinimumGap",
     [](StartEvaluationFacts& f) { f.last_assessment_at = f.now - Days(30); }, ""},
    {"KSF_2_1_feedback_ExtraMomentAtAgentsRequestIsExempt",
     [](StartEvaluationFacts& f) {
       f.last_assessment_at = f.now - Days(2);
       f.recordings[0].extra_moment = true;
     },
     ""},
    {"KSF_2_1_feedback_CoachingHasNoGap",
     [](StartEvaluationFacts& f) {
       f.purpose = Purpose::kCoaching;
       f.recordings[0].purpose = Purpose::kCoaching;
       f.form->purpose = Purpose::kCoaching;
       f.last_assessment_at = f.now - Days(1);
     },
     ""},
    {"KSF_3_3_LiveListenEvaluationWithoutRecordings",
     [](StartEvaluationFacts& f) { f.recordings.clear(); }, ""},
};

INSTANTIATE_TEST_SUITE_P(Start, StartTable, ::testing::ValuesIn(kStartCases), CaseName());

// ---------------------------------------------------------------------------
// Share, close

Evaluation DraftEvaluation() {
  Evaluation evaluation;
  evaluation.id = "ev-1";
  evaluation.agent_id = "emp-agent";
  evaluation.monitor_id = "emp-monitor";
  evaluation.purpose = Purpose::kAssessment;
  evaluation.status = EvaluationStatus::kDraft;
  evaluation.score = 80.0;
  evaluation.created_at = T0() - Days(1);
  return evaluation;
}

Evaluation SharedEvaluation() {
  Evaluation evaluation = DraftEvaluation();
  evaluation.status = EvaluationStatus::kShared;
  evaluation.shared_at = T0() - Days(1);
  evaluation.feedback = FeedbackMeeting{T0() - 1, "emp-lead", "Besproken"};
  return evaluation;
}

EvaluationActionFacts BaseAction(Evaluation evaluation) {
  EvaluationActionFacts facts;
  facts.actor_role = Role::kMonitor;
  facts.actor_id = "emp-monitor";
  facts.evaluation = std::move(evaluation);
  facts.supervisor_id = "emp-lead";
  facts.now = T0();
  return facts;
}

using ActionCase = Case<EvaluationActionFacts>;
class ShareTable : public ::testing::TestWithParam<ActionCase> {};
class CloseTable : public ::testing::TestWithParam<ActionCase> {};

TEST_P(ShareTable, Decides) {
  EvaluationActionFacts facts = BaseAction(DraftEvaluation());
  GetParam().mutate(facts);
  ExpectDecision(DecideShareEvaluation(facts), GetParam().expect_rule);
}

TEST_P(CloseTable, Decides) {
  EvaluationActionFacts facts = BaseAction(SharedEvaluation());
  GetParam().mutate(facts);
  ExpectDecision(DecideCloseEvaluation(facts), GetParam().expect_rule);
}

const ActionCase kShareCases[] = {
    {"KSF_3_8_MonitorSharesDraft", [](EvaluationActionFacts&) {}, ""},
    {"KSF_3_8_RefusesSharingTwice",
     [](EvaluationActionFacts& f) { f.evaluation.status = EvaluationStatus::kShared; }, "KSF-3.8"},
    {"KSF_3_8_RefusesWithoutOutcome", [](EvaluationActionFacts& f) { f.evaluation.score.reset(); },
     "KSF-3.8"},
    {"KSF_3_8_SummaryIsAnOutcome",
     [](EvaluationActionFacts& f) {
       f.evaluation.score.reset();
       f.evaluation.summary = "Goed gesprek, let op de afsluiting.";
     },
     ""},
    {"KSF_3_3_OnlyTheMonitorShares", [](EvaluationActionFacts& f) { f.actor_id = "emp-lead"; },
     "KSF-3.3"},
    {"KSF_6_5_ClientNeverShares", [](EvaluationActionFacts& f) { f.actor_role = Role::kClient; },
     "KSF-6.5"},
    {"AVG_22_RefusesUnconfirmedAutomatedScore",
     [](EvaluationActionFacts& f) { f.evaluation.automated_suggestion = true; }, "AVG-22"},
    {"AVG_22_AllowsConfirmedAutomatedScore",
     [](EvaluationActionFacts& f) {
       f.evaluation.automated_suggestion = true;
       f.evaluation.confirmed_by = "emp-monitor";
     },
     ""},
};

const ActionCase kCloseCases[] = {
    {"KSF_3_8_ClosesSharedEvaluation", [](EvaluationActionFacts&) {}, ""},
    {"KSF_3_8_SupervisorMayClose", [](EvaluationActionFacts& f) { f.actor_id = "emp-lead"; }, ""},
    {"KSF_3_8_RefusesClosingUnsharedDraft",
     [](EvaluationActionFacts& f) {
       f.evaluation.status = EvaluationStatus::kDraft;
       f.evaluation.shared_at.reset();
     },
     "KSF-3.8"},
    {"KSF_3_8_RefusesClosingTwice",
     [](EvaluationActionFacts& f) { f.evaluation.status = EvaluationStatus::kClosed; }, "KSF-3.8"},
    {"KSF_3_3_RefusesOtherPerson", [](EvaluationActionFacts& f) { f.actor_id = "emp-x"; },
     "KSF-3.3"},
    {"KSF_6_5_ClientNeverCloses", [](EvaluationActionFacts& f) { f.actor_role = Role::kClient; },
     "KSF-6.5"},
    {"AVG_22_RefusesClosingUnconfirmedSuggestion",
     [](EvaluationActionFacts& f) { f.evaluation.automated_suggestion = true; }, "AVG-22"},
    {"KSF_4_5_RefusesAssessmentWithoutFeedbackMeeting",
     [](EvaluationActionFacts& f) { f.evaluation.feedback.reset(); }, "KSF-4.5"},
    {"KSF_4_5_CoachingClosesWithoutMeeting",
     [](EvaluationActionFacts& f) {
       f.evaluation.feedback.reset();
       f.evaluation.purpose = Purpose::kCoaching;
     },
     ""},
};

INSTANTIATE_TEST_SUITE_P(Share, ShareTable, ::testing::ValuesIn(kShareCases), CaseName());
INSTANTIATE_TEST_SUITE_P(Close, CloseTable, ::testing::ValuesIn(kCloseCases), CaseName());

// ---------------------------------------------------------------------------
// KSF-4.5 feedback meeting

FeedbackMeetingFacts BaseFeedback() {
  FeedbackMeetingFacts facts;
  facts.actor_role = Role::kMonitor;
  facts.held_by_id = "emp-lead";
  facts.evaluation = SharedEvaluation();
  facts.evaluation.feedback.reset();
  facts.agent = Agent();
  facts.supervisor_id = "emp-lead";
  facts.held_at = T0() - 1;
  facts.now = T0();
  return facts;
}

using FeedbackCase = Case<FeedbackMeetingFacts>;
class FeedbackTable : public ::testing::TestWithParam<FeedbackCase> {};

TEST_P(FeedbackTable, Decides) {
  FeedbackMeetingFacts facts = BaseFeedback();
  GetParam().mutate(facts);
  ExpectDecision(DecideFeedbackMeeting(facts), GetParam().expect_rule);
}

const FeedbackCase kFeedbackCases[] = {
    {"KSF_4_5_DirectSupervisorHoldsMeeting", [](FeedbackMeetingFacts&) {}, ""},
    {"KSF_4_5_AuthorisedAssessorHoldsMeeting",
     [](FeedbackMeetingFacts& f) {
       f.held_by_id = "emp-trainer";
       f.held_by_authorisations = {MonitorAuthorisation("emp-trainer")};
     },
     ""},
    {"KSF_4_5_RefusesUnauthorisedPerson",
     [](FeedbackMeetingFacts& f) { f.held_by_id = "emp-trainer"; }, "KSF-4.5"},
    {"KSF_4_5_RefusesAssessorAuthorisedForCoachingOnly",
     [](FeedbackMeetingFacts& f) {
       f.held_by_id = "emp-trainer";
       f.held_by_authorisations = {MonitorAuthorisation("emp-trainer")};
       f.held_by_authorisations[0].purposes = {Purpose::kCoaching};
     },
     "KSF-4.5"},
    {"KSF_4_5_RefusesBeforeSharing",
     [](FeedbackMeetingFacts& f) {
       f.evaluation.status = EvaluationStatus::kDraft;
       f.evaluation.shared_at.reset();
     },
     "KSF-4.5"},
    {"KSF_4_5_RefusesFutureMeeting", [](FeedbackMeetingFacts& f) { f.held_at = f.now + 1; },
     "KSF-4.5"},
    {"KSF_4_5_RefusesMeetingBeforeSharing",
     [](FeedbackMeetingFacts& f) { f.held_at = *f.evaluation.shared_at - 1; }, "KSF-4.5"},
    {"KSF_4_5_MeetingInTheSecondOfSharingIsNotBefore",
     [](FeedbackMeetingFacts& f) {
       // Shared at …:…:05.400, meeting given as …:…:05 (a person's time is to the second).
       const TimeMs second = T0() - Days(1) - (T0() - Days(1)) % 1000;
       f.evaluation.shared_at = second + 400;
       f.held_at = second;
     },
     ""},
    {"KSF_4_5_RefusesMeetingTheSecondBeforeSharing",
     [](FeedbackMeetingFacts& f) {
       const TimeMs second = T0() - Days(1) - (T0() - Days(1)) % 1000;
       f.evaluation.shared_at = second + 400;
       f.held_at = second - 1;
     },
     "KSF-4.5"},
    {"KSF_4_5_RefusesSecondMeetingRecord",
     [](FeedbackMeetingFacts& f) {
       f.evaluation.feedback = FeedbackMeeting{f.now - 2, "emp-lead", "x"};
     },
     "KSF-4.5"},
    {"KSF_6_5_ClientNeverHoldsMeeting",
     [](FeedbackMeetingFacts& f) { f.actor_role = Role::kClient; }, "KSF-6.5"},
    {"AVG_32_AdminNeverHoldsMeeting", [](FeedbackMeetingFacts& f) { f.actor_role = Role::kAdmin; },
     "AVG-32"},
};

INSTANTIATE_TEST_SUITE_P(Feedback, FeedbackTable, ::testing::ValuesIn(kFeedbackCases), CaseName());

// ---------------------------------------------------------------------------
// KSF-2.1-view

AgentViewFacts BaseView() {
  AgentViewFacts facts;
  facts.actor_role = Role::kAgent;
  facts.actor_id = "emp-agent";
  facts.evaluation = SharedEvaluation();
  facts.view = "Ik had de klant bewust laten uitpraten.";
  facts.now = T0();
  return facts;
}

using ViewCase = Case<AgentViewFacts>;
class ViewTable : public ::testing::TestWithParam<ViewCase> {};

TEST_P(ViewTable, Decides) {
  AgentViewFacts facts = BaseView();
  GetParam().mutate(facts);
  ExpectDecision(DecideAgentView(facts), GetParam().expect_rule);
}

const ViewCase kViewCases[] = {
    {"KSF_2_1_view_AgentGivesView", [](AgentViewFacts&) {}, ""},
    {"KSF_2_1_view_AllowedAfterClose",
     [](AgentViewFacts& f) { f.evaluation.status = EvaluationStatus::kClosed; }, ""},
    {"KSF_2_1_view_RefusesOtherAgent", [](AgentViewFacts& f) { f.actor_id = "emp-colleague"; },
     "KSF-2.1-view"},
    {"KSF_2_1_view_RefusesMonitorWritingView",
     [](AgentViewFacts& f) {
       f.actor_role = Role::kMonitor;
       f.actor_id = "emp-monitor";
     },
     "KSF-2.1-view"},
    {"KSF_2_1_view_RefusesBeforeShared",
     [](AgentViewFacts& f) {
       f.evaluation.status = EvaluationStatus::kDraft;
       f.evaluation.shared_at.reset();
     },
     "KSF-2.1-view"},
    {"KSF_2_1_view_RefusesEmptyView", [](AgentViewFacts& f) { f.view = "  \n"; }, "KSF-2.1-view"},
};

INSTANTIATE_TEST_SUITE_P(View, ViewTable, ::testing::ValuesIn(kViewCases), CaseName());

// AVG-22
TEST(ConfirmSuggestion, AVG_22_PersonConfirms) {
  Evaluation evaluation = DraftEvaluation();
  evaluation.automated_suggestion = true;
  ExpectDecision(DecideConfirmSuggestion(Role::kMonitor, "emp-monitor", evaluation), "");
  ExpectDecision(DecideConfirmSuggestion(Role::kCaptureSource, "pbx-1", evaluation), "AVG-22");
  ExpectDecision(DecideConfirmSuggestion(Role::kAdmin, "emp-admin", evaluation), "AVG-22");
  ExpectDecision(DecideConfirmSuggestion(Role::kMonitor, "", evaluation), "AVG-22");
  ExpectDecision(DecideConfirmSuggestion(Role::kAgent, "emp-agent", evaluation), "AVG-22");
  ExpectDecision(DecideConfirmSuggestion(Role::kClient, "client-user-1", evaluation), "KSF-6.5");
}

// KSF-4.3
TEST(Disclaimer, KSF_4_3_SaysOneInputAmongOthers) {
  EXPECT_NE(std::string(kAssessmentDisclaimerEn).find("one input among others"), std::string::npos);
  EXPECT_NE(std::string(kAssessmentDisclaimerNl).find("nooit de enige basis"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Scoring

std::vector<Answer> GoodAnswers() {
  return {{"q-greet", 5, ""}, {"q-verify", 1, ""}, {"q-upsell", 5, ""}, {"q-tone", 5, ""}};
}

TEST(Score, FullMarksIsHundred) {
  Result<ScoreResult> result = ScoreEvaluation(PublishedForm(), GoodAnswers());
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_DOUBLE_EQ(result->score, 100.0);
  EXPECT_FALSE(result->auto_failed);
  EXPECT_DOUBLE_EQ(result->counted_weight, 5.0);
}

TEST(Score, WeightsCount) {
  std::vector<Answer> answers = GoodAnswers();
  answers[0].score = 0;  // weight 1 of 5
  Result<ScoreResult> result = ScoreEvaluation(PublishedForm(), answers);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->score, 80.0);
}

TEST(Score, NotApplicableDropsOutOfWeight) {
  std::vector<Answer> answers = GoodAnswers();
  answers[2].score.reset();  // q-upsell allows N/A
  answers[0].score = 0;      // 0 of weight 1, out of 4 remaining
  Result<ScoreResult> result = ScoreEvaluation(PublishedForm(), answers);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->counted_weight, 4.0);
  EXPECT_DOUBLE_EQ(result->score, 75.0);
}

TEST(Score, CriticalZeroFailsWholeEvaluation) {
  std::vector<Answer> answers = GoodAnswers();
  answers[1].score = 0;  // q-verify is critical
  Result<ScoreResult> result = ScoreEvaluation(PublishedForm(), answers);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->auto_failed);
  EXPECT_EQ(result->failed_question, "q-verify");
  EXPECT_DOUBLE_EQ(result->score, 0.0);
}

struct ScoreErrorRow {
  const char* name;
  std::function<void(EvaluationForm&, std::vector<Answer>&)> mutate;
  const char* names_question;
};

TEST(Score, ErrorsNameTheQuestion) {
  const ScoreErrorRow rows[] = {
      {"missing answer", [](EvaluationForm&, std::vector<Answer>& a) { a.pop_back(); }, "q-tone"},
      {"N/A not allowed", [](EvaluationForm&, std::vector<Answer>& a) { a[0].score.reset(); },
       "q-greet"},
      {"score above max", [](EvaluationForm&, std::vector<Answer>& a) { a[0].score = 6; },
       "q-greet"},
      {"negative score", [](EvaluationForm&, std::vector<Answer>& a) { a[1].score = -1; },
       "q-verify"},
      {"comment required below max",
       [](EvaluationForm&, std::vector<Answer>& a) { a[3].score = 3; }, "q-tone"},
      {"blank comment",
       [](EvaluationForm&, std::vector<Answer>& a) {
         a[3].score = 3;
         a[3].comment = "   ";
       },
       "q-tone"},
      {"unknown question",
       [](EvaluationForm&, std::vector<Answer>& a) {
         a.push_back({"q-ghost", 1, ""});
       },
       "q-ghost"},
      {"answered twice",
       [](EvaluationForm&, std::vector<Answer>& a) {
         a.push_back({"q-greet", 1, ""});
       },
       "q-greet"},
      {"duplicate on form",
       [](EvaluationForm& f, std::vector<Answer>&) {
         f.sections[0].questions.push_back(f.sections[0].questions[0]);
       },
       "q-greet"},
      {"bad max score",
       [](EvaluationForm& f, std::vector<Answer>&) { f.sections[0].questions[0].max_score = 0; },
       "q-greet"},
  };
  for (const ScoreErrorRow& row : rows) {
    SCOPED_TRACE(row.name);
    EvaluationForm form = PublishedForm();
    std::vector<Answer> answers = GoodAnswers();
    row.mutate(form, answers);
    Result<ScoreResult> result = ScoreEvaluation(form, answers);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(result.error().message.find(row.names_question), std::string::npos)
        << result.error().message;
  }
}

TEST(Score, CommentGivenBelowMaxIsAccepted) {
  std::vector<Answer> answers = GoodAnswers();
  answers[3].score = 3;
  answers[3].comment = "Iets kortaf aan het eind.";
  Result<ScoreResult> result = ScoreEvaluation(PublishedForm(), answers);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->score, 100.0 * (5.0 - 0.4) / 5.0);
}

TEST(Score, AllNotApplicableIsAnError) {
  EvaluationForm form;
  form.id = "form-na";
  FormSection section;
  section.questions = {{"q-a", "A", 1.0, false, true, false, 5}};
  form.sections = {section};
  Result<ScoreResult> result = ScoreEvaluation(form, {{"q-a", std::nullopt, ""}});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("form-na"), std::string::npos);
}

}  // namespace
}  // namespace fairqm::policy
