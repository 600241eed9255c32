// Tests of service/reminders on a real installation (service/testing.h): the
// clock is moved across deadlines (KSF-4.4, AVG-12, KSF-3.10); every reminder
// is sent once, to the right people, and nothing for what is done.
#include "service/reminders.h"

#include <gtest/gtest.h>

#include <set>

#include "audit/audit.h"
#include "service/agent_requests.h"
#include "service/people.h"
#include "service/testing.h"
#include "store/people.h"

namespace fairqm::service {
namespace {

using domain::Purpose;
using testing::Installation;
using testing::ServiceTest;

class RemindersTest : public ServiceTest {
 protected:
  App& app() { return inst().app(); }
  const std::string& Agent(std::size_t idx = 0) { return inst().teams()[0].agent_ids.at(idx); }

  ReminderReport Run() {
    auto report = RunReminders(app());
    EXPECT_TRUE(report.ok()) << report.error().ToString();
    return report.ok() ? *report : ReminderReport{};
  }

  std::vector<Reminder> RemindersOf(const std::string& id) {
    auto list = ListReminders(app(), Actor{id, domain::Role::kMonitor, ""});
    EXPECT_TRUE(list.ok()) << list.error().ToString();
    return list.ok() ? *list : std::vector<Reminder>{};
  }

  // An employee who is not an agent (privacy officer, manager), added as HR
  // data; left_at set: they left then.
  std::string AddEmployee(const std::string& id, domain::JobFunction function,
                          std::optional<TimeMs> left_at = std::nullopt) {
    domain::Employee e;
    e.id = id;
    e.external_id = "x-" + id;
    e.name = "Naam " + id;
    e.function = function;
    e.customer_contact = false;
    e.start_date = inst().clock().Now() - Days(400);
    e.leave_date = left_at;
    auto conn = app().Writer();
    EXPECT_TRUE(conn.ok());
    Status put = store::PutEmployee(**conn, e);
    EXPECT_TRUE(put.ok()) << put.error().ToString();
    return id;
  }

  std::size_t AuditCount(const std::string& action) {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    audit::Filter filter;
    filter.action = action;
    filter.limit = 1000;
    auto found = audit::Search(**conn, filter);
    EXPECT_TRUE(found.ok());
    return found.ok() ? found->size() : 0;
  }
};

void ExpectReport(const ReminderReport& r, int sent, int already_sent, int without_recipient,
                  int notices) {
  EXPECT_EQ(r.sent, sent);
  EXPECT_EQ(r.already_sent, already_sent);
  EXPECT_EQ(r.without_recipient, without_recipient);
  EXPECT_EQ(r.notices, notices);
}

TEST_F(RemindersTest, KindNamesRoundTrip) {
  for (ReminderKind kind : {ReminderKind::kEvaluationDue, ReminderKind::kDraftEvaluationDue,
                            ReminderKind::kDataSubjectRequestDue, ReminderKind::kComplaintDue}) {
    EXPECT_EQ(ParseReminderKind(ReminderKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseReminderKind("due").has_value());
}

TEST_F(RemindersTest, MonitorIsRemindedTwoWorkingDaysBeforeTheEvaluationTermEndsOnce) {
  // KSF-4.4: warn the monitor before the term passes (then KSF-4.10 destroys).
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto recording, inst().Capture(Agent(0), Purpose::kCoaching));
  auto inbox = app().notices().Subscribe(inst().monitor_id());
  ExpectReport(Run(), 0, 0, 0, 0);

  // Three working days before: not yet.
  TimeMs three_before = recording.evaluate_by;
  for (int days = 0; days < 3;) {
    three_before -= Days(1);
    if (Weekday(three_before) < 5) ++days;
  }
  inst().clock().Set(three_before);
  ExpectReport(Run(), 0, 0, 0, 0);
  EXPECT_TRUE(inbox->Take().empty());

  // Within two working days: once, to the authorised monitor.
  inst().clock().Set(recording.evaluate_by - Days(1));
  ExpectReport(Run(), 1, 0, 0, 1);
  auto notices = inbox->Take();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].kind, NoticeKind::kReminder);
  EXPECT_EQ(notices[0].subject_id, recording.id);
  EXPECT_FALSE(notices[0].who_role.has_value());
  EXPECT_EQ(notices[0].purpose, Purpose::kCoaching);

