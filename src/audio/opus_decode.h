// DecodeOggOpus: decodes a stored Ogg/Opus stream back to PCM, for tests,
// the demo and benchmarks that check what ingest produced (round-trip
// duration, channel count, which channel carries the signal). Playback in
// the web app streams the Ogg/Opus bytes as they are and does not use this.
//
// Decoding goes through libsndfile (libopusfile is not a dependency). The
// whole stream is decoded into memory: meant for test-sized inputs.
//
// Thread-safety: no shared state. Failures: input that is not Ogg/Opus is
// kUnsupported; a damaged stream kCorrupt; an unreadable file kIo/kNotFound.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"

namespace fairqm::audio {

struct DecodedAudio {
  int sample_rate = 0;  // the rate the stream's header names as the source's
  int channels = 0;
  std::vector<float> samples;  // interleaved, frames() * channels values in [-1, 1]

  std::int64_t frames() const {
    return channels == 0 ? 0 : static_cast<std::int64_t>(samples.size()) / channels;
  }
  // Root-mean-square level of one channel over the whole stream.
  double ChannelRms(int channel) const;
};

Result<DecodedAudio> DecodeOggOpus(const std::string& path);
Result<DecodedAudio> DecodeOggOpusBuffer(std::span<const std::uint8_t> bytes);

}  // namespace fairqm::audio
