// Ingest: turns what a capture source sends (WAV PCM/float/A-law/µ-law,
// FLAC, MP3, Ogg/Opus, Ogg/Vorbis) into the stored form, Ogg/Opus at a speech
// bitrate, streamed page by page into a caller-supplied sink.
//
// Channels: a stereo source keeps both channels, and by convention
// channel 0 is the agent and channel 1 the customer (the order capture
// sources use; nothing here can verify it). Mono stays mono. More than two
// channels are refused (kUnsupported) rather than downmixed: a downmix
// would merge agent and customer, which later per-party access and
// anonymisation depend on keeping apart.
//
// The encoder is libopusenc (Opus application VOIP, signal voice, VBR, 60 ms
// packets, bandwidth capped at the source's); it resamples any input rate to
// Opus' 48 kHz itself, so no separate resampler is needed. Stereo is stored
// as two independent mono Opus streams (channel mapping family 1, no coupled
// stream): a coupled stream codes mid/side or intensity stereo at speech
// bitrates and leaks one party into the other's channel. Opus comment tags
// hold only the vendor string and ENCODER=fairqm — nothing about the contact
// or the people in it.
//
// Streaming and failure: the output is never buffered whole; each Ogg page
// goes to the sink as soon as it is complete. The stream is complete only
// when TranscodeToOpus() returns ok. On ANY error (a decode error half-way, a
// sink error, a limit exceeded) the caller MUST discard everything the sink
// received — e.g. abort the vault writer. Checks that can be made from the
// header (format, channels, sample rate, declared duration) happen before
// the sink is called at all. A sink error stops the work and is returned
// unchanged.
//
// Thread-safety: the functions keep no shared state; concurrent calls on
// different inputs are fine.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "common/result.h"
#include "common/time.h"

namespace fairqm::audio {

// Receives the encoded Ogg/Opus stream in order, one Ogg page per call.
using ByteSink = std::function<Status(std::span<const std::uint8_t>)>;

// Bounds on what is accepted; violations are kInvalidInput.
struct IngestLimits {
  int min_sample_rate = 8000;
  int max_sample_rate = 192000;
  // A contact-centre conversation longer than this is a broken upload or a
  // forgotten open line, not a call.
  TimeMs max_duration_ms = 12 * kHourMs;
};

struct EncodeOptions {
  // Target bitrate (VBR) for the whole stream; 0 picks kDefaultMonoBitrate or
  // kDefaultStereoBitrate by channel count; otherwise 6000..512000.
  int bitrate_bps = 0;
  // Opus encoder complexity 0..10. The default keeps ingest of two-channel
  // 8 kHz speech above 100x real time per core: about 123x at 5 against 99x
  // at 6 on the 2-core development machine (bench/ingest_bench.cc).
  int complexity = 5;
  IngestLimits limits;
};

inline constexpr int kDefaultMonoBitrate = 16000;
inline constexpr int kDefaultStereoBitrate = 24000;

struct AudioInfo {
  int source_sample_rate = 0;
  int channels = 0;         // 1 (mono) or 2 (0 = agent, 1 = customer)
  std::int64_t frames = 0;  // samples per channel, as actually decoded
  std::int64_t duration_ms = 0;
  // "wav/pcm16", "wav/pcm24", "wav/pcm32", "wav/float", "wav/alaw",
  // "wav/ulaw", "flac", "mp3", "ogg/opus", "ogg/vorbis", ... (see
  // SoundFile::FormatName()).
  std::string source_format;
  // Bytes of Ogg/Opus handed to the sink; 0 from Probe().
  std::int64_t encoded_bytes = 0;
};

// Validates an input file without encoding: opens it, checks it against the
// limits and decodes it through to the end (so a damaged stream is caught
// here, and `frames` is exact even for MP3).
Result<AudioInfo> Probe(const std::string& path, const IngestLimits& limits = {});
Result<AudioInfo> ProbeBuffer(std::span<const std::uint8_t> bytes, const IngestLimits& limits = {});

// Decodes `path` and streams it as Ogg/Opus into `sink`. See the header
// comment for what an error means for the sink's bytes.
Result<AudioInfo> TranscodeToOpus(const std::string& path, const ByteSink& sink,
                                  const EncodeOptions& options = {});
Result<AudioInfo> TranscodeBufferToOpus(std::span<const std::uint8_t> bytes, const ByteSink& sink,
                                        const EncodeOptions& options = {});

}  // namespace fairqm::audio
