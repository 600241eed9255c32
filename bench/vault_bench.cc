// Vault throughput against a baseline in the same process.
//
// Baseline: raw libsodium crypto_aead_xchacha20poly1305_ietf (detached) over
// the same 64 MiB buffer in the same 64 KiB chunks, memory to memory, no
// files. Vault: Create/Append/Commit of a 64 MiB recording (temp file, write,
// fsync of file and directories, rename: the product's real write path), and
// ranged reads of 1 MiB through VaultReader::ReadAt, chunk-aligned and not.
// The ratio vault/raw is printed at the end (target >= 0.8).
//
// Where: FAIRQM_BENCH_DIR if set, else /dev/shm (tmpfs, where fsync costs
// nothing and the number shows the vault's CPU overhead), else the system
// temp directory. Recordings are 64 MiB so that the fixed per-commit cost
// (three fsyncs, one rename) is spread over many chunks; on a real disk run
// with FAIRQM_BENCH_DIR=/var/tmp to see the fsync share. Rates use wall-clock
// time (UseRealTime), so time spent waiting in fsync counts.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vault/content_format.h"
#include "vault/master_key.h"
#include "vault/vault.h"

namespace {

using fairqm::vault::kDefaultChunkSize;
using fairqm::vault::kTagSize;

constexpr std::size_t kRecordingBytes = 64 * 1024 * 1024;
constexpr std::size_t kAppendBytes = 1024 * 1024;
constexpr std::size_t kRangeBytes = 1024 * 1024;
// Unaligned ranges start this far past a chunk boundary, so each 1 MiB range
// touches 17 chunks, two of them partially.
constexpr std::size_t kMisalign = 12345;

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<fairqm::vault::Vault> vault;
  std::vector<std::uint8_t> plaintext;
  std::vector<std::uint8_t> sealed;  // raw baseline output, chunk after chunk
  std::uint8_t key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  std::uint8_t nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  int next_id = 0;
};

std::filesystem::path BenchBase() {
  if (const char* env = std::getenv("FAIRQM_BENCH_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  if (std::filesystem::is_directory("/dev/shm")) return "/dev/shm";
  return std::filesystem::temp_directory_path();
}

Fixture* g_fixture = nullptr;  // made on first use, removed at exit

Fixture& GetFixture() {
  static Fixture* fixture = [] {
    auto* f = new Fixture();
    if (sodium_init() < 0) std::abort();
    std::string pattern = (BenchBase() / "fairqm-vault-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    f->dir = pattern;
    if (!fairqm::vault::InitMasterKey(f->dir / "master.key").ok()) std::abort();
    auto vault = fairqm::vault::Vault::Open(f->dir);
    if (!vault.ok()) std::abort();
    f->vault = std::move(vault).value();
    f->plaintext.resize(kRecordingBytes);
    randombytes_buf(f->plaintext.data(), f->plaintext.size());
    randombytes_buf(f->key, sizeof f->key);
    randombytes_buf(f->nonce, sizeof f->nonce);
    f->sealed.resize(kRecordingBytes + kTagSize * (kRecordingBytes / kDefaultChunkSize));
    std::fprintf(stderr, "vault_bench: files under %s\n", f->dir.c_str());
    g_fixture = f;
    return f;
  }();
  return *fixture;
}

void SealAllRaw(Fixture& f) {
  std::uint8_t* out = f.sealed.data();
  for (std::size_t at = 0; at < kRecordingBytes; at += kDefaultChunkSize) {
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(out, out + kDefaultChunkSize, nullptr,
                                                        f.plaintext.data() + at, kDefaultChunkSize,
                                                        nullptr, 0, nullptr, f.nonce, f.key);
    out += kDefaultChunkSize + kTagSize;
  }
}

void BM_RawSeal(benchmark::State& state) {
  Fixture& f = GetFixture();
  for (auto _ : state) {
    SealAllRaw(f);
    benchmark::DoNotOptimize(f.sealed.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kRecordingBytes));
}

void BM_VaultWrite(benchmark::State& state) {
  Fixture& f = GetFixture();
  for (auto _ : state) {
    const std::string id = "rec-w" + std::to_string(f.next_id++);
    auto writer = f.vault->Create(id);
    if (!writer.ok()) {
      state.SkipWithError(writer.error().ToString().c_str());
      break;
    }
    for (std::size_t at = 0; at < kRecordingBytes; at += kAppendBytes) {
      if (!(*writer)->Append({f.plaintext.data() + at, kAppendBytes}).ok()) std::abort();
    }
    if (!(*writer)->Commit().ok()) std::abort();
    state.PauseTiming();
    writer->reset();
    if (!f.vault->Destroy(id).ok()) std::abort();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kRecordingBytes));
}

// Second baseline, to separate the file system's cost from the vault's: the
// same raw sealing, written with write(2) to a new file in the same directory
// in 256 KiB batches, then fsync (no header, keys, rename or directory fsync).
void BM_RawSealToFile(benchmark::State& state) {
  Fixture& f = GetFixture();
  const std::size_t per_batch = (256 * 1024) / (kDefaultChunkSize + kTagSize);
  std::vector<std::uint8_t> batch(per_batch * (kDefaultChunkSize + kTagSize));
  const std::filesystem::path path = f.dir / "raw-file";
  for (auto _ : state) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) std::abort();
    std::size_t used = 0;
    for (std::size_t at = 0; at < kRecordingBytes; at += kDefaultChunkSize) {
      std::uint8_t* out = batch.data() + used;
      crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
          out, out + kDefaultChunkSize, nullptr, f.plaintext.data() + at, kDefaultChunkSize,
          nullptr, 0, nullptr, f.nonce, f.key);
      used += kDefaultChunkSize + kTagSize;
      if (used == batch.size() || at + kDefaultChunkSize == kRecordingBytes) {
        if (::write(fd, batch.data(), used) != static_cast<ssize_t>(used)) std::abort();
        used = 0;
      }
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) std::abort();
    state.PauseTiming();
    ::unlink(path.c_str());
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kRecordingBytes));
}

