// The works council's report (KSF-3.10). Its speed over a million recordings
// is measured by bench/report_bench.cc.
#include "store/reports.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "db/testing.h"
#include "store/deletion_log.h"
#include "store/recordings.h"
#include "store/requests.h"
#include "store/test_fixtures.h"

namespace fairqm::store {
namespace {

using namespace domain;  // NOLINT
using testing::kT0;
using testing::SampleRecording;

class ReportsTest : public ::testing::Test {
 protected:
  db::Connection& conn() { return catalogue_.conn(); }
  db::testing::TempCatalogue catalogue_;
};

const PurposeFigures& For(const WorksCouncilReport& report, Purpose purpose) {
  for (const auto& figures : report.purposes) {
    if (figures.purpose == purpose) return figures;
  }
  static const PurposeFigures kNone;
  return kNone;
}

TEST_F(ReportsTest, WorksCouncilReportCountsPerPurpose) {
  const TimeMs from = kT0;
  const TimeMs to = kT0 + Days(30);
  auto rec = [&](std::string id, Purpose purpose, TimeMs created, std::optional<TimeMs> evaluated) {
    Recording r = SampleRecording(std::move(id), "a", purpose, created);
    r.evaluated_at = evaluated;
    ASSERT_TRUE(PutRecording(conn(), r).ok());
  };
  rec("on-time", Purpose::kCoaching, kT0, kT0 + Days(3));
  rec("late", Purpose::kCoaching, kT0, kT0 + Days(20));  // evaluate_by is +14 days
  rec("never", Purpose::kCoaching, kT0 + Days(1), std::nullopt);
  rec("quality", Purpose::kQuality, kT0 + Days(2), std::nullopt);
  rec("before", Purpose::kCoaching, kT0 - 1, std::nullopt);  // outside the period
  rec("after", Purpose::kCoaching, to, std::nullopt);        // outside the period

  ASSERT_TRUE(MarkRecordingDestroyed(conn(), "never", kT0 + Days(15), "KSF-4.10").ok());
  ASSERT_TRUE(MarkRecordingDestroyed(conn(), "on-time", kT0 + Days(4), "KSF-4.9").ok());
  ASSERT_TRUE(MarkRecordingDestroyed(conn(), "before", kT0 - 1, "KSF-4.9").ok());  // outside
  ASSERT_TRUE(AppendDeletion(conn(), {"evaluation", "e1", Purpose::kCoaching, "RETENTION-split",
                                      kT0 + Days(5)})
                  .ok());

  Consent hold;
  hold.id = "h1";
  hold.agent_id = std::string("a");  // GCC 12's -Wrestrict false positive on "a"
  hold.kind = ConsentKind::kRetentionHold;
  hold.recording_id = "late";
  hold.hold_until = to + Days(10);
  hold.given_at = kT0 + Days(21);
  ASSERT_TRUE(PutConsent(conn(), hold).ok());
  Consent withdrawn = hold;
  withdrawn.id = "h2";
  withdrawn.recording_id = "quality";
  withdrawn.withdrawn_at = kT0 + Days(25);
  ASSERT_TRUE(PutConsent(conn(), withdrawn).ok());

  ASSERT_TRUE(
      AppendCaptureRefusal(conn(), {"cr1", kT0, "AVG-21", Purpose::kCoaching, "a", {}}).ok());
  ASSERT_TRUE(
      AppendCaptureRefusal(conn(), {"cr2", kT0 + 1, "AVG-21", Purpose::kCoaching, "a", {}}).ok());
  ASSERT_TRUE(
      AppendCaptureRefusal(conn(), {"cr3", kT0 + 2, "KSF-3.6", Purpose::kQuality, "a", {}}).ok());
  ASSERT_TRUE(AppendCaptureRefusal(conn(), {"cr4", kT0 + 3, "KSF-3.9", std::nullopt, "", {}}).ok());
  ASSERT_TRUE(AppendCaptureRefusal(conn(), {"cr5", to, "KSF-3.9", std::nullopt, "", {}}).ok());

  Complaint open{"c1", "a", "s", "t", kT0, kT0 + Days(10), {}, "", {}, {}, "", {}};
  Complaint resolved{
      "c2",          "a",           "s", "t", kT0 - Days(5), kT0 + Days(25), {}, "ok",
      kT0 + Days(3), kT0 + Days(4), "",  {}};
  ASSERT_TRUE(PutComplaint(conn(), open).ok());
  ASSERT_TRUE(PutComplaint(conn(), resolved).ok());

  auto report = BuildWorksCouncilReport(conn(), from, to);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->purposes.size(), 3u);
  const PurposeFigures& coaching = For(*report, Purpose::kCoaching);
  EXPECT_EQ(coaching.recordings_captured, 3);
  EXPECT_EQ(coaching.evaluated_on_time, 1);
  EXPECT_EQ(coaching.evaluated_late, 1);
  EXPECT_EQ(coaching.not_evaluated, 1);
  EXPECT_EQ(coaching.destructions_by_rule,
            (std::map<std::string, std::int64_t>{
                {"KSF-4.10", 1}, {"KSF-4.9", 1}, {"RETENTION-split", 1}}));
  EXPECT_EQ(coaching.active_holds, 1);
  EXPECT_EQ(coaching.capture_refusals_by_rule,
            (std::map<std::string, std::int64_t>{{"AVG-21", 2}}));
  const PurposeFigures& quality = For(*report, Purpose::kQuality);
  EXPECT_EQ(quality.recordings_captured, 1);
  EXPECT_EQ(quality.not_evaluated, 1);
  EXPECT_EQ(quality.active_holds, 0);  // withdrawn before the end of the period
  EXPECT_EQ(quality.capture_refusals_by_rule,
            (std::map<std::string, std::int64_t>{{"KSF-3.6", 1}}));
  const PurposeFigures& assessment = For(*report, Purpose::kAssessment);
  EXPECT_EQ(assessment.recordings_captured, 0);
  EXPECT_TRUE(assessment.destructions_by_rule.empty());
  EXPECT_EQ(report->capture_refusals_without_purpose,
            (std::map<std::string, std::int64_t>{{"KSF-3.9", 1}}));
  EXPECT_EQ(report->complaints_filed, 1);
  EXPECT_EQ(report->complaints_resolved, 1);
  EXPECT_EQ(report->complaints_appealed, 1);
  EXPECT_EQ(report->complaints_overdue, 1);  // "open": respond_by passed, unresolved at `to`
}

TEST_F(ReportsTest, EmptyCatalogueGivesZeroes) {
  auto report = BuildWorksCouncilReport(conn(), kT0, kT0 + Days(30));
  ASSERT_TRUE(report.ok());
  for (const auto& figures : report->purposes) {
    EXPECT_EQ(figures.recordings_captured, 0);
    EXPECT_EQ(figures.not_evaluated, 0);
  }
  EXPECT_EQ(report->complaints_filed, 0);
}

TEST_F(ReportsTest, RefusesAPeriodThatEndsBeforeItStarts) {
  auto report = BuildWorksCouncilReport(conn(), kT0, kT0 - 1);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace fairqm::store
