// ingest_bench: how fast audio ingest turns a 60-second two-channel 8 kHz
// conversation (WAV PCM16) into Ogg/Opus. The counter x_realtime_per_core is
// audio seconds per CPU second; the target is >= 100 at the default
// complexity (EncodeOptions::complexity).
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include "audio/ingest.h"
#include "ingest_input.h"

namespace fairqm::bench {
namespace {

// The input is made once per process, in a private temp directory that is
// removed when the process ends.
class BenchInput {
 public:
  BenchInput() {
    std::string dir = (std::filesystem::temp_directory_path() / "fairqm-ingest-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) return;
    dir_ = dir;
    const std::string file = dir + "/conversation.wav";
    Result<std::string> made = MakeIngestInput(file);
    if (!made.ok()) {
      std::fprintf(stderr, "ingest_bench: %s\n", made.error().ToString().c_str());
      return;
    }
    std::fprintf(stderr, "ingest_bench input: %s (%s speech)\n", file.c_str(), made->c_str());
    path_ = file;
  }
  ~BenchInput() {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
};

const std::string& InputPath() {
  static const BenchInput input;
  return input.path();
}

void RunIngest(benchmark::State& state, const audio::EncodeOptions& options) {
  const std::string& input = InputPath();
  if (input.empty()) {
    state.SkipWithError("could not create the benchmark input");
    return;
  }
  std::int64_t bytes = 0;
  const audio::ByteSink sink = [&bytes](std::span<const std::uint8_t> page) {
    bytes += static_cast<std::int64_t>(page.size());
    return OkStatus();
  };
  std::int64_t audio_ms = 0;
  for (auto _ : state) {
    bytes = 0;
    Result<audio::AudioInfo> info = audio::TranscodeToOpus(input, sink, options);
    if (!info.ok()) {
      state.SkipWithError(info.error().ToString().c_str());
      return;
    }
    audio_ms += info->duration_ms;
  }
  // kIsRate divides by CPU time (the benchmark does not use real time).
  state.counters["x_realtime_per_core"] =
      benchmark::Counter(static_cast<double>(audio_ms) / 1000.0, benchmark::Counter::kIsRate);
  state.counters["kbit_per_s"] = 8.0 * static_cast<double>(bytes) / kIngestSeconds / 1000.0;
}

void BM_IngestDefault(benchmark::State& state) { RunIngest(state, audio::EncodeOptions{}); }
BENCHMARK(BM_IngestDefault)->Unit(benchmark::kMillisecond);

void BM_IngestComplexity(benchmark::State& state) {
  audio::EncodeOptions options;
  options.complexity = static_cast<int>(state.range(0));
  RunIngest(state, options);
}
BENCHMARK(BM_IngestComplexity)->DenseRange(0, 10)->Unit(benchmark::kMillisecond);

void BM_ProbeOnly(benchmark::State& state) {
  const std::string& input = InputPath();
  if (input.empty()) {
    state.SkipWithError("could not create the benchmark input");
    return;
  }
  std::int64_t audio_ms = 0;
  for (auto _ : state) {
    Result<audio::AudioInfo> info = audio::Probe(input);
    if (!info.ok()) {
      state.SkipWithError(info.error().ToString().c_str());
      return;
    }
    audio_ms += info->duration_ms;
  }
  state.counters["x_realtime_per_core"] =
      benchmark::Counter(static_cast<double>(audio_ms) / 1000.0, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ProbeOnly)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fairqm::bench

BENCHMARK_MAIN();
