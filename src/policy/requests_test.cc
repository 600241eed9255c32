// Table-driven tests of agents' requests (KSF-4.7, KSF-4.6), complaints and
// appeals (KSF-3.10), data-subject request deadlines (AVG-12) and periods.
#include "policy/requests.h"

#include <gtest/gtest.h>

#include "policy/policy_test_util.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

TEST(Period, CurrentPeriodLaysPeriodsEndToEnd) {
  const TimeMs anchor = T0();
  Period first = CurrentPeriod(anchor, 30, anchor);
  EXPECT_EQ(first.start, anchor);
  EXPECT_EQ(first.end, anchor + Days(30));
  Period second = CurrentPeriod(anchor, 30, anchor + Days(30));
  EXPECT_EQ(second.start, anchor + Days(30));
  Period last_of_first = CurrentPeriod(anchor, 30, anchor + Days(30) - 1);
  EXPECT_EQ(last_of_first.start, anchor);
  Period before = CurrentPeriod(anchor, 30, anchor - 1);
  EXPECT_EQ(before.start, anchor - Days(30));
  EXPECT_EQ(before.end, anchor);
  Period zero = CurrentPeriod(anchor, 0, anchor + 5);
  EXPECT_EQ(zero.end - zero.start, Days(1));
}

// ---------------------------------------------------------------------------
// KSF-4.7

ExtraMomentFacts BaseExtra() {
  ExtraMomentFacts facts;
  facts.regulation = ActiveRegulation();
  facts.requester_role = Role::kAgent;
  facts.requester_id = "emp-agent";
  facts.agent_id = "emp-agent";
  facts.now = T0();
  return facts;
}

using ExtraCase = Case<ExtraMomentFacts>;
class ExtraTable : public ::testing::TestWithParam<ExtraCase> {};

TEST_P(ExtraTable, Decides) {
  ExtraMomentFacts facts = BaseExtra();
  GetParam().mutate(facts);
  ExpectDecision(DecideExtraMomentRequest(facts), GetParam().expect_rule);
}

const ExtraCase kExtraCases[] = {
    {"KSF_4_7_AllowsFirstExtraMoment", [](ExtraMomentFacts&) {}, ""},
    {"KSF_4_7_AllowsThirdExtraMoment",
     [](ExtraMomentFacts& f) { f.earlier_requests_in_period = 2; }, ""},
    {"KSF_4_7_RefusesFourthExtraMoment",
     [](ExtraMomentFacts& f) { f.earlier_requests_in_period = 3; }, "KSF-4.7"},
    {"KSF_4_7_LimitComesFromRegulation",
     [](ExtraMomentFacts& f) {
       f.regulation->extra_moments_per_period = 1;
       f.earlier_requests_in_period = 1;
     },
     "KSF-4.7"},
    {"KSF_4_7_OnlyTheAgentAsks",
     [](ExtraMomentFacts& f) {
       f.requester_role = Role::kMonitor;
       f.requester_id = "emp-monitor";
     },
     "KSF-4.7"},
    {"KSF_4_7_AgentCannotAskForColleague",
     [](ExtraMomentFacts& f) { f.requester_id = "emp-colleague"; }, "KSF-4.7"},
    {"KSF_4_7_NoAssessmentNoExtraMoments",
     [](ExtraMomentFacts& f) { f.regulation->purposes[1].enabled = false; }, "KSF-4.7"},
    {"KSF_3_1_RefusesWithoutRegulation", [](ExtraMomentFacts& f) { f.regulation.reset(); },
     "KSF-3.1"},
};

INSTANTIATE_TEST_SUITE_P(Extra, ExtraTable, ::testing::ValuesIn(kExtraCases), CaseName());

// ---------------------------------------------------------------------------
// KSF-4.6

