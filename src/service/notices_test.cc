// Tests of service/notices: the hub on its own (sequence, delivery, replay,
// overflow, wakers, threads) and the notices the service publishes
// (TRANSPARENCY-live, KSF-6.4) on a real installation.
#include "service/notices.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "service/agent_requests.h"
#include "service/testing.h"
#include "store/authorisations.h"

namespace fairqm::service {
namespace {

using domain::Purpose;
using domain::Role;
using testing::Installation;
using testing::ServiceTest;

Notice To(const std::string& recipient, const std::string& subject = "s") {
  Notice n;
  n.recipient_id = recipient;
  n.kind = NoticeKind::kReminder;
  n.subject_id = subject;
  n.text_nl = "tekst";
  n.text_en = "text";
  return n;
}

// --- the hub

TEST(NoticeKindTest, NamesRoundTrip) {
  for (NoticeKind kind : {NoticeKind::kRecordingStarted, NoticeKind::kLiveListenStarted,
                          NoticeKind::kLiveListenStopped, NoticeKind::kReminder}) {
    EXPECT_EQ(ParseNoticeKind(NoticeKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseNoticeKind("recording").has_value());
}

TEST(NoticeHubTest, SequenceStartsAtFirstSeqAndRises) {
  NoticeHub::Options options;
  options.first_seq = 5000;
  NoticeHub hub(options);
  EXPECT_EQ(hub.last_seq(), 4999);
  EXPECT_EQ(hub.Publish(To("a")), 5000);
  EXPECT_EQ(hub.Publish(To("b")), 5001);
  EXPECT_EQ(hub.last_seq(), 5001);
}

TEST(NoticeHubTest, DeliversOnlyToTheRecipientAfterSubscribing) {
  NoticeHub hub;
  hub.Publish(To("agent-1", "before"));
  auto mine = hub.Subscribe("agent-1");
  auto other = hub.Subscribe("agent-2");
  hub.Publish(To("agent-1", "x"));
  hub.Publish(To("agent-3", "y"));
  hub.Publish(To("agent-1", "z"));
  auto taken = mine->Take();
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].subject_id, "x");
  EXPECT_EQ(taken[1].subject_id, "z");
  EXPECT_LT(taken[0].seq, taken[1].seq);
  EXPECT_TRUE(mine->Take().empty()) << "Take hands over each notice once";
  EXPECT_TRUE(other->Take().empty());
  EXPECT_EQ(mine->recipient_id(), "agent-1");
}

TEST(NoticeHubTest, SeveralSubscriptionsOfOneRecipientEachGetEveryNotice) {
  NoticeHub hub;
  auto tab1 = hub.Subscribe("agent-1");
  auto tab2 = hub.Subscribe("agent-1");
  hub.Publish(To("agent-1"));
  EXPECT_EQ(tab1->Take().size(), 1u);
  EXPECT_EQ(tab2->Take().size(), 1u);
}

TEST(NoticeHubTest, DroppingTheSubscriptionUnsubscribes) {
  NoticeHub hub;
  auto kept = hub.Subscribe("agent-1");
  {
    auto dropped = hub.Subscribe("agent-1");
    EXPECT_EQ(hub.subscription_count(), 2u);
  }
  EXPECT_EQ(hub.subscription_count(), 1u);
  hub.Publish(To("agent-1"));  // prunes the dead one
  EXPECT_EQ(kept->Take().size(), 1u);
  kept.reset();
  EXPECT_EQ(hub.subscription_count(), 0u);
  hub.Publish(To("agent-1"));  // nobody listening: kept for replay only
  EXPECT_EQ(hub.Since("agent-1", 0).size(), 2u);
}

TEST(NoticeHubTest, ReplayKeepsTheLastHundredPerRecipient) {
  NoticeHub hub;
  std::vector<std::int64_t> seqs;
  for (int idx = 0; idx < 130; ++idx) {
    seqs.push_back(hub.Publish(To("agent-1", std::to_string(idx))));
    hub.Publish(To("agent-2"));
  }
  auto all = hub.Since("agent-1", 0);
  ASSERT_EQ(all.size(), 100u);
  EXPECT_EQ(all.front().subject_id, "30");
  EXPECT_EQ(all.back().subject_id, "129");
  // SSE Last-Event-ID: only what came after it.
  auto after = hub.Since("agent-1", seqs[125]);
  ASSERT_EQ(after.size(), 4u);
  EXPECT_EQ(after.front().seq, seqs[126]);
  EXPECT_TRUE(hub.Since("agent-1", seqs.back()).empty());
  EXPECT_TRUE(hub.Since("nobody", 0).empty());
}

TEST(NoticeHubTest, ALastSeqNeverIssuedReplaysEverythingKept) {
  // A Last-Event-ID from another installation (or a forged one) must not
  // silence the feed until the counter catches up.
  NoticeHub hub;
  hub.Publish(To("agent-1"));
  hub.Publish(To("agent-1"));
  EXPECT_EQ(hub.Since("agent-1", 1'000'000).size(), 2u);
}

TEST(NoticeHubTest, SubscribeSinceReplaysTheMissedThenDeliversLive) {
  NoticeHub hub;
  const std::int64_t seen = hub.Publish(To("agent-1", "seen"));
  hub.Publish(To("agent-1", "missed-1"));
  hub.Publish(To("agent-1", "missed-2"));
  auto sub = hub.SubscribeSince("agent-1", seen);
  hub.Publish(To("agent-1", "live"));
  auto taken = sub->Take();
  ASSERT_EQ(taken.size(), 3u);
  EXPECT_EQ(taken[0].subject_id, "missed-1");
  EXPECT_EQ(taken[1].subject_id, "missed-2");
  EXPECT_EQ(taken[2].subject_id, "live");
}

TEST(NoticeHubTest, AFullQueueDropsTheOldestAndSaysSoOnce) {
  NoticeHub::Options options;
  options.queue_per_subscription = 3;
  NoticeHub hub(options);
  auto sub = hub.Subscribe("agent-1");
  EXPECT_FALSE(sub->TakeOverflow());
  for (int idx = 0; idx < 5; ++idx) hub.Publish(To("agent-1", std::to_string(idx)));
  auto taken = sub->Take();
  ASSERT_EQ(taken.size(), 3u);
  EXPECT_EQ(taken[0].subject_id, "2");
  EXPECT_EQ(taken[2].subject_id, "4");
  EXPECT_TRUE(sub->TakeOverflow());
  EXPECT_FALSE(sub->TakeOverflow());
  hub.Publish(To("agent-1"));
  EXPECT_EQ(sub->Take().size(), 1u);
  EXPECT_FALSE(sub->TakeOverflow());
}

TEST(NoticeHubTest, ZeroReplayKeepsNothingForLater) {
  NoticeHub::Options options;
  options.replay_per_recipient = 0;
  NoticeHub hub(options);
  auto sub = hub.Subscribe("agent-1");
  hub.Publish(To("agent-1"));
  EXPECT_EQ(sub->Take().size(), 1u);
  EXPECT_TRUE(hub.Since("agent-1", 0).empty());
}

TEST(NoticeHubTest, WakerRunsOutsideTheHubLock) {
  NoticeHub hub;
  auto sub = hub.Subscribe("agent-1");
  int wakes = 0;
  std::vector<Notice> seen_in_waker;
  sub->SetWaker([&] {
    ++wakes;
    // Taking, publishing and reading the hub from the waker must not
    // deadlock: the hub calls it with no lock held.
    auto taken = sub->Take();
    seen_in_waker.insert(seen_in_waker.end(), taken.begin(), taken.end());
    EXPECT_GE(hub.last_seq(), 1);
    hub.Publish(To("agent-2"));
  });
  hub.Publish(To("agent-1", "x"));
  EXPECT_EQ(wakes, 1);
  ASSERT_EQ(seen_in_waker.size(), 1u);
  EXPECT_EQ(seen_in_waker[0].subject_id, "x");
  hub.Publish(To("agent-3"));
  EXPECT_EQ(wakes, 1) << "only the recipient's subscriptions are woken";
}

TEST(NoticeHubTest, SettingAWakerWhileNoticesWaitCallsItAtOnce) {
  // An SSE stream subscribes, then sets its waker: a notice in between must
  // not sit unseen until the next one.
  NoticeHub hub;
  auto sub = hub.Subscribe("agent-1");
  hub.Publish(To("agent-1"));
  int wakes = 0;
  sub->SetWaker([&] { ++wakes; });
  EXPECT_EQ(wakes, 1);
  auto empty_sub = hub.Subscribe("agent-2");
  empty_sub->SetWaker([&] { ++wakes; });
  EXPECT_EQ(wakes, 1);
  sub->SetWaker({});
  hub.Publish(To("agent-1"));
  EXPECT_EQ(wakes, 1) << "an empty waker removes it";
  EXPECT_EQ(sub->Take().size(), 2u);
}

TEST(NoticeHubTest, ManyThreadsPublishAndTakeWithoutLossOrDisorder) {
  NoticeHub::Options options;
  options.queue_per_subscription = 1'000'000;  // no overflow: every notice must arrive
  NoticeHub hub(options);
  constexpr int kPublishers = 4;
  constexpr int kPerPublisher = 2000;
  const std::vector<std::string> recipients = {"agent-0", "agent-1", "agent-2"};
  std::map<std::string, std::shared_ptr<Subscription>> subs;
  std::map<std::string, std::vector<Notice>> received;
  std::atomic<int> wakes{0};
  for (const auto& r : recipients) {
    received[r];  // created before the threads start: they only touch their own entry
    subs[r] = hub.Subscribe(r);
    subs[r]->SetWaker([&wakes] { wakes.fetch_add(1, std::memory_order_relaxed); });
  }
  std::atomic<bool> done{false};
  std::vector<std::thread> takers;
  for (const auto& r : recipients) {
    takers.emplace_back([&, r] {
      std::vector<Notice>& mine = received.at(r);
      Subscription& sub = *subs.at(r);
      while (true) {
        const bool finished = done.load();
        auto taken = sub.Take();
        mine.insert(mine.end(), taken.begin(), taken.end());
        if (finished && taken.empty()) break;
        std::this_thread::yield();
      }
    });
  }
  // A thread that keeps subscribing and dropping subscriptions meanwhile.
  std::thread churn([&] {
    while (!done.load()) {
      auto transient = hub.SubscribeSince("agent-1", hub.last_seq() - 10);
      transient->Take();
      (void)hub.subscription_count();
    }
  });
  std::vector<std::thread> publishers;
  for (int p = 0; p < kPublishers; ++p) {
    publishers.emplace_back([&, p] {
      for (int idx = 0; idx < kPerPublisher; ++idx) {
        hub.Publish(
            To(recipients[static_cast<std::size_t>(idx) % recipients.size()], std::to_string(p)));
      }
    });
  }
  for (auto& t : publishers) t.join();
  done.store(true);
  for (auto& t : takers) t.join();
  churn.join();

  std::size_t total = 0;
  for (const auto& r : recipients) {
    const auto& got = received.at(r);
    total += got.size();
    for (std::size_t idx = 1; idx < got.size(); ++idx) {
      ASSERT_LT(got[idx - 1].seq, got[idx].seq) << "notices of " << r << " out of order";
    }
    for (const auto& n : got) ASSERT_EQ(n.recipient_id, r);
    EXPECT_FALSE(subs[r]->TakeOverflow());
  }
  EXPECT_EQ(total, static_cast<std::size_t>(kPublishers * kPerPublisher));
  EXPECT_EQ(hub.last_seq(), kPublishers * kPerPublisher);
  EXPECT_GE(wakes.load(), 1);
  for (const auto& r : recipients) EXPECT_EQ(hub.Since(r, 0).size(), 100u);
}

TEST(NoticeTextTest, AClientListenerIsShownByRoleOnly) {
  // TRANSPARENCY-live, KSF-6.4
  domain::LiveListenSession s;
  s.id = "live-1";
  s.agent_id = "agent-1";
  s.listener_role = Role::kClient;
  s.purpose = Purpose::kQuality;
  Notice n = LiveListenNotice(true, s, "Jansen van de Opdrachtgever", 1);
  EXPECT_EQ(n.recipient_id, "agent-1");
  EXPECT_EQ(n.kind, NoticeKind::kLiveListenStarted);
  EXPECT_EQ(n.who_role, Role::kClient);
  EXPECT_TRUE(n.who_name.empty());
  EXPECT_EQ(n.text_nl.find("Jansen"), std::string::npos);
  EXPECT_EQ(n.text_en.find("Jansen"), std::string::npos);
  EXPECT_NE(n.text_nl.find("opdrachtgever"), std::string::npos) << n.text_nl;
  EXPECT_NE(n.text_en.find("client"), std::string::npos) << n.text_en;

  s.listener_role = Role::kMonitor;
  Notice m = LiveListenNotice(false, s, "Jansen", 2);
  EXPECT_EQ(m.kind, NoticeKind::kLiveListenStopped);
  EXPECT_EQ(m.who_name, "Jansen");
  EXPECT_NE(m.text_nl.find("Jansen (een monitor)"), std::string::npos) << m.text_nl;
}

// --- the service publishes

class NoticesServiceTest : public ServiceTest {
 protected:
  const std::string& Agent(std::size_t idx = 0) { return inst().teams()[0].agent_ids.at(idx); }
  std::string Line(std::size_t idx = 0) { return "6" + inst().teams()[0].agent_numbers.at(idx); }
};

TEST_F(NoticesServiceTest, TheAgentSeesTheirContactIsRecorded) {
  // TRANSPARENCY-live
  auto mine = inst().app().notices().Subscribe(Agent(0));
  auto colleague = inst().app().notices().Subscribe(Agent(1));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto recording, inst().Capture(Agent(0), Purpose::kCoaching));
  auto taken = mine->Take();
  ASSERT_EQ(taken.size(), 1u);
  const Notice& n = taken[0];
  EXPECT_EQ(n.kind, NoticeKind::kRecordingStarted);
  EXPECT_EQ(n.recipient_id, Agent(0));
  EXPECT_EQ(n.subject_id, recording.id);
  EXPECT_EQ(n.purpose, Purpose::kCoaching);
  EXPECT_EQ(n.who_role, Role::kCaptureSource);
  EXPECT_EQ(n.at, recording.created_at);
  EXPECT_NE(n.text_nl.find("coaching"), std::string::npos) << n.text_nl;
  EXPECT_TRUE(colleague->Take().empty());
}

TEST_F(NoticesServiceTest, ARefusedCaptureAnnouncesNothing) {
  // TRANSPARENCY-live: a notice only for what happens. A private line
  // (KSF-3.9) is refused, so no notice.
  auto mine = inst().app().notices().Subscribe(Agent(0));
  capture::ContactMetadata m;
  m.agent = Agent(0);
  m.channel = domain::Channel::kVoice;
  m.purpose = Purpose::kCoaching;
  m.announced = true;
  m.line = "0000-unknown";
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto decided,
                              DecideCapture(inst().app(), Installation::CaptureSource(), m));
  EXPECT_FALSE(decided.allowed());
  // An agent is no capture source.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto by_agent,
                              DecideCapture(inst().app(), Installation::AgentActor(Agent(0)), m));
  EXPECT_FALSE(by_agent.allowed());
  EXPECT_TRUE(mine->Take().empty());
  EXPECT_TRUE(inst().app().notices().Since(Agent(0), 0).empty());
}

