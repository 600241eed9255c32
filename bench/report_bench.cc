// The works council's periodic report (store::BuildWorksCouncilReport,
// KSF-3.10) over a catalogue of 1,000,000 recordings, against a plain
// GROUP BY in the same run.
//
// Catalogue: bench_util.h FillCatalogue (1,000,000 recordings over one year,
// 490,000 destroyed with DELETION-log entries), plus 50,000 capture refusals,
// 2,000 retention holds and 1,000 complaints, in a data directory made by
// App::Init (the product's schema and indexes).
//
//   BM_Report_Year_NoStats  the report for the whole year, before ANALYZE
//   BM_Report_Year          the whole year, with planner statistics. Target < 1 s.
//   BM_Report_Month         one month (the usual period), with statistics
//   BM_Baseline_GroupByPurpose
//                           SELECT purpose, COUNT(*) FROM recordings GROUP BY
//                           purpose: one pass over a covering index of the
//                           same table, the least a per-purpose count costs.
//
// Why ANALYZE: the report's DELETION-log and refusal figures group by
// (purpose, rule) and filter by time; deletion_log_report (purpose, rule,
// destroyed_at) serves both only through a skip-scan, which SQLite chooses
// when sqlite_stat1 says the leading columns have few distinct values. A
// freshly filled file has no statistics; a running installation has them
// (each writer connection runs PRAGMA optimize when the database closes,
// db/sqlite.cc). BM_Report_Year_NoStats runs first and shows the difference.
// Each report runs in a read transaction on a reader connection, as a
// consistent snapshot (store/reports.h).
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <memory>

#include "bench_util.h"
#include "common/random.h"
#include "service/app.h"
#include "store/reports.h"

namespace {

using fairqm::bench::Must;
namespace fs = std::filesystem;

struct Fixture {
  fairqm::bench::CatalogueShape shape;
  fs::path root;
  fairqm::ManualClock clock{0};
  fairqm::SeededRandom random{11};
  std::unique_ptr<fairqm::service::App> app;
  bool analyzed = false;