  // Idempotent: the next runs send nothing again.
  inst().clock().Advance(kHourMs);
  ExpectReport(Run(), 0, 1, 0, 0);
  ExpectReport(Run(), 0, 1, 0, 0);
  EXPECT_TRUE(inbox->Take().empty());
  EXPECT_EQ(AuditCount("reminder.send"), 1u);

  auto mine = RemindersOf(inst().monitor_id());
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].kind, ReminderKind::kEvaluationDue);
  EXPECT_EQ(mine[0].subject_id, recording.id);
  EXPECT_EQ(mine[0].due_at, recording.evaluate_by);
  EXPECT_EQ(mine[0].rule, "KSF-4.4");
  EXPECT_EQ(mine[0].agent_id, Agent(0));
  EXPECT_EQ(mine[0].purpose, Purpose::kCoaching);
  EXPECT_EQ(mine[0].text_en, notices[0].text_en);
  EXPECT_NE(mine[0].text_nl.find(recording.id), std::string::npos);
  // Someone else's list does not show it.
  EXPECT_TRUE(RemindersOf(Agent(0)).empty());
  EXPECT_TRUE(RemindersOf(inst().teams()[0].lead_id).empty());
}

TEST_F(RemindersTest, TheWeekendDoesNotCountAsWorkingDays) {
  // KSF-4.4: working days. A contact recorded on a Monday has its term end on
  // a Monday (ten working days); two working days before is the Thursday
  // before it, not the Saturday.
  while (Weekday(inst().clock().Now()) != 0) inst().clock().Advance(Days(1));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto recording, inst().Capture(Agent(0), Purpose::kCoaching));
  const TimeMs due = recording.evaluate_by;
  ASSERT_EQ(Weekday(due), 0);
  inst().clock().Set(due - Days(5));  // Wednesday: three working days before
  ExpectReport(Run(), 0, 0, 0, 0);
  inst().clock().Set(due - Days(4));  // Thursday: Friday and Monday left
  ExpectReport(Run(), 1, 0, 0, 1);
}

TEST_F(RemindersTest, NothingForEvaluatedSharedOrDestroyedRecordings) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto shared, inst().Capture(Agent(0), Purpose::kCoaching));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto drafted, inst().Capture(Agent(1), Purpose::kCoaching));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto open, inst().Capture(Agent(2), Purpose::kCoaching));
  FAIRQM_ASSERT_OK(inst().Evaluate(Agent(0), Purpose::kCoaching, {shared.id}, 4, true));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto draft, inst().Evaluate(Agent(1), Purpose::kCoaching, {drafted.id}, 4, false));

  inst().clock().Set(open.evaluate_by - Days(1));
  ExpectReport(Run(), 2, 0, 0, 2);
  auto mine = RemindersOf(inst().monitor_id());
  std::map<std::string, ReminderKind> by_subject;
  for (const auto& r : mine) by_subject[r.subject_id] = r.kind;
  EXPECT_EQ(by_subject.size(), 2u);
  EXPECT_EQ(by_subject.count(shared.id), 0u) << "evaluated and shared: done";
  EXPECT_EQ(by_subject[open.id], ReminderKind::kEvaluationDue);
  // KSF-3.8: a draft not shared with the agent is not done.
  EXPECT_EQ(by_subject[draft.id], ReminderKind::kDraftEvaluationDue);
  EXPECT_EQ(by_subject.count(drafted.id), 0u) << "its recording is evaluated";

  // A recording whose term passed without a run is the retention sweep's
  // (KSF-4.10), not a reminder's.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto missed, inst().Capture(Agent(3), Purpose::kCoaching));
  inst().clock().Set(missed.evaluate_by + kMinuteMs);
  ExpectReport(Run(), 0, 1, 0, 0);  // only the draft, still overdue and already reminded
}

