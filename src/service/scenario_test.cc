// Scenario tests through the service layer: a whole assessment cycle and the
// unhappy paths, each against a real installation (catalogue, vault, audit).
// Every refusal names its rule and is on the audit record.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "audit/audit.h"
#include "service/agent_requests.h"
#include "service/audit_access.h"
#include "service/capture.h"
#include "service/evaluations.h"
#include "service/people.h"
#include "service/regulations.h"
#include "service/testing.h"
#include "store/lookups.h"
#include "store/people.h"
#include "store/recordings.h"

namespace fairqm::service {
namespace {

using domain::Purpose;
using testing::Installation;

class ScenarioTest : public testing::ServiceTest {
 protected:
  const std::string& Agent(int idx = 0) { return inst().teams().front().agent_ids.at(idx); }
  const std::string& Number(int idx = 0) { return inst().teams().front().agent_numbers.at(idx); }
  const std::string& Lead() { return inst().teams().front().lead_id; }

  // The last audit entry, to check that a refusal is on record.
  audit::StoredEntry LastAudit() {
    auto conn = inst().app().Reader();
    EXPECT_TRUE(conn.ok());
    audit::Filter filter;
    filter.limit = 1;
    auto entries = audit::Search(**conn, filter);
    EXPECT_TRUE(entries.ok() && !entries->empty());
    return entries->front();
  }

  void ExpectRefusedAndAudited(const policy::Decision& decision, const std::string& rule) {
    EXPECT_FALSE(decision.allowed);
    EXPECT_EQ(decision.rule, rule) << decision.reason_en;
    EXPECT_FALSE(decision.reason_nl.empty());
    auto last = LastAudit();
    EXPECT_EQ(last.entry.decision, audit::Decision::kRefused);
    EXPECT_EQ(last.entry.rule, rule);
  }

  capture::ContactMetadata Contact(const std::string& number, const std::string& line,
                                   Purpose purpose = Purpose::kCoaching) {
    capture::ContactMetadata m;
    m.agent = number;
    m.line = line;
    m.purpose = purpose;
    m.announced = true;
    m.customer_number = "+31 6 1111 2222";
    return m;
  }

  std::filesystem::path Wav(double seconds) {
    auto path = inst().scratch() / ("call-" + std::to_string(++files_) + ".wav");
    Status s = audio::WriteWav(path.string(), audio::Tone(8000, 2, seconds, 300.0, 0.3), 8000, 2,
                               SF_FORMAT_PCM_16);
    EXPECT_TRUE(s.ok());
    return path;
  }

