// The product's queries over the catalogue, each with its edge cases.
#include <gtest/gtest.h>

#include "db/testing.h"
#include "store/authorisations.h"
#include "store/deletion_log.h"
#include "store/evaluations.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/requests.h"
#include "store/test_fixtures.h"

namespace fairqm::store {
namespace {

using namespace domain;  // NOLINT
using testing::kT0;
using testing::SampleRecording;

class QueriesTest : public ::testing::Test {
 protected:
  db::Connection& conn() { return catalogue_.conn(); }

  void Put(const Recording& r) { ASSERT_TRUE(PutRecording(conn(), r).ok()); }

  std::vector<std::string> Ids(const std::vector<Recording>& recordings) {
    std::vector<std::string> ids;
    for (const auto& r : recordings) ids.push_back(r.id);
    return ids;
  }

  db::testing::TempCatalogue catalogue_;
};

TEST_F(QueriesTest, QuotaCountsThePeriodPurposeAndAgentOnly) {
  // KSF-3.6: [from, to), one agent, one purpose; destroyed recordings still
  // count, extra moments (KSF-4.7) only when asked.
  Put(SampleRecording("r1", "a", Purpose::kCoaching, kT0));
  Put(SampleRecording("r2", "a", Purpose::kCoaching, kT0 + Days(29)));
  Put(SampleRecording("r3", "a", Purpose::kCoaching, kT0 + Days(30)));  // at `to`: outside
  Put(SampleRecording("r4", "a", Purpose::kCoaching, kT0 - 1));         // before: outside
  Put(SampleRecording("r5", "a", Purpose::kQuality, kT0 + Days(1)));    // other purpose
  Put(SampleRecording("r6", "b", Purpose::kCoaching, kT0 + Days(1)));   // other agent
  Recording extra = SampleRecording("r7", "a", Purpose::kCoaching, kT0 + Days(2));
  extra.extra_moment = true;
  Put(extra);
  ASSERT_TRUE(MarkRecordingDestroyed(conn(), "r2", kT0 + Days(29), "KSF-4.9").ok());

  auto count = CountRecordingsInPeriod(conn(), "a", Purpose::kCoaching, kT0, kT0 + Days(30));
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 2);
  count = CountRecordingsInPeriod(conn(), "a", Purpose::kCoaching, kT0, kT0 + Days(30), true);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 3);
  count = CountRecordingsInPeriod(conn(), "nobody", Purpose::kCoaching, kT0, kT0 + Days(30));
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 0);
}

TEST_F(QueriesTest, ExtraMomentRequestsCountUnlessRefused) {
  // KSF-4.7: open, granted and fulfilled requests in the period use the allowance.
  const AgentRequest base{"", "a", RequestKind::kExtraMoment, kT0,         "",
                          "", "",  RequestStatus::kOpen,      std::nullopt};
  auto make = [&](std::string id, TimeMs at, RequestStatus status, RequestKind kind) {
    AgentRequest r = base;
    r.id = std::move(id);
    r.created_at = at;
    r.status = status;
    r.kind = kind;
    ASSERT_TRUE(PutAgentRequest(conn(), r).ok());
  };
  make("q1", kT0, RequestStatus::kGranted, RequestKind::kExtraMoment);
  make("q2", kT0 + 1, RequestStatus::kFulfilled, RequestKind::kExtraMoment);
  make("q3", kT0 + 2, RequestStatus::kOpen, RequestKind::kExtraMoment);
  make("q4", kT0 + 3, RequestStatus::kRefused, RequestKind::kExtraMoment);
  make("q5", kT0 - 1, RequestStatus::kGranted, RequestKind::kExtraMoment);  // previous period
  make("q6", kT0 + 4, RequestStatus::kGranted, RequestKind::kAccess);
  auto count = CountExtraMomentRequests(conn(), "a", kT0);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 3);
  auto open = ListOpenAgentRequests(conn());
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].id, "q3");
  auto mine = ListAgentRequestsForAgent(conn(), "a");
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 6u);
  EXPECT_EQ((*mine)[0].id, "q6");  // newest first
}

TEST_F(QueriesTest, LastAssessmentMomentIgnoresOtherPurposesAndAgents) {
  // KSF-2.1-feedback needs the latest assessment moment.
  auto none = LastAssessmentMoment(conn(), "a");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto put = [&](std::string id, std::string agent, Purpose purpose, TimeMs at) {
    Evaluation v;
    v.id = std::move(id);
    v.agent_id = std::move(agent);
    v.monitor_id = std::string("m");  // not a literal: GCC 12 -Wrestrict false positive at -O2
    v.purpose = purpose;
    v.created_at = at;
    ASSERT_TRUE(PutEvaluation(conn(), v).ok());
  };
  put("e1", "a", Purpose::kAssessment, kT0);
  put("e2", "a", Purpose::kAssessment, kT0 + Days(40));
  put("e3", "a", Purpose::kCoaching, kT0 + Days(50));
  put("e4", "b", Purpose::kAssessment, kT0 + Days(60));
  auto last = LastAssessmentMoment(conn(), "a");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, kT0 + Days(40));
  auto mine = ListEvaluationsForAgent(conn(), "a");
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 3u);
  EXPECT_EQ((*mine)[0].id, "e3");
}

