// Tests of service/export (AVG-15 right of access), on a real installation
// built by service/testing.h: real files, real catalogue, real vault.
#include "service/export.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "audio/opus_decode.h"
#include "audit/audit.h"
#include "policy/evaluation.h"
#include "service/testing.h"
#include "store/clients.h"
#include "store/recordings.h"
#include "store/requests.h"

namespace fairqm::service {
namespace {

namespace fs = std::filesystem;
using domain::Purpose;
using testing::Installation;
using testing::ServiceTest;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every byte of every file under `dir`, concatenated.
std::string ReadTree(const fs::path& dir) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) all += ReadFile(entry.path());
  }
  return all;
}

std::vector<audit::StoredEntry> AuditEntries(App& app, const std::string& action) {
  auto conn = app.Reader();
  EXPECT_TRUE(conn.ok());
  audit::Filter filter;
  filter.action = action;
  filter.limit = 1000;
  auto found = audit::Search(**conn, filter);
  EXPECT_TRUE(found.ok());
  return found.ok() ? *found : std::vector<audit::StoredEntry>{};
}

class ExportTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (HasFatalFailure()) return;
    const auto& noord = inst().teams()[0];
    a0_ = noord.agent_ids[0];
    a1_ = noord.agent_ids[1];
    testing::CaptureSpec two_seconds;
    two_seconds.seconds = 2.0;
    testing::CaptureSpec three_seconds;
    three_seconds.seconds = 3.0;
    auto r1 = inst().Capture(a0_, Purpose::kCoaching, two_seconds);
    ASSERT_TRUE(r1.ok()) << r1.error().ToString();
    auto r2 = inst().Capture(a0_, Purpose::kAssessment, three_seconds);
    ASSERT_TRUE(r2.ok()) << r2.error().ToString();
    testing::CaptureSpec chat;
    chat.channel = domain::Channel::kChat;
    chat.text = "Klant: waar blijft mijn pakket?";
    auto r3 = inst().Capture(a0_, Purpose::kQuality, chat);
    ASSERT_TRUE(r3.ok()) << r3.error().ToString();
    auto other = inst().Capture(a1_, Purpose::kCoaching);
    ASSERT_TRUE(other.ok()) << other.error().ToString();
    voice_ = *r1;
    assessment_ = *r2;
    chat_ = *r3;
    other_ = *other;
    auto evaluation = inst().Evaluate(a0_, Purpose::kAssessment, {assessment_.id});
    ASSERT_TRUE(evaluation.ok()) << evaluation.error().ToString();
    evaluation_ = *evaluation;
  }

  fs::path Out(const std::string& name) const { return inst_->scratch() / "exports" / name; }

  std::string a0_;
  std::string a1_;
  domain::Recording voice_;
  domain::Recording assessment_;
  domain::Recording chat_;
  domain::Recording other_;
  domain::Evaluation evaluation_;
};

