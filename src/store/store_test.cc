// Round trips of every domain type through the catalogue, and the store's
// error paths. Real SQLite files in a temporary directory.
#include <gtest/gtest.h>

#include "db/testing.h"
#include "domain/names.h"
#include "store/authorisations.h"
#include "store/clients.h"
#include "store/evaluations.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/regulations.h"
#include "store/requests.h"
#include "store/test_fixtures.h"

namespace fairqm::store {
namespace {

using namespace domain;  // NOLINT: test data reads better unqualified
using testing::kT0;
using testing::SampleRecording;

class StoreTest : public ::testing::Test {
 protected:
  db::Connection& conn() { return catalogue_.conn(); }
  db::testing::TempCatalogue catalogue_;
};

TEST_F(StoreTest, TeamRoundTrip) {
  Team team{"team-1", "Inbound", "Utrecht", "emp-lead"};
  ASSERT_TRUE(PutTeam(conn(), team).ok());
  auto got = GetTeam(conn(), "team-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(Fields(*got), Fields(team));
  team.name = "Inbound NL";
  ASSERT_TRUE(PutTeam(conn(), team).ok());  // Put replaces
  auto list = ListTeams(conn());
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].name, "Inbound NL");
}

TEST_F(StoreTest, EmployeeRoundTripWithLines) {
  Employee e;
  e.id = "emp-1";
  e.external_id = "HR-001";
  e.name = "Anna de Vries";
  e.email = "anna@example.nl";
  e.function = JobFunction::kAgent;
  e.contract = ContractType::kAgency;
  e.customer_contact = true;
  e.team_id = "team-1";
  e.protected_role = ProtectedRole::kWorksCouncilMember;
  e.line_ids = {"line-b", "line-a"};  // order kept
  e.start_date = kT0;
  e.leave_date = kT0 + Days(300);
  e.informed_at = kT0 + Days(1);
  ASSERT_TRUE(PutEmployee(conn(), e).ok());
  auto got = GetEmployee(conn(), "emp-1");
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_EQ(*got, e);

  Employee minimal;
  minimal.id = "emp-2";
  minimal.name = "Bob";
  ASSERT_TRUE(PutEmployee(conn(), minimal).ok());
  got = GetEmployee(conn(), "emp-2");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, minimal);

  e.line_ids = {"line-c"};  // replacing the employee replaces the line list
  ASSERT_TRUE(PutEmployee(conn(), e).ok());
  auto all = ListEmployees(conn());
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0], e);
  EXPECT_EQ((*all)[1], minimal);
  auto members = ListTeamMembers(conn(), "team-1");
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 1u);
  auto on_line = EmployeesOnLine(conn(), "line-c");
  ASSERT_TRUE(on_line.ok());
  ASSERT_EQ(on_line->size(), 1u);
  EXPECT_EQ((*on_line)[0].id, "emp-1");
  on_line = EmployeesOnLine(conn(), "line-a");
  ASSERT_TRUE(on_line.ok());
  EXPECT_TRUE(on_line->empty());
}

TEST_F(StoreTest, LineRoundTripAndLookupByNumber) {
  // KSF-3.9: the capture gate finds a line by its number to learn its kind.
  Line line{"line-1", "+31301234567", LineKind::kPrivate, "emp-1"};
  ASSERT_TRUE(PutLine(conn(), line).ok());
  auto got = GetLine(conn(), "line-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, line);
  auto found = FindLineByNumber(conn(), "+31301234567");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, line);
  auto missing = FindLineByNumber(conn(), "+31000000000");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  // Two lines cannot share a number: the gate must get one answer.
  auto duplicate = PutLine(conn(), Line{"line-2", "+31301234567", LineKind::kBusiness, ""});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto lines = ListLines(conn());
  ASSERT_TRUE(lines.ok());
  EXPECT_EQ(lines->size(), 1u);
}

