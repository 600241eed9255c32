// Tests of service/views: what each role reads, against a real installation.
// Per view: the allowed path, the refusals (wrong role, wrong agent) with
// their rule and audit entry, and unknown ids. Every read is on record.
#include "service/views.h"

#include <gtest/gtest.h>

#include "audit/audit.h"
#include "service/agent_requests.h"
#include "service/capture_events.h"
#include "service/evaluations.h"
#include "service/people.h"
#include "service/regulations.h"
#include "service/testing.h"
#include "store/requests.h"

namespace fairqm::service {
namespace {

using domain::Purpose;
using domain::Role;
using testing::Installation;

class ViewsTest : public testing::ServiceTest {
 protected:
  App& app() { return inst().app(); }
  const std::string& Agent(int idx = 0) { return inst().teams().front().agent_ids.at(idx); }
  const std::string& Number(int idx = 0) { return inst().teams().front().agent_numbers.at(idx); }
  const std::string& Lead() { return inst().teams().front().lead_id; }
  Actor AgentActor(int idx = 0) { return Installation::AgentActor(Agent(idx)); }
  Actor LeadAsMonitor() { return Actor{Lead(), Role::kMonitor, ""}; }

  audit::StoredEntry LastAudit() {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    audit::Filter filter;
    filter.limit = 1;
    auto entries = audit::Search(**conn, filter);
    EXPECT_TRUE(entries.ok() && !entries->empty());
    return entries->front();
  }

  void ExpectRefusedAndAudited(const policy::Decision& decision, const std::string& rule,
                               const std::string& action) {
    EXPECT_FALSE(decision.allowed);
    EXPECT_EQ(decision.rule, rule) << decision.reason_en;
    EXPECT_FALSE(decision.reason_nl.empty());
    auto last = LastAudit();
    EXPECT_EQ(last.entry.decision, audit::Decision::kRefused);
    EXPECT_EQ(last.entry.rule, rule);
    EXPECT_EQ(last.entry.action, action);
  }

  // The last entry is an allowed read by this actor of this agent's data.
  void ExpectReadAudited(const Actor& actor, const std::string& action,
                         const std::string& subject_agent) {
    auto last = LastAudit();
    EXPECT_EQ(last.entry.decision, audit::Decision::kAllowed);
    EXPECT_EQ(last.entry.action, action);
    EXPECT_EQ(last.entry.actor_id, actor.id);
    EXPECT_EQ(last.entry.subject_agent_id, subject_agent);
  }

  domain::Recording CaptureOk(const std::string& agent_id, Purpose purpose) {
    auto r = inst().Capture(agent_id, purpose);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? *r : domain::Recording{};
  }