// Raw decryption of 1 MiB ranges: exactly the 16 chunks that hold them.
void BM_RawOpen(benchmark::State& state) {
  Fixture& f = GetFixture();
  SealAllRaw(f);
  std::vector<std::uint8_t> out(kRangeBytes);
  const std::size_t chunks_per_range = kRangeBytes / kDefaultChunkSize;
  for (auto _ : state) {
    const std::uint8_t* in = f.sealed.data();
    for (std::size_t range = 0; range < kRecordingBytes / kRangeBytes; ++range) {
      for (std::size_t c = 0; c < chunks_per_range; ++c) {
        if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
                out.data() + c * kDefaultChunkSize, nullptr, in, kDefaultChunkSize,
                in + kDefaultChunkSize, nullptr, 0, f.nonce, f.key) != 0) {
          std::abort();
        }
        in += kDefaultChunkSize + kTagSize;
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kRecordingBytes));
}

// Second baseline for reads: the raw sealed chunks in a file in the same
// directory, each 1 MiB range read with pread(2) in 256 KiB batches and
// decrypted chunk by chunk (no header, key unwrap or range arithmetic).
void BM_RawOpenFromFile(benchmark::State& state) {
  Fixture& f = GetFixture();
  SealAllRaw(f);
  const std::filesystem::path path = f.dir / "raw-sealed";
  {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 ||
        ::write(fd, f.sealed.data(), f.sealed.size()) != static_cast<ssize_t>(f.sealed.size())) {
      std::abort();
    }
    ::close(fd);
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) std::abort();
  const std::size_t sealed_chunk = kDefaultChunkSize + kTagSize;
  const std::size_t per_batch = (256 * 1024) / sealed_chunk;
  const std::size_t chunks_per_range = kRangeBytes / kDefaultChunkSize;
  std::vector<std::uint8_t> batch(per_batch * sealed_chunk);
  std::vector<std::uint8_t> out(kRangeBytes);
  for (auto _ : state) {
    for (std::size_t range = 0; range < kRecordingBytes / kRangeBytes; ++range) {
      for (std::size_t c = 0; c < chunks_per_range; c += per_batch) {
        const std::size_t n = std::min(per_batch, chunks_per_range - c);
        const off_t at = static_cast<off_t>((range * chunks_per_range + c) * sealed_chunk);
        if (::pread(fd, batch.data(), n * sealed_chunk, at) !=
            static_cast<ssize_t>(n * sealed_chunk)) {
          std::abort();
        }
        for (std::size_t k = 0; k < n; ++k) {
          const std::uint8_t* in = batch.data() + k * sealed_chunk;
          if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
                  out.data() + (c + k) * kDefaultChunkSize, nullptr, in, kDefaultChunkSize,
                  in + kDefaultChunkSize, nullptr, 0, f.nonce, f.key) != 0) {
            std::abort();
          }
        }
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  ::close(fd);
  ::unlink(path.c_str());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kRecordingBytes));
}