  int files_ = 0;
};

// KSF-3.8, KSF-2.1-view, KSF-4.5, KSF-4.8: capture → evaluate within the term
// → share → the agent's view → acknowledge → feedback → close.
TEST_F(ScenarioTest, WholeAssessmentCycle) {
  auto recording = inst().Capture(Agent(), Purpose::kAssessment);
  ASSERT_TRUE(recording.ok()) << recording.error().message;
  auto e = inst().Evaluate(Agent(), Purpose::kAssessment, {recording->id}, 4, /*share=*/false);
  ASSERT_TRUE(e.ok()) << e.error().message;
  ASSERT_TRUE(e->score.has_value());

  App& app = inst().app();
  Actor monitor = inst().Monitor();
  Actor agent = Installation::AgentActor(Agent());
  // KSF-3.8: not closed before it was shared with the agent.
  auto early = CloseEvaluation(app, monitor, e->id);
  ASSERT_TRUE(early.ok());
  ExpectRefusedAndAudited(early->decision, "KSF-3.8");

  ASSERT_TRUE(ShareEvaluation(app, monitor, e->id)->allowed());
  // KSF-2.1-view: only the agent gives their view.
  auto other = GiveAgentView(app, Installation::AgentActor(Agent(1)), e->id, "niet van mij");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->allowed());
  auto view = GiveAgentView(app, agent, e->id, "Ik herken het, maar de klant was boos.");
  ASSERT_TRUE(view.ok() && view->allowed());
  ASSERT_TRUE(Acknowledge(app, agent, e->id)->allowed());
  // KSF-2.1-view SHOW: whoever reads the evaluation sees the view.
  auto read = ReadEvaluation(app, monitor, e->id);
  ASSERT_TRUE(read.ok() && read->allowed());
  EXPECT_EQ(read->value->agent_view, "Ik herken het, maar de klant was boos.");
  // KSF-4.5: an assessment closes only after the feedback meeting.
  auto no_meeting = CloseEvaluation(app, monitor, e->id);
  ASSERT_TRUE(no_meeting.ok());
  ExpectRefusedAndAudited(no_meeting->decision, "KSF-4.5");
  inst().clock().Advance(Days(1));
  auto meeting = RecordFeedback(app, Actor{Lead(), domain::Role::kMonitor, ""}, e->id,
                                app.Now() - kHourMs, "Mondeling en schriftelijk besproken.");
  ASSERT_TRUE(meeting.ok());
  ASSERT_TRUE(meeting->allowed()) << meeting->decision.reason_en;
  auto closed = CloseEvaluation(app, monitor, e->id);
  ASSERT_TRUE(closed.ok() && closed->allowed()) << closed->decision.reason_en;
  EXPECT_EQ(closed->value->status, domain::EvaluationStatus::kClosed);
  // KSF-4.8: the agent can listen to what their assessment was based on.
  auto own = OpenRecording(app, agent, recording->id, Purpose::kAssessment,
                           policy::RecordingAccess::kListen);
  ASSERT_TRUE(own.ok() && own->allowed());
  std::vector<std::uint8_t> head(4);
  ASSERT_TRUE((*own->value)->ReadAt(0, head).ok());
  EXPECT_EQ(std::string(head.begin(), head.end()), "OggS");
  // AVG-5-accountability: the whole cycle left an intact chain.
  auto verified = VerifyAudit(app, Installation::PrivacyOfficer());
  ASSERT_TRUE(verified.ok() && verified->allowed());
  EXPECT_TRUE(verified->value->ok) << verified->value->problem;
}

// KSF-3.3, KSF-3.4, AVG-32, AVG-5-accountability: who may open a recording.
TEST_F(ScenarioTest, OpeningRecordingsIsDecidedAndAudited) {
  auto recording = inst().Capture(Agent(), Purpose::kQuality);
  ASSERT_TRUE(recording.ok()) << recording.error().message;
  App& app = inst().app();
  // KSF-3.3: the team lead holds no authorisation.
  auto lead = OpenRecording(app, Actor{Lead(), domain::Role::kMonitor, ""}, recording->id,
                            Purpose::kQuality, policy::RecordingAccess::kListen);
  ASSERT_TRUE(lead.ok());
  ExpectRefusedAndAudited(lead->decision, "KSF-3.3");
  // KSF-3.4: a quality recording is not opened for coaching.
  auto wrong_purpose = OpenRecording(app, inst().Monitor(), recording->id, Purpose::kCoaching,
                                     policy::RecordingAccess::kListen);
  ASSERT_TRUE(wrong_purpose.ok());
  ExpectRefusedAndAudited(wrong_purpose->decision, "KSF-3.4");
  // AVG-32: an administrator never listens by being administrator.
  auto admin = OpenRecording(app, Installation::Admin(), recording->id, Purpose::kQuality,
                             policy::RecordingAccess::kListen);
  ASSERT_TRUE(admin.ok());
  ExpectRefusedAndAudited(admin->decision, "AVG-32");
  auto allowed = OpenRecording(app, inst().Monitor(), recording->id, Purpose::kQuality,
                               policy::RecordingAccess::kListen);
  ASSERT_TRUE(allowed.ok() && allowed->allowed());
  // AVG-5-accountability SHOW: the agent sees every attempt on their data.
  auto log = AuditFor(app, Installation::AgentActor(Agent()), Agent(), 50);
  ASSERT_TRUE(log.ok() && log->allowed());
  int listens = 0;
  for (const auto& entry : *log->value) listens += entry.entry.action == "recording.listen";
  EXPECT_EQ(listens, 4);
  // Another agent cannot read that log.
  auto nosy = AuditFor(app, Installation::AgentActor(Agent(1)), Agent(), 50);
  ASSERT_TRUE(nosy.ok());
  EXPECT_FALSE(nosy->allowed());
}

// KSF-2.1-confidential, KSF-3.9: protected people and private lines are never
// captured, and a refused contact leaves no contact row and no content.
TEST_F(ScenarioTest, ProtectedPeopleAndPrivateLinesAreNeverCaptured) {
  App& app = inst().app();
  auto rows = codec::ParseEmployeesCsv(
      "employee_number,name,function,team,works_council_member,extension,private_line,"
      "informed_at\n"
      "7001,OR Lid,agent,Noord,ja,7101,,2020-01-01\n"
      "7002,Bedrijfsarts,company_doctor,Noord,nee,7102,,2020-01-01\n"
      "7003,Prive Beller,agent,Noord,nee,7103,7903,2020-01-01\n");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_TRUE(ImportEmployees(app, Installation::Manager(), *rows)->allowed());
  struct Case {
    std::string number, line, rule;
  } cases[] = {{"7001", "7101", "KSF-2.1-confidential"},
               {"7002", "7102", "KSF-2.1-confidential"},
               {"7003", "7903", "KSF-3.9"}};
  for (const auto& c : cases) {
    auto decided = DecideCapture(app, Installation::CaptureSource(), Contact(c.number, c.line));
    ASSERT_TRUE(decided.ok());
    ExpectRefusedAndAudited(decided->decision, c.rule);
    // The refusal names no agent and no customer (AVG-5-minimal).
    auto last = LastAudit();
    EXPECT_TRUE(last.entry.subject_agent_id.empty());
    EXPECT_EQ(last.entry.detail.find("1111"), std::string::npos);
    // KSF-2.1-confidential: offered for ingest, nothing of it is stored.
    auto ingested = Ingest(app, Installation::CaptureSource(), Wav(1.0), Contact(c.number, c.line));
    ASSERT_TRUE(ingested.ok());
    EXPECT_EQ(ingested->decision.rule, c.rule);
  }
  auto content = app.vault().ListIds();
  ASSERT_TRUE(content.ok());
  EXPECT_TRUE(content->empty());
  auto conn = app.Reader();
  auto contacts = (*conn)->Query("SELECT COUNT(*) FROM contacts");
  ASSERT_TRUE(contacts.ok());
  EXPECT_EQ(contacts->front().Int(0), 0);
}

// AVG-21 and KSF-6.6: the customer's side of the gate.
TEST_F(ScenarioTest, CustomerWhoObjectsOrWasNotToldIsNotRecorded) {
  App& app = inst().app();
  auto objecting = Contact(Number(), "6" + Number());
  objecting.do_not_record = true;
  auto a = DecideCapture(app, Installation::CaptureSource(), objecting);
  ASSERT_TRUE(a.ok());
  ExpectRefusedAndAudited(a->decision, "AVG-21");
  auto untold = Contact(Number(), "6" + Number());
  untold.announced = false;
  auto b = DecideCapture(app, Installation::CaptureSource(), untold);
  ASSERT_TRUE(b.ok());
  ExpectRefusedAndAudited(b->decision, "KSF-6.6");
  untold.customer_informed_by_contract = true;  // GDPR art. 13(4)
  auto c = DecideCapture(app, Installation::CaptureSource(), untold);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->allowed()) << c->decision.reason_en;
}

