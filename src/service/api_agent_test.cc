// service/api_agent and service/api_public: the agent's own data-subject
// requests (AVG-15, AVG-12), the export archive and its tar writer, the
// published forms (KSF-4.2) and the privacy statement.
#include "service/api_agent.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "audit/audit.h"
#include "service/agent_requests.h"
#include "service/api_public.h"
#include "service/testing.h"
#include "service/views.h"

namespace fairqm::service {
namespace {

using domain::DataSubjectRequestKind;
using domain::Role;
using testing::Installation;
using testing::ServiceTest;

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string RunCommand(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.append(buffer, got);
  ::pclose(pipe);
  return output;
}

// --- TarWriter ---------------------------------------------------------------

class TarWriterTest : public ::testing::Test {
 protected:
  std::filesystem::path Write(const std::string& name, const std::string& text) {
    auto path = dir_.path() / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  TempDir dir_;
};

TEST_F(TarWriterTest, WritesAnArchiveTheSystemTarReads) {
  const std::string long_dir = std::string(90, 'd');
  const std::string long_name = "top/" + long_dir + "/" + std::string(60, 'f') + ".txt";
  auto small = Write("small.txt", "hello");
  auto exact = Write("exact.bin", std::string(512, 'x'));
  auto empty = Write("empty.txt", "");
  const auto archive = dir_.path() / "out.tar";
  auto writer = TarWriter::Create(archive);
  FAIRQM_ASSERT_OK(writer);
  const TimeMs mtime = *ParseTime("2026-03-02T09:00:00Z");
  FAIRQM_ASSERT_OK((*writer)->AddDirectory("top", mtime));
  FAIRQM_ASSERT_OK((*writer)->AddFile("top/small.txt", small, mtime));
  FAIRQM_ASSERT_OK((*writer)->AddFile("top/exact.bin", exact, mtime));
  FAIRQM_ASSERT_OK((*writer)->AddFile("top/empty.txt", empty, mtime));
  FAIRQM_ASSERT_OK((*writer)->AddFile(long_name, small, mtime));  // prefix + name
  FAIRQM_ASSERT_OK((*writer)->Finish());

  // Headers and content in 512-byte blocks, then two zero blocks.
  const std::string bytes = ReadAll(archive);
  const std::uint64_t expected = 512 * (1 + 2 + 2 + 1 + 2) + 1024;
  EXPECT_EQ(bytes.size(), expected);
  EXPECT_EQ((*writer)->bytes_written(), expected);
  EXPECT_EQ(bytes.substr(0, 4), "top/");
  EXPECT_EQ(bytes[156], '5');
  EXPECT_EQ(bytes.substr(257, 6), std::string("ustar\0", 6));
  // The checksum field holds the sum of the header with the field as spaces.
  std::string header = bytes.substr(0, 512);
  const unsigned stored = std::stoul(header.substr(148, 6), nullptr, 8);
  std::fill(header.begin() + 148, header.begin() + 156, ' ');
  unsigned sum = 0;
  for (char byte : header) sum += static_cast<unsigned char>(byte);
  EXPECT_EQ(stored, sum);

  const std::string listing = RunCommand("tar -tvf '" + archive.string() + "' 2>&1");
  EXPECT_NE(listing.find("top/small.txt"), std::string::npos) << listing;
  EXPECT_NE(listing.find(long_name), std::string::npos) << listing;
  EXPECT_NE(listing.find("2026-03-02"), std::string::npos) << listing;
  const auto out = dir_.path() / "x";
  std::filesystem::create_directory(out);
  ASSERT_EQ(std::system(("tar -xf '" + archive.string() + "' -C '" + out.string() + "'").c_str()),
            0);
  EXPECT_EQ(ReadAll(out / "top/small.txt"), "hello");
  EXPECT_EQ(ReadAll(out / "top/exact.bin"), std::string(512, 'x'));
  EXPECT_EQ(ReadAll(out / long_name), "hello");
  EXPECT_TRUE(std::filesystem::exists(out / "top/empty.txt"));
}

TEST_F(TarWriterTest, RefusesBadNamesAndAnExistingFile) {
  auto small = Write("small.txt", "hello");
  const auto archive = dir_.path() / "out.tar";
  auto writer = TarWriter::Create(archive);
  FAIRQM_ASSERT_OK(writer);
  for (const std::string bad : {"", "/etc/passwd", "a/../b", "..", "x/.."}) {
    auto status = (*writer)->AddFile(bad, small, 0);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput) << bad;
  }
  // No '/' that splits it into 155 + 100 bytes.
  auto too_long = (*writer)->AddFile(std::string(120, 'n'), small, 0);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::kUnsupported);
  auto missing = (*writer)->AddFile("gone.txt", dir_.path() / "gone.txt", 0);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);