  domain::Complaint FileOk(const Actor& actor) {
    auto filed = FileComplaint(app(), actor, "Toepassing", "Er wordt te vaak opgenomen.");
    EXPECT_TRUE(filed.ok() && filed->allowed());
    return *filed->value;
  }
};

// ---------------------------------------------------------------------------
// Agent

// KSF-4.8: the agent sees all their recordings, a destroyed one as a stub;
// never another agent's.
TEST_F(ViewsTest, KSF_4_8_MyRecordingsListsOwnIncludingDestroyed) {
  domain::Recording first = CaptureOk(Agent(0), Purpose::kCoaching);
  CaptureOk(Agent(0), Purpose::kQuality);
  CaptureOk(Agent(1), Purpose::kCoaching);
  // AVG-21 destroys the first one (metadata stays).
  auto flagged = RecordCaptureEvent(app(), Installation::CaptureSource(), first.id,
                                    CaptureEventKind::kDoNotRecord, app().Now(), "");
  ASSERT_TRUE(flagged.ok() && flagged->allowed());

  auto mine = MyRecordings(app(), AgentActor(0));
  ASSERT_TRUE(mine.ok());
  ASSERT_TRUE(mine->allowed());
  ASSERT_EQ(mine->value->size(), 2u);
  int destroyed = 0;
  for (const auto& r : *mine->value) {
    EXPECT_EQ(r.agent_id, Agent(0));
    if (r.destroyed_at) {
      ++destroyed;
      EXPECT_EQ(r.id, first.id);
      EXPECT_EQ(r.destroyed_rule, "AVG-21");
    }
  }
  EXPECT_EQ(destroyed, 1);
  ExpectReadAudited(AgentActor(0), "view.my_recordings", Agent(0));

  auto other = MyRecordings(app(), AgentActor(1));
  ASSERT_TRUE(other.ok() && other->allowed());
  ASSERT_EQ(other->value->size(), 1u);
  EXPECT_EQ(other->value->front().agent_id, Agent(1));
}

// AVG-32: the agent's own views are for agents; an administrator is refused
// by the role gate, a monitor or client by the agent-only rule.
TEST_F(ViewsTest, AVG_32_MyViewsRefuseOtherRoles) {
  for (const Actor& actor : {inst().Monitor(), Installation::Admin(), Installation::Client("c1"),
                             Installation::Manager()}) {
    auto recordings = MyRecordings(app(), actor);
    ASSERT_TRUE(recordings.ok());
    ExpectRefusedAndAudited(recordings->decision, "AVG-32", "view.my_recordings");
    auto requests = MyRequests(app(), actor);
    ASSERT_TRUE(requests.ok());
    ExpectRefusedAndAudited(requests->decision, "AVG-32", "view.my_requests");
    auto consents = MyConsents(app(), actor);
    ASSERT_TRUE(consents.ok());
    ExpectRefusedAndAudited(consents->decision, "AVG-32", "view.my_consents");
    auto live = MyLiveListens(app(), actor);
    ASSERT_TRUE(live.ok());
    ExpectRefusedAndAudited(live->decision, "AVG-32", "view.my_live_listens");
    auto who = WhoMayMonitorMe(app(), actor);
    ASSERT_TRUE(who.ok());
    ExpectRefusedAndAudited(who->decision, "AVG-32", "view.who_may_monitor_me");
    auto what = WhatIsRecordedOfMe(app(), actor);
    ASSERT_TRUE(what.ok());
    ExpectRefusedAndAudited(what->decision, "AVG-32", "view.what_is_recorded_of_me");
  }
  // KSF-6.5: a client never reads evaluations; AVG-32 for the administrator.
  auto client = MyEvaluations(app(), Installation::Client("c1"));
  ASSERT_TRUE(client.ok());
  ExpectRefusedAndAudited(client->decision, "KSF-6.5", "view.my_evaluations");
  auto admin = MyEvaluations(app(), Installation::Admin());
  ASSERT_TRUE(admin.ok());
  ExpectRefusedAndAudited(admin->decision, "AVG-32", "view.my_evaluations");
  auto monitor = MyEvaluations(app(), inst().Monitor());
  ASSERT_TRUE(monitor.ok());
  ExpectRefusedAndAudited(monitor->decision, "AVG-32", "view.my_evaluations");
}

TEST_F(ViewsTest, MyViewsOfAnUnknownAgentAreNotFound) {
  const Actor ghost = Installation::AgentActor("emp-does-not-exist");
  EXPECT_EQ(MyRecordings(app(), ghost).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(MyEvaluations(app(), ghost).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(MyRequests(app(), ghost).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(MyConsents(app(), ghost).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(MyLiveListens(app(), ghost).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(WhoMayMonitorMe(app(), ghost).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(WhatIsRecordedOfMe(app(), ghost).error().code, ErrorCode::kNotFound);
}

// KSF-3.8, KSF-2.1-view: a shared evaluation shows its content and the
// agent's view; a draft only its bare facts; another agent's none.
TEST_F(ViewsTest, KSF_3_8_MyEvaluationsShowDraftsWithoutContent) {
  domain::Recording coaching = CaptureOk(Agent(0), Purpose::kCoaching);
  domain::Recording quality = CaptureOk(Agent(0), Purpose::kQuality);
  auto shared = inst().Evaluate(Agent(0), Purpose::kCoaching, {coaching.id}, 4, true);
  ASSERT_TRUE(shared.ok()) << shared.error().ToString();
  auto draft = inst().Evaluate(Agent(0), Purpose::kQuality, {quality.id}, 3, false);
  ASSERT_TRUE(draft.ok()) << draft.error().ToString();
  ASSERT_TRUE(GiveAgentView(app(), AgentActor(0), shared->id, "Herkenbaar.")->allowed());

  auto mine = MyEvaluations(app(), AgentActor(0));
  ASSERT_TRUE(mine.ok() && mine->allowed());
  ASSERT_EQ(mine->value->size(), 2u);
  for (const auto& e : *mine->value) {
    if (e.id == shared->id) {
      EXPECT_TRUE(e.score.has_value());
      EXPECT_FALSE(e.answers.empty());
      EXPECT_EQ(e.agent_view, "Herkenbaar.");
    } else {
      EXPECT_EQ(e.id, draft->id);
      EXPECT_EQ(e.status, domain::EvaluationStatus::kDraft);
      EXPECT_EQ(e.monitor_id, inst().monitor_id());  // KSF-4.6: whom to replace
      EXPECT_FALSE(e.score.has_value());
      EXPECT_TRUE(e.answers.empty());
      EXPECT_TRUE(e.summary.empty());
    }
  }
  ExpectReadAudited(AgentActor(0), "view.my_evaluations", Agent(0));
  auto other = MyEvaluations(app(), AgentActor(1));
  ASSERT_TRUE(other.ok() && other->allowed());
  EXPECT_TRUE(other->value->empty());
}

// KSF-4.7: the agent's requests; not another agent's.
TEST_F(ViewsTest, KSF_4_7_MyRequestsListsOwnRequests) {
  auto asked = RequestExtraMoment(app(), AgentActor(0), "Ik wil laten zien dat ik beter ben.");
  ASSERT_TRUE(asked.ok() && asked->allowed());
  auto mine = MyRequests(app(), AgentActor(0));
  ASSERT_TRUE(mine.ok() && mine->allowed());
  ASSERT_EQ(mine->value->size(), 1u);
  EXPECT_EQ(mine->value->front().id, asked->value->id);
  ExpectReadAudited(AgentActor(0), "view.my_requests", Agent(0));
  auto other = MyRequests(app(), AgentActor(1));
  ASSERT_TRUE(other.ok() && other->allowed());
  EXPECT_TRUE(other->value->empty());
}

// KSF-4.9: the agent sees their consents; management sees the holds in force
// with the days left, not withdrawn ones; other roles are refused.
TEST_F(ViewsTest, KSF_4_9_ConsentsAndHolds) {
  domain::Recording kept = CaptureOk(Agent(0), Purpose::kCoaching);
  domain::Recording withdrawn = CaptureOk(Agent(0), Purpose::kQuality);
  auto hold = GiveHoldConsent(app(), AgentActor(0), kept.id, "Lopend geschil met een klant.",
                              app().Now() + Days(5), "mgr-test");
  ASSERT_TRUE(hold.ok() && hold->allowed()) << hold->decision.reason_en;
  auto second = GiveHoldConsent(app(), AgentActor(0), withdrawn.id, "Voorbeeld voor training.",
                                app().Now() + Days(5), "mgr-test");
  ASSERT_TRUE(second.ok() && second->allowed());
  ASSERT_TRUE(WithdrawConsent(app(), AgentActor(0), second->value->id)->allowed());

  auto mine = MyConsents(app(), AgentActor(0));
  ASSERT_TRUE(mine.ok() && mine->allowed());
  EXPECT_EQ(mine->value->size(), 2u);
  ExpectReadAudited(AgentActor(0), "view.my_consents", Agent(0));
  auto other = MyConsents(app(), AgentActor(1));
  ASSERT_TRUE(other.ok() && other->allowed());
  EXPECT_TRUE(other->value->empty());

  auto holds = Holds(app(), Installation::Manager());
  ASSERT_TRUE(holds.ok() && holds->allowed());
  ASSERT_EQ(holds->value->size(), 1u);
  const HoldItem& item = holds->value->front();
  EXPECT_EQ(item.consent.id, hold->value->id);
  EXPECT_EQ(item.recording.id, kept.id);
  EXPECT_EQ(item.agent_name, "Medewerker " + Number(0));
  EXPECT_EQ(item.days_left, 5);
  ExpectReadAudited(Installation::Manager(), "view.holds", "");
  for (const Actor& actor : {AgentActor(0), inst().Monitor(), Installation::PrivacyOfficer()}) {
    auto refused = Holds(app(), actor);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "AVG-32", "view.holds");
  }
  // Past hold_until the hold no longer keeps anything.
  inst().clock().Advance(Days(6));
  auto later = Holds(app(), Installation::Manager());
  ASSERT_TRUE(later.ok() && later->allowed());
  EXPECT_TRUE(later->value->empty());
}

// KSF-3.10: the complainant follows their complaint: term, overdue, appeal.
TEST_F(ViewsTest, KSF_3_10_MyComplaintsShowTermAndAppeal) {
  domain::Complaint filed = FileOk(AgentActor(0));
  FileOk(AgentActor(1));
  auto mine = MyComplaints(app(), AgentActor(0));
  ASSERT_TRUE(mine.ok() && mine->allowed());
  ASSERT_EQ(mine->value->size(), 1u);
  EXPECT_EQ(mine->value->front().complaint.id, filed.id);
  EXPECT_EQ(mine->value->front().days_left, 30);
  EXPECT_FALSE(mine->value->front().overdue);
  EXPECT_FALSE(mine->value->front().appealable);
  ExpectReadAudited(AgentActor(0), "view.my_complaints", Agent(0));
  inst().clock().Advance(Days(31));
  auto late = MyComplaints(app(), AgentActor(0));
  ASSERT_TRUE(late.ok() && late->allowed());
  EXPECT_LT(late->value->front().days_left, 0);
  EXPECT_TRUE(late->value->front().overdue);
  EXPECT_TRUE(late->value->front().appealable);
  // Anyone may file, so anyone may follow their own; a capture source not.
  auto manager = MyComplaints(app(), Installation::Manager());
  ASSERT_TRUE(manager.ok() && manager->allowed());
  EXPECT_TRUE(manager->value->empty());
  auto source = MyComplaints(app(), Installation::CaptureSource());
  ASSERT_TRUE(source.ok());
  ExpectRefusedAndAudited(source->decision, "AVG-32", "view.my_complaints");
}

// KSF-6.4, TRANSPARENCY-live: the agent sees who listened live — internal
// listeners by name, a client by the client's name only.
TEST_F(ViewsTest, KSF_6_4_MyLiveListensNameListenersOrTheClient) {
  auto internal =
      StartLiveListen(app(), inst().Monitor(), Agent(0), "6" + Number(0), Purpose::kCoaching);
  ASSERT_TRUE(internal.ok() && internal->allowed()) << internal->decision.reason_en;

  ASSERT_TRUE(inst().AddClientContract("acme", {"Noord"}, Purpose::kQuality, true).ok());
  domain::Authorisation a;
  a.monitor_id = Installation::Client("acme").id;
  a.client_id = "acme";
  a.purposes = {Purpose::kQuality};
  a.team_ids = {inst().teams().front().id};
  a.valid_from = app().Now();
  auto granted = GrantAuthorisation(app(), Installation::Manager(), a);
  ASSERT_TRUE(granted.ok() && granted->allowed()) << granted->decision.reason_en;
  ASSERT_TRUE(AcknowledgeConfidentiality(app(), Installation::Client("acme"), granted->value->id)
                  ->allowed());
  auto client = StartLiveListen(app(), Installation::Client("acme"), Agent(0), "6" + Number(0),
                                Purpose::kQuality);
  ASSERT_TRUE(client.ok() && client->allowed()) << client->decision.reason_en;
  ASSERT_TRUE(StopLiveListen(app(), Installation::Client("acme"), client->value->id)->allowed());

  auto mine = MyLiveListens(app(), AgentActor(0));
  ASSERT_TRUE(mine.ok() && mine->allowed());
  ASSERT_EQ(mine->value->size(), 2u);
  int seen = 0;
  for (const auto& item : *mine->value) {
    if (item.session.listener_role == Role::kClient) {
      EXPECT_TRUE(item.session.listener_id.empty());
      EXPECT_EQ(item.client_name, "Opdrachtgever acme");
      EXPECT_TRUE(item.listener_name.empty());
      EXPECT_FALSE(item.active);
      ++seen;
    } else {
      EXPECT_EQ(item.session.listener_id, inst().monitor_id());
      EXPECT_EQ(item.listener_name, "Kwaliteitsmedewerker");
      EXPECT_TRUE(item.active);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2);
  ExpectReadAudited(AgentActor(0), "view.my_live_listens", Agent(0));
  auto other = MyLiveListens(app(), AgentActor(1));
  ASSERT_TRUE(other.ok() && other->allowed());
  EXPECT_TRUE(other->value->empty());
}

// KSF-3.3 SHOW: the agent's list of monitors.
TEST_F(ViewsTest, KSF_3_3_WhoMayMonitorMeListsTheMonitor) {
  auto who = WhoMayMonitorMe(app(), AgentActor(0));
  ASSERT_TRUE(who.ok() && who->allowed());
  ASSERT_EQ(who->value->size(), 1u);
  EXPECT_EQ(who->value->front().monitor_id, inst().monitor_id());
  EXPECT_EQ(who->value->front().purposes.size(), 3u);
  ExpectReadAudited(AgentActor(0), "view.who_may_monitor_me", Agent(0));
}

// KSF-3.6, KSF-3.7 SHOW and KSF-4.7: frequencies, what is used this period and
// the extra moments left.
TEST_F(ViewsTest, KSF_4_7_WhatIsRecordedOfMeCountsPeriodAndExtraMoments) {
  CaptureOk(Agent(0), Purpose::kCoaching);
  CaptureOk(Agent(0), Purpose::kCoaching);
  CaptureOk(Agent(1), Purpose::kCoaching);
  ASSERT_TRUE(RequestExtraMoment(app(), AgentActor(0), "Extra kans.")->allowed());

  auto what = WhatIsRecordedOfMe(app(), AgentActor(0));
  ASSERT_TRUE(what.ok() && what->allowed());
  const RecordedOfMe& r = *what->value;
  EXPECT_TRUE(r.regulation_active);
  EXPECT_EQ(r.regulation_id, inst().regulation().id);
  EXPECT_TRUE(r.informed_at.has_value());
  ASSERT_EQ(r.purposes.size(), 3u);
  for (const auto& p : r.purposes) {
    EXPECT_EQ(p.quota, 30);
    EXPECT_EQ(p.period_days, 30);
    EXPECT_LE(p.period_start, app().Now());
    EXPECT_GT(p.period_end, app().Now());
    EXPECT_FALSE(p.legitimate_interest.empty());
    const std::int64_t expected = p.purpose == Purpose::kCoaching ? 2 : 0;
    EXPECT_EQ(p.recorded_in_period, expected) << domain::Name(p.purpose);
    EXPECT_EQ(p.left_in_period, 30 - expected);
  }
  EXPECT_EQ(r.extra_moments_allowed, 3);
  EXPECT_EQ(r.extra_moments_requested, 1);
  EXPECT_EQ(r.extra_moments_left, 2);
  ExpectReadAudited(AgentActor(0), "view.what_is_recorded_of_me", Agent(0));
}

// ---------------------------------------------------------------------------
// Monitor

// KSF-4.4: the queue by deadline with days left; due soon and overdue marked.
TEST_F(ViewsTest, KSF_4_4_MonitorQueueByDeadlineWithDaysLeft) {
  domain::Recording first = CaptureOk(Agent(0), Purpose::kCoaching);
  // Over the weekend: the second deadline is working days later.
  inst().clock().Advance(Days(3));
  domain::Recording second = CaptureOk(Agent(1), Purpose::kQuality);
  auto queue = MonitorQueue(app(), inst().Monitor());
  ASSERT_TRUE(queue.ok() && queue->allowed());
  ASSERT_EQ(queue->value->size(), 2u);
  const QueueItem& head = queue->value->front();
  EXPECT_EQ(head.recording.id, first.id);
  EXPECT_EQ(queue->value->back().recording.id, second.id);
  EXPECT_LT(first.evaluate_by, second.evaluate_by);
  EXPECT_EQ(head.agent_name, "Medewerker " + Number(0));
  EXPECT_EQ(head.team_id, inst().teams().front().id);
  EXPECT_EQ(head.deadline, first.evaluate_by);
  EXPECT_EQ(head.days_left, DaysLeft(first.evaluate_by, app().Now()));
  EXPECT_GT(head.days_left, kDueSoonDays);
  EXPECT_FALSE(head.due_soon);
  EXPECT_FALSE(head.overdue);
  auto last = LastAudit();
  EXPECT_EQ(last.entry.action, "view.monitor_queue");
  EXPECT_NE(last.entry.detail.find(first.id), std::string::npos);

  // Two days before the deadline: due soon; after it: overdue.
  inst().clock().Set(first.evaluate_by - Days(2));
  auto soon = MonitorQueue(app(), inst().Monitor());
  ASSERT_TRUE(soon.ok() && soon->allowed());
  EXPECT_TRUE(soon->value->front().due_soon);
  inst().clock().Set(first.evaluate_by + kHourMs);
  auto late = MonitorQueue(app(), inst().Monitor());
  ASSERT_TRUE(late.ok() && late->allowed());
  EXPECT_TRUE(late->value->front().overdue);
  EXPECT_EQ(late->value->front().days_left, -1);

  // Evaluated recordings leave the queue.
  ASSERT_TRUE(inst().Evaluate(Agent(1), Purpose::kQuality, {second.id}).ok());
  auto after = MonitorQueue(app(), inst().Monitor(), 1);
  ASSERT_TRUE(after.ok() && after->allowed());
  ASSERT_EQ(after->value->size(), 1u);
  EXPECT_EQ(after->value->front().recording.id, first.id);
}

// KSF-3.3: only an authorisation in force, confidentiality acknowledged,
// fills a queue; agents (KSF-3.3), clients (KSF-6.5) and administrators
// (AVG-32) have none.
TEST_F(ViewsTest, KSF_3_3_MonitorQueueNeedsAnAcknowledgedAuthorisation) {
  CaptureOk(Agent(0), Purpose::kCoaching);
  auto none = MonitorQueue(app(), LeadAsMonitor());
  ASSERT_TRUE(none.ok() && none->allowed());
  EXPECT_TRUE(none->value->empty());
  domain::Authorisation a;
  a.monitor_id = Lead();
  a.purposes = {Purpose::kCoaching};
  a.team_ids = {inst().teams().front().id};
  a.valid_from = app().Now();
  auto granted = GrantAuthorisation(app(), Installation::Manager(), a);
  ASSERT_TRUE(granted.ok() && granted->allowed());
  auto unacknowledged = MonitorQueue(app(), LeadAsMonitor());
  ASSERT_TRUE(unacknowledged.ok() && unacknowledged->allowed());
  EXPECT_TRUE(unacknowledged->value->empty());
  ASSERT_TRUE(AcknowledgeConfidentiality(app(), LeadAsMonitor(), granted->value->id)->allowed());
  auto acknowledged = MonitorQueue(app(), LeadAsMonitor());
  ASSERT_TRUE(acknowledged.ok() && acknowledged->allowed());
  EXPECT_EQ(acknowledged->value->size(), 1u);

  struct Case {
    Actor actor;
    std::string rule;
  } cases[] = {{AgentActor(0), "KSF-3.3"},
               {Installation::Client("c1"), "KSF-6.5"},
               {Installation::Admin(), "AVG-32"},
               {Installation::WorksCouncil(), "AVG-32"}};
  for (const auto& c : cases) {
    auto refused = MonitorQueue(app(), c.actor);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, c.rule, "view.monitor_queue");
    auto evaluations = MyEvaluationsAsMonitor(app(), c.actor);
    ASSERT_TRUE(evaluations.ok());
    ExpectRefusedAndAudited(evaluations->decision, c.rule, "view.monitor_evaluations");
  }
  EXPECT_EQ(MonitorQueue(app(), inst().Monitor(), 0).error().code, ErrorCode::kInvalidInput);
}

TEST_F(ViewsTest, MyEvaluationsAsMonitorFiltersByStatus) {
  domain::Recording coaching = CaptureOk(Agent(0), Purpose::kCoaching);
  domain::Recording quality = CaptureOk(Agent(1), Purpose::kQuality);
  ASSERT_TRUE(inst().Evaluate(Agent(0), Purpose::kCoaching, {coaching.id}, 4, true).ok());
  ASSERT_TRUE(inst().Evaluate(Agent(1), Purpose::kQuality, {quality.id}, 4, false).ok());
  auto all = MyEvaluationsAsMonitor(app(), inst().Monitor());
  ASSERT_TRUE(all.ok() && all->allowed());
  EXPECT_EQ(all->value->size(), 2u);
  auto drafts = MyEvaluationsAsMonitor(app(), inst().Monitor(), domain::EvaluationStatus::kDraft);
  ASSERT_TRUE(drafts.ok() && drafts->allowed());
  ASSERT_EQ(drafts->value->size(), 1u);
  EXPECT_EQ(drafts->value->front().agent_id, Agent(1));
  ExpectReadAudited(inst().Monitor(), "view.monitor_evaluations", "");
  auto lead = MyEvaluationsAsMonitor(app(), LeadAsMonitor());
  ASSERT_TRUE(lead.ok() && lead->allowed());
  EXPECT_TRUE(lead->value->empty());
}

// KSF-3.3, KSF-4.8, AVG-32: a recording's metadata for whoever may listen.
TEST_F(ViewsTest, KSF_3_3_RecordingInfoIsDecidedLikeListening) {
  domain::Recording r = CaptureOk(Agent(0), Purpose::kQuality);
  auto monitor = RecordingInfo(app(), inst().Monitor(), r.id);
  ASSERT_TRUE(monitor.ok() && monitor->allowed());
  EXPECT_EQ(monitor->value->recording.id, r.id);
  EXPECT_EQ(monitor->value->agent_name, "Medewerker " + Number(0));
  ASSERT_TRUE(monitor->value->days_left.has_value());
  EXPECT_EQ(*monitor->value->days_left, DaysLeft(r.evaluate_by, app().Now()));
  EXPECT_TRUE(monitor->value->paused.empty());
  ExpectReadAudited(inst().Monitor(), "recording.info", Agent(0));
  // KSF-4.8: the agent of the recording.
  auto own = RecordingInfo(app(), AgentActor(0), r.id);
  ASSERT_TRUE(own.ok() && own->allowed());

  struct Case {
    Actor actor;
    std::string rule;
  } cases[] = {{LeadAsMonitor(), "KSF-3.3"},
               {AgentActor(1), "KSF-3.3"},
               {Installation::Admin(), "AVG-32"},
               {Installation::CaptureSource(), "AVG-32"}};
  for (const auto& c : cases) {
    auto refused = RecordingInfo(app(), c.actor, r.id);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, c.rule, "recording.info");
    EXPECT_EQ(LastAudit().entry.subject_agent_id, Agent(0));
  }
  EXPECT_EQ(RecordingInfo(app(), inst().Monitor(), "rec-unknown").error().code,
            ErrorCode::kNotFound);

  // Metadata outlives content: destroyed, still described, no days left.
  ASSERT_TRUE(RecordCaptureEvent(app(), Installation::CaptureSource(), r.id,
                                 CaptureEventKind::kDoNotRecord, app().Now(), "")
                  ->allowed());
  auto destroyed = RecordingInfo(app(), AgentActor(0), r.id);
  ASSERT_TRUE(destroyed.ok() && destroyed->allowed());
  EXPECT_TRUE(destroyed->value->recording.destroyed_at.has_value());
  EXPECT_FALSE(destroyed->value->days_left.has_value());
}

// ---------------------------------------------------------------------------
// Manager

// KSF-3.3: management sees every authorisation, acknowledged or not.
TEST_F(ViewsTest, KSF_3_3_AuthorisationsShowAcknowledgement) {
  domain::Authorisation a;
  a.monitor_id = Lead();
  a.purposes = {Purpose::kCoaching};
  a.agent_ids = {Agent(0)};
  a.valid_from = app().Now();
  auto granted = GrantAuthorisation(app(), Installation::Manager(), a);
  ASSERT_TRUE(granted.ok() && granted->allowed());
  auto list = Authorisations(app(), Installation::Manager());
  ASSERT_TRUE(list.ok() && list->allowed());
  ASSERT_EQ(list->value->size(), 2u);
  for (const auto& item : *list->value) {
    if (item.authorisation.id == granted->value->id) {
      EXPECT_FALSE(item.acknowledged);
      EXPECT_FALSE(item.active);
      EXPECT_EQ(item.monitor_name, "Teamleider Noord");
    } else {
      EXPECT_EQ(item.authorisation.id, inst().monitor_authorisation_id());
      EXPECT_TRUE(item.acknowledged);
      EXPECT_TRUE(item.active);
      EXPECT_EQ(item.monitor_name, "Kwaliteitsmedewerker");
    }
  }
  ExpectReadAudited(Installation::Manager(), "view.authorisations", "");
  for (const Actor& actor : {AgentActor(0), inst().Monitor(), Installation::Admin()}) {
    auto refused = Authorisations(app(), actor);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "AVG-32", "view.authorisations");
  }
}

// KSF-3.10: management sees every complaint with its term.
TEST_F(ViewsTest, KSF_3_10_ComplaintsForManagement) {
  FileOk(AgentActor(0));
  FileOk(AgentActor(1));
  auto list = Complaints(app(), Installation::Manager());
  ASSERT_TRUE(list.ok() && list->allowed());
  ASSERT_EQ(list->value->size(), 2u);
  EXPECT_EQ(list->value->front().days_left, 30);
  ExpectReadAudited(Installation::Manager(), "view.complaints", "");
  for (const Actor& actor : {AgentActor(0), Installation::WorksCouncil(), inst().Monitor()}) {
    auto refused = Complaints(app(), actor);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "KSF-3.10", "view.complaints");
  }
}

// KSF-4.6, KSF-4.7: requests still open, with the agent's name.
TEST_F(ViewsTest, OpenAgentRequestsForManagement) {
  domain::AgentRequest open;
  open.id = "req-open";
  open.agent_id = Agent(0);
  open.kind = domain::RequestKind::kAccess;
  open.created_at = app().Now();
  open.reason = "Inzage";
  {
    auto conn = app().Writer();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(store::PutAgentRequest(**conn, open).ok());
  }
  // A granted one is not open.
  ASSERT_TRUE(RequestExtraMoment(app(), AgentActor(1), "Extra kans.")->allowed());
  auto list = OpenAgentRequests(app(), Installation::Manager());
  ASSERT_TRUE(list.ok() && list->allowed());
  ASSERT_EQ(list->value->size(), 1u);
  EXPECT_EQ(list->value->front().request.id, "req-open");
  EXPECT_EQ(list->value->front().agent_name, "Medewerker " + Number(0));
  ExpectReadAudited(Installation::Manager(), "view.open_requests", "");
  auto refused = OpenAgentRequests(app(), inst().Monitor());
  ASSERT_TRUE(refused.ok());
  ExpectRefusedAndAudited(refused->decision, "AVG-32", "view.open_requests");
}

// KSF-3.11, KSF-3.12, KSF-4.2: management sees every version, drafts
// included; the works council sees what awaits its consent.
TEST_F(ViewsTest, KSF_3_11_RegulationsForManagementAndWorksCouncil) {
  auto waiting = RegulationsAwaitingConsent(app(), Installation::WorksCouncil());
  ASSERT_TRUE(waiting.ok() && waiting->allowed());
  EXPECT_TRUE(waiting->value->empty());

  auto draft = ImportRegulation(app(), Installation::Manager(), inst().regulation());
  ASSERT_TRUE(draft.ok() && draft->allowed());
  auto list = RegulationsAndForms(app(), Installation::Manager());
  ASSERT_TRUE(list.ok() && list->allowed());
  ASSERT_EQ(list->value->regulations.size(), 2u);
  EXPECT_EQ(list->value->regulations.back().status, domain::RegulationStatus::kDraft);
  EXPECT_EQ(list->value->forms.size(), 3u);
  ExpectReadAudited(Installation::Manager(), "view.regulations", "");

  ASSERT_TRUE(SubmitRegulation(app(), Installation::Manager(), draft->value->id)->allowed());
  auto submitted = RegulationsAwaitingConsent(app(), Installation::WorksCouncil());
  ASSERT_TRUE(submitted.ok() && submitted->allowed());
  ASSERT_EQ(submitted->value->size(), 1u);
  EXPECT_EQ(submitted->value->front().id, draft->value->id);
  ExpectReadAudited(Installation::WorksCouncil(), "view.regulations_awaiting_consent", "");

  for (const Actor& actor : {Installation::WorksCouncil(), AgentActor(0), Installation::Admin()}) {
    auto refused = RegulationsAndForms(app(), actor);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "AVG-32", "view.regulations");
  }
  for (const Actor& actor : {Installation::Manager(), AgentActor(0)}) {
    auto refused = RegulationsAwaitingConsent(app(), actor);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "AVG-32", "view.regulations_awaiting_consent");
  }
}

// ---------------------------------------------------------------------------
// Works council

// KSF-3.10: an appeal waits for the works council until it decides.
TEST_F(ViewsTest, KSF_3_10_AppealsUntilDecided) {
  domain::Complaint c = FileOk(AgentActor(0));
  FileOk(AgentActor(1));
  inst().clock().Advance(Days(31));
  ASSERT_TRUE(AppealComplaint(app(), AgentActor(0), c.id)->allowed());
  auto appeals = Appeals(app(), Installation::WorksCouncil());
  ASSERT_TRUE(appeals.ok() && appeals->allowed());
  ASSERT_EQ(appeals->value->size(), 1u);
  EXPECT_EQ(appeals->value->front().complaint.id, c.id);
  EXPECT_TRUE(appeals->value->front().overdue);
  ExpectReadAudited(Installation::WorksCouncil(), "view.appeals", "");
  ASSERT_TRUE(DecideAppeal(app(), Installation::WorksCouncil(), c.id, "Gegrond.")->allowed());
  auto decided = Appeals(app(), Installation::WorksCouncil());
  ASSERT_TRUE(decided.ok() && decided->allowed());
  EXPECT_TRUE(decided->value->empty());
  for (const Actor& actor : {Installation::Manager(), AgentActor(0)}) {
    auto refused = Appeals(app(), actor);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "KSF-3.10", "view.appeals");
  }
}

// ---------------------------------------------------------------------------
// Privacy officer

// AVG-12: the privacy officer's list with deadlines and days left.
TEST_F(ViewsTest, AVG_12_DataSubjectRequestsWithDeadlines) {
  const Actor officer = Installation::PrivacyOfficer();
  auto first = OpenDataSubjectRequest(app(), officer, domain::DataSubjectKind::kAgent, Agent(0),
                                      domain::DataSubjectRequestKind::kAccess, app().Now());
  ASSERT_TRUE(first.ok() && first->allowed());
  auto second = OpenDataSubjectRequest(app(), officer, domain::DataSubjectKind::kAgent, Agent(1),
                                       domain::DataSubjectRequestKind::kErasure, app().Now());
  ASSERT_TRUE(second.ok() && second->allowed());
  ASSERT_TRUE(AnswerDataSubjectRequest(app(), officer, second->value->id, "Gedaan.")->allowed());

  auto open = DataSubjectRequests(app(), officer);
  ASSERT_TRUE(open.ok() && open->allowed());
  ASSERT_EQ(open->value->size(), 1u);
  const DataSubjectRequestItem& item = open->value->front();
  EXPECT_EQ(item.request.id, first->value->id);
  EXPECT_EQ(item.days_left, DaysLeft(first->value->due_at, app().Now()));
  EXPECT_GE(item.days_left, 27);
  EXPECT_FALSE(item.overdue);
  ExpectReadAudited(officer, "view.data_subject_requests", "");
  auto all = DataSubjectRequests(app(), officer, false);
  ASSERT_TRUE(all.ok() && all->allowed());
  EXPECT_EQ(all->value->size(), 2u);
  inst().clock().Advance(Days(40));
  auto late = DataSubjectRequests(app(), officer);
  ASSERT_TRUE(late.ok() && late->allowed());
  EXPECT_TRUE(late->value->front().overdue);
  EXPECT_LT(late->value->front().days_left, 0);
  for (const Actor& actor : {Installation::Manager(), AgentActor(0), Installation::Admin()}) {
    auto refused = DataSubjectRequests(app(), actor);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "AVG-32", "view.data_subject_requests");
  }
}