TEST_F(RemindersTest, ASharedDraftGetsNoReminder) {
  // KSF-3.8: sharing finishes the evaluation for the agent.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto recording, inst().Capture(Agent(0), Purpose::kCoaching));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto draft, inst().Evaluate(Agent(0), Purpose::kCoaching, {recording.id}, 4, false));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto shared, ShareEvaluation(app(), inst().Monitor(), draft.id));
  ASSERT_TRUE(shared.allowed());
  inst().clock().Set(recording.evaluate_by - Days(1));
  ExpectReport(Run(), 0, 0, 0, 0);
}

TEST_F(RemindersTest, ADraftMovedToAnotherEvaluatorRemindsThatEvaluator) {
  // KSF-4.6: the agent asked for another evaluator; the draft is theirs now.
  const std::string lead = inst().teams()[0].lead_id;
  domain::Authorisation a;
  a.monitor_id = lead;
  a.purposes = {Purpose::kCoaching};
  a.team_ids = {inst().teams()[0].id};
  a.valid_from = inst().clock().Now();
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto granted, GrantAuthorisation(app(), Installation::Manager(), a));
  ASSERT_TRUE(granted.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto acknowledged, AcknowledgeConfidentiality(app(), Actor{lead, domain::Role::kMonitor, ""},
                                                    granted.value->id));
  ASSERT_TRUE(acknowledged.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto recording, inst().Capture(Agent(0), Purpose::kCoaching));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto draft, inst().Evaluate(Agent(0), Purpose::kCoaching, {recording.id}, 3, false));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto moved, RequestOtherEvaluator(app(), Installation::AgentActor(Agent(0)), draft.id, lead,
                                        "Liever mijn teamleider."));
  ASSERT_TRUE(moved.allowed()) << moved.decision.reason_en;

  auto lead_inbox = app().notices().Subscribe(lead);
  inst().clock().Set(recording.evaluate_by - Days(1));
  ExpectReport(Run(), 1, 0, 0, 1);
  auto lead_reminders = RemindersOf(lead);
  ASSERT_EQ(lead_reminders.size(), 1u);
  EXPECT_EQ(lead_reminders[0].kind, ReminderKind::kDraftEvaluationDue);
  EXPECT_EQ(lead_reminders[0].subject_id, draft.id);
  EXPECT_EQ(lead_reminders[0].due_at, recording.evaluate_by);
  EXPECT_EQ(lead_inbox->Take().size(), 1u);
  EXPECT_TRUE(RemindersOf(inst().monitor_id()).empty());
}

TEST_F(RemindersTest, WithNobodyToRemindItWaitsUntilSomeoneIsThere) {
  // KSF-3.3: only monitors authorised for the agent and purpose are reminded.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto recording, inst().Capture(Agent(0), Purpose::kCoaching));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto ended, EndAuthorisation(app(), Installation::Manager(),
                                                           inst().monitor_authorisation_id()));
  ASSERT_TRUE(ended.allowed());
  inst().clock().Set(recording.evaluate_by - Days(1));
  ExpectReport(Run(), 0, 0, 1, 0);
  ExpectReport(Run(), 0, 0, 1, 0);

  const std::string lead = inst().teams()[0].lead_id;
  domain::Authorisation a;
  a.monitor_id = lead;
  a.purposes = {Purpose::kCoaching};
  a.agent_ids = {Agent(0)};
  a.valid_from = inst().clock().Now();
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto granted, GrantAuthorisation(app(), Installation::Manager(), a));
  ASSERT_TRUE(granted.allowed());
  // Not active before the confidentiality is acknowledged (KSF-3.3).
  ExpectReport(Run(), 0, 0, 1, 0);
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto acknowledged, AcknowledgeConfidentiality(app(), Actor{lead, domain::Role::kMonitor, ""},
                                                    granted.value->id));
  ASSERT_TRUE(acknowledged.allowed());
  ExpectReport(Run(), 1, 0, 0, 1);
  EXPECT_EQ(RemindersOf(lead).size(), 1u);
  EXPECT_TRUE(RemindersOf(inst().monitor_id()).empty());
}