// KSF-3.6: an upload without a ticket is a capture decision of its own; past
// the quota nothing is stored.
class SmallQuotaTest : public ScenarioTest {
 protected:
  testing::Options MakeOptions() const override {
    testing::Options o;
    o.coaching_quota = 1;
    return o;
  }
};

TEST_F(SmallQuotaTest, KSF_3_6_QuotaStopsCaptureAndUploads) {
  ASSERT_TRUE(inst().Capture(Agent(), Purpose::kCoaching).ok());
  App& app = inst().app();
  auto decided =
      DecideCapture(app, Installation::CaptureSource(), Contact(Number(), "6" + Number()));
  ASSERT_TRUE(decided.ok());
  EXPECT_EQ(decided->decision.rule, "KSF-3.6");
  auto uploaded =
      Ingest(app, Installation::CaptureSource(), Wav(1.0), Contact(Number(), "6" + Number()));
  ASSERT_TRUE(uploaded.ok());
  EXPECT_EQ(uploaded->decision.rule, "KSF-3.6");
  EXPECT_EQ(app.vault().ListIds()->size(), 1u);
}

// Bad input loses nothing: a damaged upload is refused with a clear error, no
// content stays in the vault and the ticket is still usable.
TEST_F(ScenarioTest, DamagedUploadLeavesNothingBehind) {
  App& app = inst().app();
  auto m = Contact(Number(), "6" + Number());
  std::string ticket;
  for (int i = 0; i < 100 && ticket.empty(); ++i) {
    auto decided = DecideCapture(app, Installation::CaptureSource(), m);
    ASSERT_TRUE(decided.ok() && decided->allowed());
    if (decided->value->selected) ticket = decided->value->ticket;
    inst().clock().Advance(kHourMs);
  }
  ASSERT_FALSE(ticket.empty());
  m.ticket = ticket;
  auto wav = Wav(3.0);
  std::filesystem::resize_file(wav, std::filesystem::file_size(wav) / 2);
  auto broken = Ingest(app, Installation::CaptureSource(), wav, m);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("truncated"), std::string::npos) << broken.error().message;
  EXPECT_TRUE(app.vault().ListIds()->empty());
  auto conn = app.Reader();
  auto stored = store::FindCaptureTicket(**conn, ticket);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_FALSE((*stored)->redeemed_at.has_value());
  conn->reset();
  auto retried = Ingest(app, Installation::CaptureSource(), Wav(1.0), m);
  ASSERT_TRUE(retried.ok() && retried->allowed());
  EXPECT_EQ(retried->value->id, ticket);
  // A used ticket is not used twice.
  auto again = Ingest(app, Installation::CaptureSource(), Wav(1.0), m);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

