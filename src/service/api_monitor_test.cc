// The API's own service use cases: the written evaluation document (KSF-3.8,
// KSF-4.5), opening content with its media type, and live-listen reports from
// the switch, where the switch asserts only who listens (KSF-3.3, AVG-32).
#include "service/api_monitor.h"

#include <gtest/gtest.h>

#include "audit/audit.h"
#include "service/agent_requests.h"
#include "service/testing.h"

namespace fairqm::service {
namespace {

using domain::Purpose;
using testing::Installation;
using testing::ServiceTest;

class ApiMonitorTest : public ServiceTest {
 protected:
  std::string AgentId() { return inst().teams()[0].agent_ids[0]; }
  std::string AgentNumber() { return inst().teams()[0].agent_numbers[0]; }
};

TEST_F(ApiMonitorTest, DocumentCarriesTheFormAndNames_KSF_3_8) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto recording, inst().Capture(AgentId(), Purpose::kCoaching));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto evaluation,
                              inst().Evaluate(AgentId(), Purpose::kCoaching, {recording.id}));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto document, ReadEvaluationDocument(inst().app(), inst().Monitor(), evaluation.id));
  ASSERT_TRUE(document.allowed()) << document.decision.reason_en;
  EXPECT_EQ(document.value->evaluation.id, evaluation.id);
  EXPECT_EQ(document.value->form.id, inst().form(Purpose::kCoaching).id);
  EXPECT_EQ(document.value->form.sections.size(), 1u);
  EXPECT_EQ(document.value->agent_name, "Medewerker " + AgentNumber());
  EXPECT_EQ(document.value->monitor_name, "Kwaliteitsmedewerker");
  EXPECT_TRUE(document.value->supervisor_name.empty());
  // The agent reads their own shared evaluation; a colleague does not.
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto own,
      ReadEvaluationDocument(inst().app(), Installation::AgentActor(AgentId()), evaluation.id));
  EXPECT_TRUE(own.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto colleague,
      ReadEvaluationDocument(inst().app(), Installation::AgentActor(inst().teams()[0].agent_ids[1]),
                             evaluation.id));
  EXPECT_FALSE(colleague.allowed());
  auto unknown = ReadEvaluationDocument(inst().app(), inst().Monitor(), "ev-unknown");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(ApiMonitorTest, ContentComesWithItsMediaType_KSF_3_4) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto recording, inst().Capture(AgentId(), Purpose::kQuality));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto opened, OpenRecordingContent(inst().app(), inst().Monitor(), recording.id,
                                        Purpose::kQuality, policy::RecordingAccess::kListen));
  ASSERT_TRUE(opened.allowed());
  EXPECT_EQ(opened.value->media_type, recording.media_type);
  EXPECT_EQ(opened.value->reader->size(), static_cast<std::uint64_t>(recording.size_bytes));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto refused, OpenRecordingContent(inst().app(), inst().Monitor(), recording.id,
                                         Purpose::kCoaching, policy::RecordingAccess::kListen));
  EXPECT_FALSE(refused.allowed());
  EXPECT_EQ(refused.decision.rule, "KSF-3.4");
}

TEST_F(ApiMonitorTest, SwitchReportsAreDecidedForTheListenerAndAudited_KSF_3_3) {
  const std::string line = "6" + AgentNumber();
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto started, ReportLiveListenStart(inst().app(), Installation::CaptureSource(), "9100",
                                          AgentNumber(), line, Purpose::kCoaching));
  ASSERT_TRUE(started.allowed()) << started.decision.reason_en;
  EXPECT_EQ(started.value->listener_id, inst().monitor_id());
  EXPECT_EQ(started.value->listener_role, domain::Role::kMonitor);
  EXPECT_EQ(started.value->agent_id, AgentId());
  {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Reader());
    audit::Filter filter;
    filter.action = "live.report";
    filter.actor_id = Installation::CaptureSource().id;
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto entries, audit::Search(*conn, filter));
    EXPECT_EQ(entries.size(), 1u);
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto stopped,
      ReportLiveListenStop(inst().app(), Installation::CaptureSource(), started.value->id));
  ASSERT_TRUE(stopped.allowed());
  EXPECT_TRUE(stopped.value->ended_at.has_value());

  // Unknown people and people without an authorisation: KSF-3.3.
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto unknown, ReportLiveListenStart(inst().app(), Installation::CaptureSource(), "0000",
                                          AgentNumber(), line, Purpose::kCoaching));
  EXPECT_EQ(unknown.decision.rule, "KSF-3.3");
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto colleague, ReportLiveListenStart(inst().app(), Installation::CaptureSource(),
                                            inst().teams()[0].agent_numbers[1], AgentNumber(), line,
                                            Purpose::kCoaching));
  EXPECT_EQ(colleague.decision.rule, "KSF-3.3");
  // A private or unknown line stays unheard whoever listens.
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto unknown_line, ReportLiveListenStart(inst().app(), Installation::CaptureSource(), "9100",
                                               AgentNumber(), "0000", Purpose::kCoaching));
  EXPECT_FALSE(unknown_line.allowed());
}

TEST_F(ApiMonitorTest, OnlyCaptureSourcesReport_AVG_32) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto refused, ReportLiveListenStart(inst().app(), inst().Monitor(), "9100", AgentNumber(),
                                          "6" + AgentNumber(), Purpose::kCoaching));
  EXPECT_EQ(refused.decision.rule, "AVG-32");
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto session, StartLiveListen(inst().app(), inst().Monitor(), AgentId(), "6" + AgentNumber(),
                                    Purpose::kCoaching));
  ASSERT_TRUE(session.allowed());
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto stop_refused, ReportLiveListenStop(inst().app(), inst().Monitor(), session.value->id));
  EXPECT_EQ(stop_refused.decision.rule, "AVG-32");
  auto unknown = ReportLiveListenStop(inst().app(), Installation::CaptureSource(), "live-unknown");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace fairqm::service
