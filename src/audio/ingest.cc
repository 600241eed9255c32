#include "audio/ingest.h"

#include <opus/opusenc.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <vector>

#include "audio/sound_file.h"

namespace fairqm::audio {
namespace {

// Frames decoded per read; large enough that per-call overhead vanishes,
// small enough to stay in cache (8192 floats for stereo).
constexpr std::int64_t kReadFrames = 4096;

// libopusenc's "family" value that postpones building the Opus encoder until
// ope_encoder_deferred_init_with_mapping().
constexpr int kDeferredMapping = -1;

Status CheckLimits(const IngestLimits& limits) {
  if (limits.min_sample_rate <= 0 || limits.max_sample_rate < limits.min_sample_rate ||
      limits.max_duration_ms <= 0) {
    return MakeError(ErrorCode::kInvalidInput, "ingest limits are inconsistent");
  }
  return OkStatus();
}

Status CheckOptions(const EncodeOptions& options, const ByteSink& sink) {
  if (!sink) return MakeError(ErrorCode::kInvalidInput, "no sink for the encoded audio");
  if (options.complexity < 0 || options.complexity > 10) {
    return MakeError(ErrorCode::kInvalidInput,
                     "Opus complexity must be 0..10, got " + std::to_string(options.complexity));
  }
  if (options.bitrate_bps != 0 && (options.bitrate_bps < 6000 || options.bitrate_bps > 512000)) {
    return MakeError(ErrorCode::kInvalidInput, "Opus bitrate must be 6000..512000 bit/s, got " +
                                                   std::to_string(options.bitrate_bps));
  }
  return CheckLimits(options.limits);
}

// Written to not overflow for any frame count a (hostile) header may claim.
std::int64_t FramesToMs(std::int64_t frames, int rate) {
  return frames / rate * 1000 + frames % rate * 1000 / rate;
}

std::int64_t MaxFrames(const IngestLimits& limits, int rate) {
  return limits.max_duration_ms / 1000 * rate + limits.max_duration_ms % 1000 * rate / 1000;
}

// Everything that can be decided from the header, before any byte is sent.
Result<AudioInfo> CheckHeader(const SoundFile& file, const IngestLimits& limits) {
  AudioInfo info;
  info.source_format = file.FormatName();
  if (info.source_format.empty()) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%06x", static_cast<unsigned>(file.sf_format()));
    return MakeError(ErrorCode::kUnsupported,
                     std::string("audio container/encoding ") + hex +
                         " is not accepted (WAV, FLAC, MP3, Ogg/Opus, Ogg/Vorbis are)");
  }
  info.channels = file.channels();
  if (info.channels < 1) {
    return MakeError(ErrorCode::kCorrupt, info.source_format + ": header declares no channels");
  }
  if (info.channels > 2) {
    return MakeError(ErrorCode::kUnsupported,
                     info.source_format + ": " + std::to_string(info.channels) +
                         " channels; only mono or stereo (channel 0 agent, channel 1 "
                         "customer) is accepted");
  }
  info.source_sample_rate = file.sample_rate();
  if (info.source_sample_rate < limits.min_sample_rate ||
      info.source_sample_rate > limits.max_sample_rate) {
    return MakeError(ErrorCode::kInvalidInput, info.source_format + ": sample rate " +
                                                   std::to_string(info.source_sample_rate) +
                                                   " Hz is outside " +
                                                   std::to_string(limits.min_sample_rate) + ".." +
                                                   std::to_string(limits.max_sample_rate) + " Hz");
  }
  const std::int64_t declared = file.declared_frames();
  if (declared == 0) {
    return MakeError(ErrorCode::kInvalidInput, info.source_format + ": contains no audio");
  }
  if (declared > 0 && file.declared_frames_exact() &&
      declared > MaxFrames(limits, info.source_sample_rate)) {
    return MakeError(ErrorCode::kInvalidInput,
                     info.source_format + ": duration " +
                         std::to_string(FramesToMs(declared, info.source_sample_rate)) +
                         " ms exceeds the limit of " + std::to_string(limits.max_duration_ms) +
                         " ms");
  }
  return info;
}

// Receives decoded frames; the encoder, or nothing for Probe().
class FrameConsumer {
 public:
  virtual ~FrameConsumer() = default;
  virtual Status Consume(const float* interleaved, std::int64_t frames) = 0;
};

// Reads `file` to its end, enforcing the limits on what is actually decoded
// (MP3 lengths are estimates and headers can lie), and feeds `consumer`.
Status DecodeAll(SoundFile& file, const IngestLimits& limits, AudioInfo& info,
                 FrameConsumer* consumer) {
  const std::int64_t max_frames = MaxFrames(limits, info.source_sample_rate);
  std::vector<float> buffer(static_cast<std::size_t>(kReadFrames * info.channels));
  std::int64_t total = 0;
  while (true) {
    FAIRQM_ASSIGN_OR_RETURN(const std::int64_t got, file.ReadFloat(buffer.data(), kReadFrames));
    if (got == 0) break;
    total += got;
    if (total > max_frames) {
      return MakeError(ErrorCode::kInvalidInput,
                       info.source_format + ": duration exceeds the limit of " +
                           std::to_string(limits.max_duration_ms) + " ms");
    }
    if (consumer != nullptr) FAIRQM_RETURN_IF_ERROR(consumer->Consume(buffer.data(), got));
  }
  if (total == 0) {
    return MakeError(ErrorCode::kInvalidInput, info.source_format + ": contains no audio");
  }
  if (file.declared_frames_exact() && file.declared_frames() > total) {
    return MakeError(ErrorCode::kCorrupt, info.source_format + ": decoded " +
                                              std::to_string(total) + " of " +
                                              std::to_string(file.declared_frames()) +
                                              " declared frames (file truncated or damaged)");
  }
  info.frames = total;
  info.duration_ms = FramesToMs(total, info.source_sample_rate);
  return OkStatus();
}

// One Ogg/Opus stream written through libopusenc's callbacks into a ByteSink.
class OpusStreamWriter final : public FrameConsumer {
 public:
  static Result<std::unique_ptr<OpusStreamWriter>> Create(const ByteSink& sink, int sample_rate,
                                                          int channels,
                                                          const EncodeOptions& options) {
    std::unique_ptr<OpusStreamWriter> writer(new OpusStreamWriter(sink));
    OggOpusComments* comments = ope_comments_create();
    if (comments == nullptr) return MakeError(ErrorCode::kInternal, "libopusenc: out of memory");
    // Besides the vendor string ("libopus x, libopusenc y") the only tag is
    // the encoder's name: nothing about the contact or the people in it.
    int error = ope_comments_add(comments, "ENCODER", "fairqm");
    const OpusEncCallbacks callbacks{&OpusStreamWriter::WriteCallback,
                                     &OpusStreamWriter::CloseCallback};
    // Stereo is two independent mono streams (mapping family 1, no coupled
    // stream), not one coupled stereo stream: at speech bitrates a coupled
    // stream codes mid/side or intensity stereo, which leaks one party into
    // the other's channel. Agent and customer must stay apart.
    const int family = channels == 2 ? kDeferredMapping : 0;
    if (error == OPE_OK) {
      writer->encoder_ = ope_encoder_create_callbacks(&callbacks, writer.get(), comments,
                                                      sample_rate, channels, family, &error);
    }
    ope_comments_destroy(comments);  // the encoder keeps its own copy
    if (writer->encoder_ == nullptr || error != OPE_OK) {
      return MakeError(ErrorCode::kInternal,
                       std::string("libopusenc cannot create encoder: ") + ope_strerror(error));
    }
    if (channels == 2) {
      const unsigned char mapping[2] = {0, 1};  // channel 0 → stream 0, channel 1 → stream 1
      FAIRQM_RETURN_IF_ERROR(
          writer->Ctl("channel mapping",
                      ope_encoder_deferred_init_with_mapping(writer->encoder_, 1, 2, 0, mapping)));
    }
    const int bitrate = options.bitrate_bps != 0
                            ? options.bitrate_bps
                            : (channels == 2 ? kDefaultStereoBitrate : kDefaultMonoBitrate);
    FAIRQM_RETURN_IF_ERROR(writer->Ctl(
        "application",
        ope_encoder_ctl(writer->encoder_, OPUS_SET_APPLICATION(OPUS_APPLICATION_VOIP))));
    FAIRQM_RETURN_IF_ERROR(writer->Ctl(
        "signal", ope_encoder_ctl(writer->encoder_, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE))));
    FAIRQM_RETURN_IF_ERROR(
        writer->Ctl("bitrate", ope_encoder_ctl(writer->encoder_, OPUS_SET_BITRATE(bitrate))));
    FAIRQM_RETURN_IF_ERROR(writer->Ctl(
        "complexity", ope_encoder_ctl(writer->encoder_, OPUS_SET_COMPLEXITY(options.complexity))));
    // Bits above the source's Nyquist frequency would be spent on nothing.
    FAIRQM_RETURN_IF_ERROR(writer->Ctl(
        "max bandwidth",
        ope_encoder_ctl(writer->encoder_, OPUS_SET_MAX_BANDWIDTH(MaxBandwidthFor(sample_rate)))));
    // Stored, not sent live: 60 ms packets cost no latency that matters and
    // save per-packet overhead in both bytes and CPU (about 20% faster than
    // 20 ms at the same complexity; see bench/ingest_bench.cc).
    FAIRQM_RETURN_IF_ERROR(writer->Ctl(
        "frame duration",
        ope_encoder_ctl(writer->encoder_, OPUS_SET_EXPERT_FRAME_DURATION(OPUS_FRAMESIZE_60_MS))));
    // The comment header is never rewritten in place, so no padding.
    FAIRQM_RETURN_IF_ERROR(writer->Ctl(
        "comment padding", ope_encoder_ctl(writer->encoder_, OPE_SET_COMMENT_PADDING(0))));
    return writer;
  }