TEST_F(RemindersTest, PrivacyOfficersAreRemindedOfDataSubjectRequestsOnce) {
  // AVG-12: one month; reminded five days before; again for an extension.
  const std::string officer = AddEmployee("emp-fg-1", domain::JobFunction::kPrivacyOfficer);
  AddEmployee("emp-fg-old", domain::JobFunction::kPrivacyOfficer,
              inst().clock().Now() - Days(1));  // left: not reminded
  auto inbox = app().notices().Subscribe(officer);
  const TimeMs received = inst().clock().Now();
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto opened,
      OpenDataSubjectRequest(app(), Installation::PrivacyOfficer(), domain::DataSubjectKind::kAgent,
                             Agent(0), domain::DataSubjectRequestKind::kAccess, received));
  ASSERT_TRUE(opened.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto answered,
      OpenDataSubjectRequest(app(), Installation::PrivacyOfficer(), domain::DataSubjectKind::kAgent,
                             Agent(1), domain::DataSubjectRequestKind::kAccess, received));
  FAIRQM_ASSERT_OK(AnswerDataSubjectRequest(app(), Installation::PrivacyOfficer(),
                                            answered.value->id, "Export gestuurd."));
  const TimeMs due = opened.value->due_at;

  inst().clock().Set(due - Days(5) - kMinuteMs);
  ExpectReport(Run(), 0, 0, 0, 0);
  inst().clock().Set(due - Days(5));
  ExpectReport(Run(), 1, 0, 0, 1);
  ExpectReport(Run(), 0, 1, 0, 0);
  auto notices = inbox->Take();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].subject_id, opened.value->id);
  EXPECT_TRUE(RemindersOf("emp-fg-old").empty());

  // The term is extended (told within the first month): a new deadline, a
  // new reminder when it nears — not before.
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto extended,
      ExtendDataSubjectRequest(app(), Installation::PrivacyOfficer(), opened.value->id));
  ASSERT_TRUE(extended.allowed()) << extended.decision.reason_en;
  ExpectReport(Run(), 0, 0, 0, 0);
  inst().clock().Set(extended.value->due_at - Days(2));
  ExpectReport(Run(), 1, 0, 0, 1);

  auto mine = RemindersOf(officer);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].due_at, extended.value->due_at) << "newest first";
  EXPECT_EQ(mine[1].due_at, due);
  EXPECT_EQ(mine[0].kind, ReminderKind::kDataSubjectRequestDue);
  EXPECT_EQ(mine[0].rule, "AVG-12");
  EXPECT_TRUE(mine[0].agent_id.empty());

  // Answered: nothing more, even past the deadline.
  FAIRQM_ASSERT_OK(AnswerDataSubjectRequest(app(), Installation::PrivacyOfficer(), opened.value->id,
                                            "Beantwoord."));
  inst().clock().Set(extended.value->due_at + Days(1));
  ExpectReport(Run(), 0, 0, 0, 0);
}

TEST_F(RemindersTest, AnOverdueRequestFoundLateIsStillRemindedOnce) {
  // AVG-12: a server that was down over the window still warns, once.
  const std::string officer = AddEmployee("emp-fg-1", domain::JobFunction::kPrivacyOfficer);
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto opened, OpenDataSubjectRequest(
                       app(), Installation::PrivacyOfficer(), domain::DataSubjectKind::kAgent,
                       Agent(0), domain::DataSubjectRequestKind::kErasure, inst().clock().Now()));
  // The value is read once, after the check (GCC 12 -O2 otherwise warns
  // that the optional may be uninitialised).
  ASSERT_TRUE(opened.value.has_value());
  const TimeMs due_at = opened.value->due_at;
  inst().clock().Set(due_at + Days(3));
  ExpectReport(Run(), 1, 0, 0, 1);
  ExpectReport(Run(), 0, 1, 0, 0);
  auto mine = RemindersOf(officer);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_NE(mine[0].text_en.find("was due"), std::string::npos) << mine[0].text_en;
}