TEST_F(StoreTest, AuthorisationRoundTrip) {
  Authorisation a;
  a.id = "auth-1";
  a.monitor_id = "emp-coach";
  a.purposes = {Purpose::kCoaching, Purpose::kAssessment};
  a.team_ids = {"team-1", "team-2"};
  a.agent_ids = {"emp-9"};
  a.valid_from = kT0;
  a.valid_until = kT0 + Days(365);
  a.confidentiality_acknowledged_at = kT0 - Days(1);
  a.granted_by = "emp-manager";
  a.granted_at = kT0 - Days(2);
  a.ended_at = kT0 + Days(100);
  a.client_id = "client-1";
  ASSERT_TRUE(PutAuthorisation(conn(), a).ok());
  auto got = GetAuthorisation(conn(), "auth-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, a);
  a.purposes = {Purpose::kQuality};
  a.team_ids.clear();
  ASSERT_TRUE(PutAuthorisation(conn(), a).ok());
  got = GetAuthorisation(conn(), "auth-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, a);
  auto all = ListAuthorisations(conn());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

Regulation SampleRegulation(std::string id, RegulationStatus status) {
  Regulation r;
  r.id = std::move(id);
  r.version = 2;
  r.title = "Monitoringsregeling";
  r.status = status;
  PurposeRules coaching;
  coaching.purpose = Purpose::kCoaching;
  coaching.frequency_quota = 4;
  coaching.legitimate_interest = "better service";
  coaching.legal_ground = LegalGround::kLegitimateInterest;
  coaching.necessity_justification = "side-by-side is not enough";
  coaching.proportionality_justification = "4 per month is little";
  coaching.channels = {Channel::kVoice, Channel::kScreen};
  PurposeRules assessment = coaching;
  assessment.purpose = Purpose::kAssessment;
  assessment.enabled = false;
  assessment.min_gap_days = 20;
  assessment.legal_ground = LegalGround::kContract;
  assessment.channels = {Channel::kEmail};
  r.purposes = {assessment, coaching};  // order kept
  r.works_council_consent_at = kT0;
  r.works_council_consent_reference = "OR-2026-01";
  r.dpia_at = kT0 - Days(10);
  r.dpia_reference = "DPIA-7";
  r.assessment_protocol_reference = "AP-1";
  r.assessment_protocol_approved_at = kT0 - Days(5);
  r.client_min_group_size = 6;
  r.extra_moments_per_period = 3;
  r.assessment_period_days = 365;
  r.complaint_term_days = 30;
  r.privacy_statement_url = "https://example.nl/privacy";
  r.controller_name = "Contact BV";
  r.contact_email = "privacy@example.nl";
  r.change_legal_reason = "new law";
  r.created_at = kT0 - Days(20);
  r.submitted_at = kT0 - Days(15);
  r.activated_at = kT0 + Days(1);
  return r;
}

TEST_F(StoreTest, RegulationRoundTripAndOneActiveAtATime) {
  // KSF-3.1: the active regulation is unique.
  Regulation first = SampleRegulation("reg-1", RegulationStatus::kActive);
  ASSERT_TRUE(PutRegulation(conn(), first).ok());
  auto got = GetRegulation(conn(), "reg-1");
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_EQ(*got, first);
  auto active = ActiveRegulation(conn());
  ASSERT_TRUE(active.ok());
  ASSERT_TRUE(active->has_value());
  EXPECT_EQ((*active)->id, "reg-1");

  Regulation second = SampleRegulation("reg-2", RegulationStatus::kActive);
  second.version = 3;
  auto clash = PutRegulation(conn(), second);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(GetRegulation(conn(), "reg-2").ok());  // nothing half-written

  // Superseding first, then activating, in one transaction.
  auto transaction = db::Transaction::Begin(conn());
  ASSERT_TRUE(transaction.ok());
  first.status = RegulationStatus::kSuperseded;
  first.superseded_at = kT0 + Days(400);
  ASSERT_TRUE(PutRegulation(conn(), first).ok());
  ASSERT_TRUE(PutRegulation(conn(), second).ok());
  ASSERT_TRUE(transaction->Commit().ok());
  active = ActiveRegulation(conn());
  ASSERT_TRUE(active.ok());
  ASSERT_TRUE(active->has_value());
  EXPECT_EQ((*active)->id, "reg-2");
  auto all = ListRegulations(conn());
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0], first);
  EXPECT_EQ((*all)[1], second);
}

TEST_F(StoreTest, NoActiveRegulationIsEmpty) {
  ASSERT_TRUE(PutRegulation(conn(), SampleRegulation("reg-1", RegulationStatus::kDraft)).ok());
  auto active = ActiveRegulation(conn());
  ASSERT_TRUE(active.ok());
  EXPECT_FALSE(active->has_value());
}

EvaluationForm SampleForm(std::string id, int version, std::optional<TimeMs> published_at) {
  EvaluationForm form;
  form.id = std::move(id);
  form.name = "Gesprek";
  form.version = version;
  form.purpose = Purpose::kAssessment;
  form.published_at = published_at;
  form.sections = {{"Opening", {{"q1", "Greets", 1.5, false, true, false, 5}}},
                   {"Closing",
                    {{"q2", "Verifies identity", 2.0, true, false, true, 3},
                     {"q3", "Summarises", 1.0, false, false, false, 5}}}};
  return form;
}

TEST_F(StoreTest, FormRoundTripAndPublishedBefore) {
  // KSF-4.2: criteria known in advance — only forms published before the moment.
  const EvaluationForm v1 = SampleForm("form-1", 1, kT0);
  const EvaluationForm v2 = SampleForm("form-1", 2, kT0 + Days(10));
  const EvaluationForm draft = SampleForm("form-2", 1, std::nullopt);
  ASSERT_TRUE(PutForm(conn(), v1).ok());
  ASSERT_TRUE(PutForm(conn(), v2).ok());
  ASSERT_TRUE(PutForm(conn(), draft).ok());
  auto got = GetForm(conn(), "form-1", 2);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, v2);
  auto missing = GetForm(conn(), "form-1", 3);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  auto before = FormsPublishedBefore(conn(), Purpose::kAssessment, kT0 + Days(5));
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ((*before)[0], v1);
  before = FormsPublishedBefore(conn(), Purpose::kAssessment, kT0 + Days(10));
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->size(), 2u);
  EXPECT_EQ((*before)[0].version, 2);  // newest publication first
  before = FormsPublishedBefore(conn(), Purpose::kCoaching, kT0 + Days(10));
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());
  auto all = ListForms(conn());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);
}