TEST_F(NoticesServiceTest, TheAgentSeesAMonitorListenInAndStop) {
  // TRANSPARENCY-live, KSF-6.4
  auto mine = inst().app().notices().Subscribe(Agent(0));
  const Actor monitor = inst().Monitor();
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto started, StartLiveListen(inst().app(), monitor, Agent(0), Line(0), Purpose::kCoaching));
  ASSERT_TRUE(started.allowed()) << started.decision.reason_en;
  auto taken = mine->Take();
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].kind, NoticeKind::kLiveListenStarted);
  EXPECT_EQ(taken[0].who_role, Role::kMonitor);
  EXPECT_EQ(taken[0].who_name, "Kwaliteitsmedewerker");
  EXPECT_EQ(taken[0].subject_id, started.value->id);
  EXPECT_EQ(taken[0].purpose, Purpose::kCoaching);

  // Someone else cannot stop it (KSF-3.3): no notice.
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto foreign, StopLiveListen(inst().app(), Installation::Manager(), started.value->id));
  EXPECT_FALSE(foreign.allowed());
  EXPECT_TRUE(mine->Take().empty());

  inst().clock().Advance(5 * kMinuteMs);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto stopped,
                              StopLiveListen(inst().app(), monitor, started.value->id));
  ASSERT_TRUE(stopped.allowed());
  taken = mine->Take();
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].kind, NoticeKind::kLiveListenStopped);
  EXPECT_EQ(taken[0].at, inst().clock().Now());

  // Stopping again tells nothing new.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto again, StopLiveListen(inst().app(), monitor, started.value->id));
  EXPECT_TRUE(again.allowed());
  EXPECT_TRUE(mine->Take().empty());
}

