// The retention sweep over a catalogue of 1,000,000 recordings, against
// set-based SQL baselines in the same run.
//
// Catalogue (bench_util.h FillCatalogue, built once per run in a temp data
// directory made by App::Init, then ANALYZEd and copied aside): 2,000 agents;
// 490,000 recordings already destroyed (history, with DELETION-log entries),
// 10,000 live and due — a third each KSF-4.10 (term passed), KSF-4.9
// (evaluated, no open evaluation) and AVG-5-storage (retention passed) — and
// 500,000 live, not due.
//
//   BM_Sweep_10kDue             retention::Sweep destroying the 10,000: per
//                               recording the facts, the policy, a
//                               vault::Destroy (here of absent content: the
//                               idempotent no-op path), MarkRecordingDestroyed
//                               with its DELETION-log entry, and the audit
//                               entry. Target < 10 s.
//   BM_Sweep_10kDue_WithContent the same with real (tiny, one-chunk) vault
//                               content for each due recording, so each
//                               destroy shreds and fsyncs a key and unlinks a
//                               file: the full crypto-shred cost.
//   BM_Sweep_10kDue_WithContent_OneShredThread
//                               the same, destroying on the sweep's thread
//                               only (shred_threads = 1; the default is 4)
//   BM_Sweep_NothingDue         the sweep when everything due is done.
//                               Target < 0.1 s.
//   BM_Baseline_UpdateDue       one raw UPDATE marking the same 10,000 rows
//                               destroyed through the same partial indexes
//                               (no policy, vault, log or audit): the floor.
//   BM_Baseline_CountAll        SELECT COUNT(*) over the 1,000,000 rows: what
//                               touching the whole catalogue once costs.
// Each destroying iteration starts from a fresh copy of the catalogue (and of
// the vault content), made with the timer paused.
//
// Where: FAIRQM_BENCH_DIR if set, else the system temp directory (bench_util.h).
// Ratios are printed at the end.
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.h"
#include "common/random.h"
#include "retention/sweep.h"
#include "service/app.h"
#include "vault/vault.h"

namespace {

using fairqm::ManualClock;
using fairqm::SeededRandom;
using fairqm::bench::CatalogueShape;
using fairqm::bench::Must;
namespace fs = std::filesystem;

struct Fixture {
  CatalogueShape shape;
  fs::path root;
  fs::path data;
  fs::path pristine;  // the filled catalogue, copied back before each destroying run
  ManualClock clock{0};
  SeededRandom random{7};
  std::unique_ptr<fairqm::service::App> app;

  fs::path Catalogue() const { return data / "catalogue.sqlite"; }

  void Close() { app.reset(); }

  void Open() { app = Must(fairqm::service::App::Open(data, clock, random), "open"); }