TEST_F(StoreTest, ContactAndRecordingRoundTrip) {
  Contact c;
  c.id = "con-1";
  c.channel = Channel::kChat;
  c.agent_id = "emp-1";
  c.line_id = "line-1";
  c.started_at = kT0;
  c.customer_ref = "hmac:9f2c";  // AVG-5-minimal: a keyed hash, never the number
  c.client_id = "client-1";
  c.announced = true;
  c.customer_informed_by_contract = true;
  c.do_not_record = true;
  ASSERT_TRUE(PutContact(conn(), c).ok());
  auto got_contact = GetContact(conn(), "con-1");
  ASSERT_TRUE(got_contact.ok());
  EXPECT_EQ(*got_contact, c);
  auto by_customer = ListContactsForCustomer(conn(), "hmac:9f2c");
  ASSERT_TRUE(by_customer.ok());
  ASSERT_EQ(by_customer->size(), 1u);

  Recording r = SampleRecording("rec-1", "emp-1", Purpose::kQuality, kT0);
  r.contact_id = "con-1";
  r.channel = Channel::kScreen;
  r.evaluated_at = kT0 + Days(2);
  r.destroyed_at = kT0 + Days(3);
  r.destroyed_rule = "KSF-4.9";
  r.extra_moment = true;
  r.may_contain_card_data = true;
  r.client_id = "client-1";
  ASSERT_TRUE(PutRecording(conn(), r).ok());
  auto got = GetRecording(conn(), "rec-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, r);
  auto for_contact = ListRecordingsForContact(conn(), "con-1");
  ASSERT_TRUE(for_contact.ok());
  ASSERT_EQ(for_contact->size(), 1u);
  EXPECT_EQ((*for_contact)[0], r);
}

TEST_F(StoreTest, EvaluationRoundTrip) {
  Evaluation v;
  v.id = "ev-1";
  v.agent_id = "emp-1";
  v.monitor_id = "emp-coach";
  v.purpose = Purpose::kAssessment;
  v.form_id = "form-1";
  v.form_version = 2;
  v.recording_ids = {"rec-2", "rec-1"};
  v.status = EvaluationStatus::kShared;
  v.answers = {{"q1", 4, "good"}, {"q2", std::nullopt, "n/a"}};
  v.notes = {{"rec-2", 12'500, "listen here", "emp-coach", kT0 + 5},
             {"rec-1", 0, "start", "emp-coach", kT0 + 6}};
  v.score = 82.5;
  v.summary = "solid";
  v.automated_suggestion = true;  // AVG-22
  v.confirmed_by = "emp-coach";
  v.agent_view = "I disagree with q2";
  v.agent_view_at = kT0 + Days(3);
  v.created_at = kT0;
  v.shared_at = kT0 + Days(1);
  v.acknowledged_at = kT0 + Days(2);
  v.feedback = FeedbackMeeting{kT0 + Days(4), "emp-lead", "talked"};
  v.closed_at = kT0 + Days(5);
  v.destroy_at = kT0 + Days(365);
  ASSERT_TRUE(PutEvaluation(conn(), v).ok());
  auto got = GetEvaluation(conn(), "ev-1");
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_EQ(*got, v);

  Evaluation bare;
  bare.id = "ev-2";
  bare.agent_id = "emp-1";
  bare.monitor_id = "emp-coach";
  ASSERT_TRUE(PutEvaluation(conn(), bare).ok());
  got = GetEvaluation(conn(), "ev-2");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, bare);
  EXPECT_FALSE(got->feedback.has_value());
  EXPECT_FALSE(got->score.has_value());

  auto for_recording = ListEvaluationsForRecording(conn(), "rec-1");
  ASSERT_TRUE(for_recording.ok());
  ASSERT_EQ(for_recording->size(), 1u);
  EXPECT_EQ((*for_recording)[0].id, "ev-1");
}

TEST_F(StoreTest, RequestsConsentsComplaintsRoundTrip) {
  AgentRequest request{
      "req-1",      "emp-1",     RequestKind::kOtherEvaluator, kT0,
      "ev-1",       "emp-other", "prefer another coach",       RequestStatus::kGranted,
      kT0 + Days(1)};
  ASSERT_TRUE(PutAgentRequest(conn(), request).ok());
  auto got_request = GetAgentRequest(conn(), "req-1");
  ASSERT_TRUE(got_request.ok());
  EXPECT_EQ(*got_request, request);

  Consent consent{"cons-1", "emp-1",      ConsentKind::kNamedTraining, "rec-1",
                  "",       std::nullopt, "onboarding course",         "emp-trainer",
                  kT0,      kT0 + Days(9)};
  ASSERT_TRUE(PutConsent(conn(), consent).ok());
  auto got_consent = GetConsent(conn(), "cons-1");
  ASSERT_TRUE(got_consent.ok());
  EXPECT_EQ(*got_consent, consent);
  auto by_agent = ListConsentsForAgent(conn(), "emp-1");
  ASSERT_TRUE(by_agent.ok());
  EXPECT_EQ(by_agent->size(), 1u);
  auto by_recording = ListConsentsForRecording(conn(), "rec-1");
  ASSERT_TRUE(by_recording.ok());
  EXPECT_EQ(by_recording->size(), 1u);

  Complaint complaint{"cmp-1",        "emp-1",       "score",    "unfair",       kT0,
                      kT0 + Days(30), kT0 + Days(1), "reviewed", kT0 + Days(10), kT0 + Days(11),
                      "upheld",       kT0 + Days(20)};
  ASSERT_TRUE(PutComplaint(conn(), complaint).ok());
  auto got_complaint = GetComplaint(conn(), "cmp-1");
  ASSERT_TRUE(got_complaint.ok());
  EXPECT_EQ(*got_complaint, complaint);
  auto complaints = ListComplaints(conn());
  ASSERT_TRUE(complaints.ok());
  EXPECT_EQ(complaints->size(), 1u);
  auto mine = ListComplaintsByComplainant(conn(), "emp-1");
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 1u);
}