// AVG-5-accountability: the privacy officer searches the log; the search is
// itself on record, under the agent it concerned.
TEST_F(ViewsTest, AVG_5_SearchAuditFiltersAndIsRecorded) {
  domain::Recording r = CaptureOk(Agent(0), Purpose::kQuality);
  ASSERT_TRUE(RecordingInfo(app(), inst().Monitor(), r.id)->allowed());
  CaptureOk(Agent(1), Purpose::kQuality);
  audit::Filter filter;
  filter.subject_agent_id = Agent(0);
  filter.limit = 50;
  auto found = SearchAudit(app(), Installation::PrivacyOfficer(), filter);
  ASSERT_TRUE(found.ok() && found->allowed());
  ASSERT_FALSE(found->value->empty());
  for (const auto& e : *found->value) EXPECT_EQ(e.entry.subject_agent_id, Agent(0));
  auto last = LastAudit();
  EXPECT_EQ(last.entry.action, "audit.search");
  EXPECT_EQ(last.entry.subject_agent_id, Agent(0));
  EXPECT_NE(last.entry.detail.find("\"count\""), std::string::npos);

  audit::Filter by_actor;
  by_actor.actor_id = inst().Monitor().id;
  by_actor.action = "recording.info";
  by_actor.from = app().Now() - kHourMs;
  by_actor.to = app().Now() + kHourMs;
  auto monitor_reads = SearchAudit(app(), Installation::PrivacyOfficer(), by_actor);
  ASSERT_TRUE(monitor_reads.ok() && monitor_reads->allowed());
  ASSERT_EQ(monitor_reads->value->size(), 1u);
  EXPECT_EQ(monitor_reads->value->front().entry.subject_id, r.id);
  EXPECT_TRUE(SearchAudit(app(), Actor::System(), by_actor)->allowed());

  for (const Actor& actor : {Installation::Manager(), AgentActor(0), Installation::Admin()}) {
    auto refused = SearchAudit(app(), actor, filter);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "AVG-32", "audit.search");
  }
  filter.limit = 0;
  EXPECT_EQ(SearchAudit(app(), Installation::PrivacyOfficer(), filter).error().code,
            ErrorCode::kInvalidInput);
}