TEST_F(QueriesTest, EvaluationsForMonitorByStatus) {
  for (auto [id, status] :
       {std::pair{"e1", EvaluationStatus::kDraft}, std::pair{"e2", EvaluationStatus::kShared},
        std::pair{"e3", EvaluationStatus::kDraft}}) {
    Evaluation v;
    v.id = std::string(id);
    v.agent_id = std::string("a");
    v.monitor_id = std::string("m");
    v.status = status;
    ASSERT_TRUE(PutEvaluation(conn(), v).ok());
  }
  auto drafts = ListEvaluationsForMonitor(conn(), "m", EvaluationStatus::kDraft);
  ASSERT_TRUE(drafts.ok());
  EXPECT_EQ(drafts->size(), 2u);
  auto all = ListEvaluationsForMonitor(conn(), "m");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);
  auto other = ListEvaluationsForMonitor(conn(), "someone-else");
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
}

Authorisation MakeAuthorisation(std::string id, std::string monitor, std::set<Purpose> purposes,
                                std::set<std::string> teams, std::set<std::string> agents) {
  Authorisation a;
  a.id = std::move(id);
  a.monitor_id = std::move(monitor);
  a.purposes = std::move(purposes);
  a.team_ids = std::move(teams);
  a.agent_ids = std::move(agents);
  a.valid_from = kT0;
  a.granted_by = "mgr";
  a.granted_at = kT0 - Days(1);
  return a;
}

TEST_F(QueriesTest, AuthorisationsCoveringAgentKsf33) {
  // KSF-3.3: "who may monitor me" — by name or by team, only while active.
  Authorisation by_team = MakeAuthorisation("au-team", "m1", {Purpose::kCoaching}, {"t1"}, {});
  Authorisation by_name = MakeAuthorisation("au-name", "m2", {Purpose::kQuality}, {}, {"a"});
  Authorisation other_team = MakeAuthorisation("au-other", "m3", {Purpose::kCoaching}, {"t2"}, {});
  Authorisation expired = MakeAuthorisation("au-expired", "m4", {Purpose::kCoaching}, {"t1"}, {});
  expired.valid_until = kT0 + Days(5);
  Authorisation ended = MakeAuthorisation("au-ended", "m5", {Purpose::kCoaching}, {}, {"a"});
  ended.ended_at = kT0 + Days(3);
  Authorisation future = MakeAuthorisation("au-future", "m6", {Purpose::kCoaching}, {"t1"}, {});
  future.valid_from = kT0 + Days(100);
  for (const auto& a : {by_team, by_name, other_team, expired, ended, future}) {
    ASSERT_TRUE(PutAuthorisation(conn(), a).ok());
  }
  auto covering = AuthorisationsCoveringAgent(conn(), "a", "t1", kT0 + Days(10));
  ASSERT_TRUE(covering.ok());
  std::set<std::string> ids;
  for (const auto& a : *covering) ids.insert(a.id);
  EXPECT_EQ(ids, (std::set<std::string>{"au-team", "au-name"}));

  covering = AuthorisationsCoveringAgent(conn(), "a", "t1", kT0 + Days(1));
  ASSERT_TRUE(covering.ok());
  EXPECT_EQ(covering->size(), 4u);  // expired and ended were still active then

  // An agent without a team is covered only by name.
  covering = AuthorisationsCoveringAgent(conn(), "a", "", kT0 + Days(10));
  ASSERT_TRUE(covering.ok());
  ASSERT_EQ(covering->size(), 1u);
  EXPECT_EQ((*covering)[0].id, "au-name");

  auto active = ActiveAuthorisationsForMonitor(conn(), "m4", kT0 + Days(10));
  ASSERT_TRUE(active.ok());
  EXPECT_TRUE(active->empty());
  auto history = AuthorisationsForMonitor(conn(), "m4");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
}