TEST_F(StoreTest, ClientContractAndLiveListenRoundTrip) {
  ClientContract contract{"cc-1",
                          "client-1",
                          "Bank",
                          kT0,
                          kT0 + Days(365),
                          {"team-1", "team-2"},
                          Purpose::kQuality,
                          true,
                          "ab12",
                          LegalGround::kContract,
                          kT0 + Days(2)};
  ASSERT_TRUE(PutClientContract(conn(), contract).ok());
  auto got = GetClientContract(conn(), "cc-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, contract);
  auto for_client = ListContractsForClient(conn(), "client-1");
  ASSERT_TRUE(for_client.ok());
  ASSERT_EQ(for_client->size(), 1u);
  EXPECT_EQ((*for_client)[0], contract);
  auto all = ListClientContracts(conn());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);

  LiveListenSession ended{"ll-1",  "client-user",     Role::kClient, "emp-1",
                          "con-1", Purpose::kQuality, kT0,           kT0 + kMinuteMs};
  LiveListenSession live{"ll-2",  "emp-coach",        Role::kMonitor, "emp-1",
                         "con-2", Purpose::kCoaching, kT0 + kHourMs,  std::nullopt};
  ASSERT_TRUE(PutLiveListenSession(conn(), ended).ok());
  ASSERT_TRUE(PutLiveListenSession(conn(), live).ok());
  auto got_session = GetLiveListenSession(conn(), "ll-1");
  ASSERT_TRUE(got_session.ok());
  EXPECT_EQ(*got_session, ended);
  // KSF-6.4: the agent sees, afterwards, that a client listened.
  auto history = ListLiveListensForAgent(conn(), "emp-1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0], live);
  EXPECT_EQ((*history)[1], ended);
  // TRANSPARENCY-live: and, while it happens, who listens now.
  auto now = ActiveLiveListensForAgent(conn(), "emp-1");
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->size(), 1u);
  EXPECT_EQ((*now)[0].id, "ll-2");
}