TEST_F(ExportTest, AVG15_AgentGetsOwnRecordingsDecryptedAndNothingOfOthers) {
  std::vector<std::string> steps;
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided,
      ExportAgent(inst().app(), Installation::AgentActor(a0_), a0_, Out("mijn-gegevens"),
                  [&](std::string_view step, int, int) { steps.emplace_back(step); }));
  ASSERT_TRUE(decided.allowed()) << decided.decision.reason_en;
  const ExportSummary& summary = *decided.value;
  EXPECT_EQ(summary.recordings_written, 3);
  EXPECT_EQ(summary.recordings_without_content, 0);
  const fs::path dir = Out("mijn-gegevens");
  const std::vector<std::string> expected = {
      "README.txt", "index.json", "recordings/" + assessment_.id + ".ogg",
      "recordings/" + chat_.id + ".txt", "recordings/" + voice_.id + ".ogg"};
  std::vector<std::string> files = summary.files;
  std::sort(files.begin(), files.end());
  std::vector<std::string> sorted_expected = expected;
  std::sort(sorted_expected.begin(), sorted_expected.end());
  EXPECT_EQ(files, sorted_expected);
  for (const auto& file : expected) EXPECT_TRUE(fs::exists(dir / file)) << file;
  ASSERT_FALSE(steps.empty());
  EXPECT_EQ(steps.back(), "done");

  // The audio decodes back to what was recorded.
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto audio, audio::DecodeOggOpus((dir / ("recordings/" + voice_.id + ".ogg")).string()));
  EXPECT_NEAR(static_cast<double>(audio.frames()) / audio.sample_rate, 2.0, 0.1);
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto longer,
      audio::DecodeOggOpus((dir / ("recordings/" + assessment_.id + ".ogg")).string()));
  EXPECT_NEAR(static_cast<double>(longer.frames()) / longer.sample_rate, 3.0, 0.1);
  EXPECT_EQ(ReadFile(dir / ("recordings/" + chat_.id + ".txt")), "Klant: waar blijft mijn pakket?");

  // Nothing of the other agent.
  const std::string tree = ReadTree(dir);
  EXPECT_EQ(tree.find(other_.id), std::string::npos);
  EXPECT_EQ(tree.find(a1_), std::string::npos);

  FAIRQM_ASSERT_OK_AND_ASSIGN(auto index, codec::ParseJsonText(ReadFile(dir / "index.json")));
  EXPECT_EQ(index["employee"]["id"], a0_);
  EXPECT_EQ(index["team"]["name"], "Noord");
  EXPECT_EQ(index["lines"].size(), 1u);
  EXPECT_EQ(index["recordings"].size(), 3u);
  for (const auto& r : index["recordings"]) {
    EXPECT_EQ(r["content"], "included");
    EXPECT_TRUE(fs::exists(dir / r["file"].get<std::string>()));
  }
  // KSF-3.3: who may monitor me.
  ASSERT_EQ(index["who_may_monitor"].size(), 1u);
  EXPECT_EQ(index["who_may_monitor"][0]["monitor_id"], inst().monitor_id());
  EXPECT_EQ(index["who_may_monitor"][0]["monitor_function"], "qa_analyst");
  // AVG-5-accountability SHOW: who accessed my data, this export's own
  // openings included.
  bool monitor_seen = false;
  int export_openings = 0;
  for (const auto& entry : index["audit"]) {
    monitor_seen = monitor_seen || entry["actor_id"] == inst().monitor_id();
    if (entry["action"] == "recording.export") ++export_openings;
  }
  EXPECT_TRUE(monitor_seen);
  EXPECT_EQ(export_openings, 3);
  const std::string readme = ReadFile(dir / "README.txt");
  EXPECT_NE(readme.find("INZAGE IN UW GEGEVENS"), std::string::npos);
  EXPECT_NE(readme.find("ACCESS TO YOUR DATA"), std::string::npos);
  EXPECT_NE(readme.find("KSF-4.3"), std::string::npos);
}

TEST_F(ExportTest, KSF43_AssessmentEvaluationsCarryTheDisclaimer) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided, ExportAgent(inst().app(), Installation::AgentActor(a0_), a0_, Out("ksf-4-3")));
  ASSERT_TRUE(decided.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto index,
                              codec::ParseJsonText(ReadFile(Out("ksf-4-3") / "index.json")));
  ASSERT_EQ(index["evaluations"].size(), 1u);
  const auto& evaluation = index["evaluations"][0];
  EXPECT_EQ(evaluation["id"], evaluation_.id);
  EXPECT_EQ(evaluation["purpose"], "assessment");
  EXPECT_EQ(evaluation["disclaimer"]["nl"], policy::kAssessmentDisclaimerNl);
  EXPECT_EQ(evaluation["disclaimer"]["en"], policy::kAssessmentDisclaimerEn);
  EXPECT_FALSE(evaluation["answers"].empty());  // the content itself, too
}

