// The ceiling for bench/http_bench.sh's range-streaming test: one process
// decrypting one recording of a data directory's vault on one core, with no
// HTTP, catalogue or audit in between.
//
//   vault_decrypt_raw VAULT_DIR RECORDING_ID [--repeat N] [--slice BYTES]
//                     [--out FILE]
//
// Opens the vault as service::App does (VAULT_DIR/master.key), then decrypts
// the whole recording N times (default 5) in two ways and prints MB/s
// (10^6 bytes per second, wall clock) for each:
//   whole      one VaultReader, ReadAt in 64 KiB steps (the chunk size), i.e.
//              libsodium plus pread and nothing else;
//   per-slice  a new VaultReader (key unwrap, header check) for every slice of
//              --slice bytes (default 1 MiB), read in 64 KiB steps: what the
//              server's range handler costs on the vault side per request.
// --out FILE writes the decrypted content once (for the nginx comparison).
// The last lines are machine-readable: "whole_mb_s=…", "per_slice_mb_s=…".
//
// A benchmark tool: any failure prints the error and exits 1, never a number.
#include <sodium.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "vault/vault.h"

namespace {

constexpr std::size_t kStep = 64 * 1024;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "vault_decrypt_raw: %s\n", what.c_str());
  std::exit(1);
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Decrypts [first, first + length) of `reader` in kStep steps into `buffer`;
// returns the bytes read. `sink` (if open) receives them.
std::uint64_t ReadSpan(fairqm::vault::VaultReader& reader, std::uint64_t first,
                       std::uint64_t length, std::vector<std::uint8_t>& buffer,
                       std::ofstream* sink) {
  std::uint64_t done = 0;
  while (done < length) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(kStep, length - done));
    auto got = reader.ReadAt(first + done, {buffer.data(), want});
    if (!got.ok()) Die("ReadAt: " + got.error().ToString());
    if (*got == 0) break;
    if (sink != nullptr) {
      sink->write(reinterpret_cast<const char*>(buffer.data()), static_cast<std::streamsize>(*got));
    }
    done += *got;
  }
  return done;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: vault_decrypt_raw VAULT_DIR RECORDING_ID [--repeat N] [--slice BYTES] "
                 "[--out FILE]\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const std::string id = argv[2];
  int repeat = 5;
  std::uint64_t slice = 1024 * 1024;
  std::string out_path;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--repeat") {
      repeat = std::max(1, std::atoi(argv[i + 1]));
    } else if (flag == "--slice") {
      slice = std::max<std::uint64_t>(kStep, std::strtoull(argv[i + 1], nullptr, 10));
    } else if (flag == "--out") {
      out_path = argv[i + 1];
    } else {
      Die("unknown flag " + flag);
    }
  }
  if (sodium_init() < 0) Die("sodium_init failed");
  fairqm::vault::VaultOptions options;
  options.master_key_path = dir / "master.key";
  auto vault = fairqm::vault::Vault::Open(dir, options);
  if (!vault.ok()) Die("Vault::Open: " + vault.error().ToString());
  std::vector<std::uint8_t> buffer(kStep);

  std::uint64_t size = 0;
  {
    auto reader = (*vault)->OpenReader(id);
    if (!reader.ok()) Die("OpenReader: " + reader.error().ToString());
    size = (*reader)->size();
    if (!out_path.empty()) {
      std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
      if (!out) Die("cannot write " + out_path);
      if (ReadSpan(**reader, 0, size, buffer, &out) != size) Die("short read");
      out.close();
      if (!out) Die("cannot write " + out_path);
    } else {
      ReadSpan(**reader, 0, size, buffer, nullptr);  // warm the page cache
    }
  }
  std::printf("recording %s: %llu bytes, %d pass(es)\n", id.c_str(),
              static_cast<unsigned long long>(size), repeat);

  auto start = std::chrono::steady_clock::now();
  std::uint64_t total = 0;
  for (int pass = 0; pass < repeat; ++pass) {
    auto reader = (*vault)->OpenReader(id);
    if (!reader.ok()) Die("OpenReader: " + reader.error().ToString());
    total += ReadSpan(**reader, 0, size, buffer, nullptr);
  }
  const double whole = static_cast<double>(total) / 1e6 / Seconds(start);

  start = std::chrono::steady_clock::now();
  total = 0;
  for (int pass = 0; pass < repeat; ++pass) {
    for (std::uint64_t first = 0; first < size; first += slice) {
      auto reader = (*vault)->OpenReader(id);
      if (!reader.ok()) Die("OpenReader: " + reader.error().ToString());
      total += ReadSpan(**reader, first, std::min(slice, size - first), buffer, nullptr);
    }
  }
  const double per_slice = static_cast<double>(total) / 1e6 / Seconds(start);

  std::printf("whole recording, one reader:      %.1f MB/s\n", whole);
  std::printf("%llu-byte slices, reader per slice: %.1f MB/s\n",
              static_cast<unsigned long long>(slice), per_slice);
  std::printf("whole_mb_s=%.1f\nper_slice_mb_s=%.1f\n", whole, per_slice);
  return 0;
}