TEST_F(StoreTest, DataSubjectRequestsByDeadline) {
  // AVG-12: the privacy officer sees open requests, nearest deadline first.
  DataSubjectRequest late{"dsr-1",       DataSubjectKind::kCustomer,
                          "hmac:1",      DataSubjectRequestKind::kErasure,
                          kT0,           kT0 + Days(31),
                          kT0 + Days(3), std::nullopt,
                          "extended"};
  DataSubjectRequest soon{"dsr-2",
                          DataSubjectKind::kAgent,
                          "emp-1",
                          DataSubjectRequestKind::kAccess,
                          kT0 + Days(1),
                          kT0 + Days(20),
                          std::nullopt,
                          std::nullopt,
                          ""};
  DataSubjectRequest answered{
      "dsr-3", DataSubjectKind::kAgent, "emp-2",      DataSubjectRequestKind::kObjection,
      kT0,     kT0 + Days(5),           std::nullopt, kT0 + Days(2),
      "done"};
  for (const auto& r : {late, soon, answered}) ASSERT_TRUE(PutDataSubjectRequest(conn(), r).ok());
  auto got = GetDataSubjectRequest(conn(), "dsr-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, late);
  auto open = ListOpenDataSubjectRequests(conn());
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 2u);
  EXPECT_EQ((*open)[0].id, "dsr-2");
  EXPECT_EQ((*open)[1].id, "dsr-1");
  auto all = ListDataSubjectRequests(conn());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);
}

TEST_F(StoreTest, GetOfMissingIsNotFound) {
  EXPECT_EQ(GetTeam(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetEmployee(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetLine(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetAuthorisation(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetRegulation(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetContact(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetRecording(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetEvaluation(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetAgentRequest(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetConsent(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetComplaint(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetClientContract(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetDataSubjectRequest(conn(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(GetLiveListenSession(conn(), "x").error().code, ErrorCode::kNotFound);
}

TEST_F(StoreTest, UnknownStoredNamesAreCorrupt) {
  ASSERT_TRUE(
      PutRecording(conn(), SampleRecording("rec-1", "emp-1", Purpose::kCoaching, kT0)).ok());
  ASSERT_TRUE(conn().Exec("UPDATE recordings SET purpose = 'evidence' WHERE id = 'rec-1'").ok());
  auto got = GetRecording(conn(), "rec-1");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(got.error().message.find("evidence"), std::string::npos);

  ASSERT_TRUE(PutForm(conn(), SampleForm("form-1", 1, kT0)).ok());
  ASSERT_TRUE(conn().Exec("UPDATE evaluation_forms SET sections_json = '[{\"title\": 1}]'").ok());
  auto form = GetForm(conn(), "form-1", 1);
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.error().code, ErrorCode::kCorrupt);
}

TEST_F(StoreTest, FailedChildWriteLeavesNothingBehind) {
  // The same line twice violates employee_lines' key: the whole Put fails.
  Employee e;
  e.id = "emp-1";
  e.name = "Anna";
  e.line_ids = {"line-1", "line-1"};
  auto put = PutEmployee(conn(), e);
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code, ErrorCode::kConflict);
  EXPECT_EQ(GetEmployee(conn(), "emp-1").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace fairqm::store