TEST_F(QueriesTest, MonitorQueueByDeadlineKsf44) {
  Employee in_team;
  in_team.id = "a1";
  in_team.name = "A1";
  in_team.team_id = "t1";
  Employee named;
  named.id = "a2";
  named.name = "A2";
  named.team_id = "t9";
  Employee monitor;
  monitor.id = "m";
  monitor.name = "M";
  monitor.team_id = "t1";  // the monitor is in the team but never in their own queue
  for (const auto& e : {in_team, named, monitor}) ASSERT_TRUE(PutEmployee(conn(), e).ok());
  ASSERT_TRUE(
      PutAuthorisation(conn(), MakeAuthorisation("au1", "m", {Purpose::kCoaching}, {"t1"}, {}))
          .ok());
  ASSERT_TRUE(
      PutAuthorisation(conn(), MakeAuthorisation("au2", "m", {Purpose::kAssessment}, {}, {"a2"}))
          .ok());
  // A client authorisation (KSF-6.5) never puts anything in a queue.
  Authorisation client = MakeAuthorisation("au3", "m", {Purpose::kQuality}, {"t1"}, {});
  client.client_id = "client-1";
  ASSERT_TRUE(PutAuthorisation(conn(), client).ok());

  auto rec = [&](std::string id, std::string agent, Purpose purpose, TimeMs evaluate_by) {
    Recording r = SampleRecording(std::move(id), std::move(agent), purpose, kT0);
    r.evaluate_by = evaluate_by;
    return r;
  };
  Put(rec("late", "a1", Purpose::kCoaching, kT0 + Days(9)));
  Put(rec("soon", "a1", Purpose::kCoaching, kT0 + Days(2)));
  Put(rec("named", "a2", Purpose::kAssessment, kT0 + Days(5)));
  Put(rec("wrong-purpose", "a2", Purpose::kCoaching, kT0 + Days(1)));
  Put(rec("quality", "a1", Purpose::kQuality, kT0 + Days(1)));
  Put(rec("own", "m", Purpose::kCoaching, kT0 + Days(1)));
  Recording evaluated = rec("evaluated", "a1", Purpose::kCoaching, kT0 + Days(1));
  evaluated.evaluated_at = kT0 + Days(1);
  Put(evaluated);
  Put(rec("destroyed", "a1", Purpose::kCoaching, kT0 + Days(1)));
  ASSERT_TRUE(MarkRecordingDestroyed(conn(), "destroyed", kT0, "KSF-4.10").ok());

  auto queue = MonitorQueue(conn(), "m", kT0 + Days(1), 100);
  ASSERT_TRUE(queue.ok()) << queue.error().ToString();
  EXPECT_EQ(Ids(*queue), (std::vector<std::string>{"soon", "named", "late"}));
  queue = MonitorQueue(conn(), "m", kT0 + Days(1), 2);
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ(Ids(*queue), (std::vector<std::string>{"soon", "named"}));
  // Before the authorisations start, the queue is empty.
  queue = MonitorQueue(conn(), "m", kT0 - 1, 100);
  ASSERT_TRUE(queue.ok());
  EXPECT_TRUE(queue->empty());
}