TEST_F(ExportTest, AVG15_IndexHoldsRequestsConsentsComplaintsAndListensOfTheAgentOnly) {
  {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Writer());
    const TimeMs now = inst().app().Now();
    for (const std::string& agent : {a0_, a1_}) {
      domain::AgentRequest request;
      request.id = "req-" + agent;
      request.agent_id = agent;
      request.kind = domain::RequestKind::kExtraMoment;
      request.created_at = now;
      FAIRQM_ASSERT_OK(store::PutAgentRequest(*conn, request));
      domain::Consent consent;
      consent.id = "consent-" + agent;
      consent.agent_id = agent;
      consent.kind = domain::ConsentKind::kNamedTraining;
      consent.training_use = "Training nieuwe medewerkers";
      consent.given_at = now;
      FAIRQM_ASSERT_OK(store::PutConsent(*conn, consent));
      domain::Complaint complaint;
      complaint.id = "complaint-" + agent;
      complaint.complainant_id = agent;
      complaint.subject = "Frequentie";
      complaint.filed_at = now;
      complaint.respond_by = now + Days(30);
      FAIRQM_ASSERT_OK(store::PutComplaint(*conn, complaint));
      domain::LiveListenSession listen;
      listen.id = "live-" + agent;
      listen.listener_id = "user-cl-1";
      listen.listener_role = domain::Role::kClient;
      listen.agent_id = agent;
      listen.purpose = Purpose::kQuality;
      listen.started_at = now;
      FAIRQM_ASSERT_OK(store::PutLiveListenSession(*conn, listen));
      domain::DataSubjectRequest dsr;
      dsr.id = "dsr-" + agent;
      dsr.subject_kind = domain::DataSubjectKind::kAgent;
      dsr.subject_ref = agent;
      dsr.received_at = now;
      dsr.due_at = now + Days(30);
      FAIRQM_ASSERT_OK(store::PutDataSubjectRequest(*conn, dsr));
    }
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided, ExportAgent(inst().app(), Installation::AgentActor(a0_), a0_, Out("alles")));
  ASSERT_TRUE(decided.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto index,
                              codec::ParseJsonText(ReadFile(Out("alles") / "index.json")));
  for (const char* key :
       {"requests", "consents", "complaints", "live_listens", "data_subject_requests"}) {
    SCOPED_TRACE(key);
    ASSERT_EQ(index[key].size(), 1u);
    EXPECT_NE(index[key][0]["id"].get<std::string>().find(a0_), std::string::npos);
  }
  // KSF-6.4: the agent sees that a client listened.
  EXPECT_EQ(index["live_listens"][0]["listener_role"], "client");
  EXPECT_EQ(ReadTree(Out("alles")).find(a1_), std::string::npos);
}

TEST_F(ExportTest, AVG15_FilesArePrivateToTheUser) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided, ExportAgent(inst().app(), Installation::AgentActor(a0_), a0_, Out("prive")));
  ASSERT_TRUE(decided.allowed());
  struct stat st {};
  ASSERT_EQ(::stat(Out("prive").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((Out("prive") / "index.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // Nothing of the staging folder is left beside it.
  int siblings = 0;
  for (const auto& entry : fs::directory_iterator(Out("prive").parent_path())) {
    (void)entry;
    ++siblings;
  }
  EXPECT_EQ(siblings, 1);
}

TEST_F(ExportTest, AVG17_DestroyedRecordingIsListedWithItsRuleButHasNoContent) {
  {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Writer());
    FAIRQM_ASSERT_OK_AND_ASSIGN(bool marked, store::MarkRecordingDestroyed(
                                                 *conn, voice_.id, inst().app().Now(), "KSF-4.10"));
    EXPECT_TRUE(marked);
  }
  FAIRQM_ASSERT_OK(inst().app().vault().Destroy(voice_.id));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided,
      ExportAgent(inst().app(), Installation::PrivacyOfficer(), a0_, Out("na-vernietiging")));
  ASSERT_TRUE(decided.allowed());
  EXPECT_EQ(decided.value->recordings_written, 2);
  EXPECT_EQ(decided.value->recordings_without_content, 1);
  const fs::path dir = Out("na-vernietiging");
  EXPECT_FALSE(fs::exists(dir / ("recordings/" + voice_.id + ".ogg")));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto index, codec::ParseJsonText(ReadFile(dir / "index.json")));
  bool listed = false;
  for (const auto& r : index["recordings"]) {
    if (r["id"] == voice_.id) {
      listed = true;
      EXPECT_EQ(r["content"], "destroyed");
      EXPECT_TRUE(r["file"].is_null());
    }
  }
  EXPECT_TRUE(listed);
  // DELETION-log: what, when, under which rule.
  ASSERT_EQ(index["destructions"].size(), 1u);
  EXPECT_EQ(index["destructions"][0]["subject_id"], voice_.id);
  EXPECT_EQ(index["destructions"][0]["rule"], "KSF-4.10");
}