  void Analyze() {
    if (analyzed) return;
    auto conn = Must(app->Writer(), "writer");
    Must(conn->ExecScript("ANALYZE;"), "analyze");
    analyzed = true;
  }
};

Fixture* g_fixture = nullptr;

Fixture& GetFixture() {
  static Fixture* fixture = [] {
    auto* f = new Fixture();
    f->root = fairqm::bench::MakeBenchDir("report-bench");
    f->clock.Set(f->shape.Now());
    Must(fairqm::service::App::Init(f->root / "data", f->clock), "init");
    f->app = Must(fairqm::service::App::Open(f->root / "data", f->clock, f->random), "open");
    const auto started = std::chrono::steady_clock::now();
    auto conn = Must(f->app->Writer(), "writer");
    fairqm::bench::FillCatalogue(*conn, f->shape);
    const auto& s = f->shape;
    Must(conn->Begin(), "begin");
    Must(conn->Exec(
             "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 50000)"
             " INSERT INTO capture_refusals (id, at, rule, purpose, agent_id, channel)"
             " SELECT 'cref-' || i, $1 + i * 630720,"
             " CASE i % 4 WHEN 0 THEN 'AVG-21' WHEN 1 THEN 'KSF-3.6' WHEN 2 THEN 'KSF-6.6'"
             " ELSE 'KSF-3.9' END,"
             " CASE WHEN i % 4 = 3 THEN '' WHEN i % 3 = 0 THEN 'coaching'"
             " WHEN i % 3 = 1 THEN 'assessment' ELSE 'quality' END, '', 'voice' FROM n",
             {s.start}),
         "refusals");
    // Holds on live recordings of the last months.
    Must(conn->Exec(
             "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 2000)"
             " INSERT INTO consents (id, agent_id, kind, recording_id, reason, hold_until,"
             " given_at) SELECT 'hold-' || i, 'agent-' || ((990000 + i) % $1), 'retention_hold',"
             " 'rec-' || (990000 + i), 'Klacht', $2 + $3, $2 - $3 FROM n",
             {s.agents, s.End(), fairqm::Days(20)}),
         "holds");
    Must(conn->Exec(
             "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 1000)"
             " INSERT INTO complaints (id, complainant_id, filed_at, respond_by, resolved_at)"
             " SELECT 'cpl-' || i, 'agent-' || i, $1 + i * 31536000, $1 + i * 31536000 + $2,"
             " CASE WHEN i % 3 = 0 THEN NULL ELSE $1 + i * 31536000 + $3 END FROM n",
             {s.start, fairqm::Days(30), fairqm::Days(10)}),
         "complaints");
    Must(conn->Commit(), "commit");
    std::fprintf(stderr, "catalogue of %lld recordings built in %.1f s in %s\n",
                 static_cast<long long>(s.recordings),
                 fairqm::bench::MillisecondsSince(started) / 1000.0, f->root.c_str());
    g_fixture = f;
    return f;
  }();
  return *fixture;
}

void Report(benchmark::State& state, fairqm::TimeMs from, fairqm::TimeMs to,
            std::int64_t expect_captured) {
  Fixture& f = GetFixture();
  auto conn = Must(f.app->Reader(), "reader");
  for (auto _ : state) {
    Must(conn->Begin(), "snapshot");
    auto report = fairqm::store::BuildWorksCouncilReport(*conn, from, to);
    Must(conn->Rollback(), "end snapshot");
    if (!report.ok()) {
      state.SkipWithError(report.error().ToString().c_str());
      break;
    }
    std::int64_t captured = 0;
    for (const auto& figures : report->purposes) captured += figures.recordings_captured;
    if (expect_captured >= 0 && captured != expect_captured) {
      state.SkipWithError("the report counted the wrong number of recordings");
      break;
    }
    state.counters["recordings"] = static_cast<double>(captured);
  }
}

void BM_Report_Year_NoStats(benchmark::State& state) {
  Fixture& f = GetFixture();
  if (f.analyzed) {
    state.SkipWithError("statistics already present");
    return;
  }
  Report(state, f.shape.start, f.shape.End(), f.shape.recordings);
}
BENCHMARK(BM_Report_Year_NoStats)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

void BM_Report_Year(benchmark::State& state) {
  Fixture& f = GetFixture();
  f.Analyze();
  Report(state, f.shape.start, f.shape.End(), f.shape.recordings);
}
BENCHMARK(BM_Report_Year)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

void BM_Report_Month(benchmark::State& state) {
  Fixture& f = GetFixture();
  f.Analyze();
  const fairqm::TimeMs from = f.shape.start + fairqm::Days(150);
  Report(state, from, from + fairqm::Days(30), -1);
}
BENCHMARK(BM_Report_Month)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

void BM_Baseline_GroupByPurpose(benchmark::State& state) {
  Fixture& f = GetFixture();
  f.Analyze();
  auto conn = Must(f.app->Reader(), "reader");
  for (auto _ : state) {
    auto rows = conn->Query("SELECT purpose, COUNT(*) FROM recordings GROUP BY purpose");
    if (!rows.ok() || rows->size() != 3) {
      state.SkipWithError("group by failed");
      break;
    }
  }
}
BENCHMARK(BM_Baseline_GroupByPurpose)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  fairqm::bench::TimeReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  std::printf("\nworks-council report over 1,000,000 recordings:\n");
  fairqm::bench::PrintVersus(reporter, "report, whole year, no statistics",
                             "BM_Report_Year_NoStats", "BM_Baseline_GroupByPurpose", 1000);
  fairqm::bench::PrintVersus(reporter, "report, whole year", "BM_Report_Year",
                             "BM_Baseline_GroupByPurpose", 1000);
  fairqm::bench::PrintVersus(reporter, "report, one month", "BM_Report_Month",
                             "BM_Baseline_GroupByPurpose", 1000);
  if (g_fixture != nullptr) {
    g_fixture->app.reset();
    std::error_code ec;
    fs::remove_all(g_fixture->root, ec);
  }
  return 0;
}
