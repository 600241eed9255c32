// ingest_once: one ingest from the command line, for timing against opusenc
// with hyperfine (bench/ingest_vs_opusenc.sh).
//   ingest_once INPUT OUTPUT.opus BITRATE_BPS COMPLEXITY
//   ingest_once --make-input OUTPUT.wav   (the ingest_bench input)
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "audio/ingest.h"
#include "ingest_input.h"

int main(int argc, char** argv) {
  using namespace fairqm;
  if (argc == 3 && std::string(argv[1]) == "--make-input") {
    Result<std::string> made = bench::MakeIngestInput(argv[2]);
    if (!made.ok()) {
      std::fprintf(stderr, "ingest_once: %s\n", made.error().ToString().c_str());
      return 1;
    }
    std::printf("%s (%s speech)\n", argv[2], made->c_str());
    return 0;
  }
  if (argc != 5) {
    std::fprintf(stderr,
                 "usage: ingest_once INPUT OUTPUT.opus BITRATE_BPS COMPLEXITY\n"
                 "       ingest_once --make-input OUTPUT.wav\n");
    return 2;
  }
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  if (!out) {
    std::fprintf(stderr, "ingest_once: cannot create %s\n", argv[2]);
    return 1;
  }
  audio::EncodeOptions options;
  options.bitrate_bps = std::atoi(argv[3]);
  options.complexity = std::atoi(argv[4]);
  Result<audio::AudioInfo> info = audio::TranscodeToOpus(
      argv[1],
      [&out](std::span<const std::uint8_t> page) {
        out.write(reinterpret_cast<const char*>(page.data()),
                  static_cast<std::streamsize>(page.size()));
        return out ? OkStatus() : Status(MakeError(ErrorCode::kIo, "write failed"));
      },
      options);
  if (!info.ok()) {
    std::fprintf(stderr, "ingest_once: %s\n", info.error().ToString().c_str());
    out.close();
    std::remove(argv[2]);  // an error means the output is not a complete stream
    return 1;
  }
  return 0;
}