  ~OpusStreamWriter() override {
    if (encoder_ != nullptr) ope_encoder_destroy(encoder_);
  }

  Status Consume(const float* interleaved, std::int64_t frames) override {
    const int ret = ope_encoder_write_float(encoder_, interleaved, static_cast<int>(frames));
    FAIRQM_RETURN_IF_ERROR(SinkStatus());
    if (ret != OPE_OK) {
      return MakeError(ErrorCode::kInternal,
                       std::string("Opus encoding failed: ") + ope_strerror(ret));
    }
    return OkStatus();
  }

  Status Finish() {
    const int ret = ope_encoder_drain(encoder_);
    FAIRQM_RETURN_IF_ERROR(SinkStatus());
    if (ret != OPE_OK) {
      return MakeError(ErrorCode::kInternal,
                       std::string("Opus encoding failed: ") + ope_strerror(ret));
    }
    return OkStatus();
  }

  std::int64_t bytes_written() const { return bytes_written_; }

 private:
  explicit OpusStreamWriter(const ByteSink& sink) : sink_(sink) {}

  static int MaxBandwidthFor(int sample_rate) {
    if (sample_rate <= 8000) return OPUS_BANDWIDTH_NARROWBAND;
    if (sample_rate <= 12000) return OPUS_BANDWIDTH_MEDIUMBAND;
    if (sample_rate <= 16000) return OPUS_BANDWIDTH_WIDEBAND;
    if (sample_rate <= 24000) return OPUS_BANDWIDTH_SUPERWIDEBAND;
    return OPUS_BANDWIDTH_FULLBAND;
  }