TEST_F(NoticesServiceTest, ARefusedLiveListenAnnouncesNothing) {
  // KSF-3.3: an agent never listens in; nothing happens, nothing is told.
  auto mine = inst().app().notices().Subscribe(Agent(0));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto refused, StartLiveListen(inst().app(), Installation::AgentActor(Agent(1)), Agent(0),
                                    Line(0), Purpose::kCoaching));
  EXPECT_FALSE(refused.allowed());
  EXPECT_TRUE(mine->Take().empty());
}

TEST_F(NoticesServiceTest, AClientListeningInIsShownByRoleNotName) {
  // KSF-6.4, TRANSPARENCY-live: the agent knows a client listens — by role.
  FAIRQM_ASSERT_OK(
      inst().AddClientContract("acme", {inst().teams()[0].name}, Purpose::kQuality, true));
  const Actor client = Installation::Client("acme");
  domain::Authorisation a;
  a.id = "auth-acme";
  a.monitor_id = client.id;
  a.client_id = "acme";
  a.purposes = {Purpose::kQuality};
  a.team_ids = {inst().teams()[0].id};
  a.valid_from = inst().clock().Now() - Days(1);
  a.confidentiality_acknowledged_at = inst().clock().Now() - Days(1);
  a.granted_by = Installation::Manager().id;
  a.granted_at = a.valid_from;
  {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Writer());
    FAIRQM_ASSERT_OK(store::PutAuthorisation(*conn, a));
  }
  auto mine = inst().app().notices().Subscribe(Agent(0));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto started, StartLiveListen(inst().app(), client, Agent(0), Line(0), Purpose::kQuality));
  ASSERT_TRUE(started.allowed()) << started.decision.rule << ": " << started.decision.reason_en;
  auto taken = mine->Take();
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].who_role, Role::kClient);
  EXPECT_TRUE(taken[0].who_name.empty());
  EXPECT_EQ(taken[0].text_en.find(client.id), std::string::npos);
  EXPECT_EQ(taken[0].text_en.find("acme"), std::string::npos);
  // Afterwards too: a reconnecting page gets it from the replay.
  EXPECT_EQ(inst().app().notices().Since(Agent(0), 0).size(), 1u);
}

}  // namespace
}  // namespace fairqm::service