  auto again = TarWriter::Create(archive);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(TarWriterTest, UnfinishedArchiveIsRemoved) {
  const auto archive = dir_.path() / "partial.tar";
  {
    auto writer = TarWriter::Create(archive);
    FAIRQM_ASSERT_OK(writer);
    FAIRQM_ASSERT_OK((*writer)->AddDirectory("top", 0));
    EXPECT_TRUE(std::filesystem::exists(archive));
  }
  EXPECT_FALSE(std::filesystem::exists(archive));
}

// --- RequestMyData (AVG-15, AVG-12) -------------------------------------------

class ApiAgentServiceTest : public ServiceTest {
 protected:
  std::string Agent() { return inst().teams()[0].agent_ids[0]; }
  Actor AgentActor() { return Installation::AgentActor(Agent()); }
};

TEST_F(ApiAgentServiceTest, AgentRequestIsAboutThemselfWithTheAvg12Deadline) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto opened, RequestMyData(inst().app(), AgentActor(), DataSubjectRequestKind::kAccess));
  ASSERT_TRUE(opened.allowed());
  EXPECT_EQ(opened.value->subject_kind, domain::DataSubjectKind::kAgent);
  EXPECT_EQ(opened.value->subject_ref, Agent());
  EXPECT_EQ(opened.value->received_at, inst().clock().Now());
  EXPECT_GT(opened.value->due_at, inst().clock().Now() + Days(27));  // AVG-12: one month

  // The privacy officer sees it in the AVG-12 list.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto list,
                              DataSubjectRequests(inst().app(), Installation::PrivacyOfficer()));
  ASSERT_TRUE(list.allowed());
  ASSERT_EQ(list.value->size(), 1u);
  EXPECT_EQ((*list.value)[0].request.id, opened.value->id);

  // Audited with the agent as subject.
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Reader());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto entries, audit::ListForSubjectAgent(*conn, Agent(), 50));
  bool recorded = false;
  for (const auto& e : entries) recorded = recorded || e.entry.action == "dsr.request";
  EXPECT_TRUE(recorded);
}

TEST_F(ApiAgentServiceTest, SecondOpenRequestOfTheSameKindIsRefused_AVG_12) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto first, RequestMyData(inst().app(), AgentActor(), DataSubjectRequestKind::kAccess));
  ASSERT_TRUE(first.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto second, RequestMyData(inst().app(), AgentActor(), DataSubjectRequestKind::kAccess));
  EXPECT_FALSE(second.allowed());
  EXPECT_EQ(second.decision.rule, "AVG-12");
  // Another kind is its own request; and once answered, a new one may follow.
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto erasure, RequestMyData(inst().app(), AgentActor(), DataSubjectRequestKind::kErasure));
  EXPECT_TRUE(erasure.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto answered,
                              AnswerDataSubjectRequest(inst().app(), Installation::PrivacyOfficer(),
                                                       first.value->id, "Export verstuurd."));
  ASSERT_TRUE(answered.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto again, RequestMyData(inst().app(), AgentActor(), DataSubjectRequestKind::kAccess));
  EXPECT_TRUE(again.allowed());

  FAIRQM_ASSERT_OK_AND_ASSIGN(auto mine, MyDataSubjectRequests(inst().app(), AgentActor()));
  ASSERT_TRUE(mine.allowed());
  EXPECT_EQ(mine.value->size(), 3u);
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto others, MyDataSubjectRequests(inst().app(),
                                         Installation::AgentActor(inst().teams()[0].agent_ids[1])));
  ASSERT_TRUE(others.allowed());
  EXPECT_TRUE(others.value->empty());
}