  Status Ctl(const char* what, int ret) const {
    if (ret == OPE_OK) return OkStatus();
    return MakeError(ErrorCode::kInternal,
                     std::string("libopusenc rejected setting ") + what + ": " + ope_strerror(ret));
  }

  Status SinkStatus() const {
    if (sink_failed_) return sink_error_;
    return OkStatus();
  }

  static int WriteCallback(void* user, const unsigned char* data, opus_int32 length) {
    auto* self = static_cast<OpusStreamWriter*>(user);
    // After one failure nothing more reaches the sink; the caller discards it.
    if (self->sink_failed_) return 1;
    // An exception must not unwind through libopusenc's C frames.
    Status status = OkStatus();
    try {
      status = self->sink_(std::span<const std::uint8_t>(data, static_cast<std::size_t>(length)));
    } catch (const std::exception& e) {
      status = MakeError(ErrorCode::kInternal, std::string("audio sink threw: ") + e.what());
    } catch (...) {
      status = MakeError(ErrorCode::kInternal, "audio sink threw a non-standard exception");
    }
    if (!status.ok()) {
      self->sink_failed_ = true;
      self->sink_error_ = status.error();
      return 1;
    }
    self->bytes_written_ += length;
    return 0;
  }

  // Called at end of stream and from ope_encoder_destroy(), even after an
  // error, so it cannot mean "complete"; completion is Finish() returning ok.
  static int CloseCallback(void*) { return 0; }