// Reads the whole recording as 1 MiB ranges through one reader.
void VaultRead(benchmark::State& state, std::size_t misalign) {
  Fixture& f = GetFixture();
  static bool stored = false;
  if (!stored) {
    auto writer = f.vault->Create("rec-read");
    if (!writer.ok() || !(*writer)->Append(f.plaintext).ok() || !(*writer)->Commit().ok()) {
      std::abort();
    }
    stored = true;
  }
  auto reader = f.vault->OpenReader("rec-read");
  if (!reader.ok()) std::abort();
  std::vector<std::uint8_t> out(kRangeBytes);
  const std::size_t ranges = kRecordingBytes / kRangeBytes - (misalign == 0 ? 0 : 1);
  for (auto _ : state) {
    for (std::size_t range = 0; range < ranges; ++range) {
      auto n = (*reader)->ReadAt(range * kRangeBytes + misalign, out);
      if (!n.ok() || *n != kRangeBytes) std::abort();
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * ranges * kRangeBytes));
}

void BM_VaultReadAligned(benchmark::State& state) { VaultRead(state, 0); }
void BM_VaultReadUnaligned(benchmark::State& state) { VaultRead(state, kMisalign); }

BENCHMARK(BM_RawSeal)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_RawSealToFile)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_VaultWrite)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_RawOpen)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_RawOpenFromFile)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_VaultReadAligned)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_VaultReadUnaligned)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);

// Console output as usual, plus the median bytes/second of each benchmark.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
      auto it = run.counters.find("bytes_per_second");
      if (it != run.counters.end()) rates_[run.run_name.function_name] = it->second.value;
    }
  }
  double Rate(const std::string& name) const {
    auto it = rates_.find(name);
    return it == rates_.end() ? 0.0 : it->second;
  }

 private:
  std::map<std::string, double> rates_;
};

void PrintRatio(const RatioReporter& reporter, const char* what, const std::string& vault,
                const std::string& raw) {
  const double v = reporter.Rate(vault);
  const double r = reporter.Rate(raw);
  if (v <= 0 || r <= 0) return;
  std::printf("%-27s vault %8.1f MiB/s  raw %8.1f MiB/s  ratio %.2f %s\n", what, v / (1024 * 1024),
              r / (1024 * 1024), v / r, v / r >= 0.8 ? "(>= 0.8 ok)" : "(< 0.8)");
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);  // no per-commit info lines in the timing
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  std::printf("\nvault/raw throughput (median of 3, 64 MiB recordings, 64 KiB chunks):\n");
  PrintRatio(reporter, "write (incl. fsync)", "BM_VaultWrite", "BM_RawSeal");
  PrintRatio(reporter, "write vs raw seal+file", "BM_VaultWrite", "BM_RawSealToFile");
  PrintRatio(reporter, "read 1 MiB aligned", "BM_VaultReadAligned", "BM_RawOpen");
  PrintRatio(reporter, "read 1 MiB unaligned", "BM_VaultReadUnaligned", "BM_RawOpen");
  PrintRatio(reporter, "read aligned vs raw+file", "BM_VaultReadAligned", "BM_RawOpenFromFile");
  PrintRatio(reporter, "read unaligned vs raw+file", "BM_VaultReadUnaligned", "BM_RawOpenFromFile");
  if (g_fixture != nullptr) {
    std::error_code ec;
    std::filesystem::remove_all(g_fixture->dir, ec);
  }
  return 0;
}