OtherEvaluatorFacts BaseOther() {
  OtherEvaluatorFacts facts;
  facts.requester_role = Role::kAgent;
  facts.requester_id = "emp-agent";
  facts.agent = Agent();
  facts.original_monitor_id = "emp-monitor";
  facts.requested_evaluator_id = "emp-trainer";
  facts.requested_evaluator_authorisations = {MonitorAuthorisation("emp-trainer")};
  facts.purpose = Purpose::kAssessment;
  facts.now = T0();
  return facts;
}

using OtherCase = Case<OtherEvaluatorFacts>;
class OtherTable : public ::testing::TestWithParam<OtherCase> {};

TEST_P(OtherTable, Decides) {
  OtherEvaluatorFacts facts = BaseOther();
  GetParam().mutate(facts);
  ExpectDecision(DecideOtherEvaluatorRequest(facts), GetParam().expect_rule);
}

const OtherCase kOtherCases[] = {
    {"KSF_4_6_AllowsAuthorisedOtherEvaluator", [](OtherEvaluatorFacts&) {}, ""},
    {"KSF_4_6_RefusesSamePersonAsOriginal",
     [](OtherEvaluatorFacts& f) {
       f.requested_evaluator_id = "emp-monitor";
       f.requested_evaluator_authorisations = {MonitorAuthorisation("emp-monitor")};
     },
     "KSF-4.6"},
    {"KSF_4_6_RefusesUnauthorisedPerson",
     [](OtherEvaluatorFacts& f) { f.requested_evaluator_authorisations.clear(); }, "KSF-4.6"},
    {"KSF_4_6_RefusesUnacknowledgedAuthorisation",
     [](OtherEvaluatorFacts& f) {
       f.requested_evaluator_authorisations[0].confidentiality_acknowledged_at.reset();
     },
     "KSF-4.6"},
    {"KSF_4_6_RefusesCoachingOnlyAuthorisation",
     [](OtherEvaluatorFacts& f) {
       f.requested_evaluator_authorisations[0].purposes = {Purpose::kCoaching};
     },
     "KSF-4.6"},
    {"KSF_4_6_RefusesAuthorisationForOtherTeam",
     [](OtherEvaluatorFacts& f) { f.requested_evaluator_authorisations[0].team_ids = {"team-b"}; },
     "KSF-4.6"},
    {"KSF_4_6_RefusesClientsListener",
     [](OtherEvaluatorFacts& f) { f.requested_evaluator_authorisations[0].client_id = "client-1"; },
     "KSF-4.6"},
    {"KSF_4_6_RefusesNobodyNamed", [](OtherEvaluatorFacts& f) { f.requested_evaluator_id.clear(); },
     "KSF-4.6"},
    {"KSF_4_6_RefusesSelf",
     [](OtherEvaluatorFacts& f) {
       f.requested_evaluator_id = "emp-agent";
       f.requested_evaluator_authorisations = {MonitorAuthorisation("emp-agent")};
     },
     "KSF-4.6"},
    {"KSF_4_6_OnlyTheAgentAsks",
     [](OtherEvaluatorFacts& f) {
       f.requester_role = Role::kManager;
       f.requester_id = "emp-manager";
     },
     "KSF-4.6"},
};

INSTANTIATE_TEST_SUITE_P(Other, OtherTable, ::testing::ValuesIn(kOtherCases), CaseName());

// ---------------------------------------------------------------------------
// KSF-3.10

Complaint FiledComplaint() {
  Complaint complaint;
  complaint.id = "cmp-1";
  complaint.complainant_id = "emp-agent";
  complaint.subject = "Opname na einde dienst";
  complaint.filed_at = T0();
  complaint.respond_by = ComplaintRespondBy(T0(), ActiveRegulation());
  return complaint;
}

struct AppealFacts {
  Complaint complaint = FiledComplaint();
  std::string appellant = "emp-agent";
  TimeMs now = T0() + Days(5);
};

using AppealCase = Case<AppealFacts>;
class AppealTable : public ::testing::TestWithParam<AppealCase> {};

