#include "audio/wav_writer.h"

#include <sndfile.h>

namespace fairqm::audio {

Status WriteSoundFile(const std::string& path, const std::vector<std::int16_t>& interleaved,
                      int rate, int channels, int sf_format) {
  if (channels < 1 || rate < 1) {
    return MakeError(ErrorCode::kInvalidInput, "sample rate and channel count must be positive");
  }
  if (interleaved.size() % static_cast<std::size_t>(channels) != 0) {
    return MakeError(ErrorCode::kInvalidInput, "sample count is not a multiple of the channels");
  }
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = sf_format;
  if (!sf_format_check(&info)) {
    return MakeError(ErrorCode::kInvalidInput, "libsndfile cannot write this format at " +
                                                   std::to_string(rate) + " Hz, " +
                                                   std::to_string(channels) + " channel(s)");
  }
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) {
    // sf_format_check() accepts some combinations the encoder then refuses
    // (e.g. Opus at 44.1 kHz); only an operating-system failure is I/O.
    const bool system_error = sf_error(nullptr) == SF_ERR_SYSTEM;
    return MakeError(system_error ? ErrorCode::kIo : ErrorCode::kInvalidInput,
                     path + ": cannot create: " + sf_strerror(nullptr));
  }
  const auto frames =
      static_cast<sf_count_t>(interleaved.size() / static_cast<std::size_t>(channels));
  const sf_count_t written = sf_writef_short(file, interleaved.data(), frames);
  std::string write_error = written == frames ? "" : sf_strerror(file);
  const int close_result = sf_close(file);
  if (!write_error.empty())
    return MakeError(ErrorCode::kIo, path + ": write failed: " + write_error);
  if (close_result != 0) return MakeError(ErrorCode::kIo, path + ": close failed");
  return OkStatus();
}

Status WriteWav(const std::string& path, const std::vector<std::int16_t>& interleaved, int rate,
                int channels, int sf_subformat) {
  return WriteSoundFile(path, interleaved, rate, channels,
                        SF_FORMAT_WAV | (sf_subformat & SF_FORMAT_SUBMASK));
}

}  // namespace fairqm::audio
