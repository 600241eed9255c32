// libFuzzer target: audio files as capture sources upload them (outside
// input), through the same probe the ingest runs before storing anything.
#include <cstddef>
#include <cstdint>
#include <span>

#include "audio/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fairqm::audio::IngestLimits limits;
  limits.max_duration_ms = 10 * fairqm::kMinuteMs;  // keeps each run short
  (void)fairqm::audio::ProbeBuffer(std::span<const std::uint8_t>(data, size), limits);
  return 0;
}