// Bad opaque content is refused before the gate: no ticket, no contact.
TEST_F(ScenarioTest, EmptyOrUntypedContentIsRefusedBeforeAnythingIsKept) {
  App& app = inst().app();
  auto m = Contact(Number(), "");
  m.channel = domain::Channel::kChat;
  auto empty = inst().scratch() / "empty.txt";
  std::ofstream(empty).close();
  m.media_type = "text/plain";
  auto refused = Ingest(app, Installation::CaptureSource(), empty, m);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  auto chat = inst().scratch() / "chat.txt";
  std::ofstream(chat) << "Klant: hallo\n";
  m.media_type.clear();
  auto untyped = Ingest(app, Installation::CaptureSource(), chat, m);
  ASSERT_FALSE(untyped.ok());
  auto conn = app.Reader();
  auto contacts = (*conn)->Query("SELECT COUNT(*) FROM contacts");
  ASSERT_TRUE(contacts.ok());
  EXPECT_EQ(contacts->front().Int(0), 0);
}

// KSF-4.7: three extra moments are honoured, the fourth is refused.
TEST_F(ScenarioTest, KSF_4_7_RefusesFourthExtraMoment) {
  App& app = inst().app();
  Actor agent = Installation::AgentActor(Agent());
  for (int i = 0; i < 3; ++i) {
    auto r = RequestExtraMoment(app, agent, "laat me zien");
    ASSERT_TRUE(r.ok() && r->allowed()) << r->decision.reason_en;
    EXPECT_EQ(r->value->status, domain::RequestStatus::kGranted);
  }
  auto fourth = RequestExtraMoment(app, agent, "nog een keer");
  ASSERT_TRUE(fourth.ok());
  ExpectRefusedAndAudited(fourth->decision, "KSF-4.7");
  // A monitor cannot ask for an agent (KSF-4.7: on the agent's request).
  auto by_monitor = RequestExtraMoment(app, inst().Monitor(), "");
  ASSERT_TRUE(by_monitor.ok());
  EXPECT_FALSE(by_monitor->allowed());
}

// KSF-4.6: another evaluator must be authorised for assessment of that agent.
TEST_F(ScenarioTest, KSF_4_6_OtherEvaluatorMustBeAuthorised) {
  auto recording = inst().Capture(Agent(), Purpose::kAssessment);
  ASSERT_TRUE(recording.ok());
  auto e = inst().Evaluate(Agent(), Purpose::kAssessment, {recording->id}, 4, false);
  ASSERT_TRUE(e.ok()) << e.error().message;
  App& app = inst().app();
  Actor agent = Installation::AgentActor(Agent());
  auto unauthorised = RequestOtherEvaluator(app, agent, e->id, Lead(), "liever iemand anders");
  ASSERT_TRUE(unauthorised.ok());
  ExpectRefusedAndAudited(unauthorised->decision, "KSF-4.6");
  // Authorise the team lead for assessment, acknowledged; then it is honoured
  // and the draft evaluation moves to them.
  domain::Authorisation a;
  a.monitor_id = Lead();
  a.purposes = {Purpose::kAssessment};
  a.agent_ids = {Agent()};
  a.valid_from = app.Now() - kHourMs;
  auto granted = GrantAuthorisation(app, Installation::Manager(), a);
  ASSERT_TRUE(granted.ok() && granted->allowed());
  // KSF-3.3: only the monitor acknowledges their own duty.
  auto wrong_ack = AcknowledgeConfidentiality(app, inst().Monitor(), granted->value->id);
  ASSERT_TRUE(wrong_ack.ok());
  EXPECT_FALSE(wrong_ack->allowed());
  ASSERT_TRUE(
      AcknowledgeConfidentiality(app, Actor{Lead(), domain::Role::kMonitor, ""}, granted->value->id)
          ->allowed());
  auto honoured = RequestOtherEvaluator(app, agent, e->id, Lead(), "liever iemand anders");
  ASSERT_TRUE(honoured.ok() && honoured->allowed()) << honoured->decision.reason_en;
  auto read = ReadEvaluation(app, agent, e->id);
  ASSERT_TRUE(read.ok() && read->allowed());
  EXPECT_EQ(read->value->monitor_id, Lead());
  // KSF-3.3 SHOW: the agent's list of monitors now names the team lead.
  auto monitors = WhoMayMonitor(app, Agent());
  ASSERT_TRUE(monitors.ok());
  bool listed = false;
  for (const auto& m : *monitors) listed = listed || m.monitor_id == Lead();
  EXPECT_TRUE(listed);
}