// ---------------------------------------------------------------------------
// Client

// KSF-6.2, KSF-6.3: a client sees its own contracts only.
TEST_F(ViewsTest, KSF_6_3_MyClientContractsOnlyOwn) {
  auto acme = inst().AddClientContract("acme", {"Noord"}, Purpose::kQuality);
  ASSERT_TRUE(acme.ok());
  ASSERT_TRUE(inst().AddClientContract("other", {"Zuid"}, Purpose::kQuality).ok());
  auto mine = MyClientContracts(app(), Installation::Client("acme"));
  ASSERT_TRUE(mine.ok() && mine->allowed());
  ASSERT_EQ(mine->value->size(), 1u);
  EXPECT_EQ(mine->value->front().id, acme->id);
  ExpectReadAudited(Installation::Client("acme"), "view.client_contracts", "");
  for (const Actor& actor :
       {Installation::Manager(), AgentActor(0), Actor{"user-x", Role::kClient, ""}}) {
    auto refused = MyClientContracts(app(), actor);
    ASSERT_TRUE(refused.ok());
    ExpectRefusedAndAudited(refused->decision, "AVG-32", "view.client_contracts");
  }
}

// KSF-4.4, AVG-12: whole days left, rounded down; negative once passed.
TEST(DaysLeftTest, RoundsDownAndGoesNegative) {
  const TimeMs now = testing::kFixtureStart;
  struct Case {
    TimeMs deadline;
    std::int64_t days;
  } cases[] = {{now, 0},
               {now + kHourMs, 0},
               {now + Days(1), 1},
               {now + Days(1) + kHourMs, 1},
               {now + Days(10) - 1, 9},
               {now - 1, -1},
               {now - Days(1), -1},
               {now - Days(1) - 1, -2}};
  for (const auto& c : cases) EXPECT_EQ(DaysLeft(c.deadline, now), c.days) << c.deadline - now;
}

}  // namespace
}  // namespace fairqm::service