TEST_F(ApiAgentServiceTest, OnlyAnAgentAsksThisWay_AVG_15) {
  for (const Actor& actor : {Installation::Manager(), Installation::Admin(), inst().Monitor(),
                             Installation::Client("acme")}) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(
        auto refused, RequestMyData(inst().app(), actor, DataSubjectRequestKind::kAccess));
    EXPECT_FALSE(refused.allowed());
    EXPECT_EQ(refused.decision.rule, "AVG-15");
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto list, MyDataSubjectRequests(inst().app(), actor));
    EXPECT_FALSE(list.allowed());
  }
  auto unknown = RequestMyData(inst().app(), Installation::AgentActor("emp-nobody"),
                               DataSubjectRequestKind::kAccess);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

// --- ExportMyDataArchive (AVG-15) -----------------------------------------------

TEST_F(ApiAgentServiceTest, ExportArchiveHoldsMyDataAndOnlyTheArchiveStays) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto recording, inst().Capture(Agent(), domain::Purpose::kCoaching));
  const auto spool = inst().scratch() / "spool";
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto archive, ExportMyDataArchive(inst().app(), AgentActor(), spool));
  ASSERT_TRUE(archive.allowed()) << archive.decision.reason_en;
  EXPECT_EQ(archive.value->recordings_written, 1);
  EXPECT_EQ(archive.value->download_name, "fairqm-export-" + Agent() + ".tar");
  EXPECT_EQ(archive.value->size, std::filesystem::file_size(archive.value->path));
  std::vector<std::filesystem::path> left;
  for (const auto& entry : std::filesystem::directory_iterator(spool)) left.push_back(entry.path());
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0], archive.value->path);

  const std::string listing = RunCommand("tar -tf '" + archive.value->path.string() + "'");
  EXPECT_NE(listing.find("fairqm-export-" + Agent() + "/index.json"), std::string::npos) << listing;
  EXPECT_NE(listing.find("fairqm-export-" + Agent() + "/README.txt"), std::string::npos);
  EXPECT_NE(listing.find("recordings/" + recording.id), std::string::npos);
}

TEST_F(ApiAgentServiceTest, ExportArchiveRefusalLeavesNothingBehind) {
  const auto spool = inst().scratch() / "spool";
  // AVG-32: an administrator exports nobody's data, not even "their own".
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto refused,
                              ExportMyDataArchive(inst().app(), Installation::Admin(), spool));
  EXPECT_FALSE(refused.allowed());
  EXPECT_FALSE(refused.decision.rule.empty());
  EXPECT_TRUE(std::filesystem::is_empty(spool));
}

// --- api_public -------------------------------------------------------------------

TEST_F(ApiAgentServiceTest, PublishedFormsAreTheFixturesForms_KSF_4_2) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto forms, PublishedForms(inst().app()));
  EXPECT_EQ(forms.size(), 3u);
  const auto& assessment = inst().form(domain::Purpose::kAssessment);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto newest,
                              PublishedForm(inst().app(), assessment.id, std::nullopt));
  EXPECT_EQ(newest.version, assessment.version);
  auto missing = PublishedForm(inst().app(), assessment.id, assessment.version + 1);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(ApiAgentServiceTest, PrivacyStatementFollowsTheRegulation) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto statement, BuildPrivacyStatement(inst().app()));
  ASSERT_TRUE(statement.has_value());
  EXPECT_EQ(statement->regulation_id, inst().regulation().id);
  ASSERT_EQ(statement->purposes.size(), 3u);
  EXPECT_EQ(statement->purposes[1].legal_ground, domain::LegalGround::kContract);
  // Voice, screen, chat and e-mail are all enabled somewhere: one category each.
  EXPECT_EQ(statement->data_categories.size(), 4u + 3u);
  codec::Json nl = ToJson(*statement, "nl");
  codec::Json en = ToJson(*statement, "en");
  EXPECT_NE(nl["rights"][0]["title"], en["rights"][0]["title"]);
  EXPECT_EQ(en["lang"], "en");
}

}  // namespace
}  // namespace fairqm::service
