// WriteWav / WriteSoundFile: write 16-bit PCM samples to an audio file with
// libsndfile, for tests, the demo and benchmarks that need input files in a
// given encoding (PCM, A-law, µ-law, float, FLAC, MP3, Ogg/Opus, ...).
//
// Samples are interleaved (frame by frame); for stereo, channel 0 is the
// agent and channel 1 the customer, as ingest.h expects. libsndfile converts
// the 16-bit samples to the requested encoding.
//
// Thread-safety: no shared state. Failures: an encoding libsndfile cannot
// write at that rate/channel count is kInvalidInput; a file that cannot be
// created or written is kIo.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace fairqm::audio {

// A WAV file; `sf_subformat` is a libsndfile SF_FORMAT_* encoding such as
// SF_FORMAT_PCM_16, SF_FORMAT_ALAW, SF_FORMAT_ULAW, SF_FORMAT_FLOAT.
Status WriteWav(const std::string& path, const std::vector<std::int16_t>& interleaved, int rate,
                int channels, int sf_subformat);

// Any file libsndfile can write; `sf_format` is container | encoding, e.g.
// SF_FORMAT_FLAC | SF_FORMAT_PCM_16, SF_FORMAT_OGG | SF_FORMAT_OPUS,
// SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III.
Status WriteSoundFile(const std::string& path, const std::vector<std::int16_t>& interleaved,
                      int rate, int channels, int sf_format);

}  // namespace fairqm::audio