TEST_P(AppealTable, Decides) {
  AppealFacts facts;
  GetParam().mutate(facts);
  ExpectDecision(DecideAppeal(facts.complaint, facts.appellant, facts.now), GetParam().expect_rule);
}

const AppealCase kAppealCases[] = {
    {"KSF_3_10_RefusesWithinTerm", [](AppealFacts&) {}, "KSF-3.10"},
    {"KSF_3_10_AllowsAfterTermNotTakenUp",
     [](AppealFacts& f) { f.now = f.complaint.respond_by + 1; }, ""},
    {"KSF_3_10_RefusesOnLastDayOfTerm", [](AppealFacts& f) { f.now = f.complaint.respond_by; },
     "KSF-3.10"},
    {"KSF_3_10_RefusesTakenUpInTimeAwaitingResponse",
     [](AppealFacts& f) {
       f.complaint.taken_up_at = T0() + Days(2);
       f.now = f.complaint.respond_by + Days(3);
     },
     "KSF-3.10"},
    {"KSF_3_10_AllowsTakenUpTooLate",
     [](AppealFacts& f) {
       f.complaint.taken_up_at = f.complaint.respond_by + Days(1);
       f.now = f.complaint.respond_by + Days(3);
     },
     ""},
    {"KSF_3_10_AllowsAfterResponse",
     [](AppealFacts& f) {
       f.complaint.taken_up_at = T0() + Days(1);
       f.complaint.response = "Opname was binnen de regeling.";
       f.complaint.resolved_at = T0() + Days(4);
     },
     ""},
    {"KSF_3_10_RefusesSecondAppeal",
     [](AppealFacts& f) {
       f.now = f.complaint.respond_by + 1;
       f.complaint.appealed_at = f.now - 1;
     },
     "KSF-3.10"},
    {"KSF_3_10_RefusesSomeoneElse",
     [](AppealFacts& f) {
       f.now = f.complaint.respond_by + 1;
       f.appellant = "emp-colleague";
     },
     "KSF-3.10"},
};

INSTANTIATE_TEST_SUITE_P(Appeal, AppealTable, ::testing::ValuesIn(kAppealCases), CaseName());

TEST(Complaint, KSF_3_10_RespondByUsesRegulationTerm) {
  Regulation regulation = ActiveRegulation();
  regulation.complaint_term_days = 14;
  EXPECT_EQ(ComplaintRespondBy(T0(), regulation), T0() + Days(14));
}

// ---------------------------------------------------------------------------
// AVG-12

TEST(DataSubjectRequest, AVG_12_DueInOneMonthOrThreeWhenExtended) {
  const TimeMs received = *ParseTime("2026-01-31T10:00:00Z");
  EXPECT_EQ(FormatTime(DataSubjectRequestDueAt(received, false)), "2026-02-28T10:00:00Z");
  EXPECT_EQ(FormatTime(DataSubjectRequestDueAt(received, true)), "2026-04-30T10:00:00Z");
}

TEST(DataSubjectRequest, AVG_12_ExtensionRows) {
  DataSubjectRequest request;
  request.id = "dsr-1";
  request.received_at = T0();
  request.due_at = DataSubjectRequestDueAt(T0(), false);
  ExpectDecision(DecideExtendDataSubjectRequest(request, T0() + Days(20)), "");
  ExpectDecision(DecideExtendDataSubjectRequest(request, AddMonths(T0(), 1)), "");
  ExpectDecision(DecideExtendDataSubjectRequest(request, AddMonths(T0(), 1) + 1), "AVG-12");
  DataSubjectRequest extended = request;
  extended.extension_told_at = T0() + Days(3);
  ExpectDecision(DecideExtendDataSubjectRequest(extended, T0() + Days(5)), "AVG-12");
  DataSubjectRequest answered = request;
  answered.answered_at = T0() + Days(3);
  ExpectDecision(DecideExtendDataSubjectRequest(answered, T0() + Days(5)), "AVG-12");
}

}  // namespace
}  // namespace fairqm::policy