TEST_F(ExportTest, AVG12_PrivacyOfficerAnswersADataSubjectRequestForAnyAgent) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided, ExportAgent(inst().app(), Installation::PrivacyOfficer(), a1_, Out("verzoek")));
  ASSERT_TRUE(decided.allowed());
  EXPECT_EQ(decided.value->recordings_written, 1);
  EXPECT_TRUE(fs::exists(Out("verzoek") / ("recordings/" + other_.id + ".ogg")));
  // The openings are audited as data-subject exports, with the agent as subject.
  bool found = false;
  for (const auto& e : AuditEntries(inst().app(), "recording.subject_export")) {
    if (e.entry.subject_id == other_.id) {
      found = true;
      EXPECT_EQ(e.entry.subject_agent_id, a1_);
      EXPECT_EQ(e.entry.actor_role, "privacy_officer");
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(ExportTest, AVG5Accountability_EveryExportIsAuditedWithTheAgentAsSubject) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided, ExportAgent(inst().app(), Installation::AgentActor(a0_), a0_, Out("audit")));
  ASSERT_TRUE(decided.allowed());
  auto entries = AuditEntries(inst().app(), "subject.export");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].entry.subject_agent_id, a0_);
  EXPECT_EQ(entries[0].entry.actor_id, a0_);
  EXPECT_EQ(entries[0].entry.decision, audit::Decision::kAllowed);
  // The chain is intact after all this.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Reader());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto verified, audit::Verify(*conn));
  EXPECT_TRUE(verified.ok) << verified.problem;
}

TEST_F(ExportTest, AVG15_RefusedForEveryoneButTheAgentAndThePrivacyOfficer) {
  struct Row {
    Actor actor;
    std::string rule;
  };
  const Row rows[] = {
      {inst().Monitor(), "AVG-32"},
      {Installation::AgentActor(a1_), "KSF-3.3"},  // another agent
      {Installation::Manager(), "AVG-32"},
      {Installation::WorksCouncil(), "AVG-32"},
      {Installation::Client("cl-1"), "AVG-32"},
      {Installation::Admin(), "AVG-32"},
      {Installation::CaptureSource(), "AVG-32"},
  };
  int attempt = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(domain::Name(row.actor.role)));
    const fs::path out = Out("geweigerd-" + std::to_string(++attempt));
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto decided, ExportAgent(inst().app(), row.actor, a0_, out));
    EXPECT_FALSE(decided.allowed());
    EXPECT_EQ(decided.decision.rule, row.rule);
    EXPECT_FALSE(fs::exists(out));
  }
  // Refusals are on record, with the agent as subject (KSF-3.3 (3.3.4)).
  auto entries = AuditEntries(inst().app(), "subject.export");
  ASSERT_EQ(entries.size(), std::size(rows));
  for (const auto& e : entries) {
    EXPECT_EQ(e.entry.decision, audit::Decision::kRefused);
    EXPECT_EQ(e.entry.subject_agent_id, a0_);
  }
  EXPECT_FALSE(fs::exists(inst_->scratch() / "exports") &&
               !fs::is_empty(inst_->scratch() / "exports"));
}

