// Shared pieces of the catalogue benchmarks (sweep_bench, report_bench,
// capture_bench): where to put their files, a big synthetic catalogue filled
// with raw SQL, and latency percentiles.
//
// The synthetic catalogue is written with a few INSERT … SELECT statements
// over a recursive counter (the fastest way SQLite fills a table: no row
// crosses the C API) into a data directory made by service::App::Init, so the
// schema, indexes and pragmas are the product's own. Benchmarks only; aborts
// on any failure (a benchmark with a broken fixture must not print numbers).
#pragma once

#include <benchmark/benchmark.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"

namespace fairqm::bench {

// FAIRQM_BENCH_DIR if set, else the system temp directory (a real disk here,
// so fsyncs count).
inline std::filesystem::path BenchBase() {
  if (const char* env = std::getenv("FAIRQM_BENCH_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::filesystem::temp_directory_path();
}

inline std::filesystem::path MakeBenchDir(const std::string& name) {
  std::string pattern = (BenchBase() / ("fairqm-" + name + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  return pattern;
}

template <typename T>
T Must(Result<T> result, const char* what) {
  if (!result.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, result.error().ToString().c_str());
    std::abort();
  }
  return std::move(result).value();
}

inline void Must(const Status& status, const char* what) {
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, status.error().ToString().c_str());
    std::abort();
  }
}

// The synthetic catalogue's shape. Recording i is created at
// `start + i * spacing` and belongs to agent `i % agents` ("agent-<n>",
// employees rows included); purposes rotate coaching/assessment/quality.
struct CatalogueShape {
  std::int64_t recordings = 1'000'000;
  std::int64_t agents = 2'000;
  TimeMs start = 1767225600000;  // 2026-01-01T00:00:00Z
  TimeMs spacing = 31'536;       // 1,000,000 recordings over one year
  // The oldest `destroyed` recordings are history: destroyed (KSF-4.10 or
  // KSF-4.9) with their DELETION-log entries.
  std::int64_t destroyed = 490'000;
  // The next `due` are live but due at `Now()`: in thirds past their
  // evaluation term (KSF-4.10), evaluated with no open evaluation (KSF-4.9)
  // and past their maximum retention (AVG-5-storage). The rest is live and
  // not due.
  std::int64_t due = 10'000;

  TimeMs End() const { return start + recordings * spacing; }
  // The sweep's "now": just after the last recording, so everything after the
  // due block is within its term and retention.
  TimeMs Now() const { return End() + kMinuteMs; }
  std::string IdOf(std::int64_t i) const { return "rec-" + std::to_string(i); }
};

// Fills an empty, migrated catalogue. `evaluate_by`/`destroy_at` of live,
// not-due recordings lie after Now(); due ones before it.
inline void FillCatalogue(db::Connection& conn, const CatalogueShape& s) {
  Must(conn.Begin(), "begin");
  Must(conn.Exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1)"
                 " INSERT INTO employees (id, external_id, name, function, contract,"
                 " customer_contact, team_id, start_date, informed_at)"
                 " SELECT 'agent-' || i, '' || (100000 + i), 'Agent ' || i, 'agent', 'permanent',"
                 " 1, 'team-' || (i / 20), $2, $2 FROM n",
                 {s.agents, s.start - Days(365)}),
       "employees");
  const TimeMs now = s.Now();
  const std::int64_t first_due = s.destroyed;
  const std::int64_t third = s.due / 3;
  // Columns per block (i = row number):
  //   history   [0, destroyed)            destroyed_at set
  //   due       [destroyed, destroyed+due)  live; thirds 4.10 / 4.9 / 5-storage
  //   live      the rest                  evaluate_by and destroy_at after now
  Must(conn.Exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1)"
                 " INSERT INTO recordings (id, contact_id, agent_id, purpose, channel, media_type,"
                 " regulation_id, created_at, duration_ms, size_bytes, evaluate_by, destroy_at,"
                 " evaluated_at, destroyed_at, destroyed_rule, extra_moment, may_contain_card_data)"
                 " SELECT 'rec-' || i, 'con-' || i, 'agent-' || (i % $2),"
                 " CASE i % 3 WHEN 0 THEN 'coaching' WHEN 1 THEN 'assessment' ELSE 'quality' END,"
                 " 'voice', 'audio/ogg; codecs=opus', 'reg-1', $3 + i * $4, 180000, 500000,"
                 // evaluate_by
                 " CASE WHEN i < $5 THEN $3 + i * $4 + $8"
                 "      WHEN i < $5 + $6 THEN $7 - $9"  // due: past the term
                 "      ELSE $7 + $8 + (i % 1000) END,"
                 // destroy_at
                 " CASE WHEN i >= $5 + 2 * $10 AND i < $5 + $6 THEN $7 - $9"  // AVG-5-storage third
                 "      WHEN i < $5 THEN $3 + i * $4 + $11"
                 "      ELSE $7 + $11 + (i % 1000) END,"
                 // evaluated_at: a quarter of the history, and the KSF-4.9 third of the due block
                 " CASE WHEN i < $5 AND i % 4 = 0 THEN $3 + i * $4 + $9"
                 "      WHEN i >= $5 + $10 AND i < $5 + 2 * $10 THEN $7 - 2 * $9"
                 "      ELSE NULL END,"
                 // destroyed_at / rule
                 " CASE WHEN i < $5 THEN $3 + i * $4 + $8 ELSE NULL END,"
                 " CASE WHEN i < $5 THEN (CASE WHEN i % 4 = 0 THEN 'KSF-4.9' ELSE 'KSF-4.10' END)"
                 "      ELSE '' END,"
                 " 0, 0 FROM n",
                 {s.recordings, s.agents, s.start, s.spacing, first_due, s.due, now, Days(14),
                  Days(1), third, Days(30)}),
       "recordings");
  Must(conn.Exec("INSERT INTO deletion_log (subject_kind, subject_id, purpose, rule, destroyed_at)"
                 " SELECT 'recording', id, purpose, destroyed_rule, destroyed_at FROM recordings"
                 " WHERE destroyed_at IS NOT NULL"),
       "deletion_log");
  Must(conn.Commit(), "commit");
}