TEST_F(RemindersTest, WithoutAPrivacyOfficerTheRequestWaitsForOne) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto opened, OpenDataSubjectRequest(
                       app(), Installation::PrivacyOfficer(), domain::DataSubjectKind::kAgent,
                       Agent(0), domain::DataSubjectRequestKind::kAccess, inst().clock().Now()));
  ASSERT_TRUE(opened.value.has_value());
  const TimeMs due_at = opened.value->due_at;
  inst().clock().Set(due_at - Days(1));
  ExpectReport(Run(), 0, 0, 1, 0);
  const std::string officer = AddEmployee("emp-fg-new", domain::JobFunction::kPrivacyOfficer);
  ExpectReport(Run(), 1, 0, 0, 1);
  EXPECT_EQ(RemindersOf(officer).size(), 1u);
}

TEST_F(RemindersTest, ManagersAreRemindedOfComplaintsNotTakenUp) {
  // KSF-3.10: management must take a complaint up within the term.
  const std::string manager = AddEmployee("emp-mgr-1", domain::JobFunction::kManager);
  const std::string manager2 = AddEmployee("emp-mgr-2", domain::JobFunction::kManager);
  auto inbox = app().notices().Subscribe(manager2);
  const Actor agent = Installation::AgentActor(Agent(0));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto open, FileComplaint(app(), agent, "Meeluisteren", "Te vaak meegeluisterd."));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto handled, FileComplaint(app(), agent, "Formulier", "Vraag over het formulier."));
  FAIRQM_ASSERT_OK(TakeUpComplaint(app(), Installation::Manager(), handled.value->id,
                                   "Uitgelegd in het teamoverleg.", true));
  const TimeMs due = open.value->respond_by;

  inst().clock().Set(due - Days(6));
  ExpectReport(Run(), 0, 0, 0, 0);
  inst().clock().Set(due - Days(5));
  ExpectReport(Run(), 1, 0, 0, 2);
  ExpectReport(Run(), 0, 1, 0, 0);
  for (const auto& id : {manager, manager2}) {
    auto mine = RemindersOf(id);
    ASSERT_EQ(mine.size(), 1u) << id;
    EXPECT_EQ(mine[0].kind, ReminderKind::kComplaintDue);
    EXPECT_EQ(mine[0].subject_id, open.value->id);
    EXPECT_EQ(mine[0].rule, "KSF-3.10");
  }
  EXPECT_EQ(inbox->Take().size(), 1u);
  // The complainant is not a recipient.
  EXPECT_TRUE(RemindersOf(Agent(0)).empty());

  // Taken up: nothing more when the term passes.
  FAIRQM_ASSERT_OK(
      TakeUpComplaint(app(), Installation::Manager(), open.value->id, "In behandeling.", false));
  inst().clock().Set(due + Days(1));
  ExpectReport(Run(), 0, 0, 0, 0);
}

TEST_F(RemindersTest, ListRemindersRefusesABadLimitAndAnswersNobodyWithNothing) {
  auto bad = ListReminders(app(), inst().Monitor(), 0);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto none, ListReminders(app(), Actor{"", domain::Role::kAgent, ""}));
  EXPECT_TRUE(none.empty());
}

TEST_F(RemindersTest, ListRemindersIsNewestFirstAndLimited) {
  const std::string officer = AddEmployee("emp-fg-1", domain::JobFunction::kPrivacyOfficer);
  std::vector<std::string> ids;
  for (int idx = 0; idx < 3; ++idx) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto opened,
                                OpenDataSubjectRequest(app(), Installation::PrivacyOfficer(),
                                                       domain::DataSubjectKind::kAgent, Agent(0),
                                                       domain::DataSubjectRequestKind::kAccess,
                                                       inst().clock().Now() - Days(40)));
    ids.push_back(opened.value->id);
    ExpectReport(Run(), 1, idx, 0, 1);
    inst().clock().Advance(kMinuteMs);
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto two, ListReminders(app(), Actor{officer, domain::Role::kPrivacyOfficer, ""}, 2));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].subject_id, ids[2]);
  EXPECT_EQ(two[1].subject_id, ids[1]);
}

}  // namespace
}  // namespace fairqm::service