// KSF-4.9: a hold needs the agent's own consent, a reason and an end.
TEST_F(ScenarioTest, KSF_4_9_HoldNeedsTheAgentsConsent) {
  auto recording = inst().Capture(Agent(), Purpose::kCoaching);
  ASSERT_TRUE(recording.ok());
  App& app = inst().app();
  auto by_manager = GiveHoldConsent(app, Installation::Manager(), recording->id, "klacht",
                                    app.Now() + Days(5), "mgr-test");
  ASSERT_TRUE(by_manager.ok());
  ExpectRefusedAndAudited(by_manager->decision, "KSF-4.9");
  auto no_reason = GiveHoldConsent(app, Installation::AgentActor(Agent()), recording->id, "",
                                   app.Now() + Days(5), "mgr-test");
  ASSERT_TRUE(no_reason.ok());
  EXPECT_FALSE(no_reason->allowed());
  auto given = GiveHoldConsent(app, Installation::AgentActor(Agent()), recording->id,
                               "klacht van de klant loopt", app.Now() + Days(5), "mgr-test");
  ASSERT_TRUE(given.ok() && given->allowed()) << given->decision.reason_en;
  auto withdrawn = WithdrawConsent(app, Installation::AgentActor(Agent()), given->value->id);
  ASSERT_TRUE(withdrawn.ok() && withdrawn->allowed());
  EXPECT_TRUE(withdrawn->value->withdrawn_at.has_value());
}

// KSF-3.10: an appeal to the works council only after the term passed.
TEST_F(ScenarioTest, KSF_3_10_AppealOnlyAfterTheTerm) {
  App& app = inst().app();
  Actor agent = Installation::AgentActor(Agent());
  auto complaint = FileComplaint(app, agent, "Steekproef", "Ik word vaker opgenomen.");
  ASSERT_TRUE(complaint.ok() && complaint->allowed());
  auto early = AppealComplaint(app, agent, complaint->value->id);
  ASSERT_TRUE(early.ok());
  ExpectRefusedAndAudited(early->decision, "KSF-3.10");
  inst().clock().Advance(Days(40));
  auto appeal = AppealComplaint(app, agent, complaint->value->id);
  ASSERT_TRUE(appeal.ok() && appeal->allowed()) << appeal->decision.reason_en;
  auto by_manager = DecideAppeal(app, Installation::Manager(), complaint->value->id, "ongegrond");
  ASSERT_TRUE(by_manager.ok());
  EXPECT_FALSE(by_manager->allowed());
  auto decided = DecideAppeal(app, Installation::WorksCouncil(), complaint->value->id,
                              "gegrond: steekproef laten controleren");
  ASSERT_TRUE(decided.ok() && decided->allowed());
}

// AVG-12: a data-subject request is due in a month, three when extended.
TEST_F(ScenarioTest, AVG_12_DeadlinesAreTracked) {
  App& app = inst().app();
  auto opened = OpenDataSubjectRequest(app, Installation::PrivacyOfficer(),
                                       domain::DataSubjectKind::kCustomer, "06 1111 2222",
                                       domain::DataSubjectRequestKind::kAccess, app.Now());
  ASSERT_TRUE(opened.ok() && opened->allowed());
  EXPECT_EQ(FormatDate(opened->value->due_at), FormatDate(AddMonths(app.Now(), 1)));
  // The customer is held by reference, never by number (AVG-5-minimal).
  EXPECT_EQ(opened->value->subject_ref.rfind("cref-", 0), 0u);
  auto by_monitor = ExtendDataSubjectRequest(app, inst().Monitor(), opened->value->id);
  ASSERT_TRUE(by_monitor.ok());
  EXPECT_FALSE(by_monitor->allowed());
  auto extended = ExtendDataSubjectRequest(app, Installation::PrivacyOfficer(), opened->value->id);
  ASSERT_TRUE(extended.ok() && extended->allowed());
  EXPECT_EQ(FormatDate(extended->value->due_at), FormatDate(AddMonths(app.Now(), 3)));
}