  // Back to the freshly filled catalogue; with content, every due recording
  // gets a one-chunk vault file and key (written before the App opens, so the
  // startup check sees them catalogued and keeps them).
  void Restore(bool with_content) {
    Close();
    std::error_code ec;
    fs::remove(Catalogue().string() + "-wal", ec);
    fs::remove(Catalogue().string() + "-shm", ec);
    fs::copy_file(pristine, Catalogue(), fs::copy_options::overwrite_existing);
    if (with_content) {
      auto vault = Must(fairqm::vault::Vault::Open(data / "vault"), "vault");
      const std::vector<std::uint8_t> bytes(1024, 0x5a);
      for (std::int64_t i = shape.destroyed; i < shape.destroyed + shape.due; ++i) {
        auto writer = Must(vault->Create(shape.IdOf(i)), "vault create");
        Must(writer->Append(bytes), "vault append");
        Must(writer->Commit(), "vault commit");
      }
    }
    Open();
    // Write back the copy now, or the kernel does it during the timed sweep
    // and the sweep's fsyncs queue behind 300 MiB of someone else's pages.
    ::sync();
  }
};

Fixture* g_fixture = nullptr;

Fixture& GetFixture() {
  static Fixture* fixture = [] {
    auto* f = new Fixture();
    f->root = fairqm::bench::MakeBenchDir("sweep-bench");
    f->data = f->root / "data";
    f->pristine = f->root / "pristine.sqlite";
    f->clock.Set(f->shape.Now());
    Must(fairqm::service::App::Init(f->data, f->clock), "init");
    f->Open();
    const auto started = std::chrono::steady_clock::now();
    {
      auto conn = Must(f->app->Writer(), "writer");
      fairqm::bench::FillCatalogue(*conn, f->shape);
      // Planner statistics, as a long-running installation has them (every
      // writer connection runs PRAGMA optimize when the database closes).
      Must(conn->ExecScript("ANALYZE;"), "analyze");
    }
    f->Close();  // checkpoints the WAL into the file
    fs::copy_file(f->Catalogue(), f->pristine);
    std::fprintf(stderr, "catalogue of %lld recordings built in %.1f s (%.0f MiB) in %s\n",
                 static_cast<long long>(f->shape.recordings),
                 fairqm::bench::MillisecondsSince(started) / 1000.0,
                 static_cast<double>(fs::file_size(f->pristine)) / (1024 * 1024), f->root.c_str());
    f->Open();
    g_fixture = f;
    return f;
  }();
  return *fixture;
}

void RunSweepOnce(benchmark::State& state, Fixture& f, std::int64_t expect,
                  int shred_threads = fairqm::retention::SweepOptions{}.shred_threads) {
  fairqm::retention::SweepOptions options;
  options.shred_threads = shred_threads;
  auto report = fairqm::retention::Sweep(*f.app, options);
  if (!report.ok()) {
    state.SkipWithError(report.error().ToString().c_str());
    return;
  }
  const std::int64_t destroyed = report->recordings_destroyed_total();
  if (destroyed != expect || !report->errors.empty()) {
    state.SkipWithError(
        ("destroyed " + std::to_string(destroyed) + ", expected " + std::to_string(expect))
            .c_str());
    return;
  }
  state.counters["destroyed"] = static_cast<double>(destroyed);
}

void SweepDue(benchmark::State& state, bool with_content, int shred_threads) {
  Fixture& f = GetFixture();
  for (auto _ : state) {
    state.PauseTiming();
    f.Restore(with_content);
    state.ResumeTiming();
    RunSweepOnce(state, f, f.shape.due, shred_threads);
  }
}

void BM_Sweep_10kDue(benchmark::State& state) { SweepDue(state, false, 4); }
BENCHMARK(BM_Sweep_10kDue)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_Sweep_10kDue_WithContent(benchmark::State& state) { SweepDue(state, true, 4); }
BENCHMARK(BM_Sweep_10kDue_WithContent)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

// The same with the content destroyed on the sweep's own thread only
// (SweepOptions::shred_threads = 1): what the parallel shred buys.
void BM_Sweep_10kDue_WithContent_OneShredThread(benchmark::State& state) {
  SweepDue(state, true, 1);
}
BENCHMARK(BM_Sweep_10kDue_WithContent_OneShredThread)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

void BM_Sweep_NothingDue(benchmark::State& state) {
  Fixture& f = GetFixture();
  f.Restore(false);
  RunSweepOnce(state, f, f.shape.due);  // the due work, untimed
  for (auto _ : state) RunSweepOnce(state, f, 0);
}
BENCHMARK(BM_Sweep_NothingDue)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

// The same rows through the same partial indexes, one statement.
constexpr const char* kRawUpdateDue =
    "UPDATE recordings SET destroyed_at = $1, destroyed_rule = 'bench' WHERE id IN ("
    " SELECT id FROM recordings WHERE destroyed_at IS NULL AND destroy_at <= $1"
    " UNION SELECT id FROM recordings"
    "   WHERE destroyed_at IS NULL AND evaluated_at IS NULL AND evaluate_by < $1"
    " UNION SELECT id FROM recordings"
    "   WHERE destroyed_at IS NULL AND evaluated_at IS NOT NULL AND evaluated_at <= $1)";

void BM_Baseline_UpdateDue(benchmark::State& state) {
  Fixture& f = GetFixture();
  for (auto _ : state) {
    state.PauseTiming();
    f.Restore(false);
    auto conn = Must(f.app->Writer(), "writer");
    state.ResumeTiming();
    auto changed = conn->Exec(kRawUpdateDue, {f.shape.Now()});
    if (!changed.ok() || *changed != f.shape.due) {
      state.SkipWithError("the raw update did not change the due rows");
      break;
    }
    state.counters["updated"] = static_cast<double>(*changed);
  }
}
BENCHMARK(BM_Baseline_UpdateDue)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_Baseline_CountAll(benchmark::State& state) {
  Fixture& f = GetFixture();
  auto conn = Must(f.app->Reader(), "reader");
  for (auto _ : state) {
    auto rows = conn->Query("SELECT COUNT(*) FROM recordings");
    if (!rows.ok() || (*rows)[0].Int(0) != f.shape.recordings) {
      state.SkipWithError("count failed");
      break;
    }
  }
}
BENCHMARK(BM_Baseline_CountAll)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);  // no per-destroy info lines in the timing
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  fairqm::bench::TimeReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  std::printf("\nretention sweep over 1,000,000 recordings (10,000 due):\n");
  fairqm::bench::PrintVersus(reporter, "sweep, 10,000 due", "BM_Sweep_10kDue",
                             "BM_Baseline_UpdateDue", 10000);
  fairqm::bench::PrintVersus(reporter, "sweep, 10,000 due, with vault content",
                             "BM_Sweep_10kDue_WithContent", "BM_Baseline_UpdateDue", 10000);
  fairqm::bench::PrintVersus(reporter, "sweep, 10,000 due, content, 1 shred thread",
                             "BM_Sweep_10kDue_WithContent_OneShredThread", "BM_Baseline_UpdateDue",
                             10000);
  fairqm::bench::PrintVersus(reporter, "sweep, nothing due", "BM_Sweep_NothingDue",
                             "BM_Baseline_CountAll", 100);
  if (g_fixture != nullptr) {
    g_fixture->Close();
    std::error_code ec;
    fs::remove_all(g_fixture->root, ec);
  }
  return 0;
}