TEST_F(QueriesTest, MarkRecordingEvaluatedOnce) {
  Put(SampleRecording("r1", "a", Purpose::kCoaching, kT0));
  auto marked = MarkRecordingEvaluated(conn(), "r1", kT0 + Days(1));
  ASSERT_TRUE(marked.ok());
  EXPECT_TRUE(*marked);
  marked = MarkRecordingEvaluated(conn(), "r1", kT0 + Days(2));
  ASSERT_TRUE(marked.ok());
  EXPECT_FALSE(*marked);
  auto got = GetRecording(conn(), "r1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->evaluated_at, kT0 + Days(1));
  auto missing = MarkRecordingEvaluated(conn(), "nope", kT0);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(QueriesTest, MarkRecordingDestroyedLogsOnceDeletionLog) {
  // DELETION-log: what, when, which rule; a re-run changes nothing.
  Put(SampleRecording("r1", "a", Purpose::kAssessment, kT0));
  auto first = MarkRecordingDestroyed(conn(), "r1", kT0 + Days(15), "KSF-4.10");
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  auto again = MarkRecordingDestroyed(conn(), "r1", kT0 + Days(16), "AVG-5-storage");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  auto got = GetRecording(conn(), "r1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->destroyed_at, kT0 + Days(15));
  EXPECT_EQ(got->destroyed_rule, "KSF-4.10");
  auto logged = FindDeletion(conn(), kSubjectRecording, "r1");
  ASSERT_TRUE(logged.ok());
  ASSERT_TRUE(logged->has_value());
  EXPECT_EQ((*logged)->rule, "KSF-4.10");
  EXPECT_EQ((*logged)->purpose, Purpose::kAssessment);
  EXPECT_EQ((*logged)->destroyed_at, kT0 + Days(15));
  auto missing = MarkRecordingDestroyed(conn(), "nope", kT0, "KSF-4.10");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  // The agent still sees the recording existed, and that it was destroyed.
  auto mine = ListRecordingsForAgent(conn(), "a");
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_TRUE((*mine)[0].destroyed_at.has_value());
}

TEST_F(QueriesTest, ExpiredEvaluationsAreErasedRetentionSplit) {
  // RETENTION-split: the evaluation has its own term; destroying it erases
  // the content and logs the destruction.
  Evaluation v;
  v.id = "e1";
  v.agent_id = "a";
  v.monitor_id = "m";
  v.purpose = Purpose::kAssessment;
  v.answers = {{"q1", 3, "ok"}};
  v.notes = {{"r1", 10, "note", "m", kT0}};
  v.score = 60;
  v.summary = "fine";
  v.agent_view = "agree";
  v.feedback = FeedbackMeeting{kT0, "lead", "talked it through"};
  v.destroy_at = kT0 + Days(365);
  ASSERT_TRUE(PutEvaluation(conn(), v).ok());
  Evaluation keep = v;
  keep.id = "e2";
  keep.destroy_at = kT0 + Days(400);
  ASSERT_TRUE(PutEvaluation(conn(), keep).ok());

  auto due = ExpiredEvaluations(conn(), kT0 + Days(365), 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].id, "e1");
  auto destroyed = MarkEvaluationDestroyed(conn(), "e1", kT0 + Days(365), "RETENTION-split");
  ASSERT_TRUE(destroyed.ok());
  EXPECT_TRUE(*destroyed);
  auto got = GetEvaluation(conn(), "e1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->destroyed_at, kT0 + Days(365));
  EXPECT_TRUE(got->answers.empty());
  EXPECT_TRUE(got->notes.empty());
  EXPECT_FALSE(got->score.has_value());
  EXPECT_EQ(got->summary, "");
  EXPECT_EQ(got->agent_view, "");
  ASSERT_TRUE(got->feedback.has_value());
  EXPECT_EQ(got->feedback->summary, "");
  EXPECT_EQ(got->agent_id, "a");  // the bare facts stay for reports
  auto logged = FindDeletion(conn(), kSubjectEvaluation, "e1");
  ASSERT_TRUE(logged.ok());
  ASSERT_TRUE(logged->has_value());
  EXPECT_EQ((*logged)->rule, "RETENTION-split");
  due = ExpiredEvaluations(conn(), kT0 + Days(365), 10);
  ASSERT_TRUE(due.ok());
  EXPECT_TRUE(due->empty());
  auto again = MarkEvaluationDestroyed(conn(), "e1", kT0 + Days(366), "RETENTION-split");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(MarkEvaluationDestroyed(conn(), "nope", kT0, "x").error().code, ErrorCode::kNotFound);
}

TEST_F(QueriesTest, DeletionLogAndCaptureRefusalsByPeriod) {
  auto added = AppendDeletion(conn(), {"recording", "r1", Purpose::kCoaching, "KSF-4.10", kT0});
  ASSERT_TRUE(added.ok());
  EXPECT_TRUE(*added);
  added = AppendDeletion(conn(), {"recording", "r1", Purpose::kCoaching, "KSF-4.10", kT0 + 5});
  ASSERT_TRUE(added.ok());
  EXPECT_FALSE(*added);
  ASSERT_TRUE(AppendDeletion(conn(), {"evaluation", "e1", std::nullopt, "AVG-17", kT0 + 10}).ok());
  auto listed = ListDeletions(conn(), kT0, kT0 + 10, 100);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].subject_id, "r1");
  listed = ListDeletions(conn(), kT0, kT0 + 11, 100);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_FALSE((*listed)[1].purpose.has_value());

  // AVG-5-minimal: a refusal records the rule, never a customer number.
  ASSERT_TRUE(
      AppendCaptureRefusal(conn(), {"cr-1", kT0, "AVG-21", Purpose::kQuality, "a", Channel::kVoice})
          .ok());
  ASSERT_TRUE(
      AppendCaptureRefusal(conn(), {"cr-2", kT0 + 1, "KSF-3.1", std::nullopt, "", std::nullopt})
          .ok());
  auto duplicate =
      AppendCaptureRefusal(conn(), {"cr-2", kT0 + 1, "KSF-3.1", std::nullopt, "", std::nullopt});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto refusals = ListCaptureRefusals(conn(), kT0, kT0 + 2, 1);
  ASSERT_TRUE(refusals.ok());
  ASSERT_EQ(refusals->size(), 1u);
  EXPECT_EQ((*refusals)[0].rule, "AVG-21");
  EXPECT_EQ((*refusals)[0].channel, Channel::kVoice);
}

}  // namespace
}  // namespace fairqm::store