// p-th percentile (0..100) of `samples` (sorted in place), nearest rank.
inline double Percentile(std::vector<double>& samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  std::size_t rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(samples.size()));
  return samples[std::min(rank, samples.size() - 1)];
}

inline double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// Console output as usual, and each benchmark's wall time per iteration in
// milliseconds (the median when repeated), for the ratios printed at the end.
class TimeReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
      if (run.error_occurred) continue;
      ms_[run.run_name.function_name] =
          run.GetAdjustedRealTime() * 1000.0 / benchmark::GetTimeUnitMultiplier(run.time_unit);
      for (const auto& [name, counter] : run.counters) {
        counters_[run.run_name.function_name + "/" + name] = counter.value;
      }
    }
  }
  double Ms(const std::string& name) const {
    auto it = ms_.find(name);
    return it == ms_.end() ? 0.0 : it->second;
  }
  double Counter(const std::string& name, const std::string& counter) const {
    auto it = counters_.find(name + "/" + counter);
    return it == counters_.end() ? 0.0 : it->second;
  }

 private:
  std::map<std::string, double> ms_;
  std::map<std::string, double> counters_;
};

// "what: 812.3 ms vs baseline 41.0 ms = 19.8x (target < 10000 ms: ok)".
inline void PrintVersus(const TimeReporter& reporter, const char* what, const std::string& name,
                        const std::string& baseline, double target_ms) {
  const double t = reporter.Ms(name);
  const double b = reporter.Ms(baseline);
  if (t <= 0) return;
  std::printf("%-44s %10.3f ms  baseline %10.3f ms (%s)  ratio %7.1fx  target < %g ms: %s\n", what,
              t, b, baseline.c_str(), b > 0 ? t / b : 0.0, target_ms,
              t < target_ms ? "ok" : "MISSED");
}

}  // namespace fairqm::bench