// KSF-6.5: clients never evaluate; KSF-6.3: a contract without legal ground
// is refused.
TEST_F(ScenarioTest, KSF_6_5_ClientsNeverEvaluate) {
  auto recording = inst().Capture(Agent(), Purpose::kQuality);
  ASSERT_TRUE(recording.ok());
  App& app = inst().app();
  auto started = StartEvaluation(app, Installation::Client("acme"), Agent(), Purpose::kQuality,
                                 inst().form(Purpose::kQuality).id, {recording->id});
  ASSERT_TRUE(started.ok());
  ExpectRefusedAndAudited(started->decision, "KSF-6.5");
  domain::ClientContract c;
  c.client_id = "acme";
  c.client_name = "Acme";
  c.signed_at = app.Now();
  c.purpose = Purpose::kQuality;
  auto no_ground = AddClientContract(app, Installation::Manager(), c);
  ASSERT_TRUE(no_ground.ok());
  ExpectRefusedAndAudited(no_ground->decision, "KSF-6.3");
  c.purpose = Purpose::kAssessment;
  c.legal_ground = domain::LegalGround::kContract;
  auto assessment = AddClientContract(app, Installation::Manager(), c);
  ASSERT_TRUE(assessment.ok());
  ExpectRefusedAndAudited(assessment->decision, "KSF-6.5");
}

// KSF-3.11, KSF-3.12: activation needs consent; a second version within a
// year needs a legal reason.
TEST_F(ScenarioTest, KSF_3_12_NewVersionWithinAYearNeedsAReason) {
  App& app = inst().app();
  domain::Regulation next = inst().regulation();
  auto imported = ImportRegulation(app, Installation::Manager(), next);
  ASSERT_TRUE(imported.ok() && imported->allowed());
  const std::string id = imported->value->id;
  EXPECT_EQ(imported->value->version, inst().regulation().version + 1);
  ASSERT_TRUE(SubmitRegulation(app, Installation::Manager(), id)->allowed());
  auto unconsented = ActivateRegulation(app, Installation::Manager(), id);
  ASSERT_TRUE(unconsented.ok());
  ExpectRefusedAndAudited(unconsented->decision, "KSF-3.11");
  // KSF-3.11: only the works council consents.
  auto by_manager = ConsentRegulation(app, Installation::Manager(), id, app.Now(), "x");
  ASSERT_TRUE(by_manager.ok());
  EXPECT_FALSE(by_manager->allowed());
  ASSERT_TRUE(
      ConsentRegulation(app, Installation::WorksCouncil(), id, app.Now(), "OR-2")->allowed());
  auto too_soon = ActivateRegulation(app, Installation::Manager(), id);
  ASSERT_TRUE(too_soon.ok());
  ExpectRefusedAndAudited(too_soon->decision, "KSF-3.12");
  auto active = GetActiveRegulation(app);
  ASSERT_TRUE(active.ok() && active->has_value());
  EXPECT_EQ((*active)->id, inst().regulation().id);
}

// AVG-32: keys readable by others are refused; a catalogue from a newer
// fairqm is refused.
TEST(AppTest, RefusesUnsafeKeysAndNewerCatalogues) {
  auto dir = std::filesystem::temp_directory_path() / ("fairqm-app-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  ManualClock clock(1'800'000'000'000);
  SeededRandom random(1);
  ASSERT_TRUE(App::Init(dir, clock).ok());
  EXPECT_EQ(App::Init(dir, clock).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(App::Open(dir, clock, random).ok());
  ::chmod((dir / "vault" / "master.key").c_str(), 0644);
  auto unsafe = App::Open(dir, clock, random);
  ASSERT_FALSE(unsafe.ok());
  EXPECT_EQ(unsafe.error().code, ErrorCode::kPermission);
  ::chmod((dir / "vault" / "master.key").c_str(), 0600);
  {
    auto app = App::Open(dir, clock, random);
    ASSERT_TRUE(app.ok());
    auto conn = (*app)->Writer();
    ASSERT_TRUE((*conn)
                    ->Exec("INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES (9999, 'future', 0)")
                    .ok());
  }
  auto newer = App::Open(dir, clock, random);
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.error().message.find("newer"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fairqm::service