  const ByteSink& sink_;
  OggOpusEnc* encoder_ = nullptr;
  bool sink_failed_ = false;
  Error sink_error_;
  std::int64_t bytes_written_ = 0;
};

Result<AudioInfo> ProbeFile(Result<std::unique_ptr<SoundFile>> opened, const IngestLimits& limits) {
  if (!opened.ok()) return opened.error();
  SoundFile& file = *opened.value();
  FAIRQM_ASSIGN_OR_RETURN(AudioInfo info, CheckHeader(file, limits));
  FAIRQM_RETURN_IF_ERROR(DecodeAll(file, limits, info, nullptr));
  return info;
}

Result<AudioInfo> TranscodeFile(Result<std::unique_ptr<SoundFile>> opened, const ByteSink& sink,
                                const EncodeOptions& options) {
  if (!opened.ok()) return opened.error();
  SoundFile& file = *opened.value();
  FAIRQM_ASSIGN_OR_RETURN(AudioInfo info, CheckHeader(file, options.limits));
  FAIRQM_ASSIGN_OR_RETURN(
      std::unique_ptr<OpusStreamWriter> writer,
      OpusStreamWriter::Create(sink, info.source_sample_rate, info.channels, options));
  FAIRQM_RETURN_IF_ERROR(DecodeAll(file, options.limits, info, writer.get()));
  FAIRQM_RETURN_IF_ERROR(writer->Finish());
  info.encoded_bytes = writer->bytes_written();
  return info;
}

}  // namespace

Result<AudioInfo> Probe(const std::string& path, const IngestLimits& limits) {
  FAIRQM_RETURN_IF_ERROR(CheckLimits(limits));
  return ProbeFile(SoundFile::OpenPath(path), limits);
}

Result<AudioInfo> ProbeBuffer(std::span<const std::uint8_t> bytes, const IngestLimits& limits) {
  FAIRQM_RETURN_IF_ERROR(CheckLimits(limits));
  return ProbeFile(SoundFile::OpenBuffer(bytes), limits);
}

Result<AudioInfo> TranscodeToOpus(const std::string& path, const ByteSink& sink,
                                  const EncodeOptions& options) {
  FAIRQM_RETURN_IF_ERROR(CheckOptions(options, sink));
  return TranscodeFile(SoundFile::OpenPath(path), sink, options);
}

Result<AudioInfo> TranscodeBufferToOpus(std::span<const std::uint8_t> bytes, const ByteSink& sink,
                                        const EncodeOptions& options) {
  FAIRQM_RETURN_IF_ERROR(CheckOptions(options, sink));
  return TranscodeFile(SoundFile::OpenBuffer(bytes), sink, options);
}

}  // namespace fairqm::audio