TEST_F(ExportTest, AVG15_RefusesAnExistingNonEmptyFolderAndLeavesItAlone) {
  const fs::path out = Out("bestaat");
  fs::create_directories(out);
  { std::ofstream(out / "van-iemand-anders.txt") << "niet overschrijven"; }
  auto result = ExportAgent(inst().app(), Installation::AgentActor(a0_), a0_, out);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_EQ(ReadFile(out / "van-iemand-anders.txt"), "niet overschrijven");
  int entries = 0;
  for (const auto& entry : fs::directory_iterator(out.parent_path())) {
    (void)entry;
    ++entries;
  }
  EXPECT_EQ(entries, 1);  // no staging folder left behind
  EXPECT_TRUE(AuditEntries(inst().app(), "subject.export").empty());
  // A plain file in the way is refused too; an empty folder is used.
  { std::ofstream(Out("een-bestand")) << "x"; }
  auto onto_file =
      ExportAgent(inst().app(), Installation::AgentActor(a0_), a0_, Out("een-bestand"));
  ASSERT_FALSE(onto_file.ok());
  EXPECT_EQ(onto_file.error().code, ErrorCode::kConflict);
  fs::create_directories(Out("leeg"));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto into_empty, ExportAgent(inst().app(), Installation::AgentActor(a0_), a0_, Out("leeg")));
  EXPECT_TRUE(into_empty.allowed());
  EXPECT_TRUE(fs::exists(Out("leeg") / "index.json"));
}

TEST_F(ExportTest, UnknownAgentIsAnErrorAndLeavesNothing) {
  auto result =
      ExportAgent(inst().app(), Installation::PrivacyOfficer(), "emp-unknown", Out("onbekend"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(Out("onbekend")));
  EXPECT_TRUE(fs::is_empty(Out("onbekend").parent_path()));
}

// ---------------------------------------------------------------------------
// Customers

class CustomerExportTest : public ServiceTest {};

TEST_F(CustomerExportTest, AVG15_FindsContactsByNumberInAnyNotationWithoutKeepingIt) {
  const auto& noord = inst().teams()[0];
  testing::CaptureSpec call;
  call.customer_number = "+31 6 1234 5678";
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto first,
                              inst().Capture(noord.agent_ids[0], Purpose::kCoaching, call));
  testing::CaptureSpec chat;
  chat.channel = domain::Channel::kChat;
  chat.text = "Mijn pakket is niet aangekomen.";
  chat.customer_number = "+31 (0)6-1234 5678";  // the same number, written otherwise
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto second,
                              inst().Capture(noord.agent_ids[1], Purpose::kQuality, chat));
  testing::CaptureSpec someone_else;
  someone_else.customer_number = "+31 6 8765 4321";
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto other,
                              inst().Capture(noord.agent_ids[2], Purpose::kCoaching, someone_else));

  // NormaliseNumber reads a leading 00 as + and drops spaces, dashes and "(0)".
  const fs::path out = inst_->scratch() / "klant";
  std::vector<std::string> steps;
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided,
      ExportCustomer(inst().app(), Installation::PrivacyOfficer(), "0031-6-12345678", out,
                     [&](std::string_view step, int, int) { steps.emplace_back(step); }));
  ASSERT_TRUE(decided.allowed());
  EXPECT_EQ(decided.value->recordings_written, 2);
  EXPECT_EQ(steps.back(), "done");
  EXPECT_TRUE(fs::exists(out / ("recordings/" + first.id + ".ogg")));
  EXPECT_EQ(ReadFile(out / ("recordings/" + second.id + ".txt")),
            "Mijn pakket is niet aangekomen.");
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto audio, audio::DecodeOggOpus((out / ("recordings/" + first.id + ".ogg")).string()));
  EXPECT_NEAR(static_cast<double>(audio.frames()) / audio.sample_rate, 2.0, 0.1);

  FAIRQM_ASSERT_OK_AND_ASSIGN(auto index, codec::ParseJsonText(ReadFile(out / "index.json")));
  EXPECT_EQ(index["contacts"].size(), 2u);
  EXPECT_EQ(index["recordings"].size(), 2u);
  EXPECT_EQ(index["customer_reference"], inst().app().customer_refs().Reference("+31612345678"));
  // AVG-5-minimal: the number is nowhere; art. 15(4): no agent either.
  const std::string tree = ReadTree(out);
  for (const char* digits : {"12345678", "1234 5678", "612345678"}) {
    EXPECT_EQ(tree.find(digits), std::string::npos) << digits;
  }
  EXPECT_EQ(tree.find("emp-"), std::string::npos);
  EXPECT_EQ(tree.find(other.id), std::string::npos);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Reader());
  audit::Filter all;
  all.limit = 100000;
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto log, audit::Search(*conn, all));
  for (const auto& e : log) {
    EXPECT_EQ(e.entry.detail.find("12345678"), std::string::npos);
    EXPECT_EQ(e.entry.subject_id.find("12345678"), std::string::npos);
  }
  auto exports = AuditEntries(inst().app(), "subject.export");
  ASSERT_EQ(exports.size(), 1u);
  EXPECT_EQ(exports[0].entry.subject_kind, "customer");
  EXPECT_EQ(exports[0].entry.subject_id, index["customer_reference"].get<std::string>());

  // By the reference itself, too.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto by_ref,
                              ExportCustomer(inst().app(), Installation::PrivacyOfficer(),
                                             index["customer_reference"].get<std::string>(),
                                             inst_->scratch() / "klant-ref"));
  ASSERT_TRUE(by_ref.allowed());
  EXPECT_EQ(by_ref.value->recordings_written, 2);
}

TEST_F(CustomerExportTest, AVG15_OnlyThePrivacyOfficerExportsCustomerData) {
  for (const Actor& actor :
       {Installation::AgentActor(inst().teams()[0].agent_ids[0]), inst().Monitor(),
        Installation::Manager(), Installation::Client("cl-1"), Installation::Admin()}) {
    SCOPED_TRACE(std::string(domain::Name(actor.role)));
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto decided, ExportCustomer(inst().app(), actor, "+31 6 1234 5678",
                                                             inst_->scratch() / "klant"));
    EXPECT_FALSE(decided.allowed());
    EXPECT_EQ(decided.decision.rule, "AVG-32");
    EXPECT_FALSE(fs::exists(inst_->scratch() / "klant"));
  }
}

TEST_F(CustomerExportTest, NoNumberIsAnErrorAndAnUnknownNumberGivesAnEmptyExport) {
  auto empty = ExportCustomer(inst().app(), Installation::PrivacyOfficer(), "geen nummer",
                              inst_->scratch() / "leeg");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidInput);
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto unknown, ExportCustomer(inst().app(), Installation::PrivacyOfficer(), "+31 20 000 0000",
                                   inst_->scratch() / "onbekend"));
  ASSERT_TRUE(unknown.allowed());
  EXPECT_EQ(unknown.value->recordings_written, 0);
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto index, codec::ParseJsonText(ReadFile(inst_->scratch() / "onbekend" / "index.json")));
  EXPECT_TRUE(index["contacts"].empty());
}

TEST(ExtensionForMediaTypeTest, MapsStoredMediaTypesToFileExtensions) {
  EXPECT_EQ(ExtensionForMediaType("audio/ogg; codecs=opus"), ".ogg");
  EXPECT_EQ(ExtensionForMediaType("video/webm"), ".webm");
  EXPECT_EQ(ExtensionForMediaType("text/plain; charset=utf-8"), ".txt");
  EXPECT_EQ(ExtensionForMediaType("Message/RFC822"), ".eml");
  EXPECT_EQ(ExtensionForMediaType("application/x-unknown"), ".bin");
  EXPECT_EQ(ExtensionForMediaType(""), ".bin");
}

}  // namespace
}  // namespace fairqm::service
