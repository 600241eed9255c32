#include "audio/opus_decode.h"

#include <sndfile.h>

#include <cmath>
#include <memory>

#include "audio/sound_file.h"

namespace fairqm::audio {
namespace {

Result<DecodedAudio> DecodeAll(Result<std::unique_ptr<SoundFile>> opened) {
  if (!opened.ok()) return opened.error();
  SoundFile& file = *opened.value();
  if (file.FormatName() != "ogg/opus") {
    return MakeError(ErrorCode::kUnsupported, "not an Ogg/Opus stream");
  }
  if (file.channels() < 1 || file.channels() > 255) {
    return MakeError(ErrorCode::kCorrupt, "Ogg/Opus header declares an invalid channel count");
  }
  DecodedAudio decoded;
  decoded.sample_rate = file.sample_rate();
  decoded.channels = file.channels();
  constexpr std::int64_t kChunkFrames = 4096;
  std::size_t used = 0;
  while (true) {
    decoded.samples.resize(used + static_cast<std::size_t>(kChunkFrames * decoded.channels));
    FAIRQM_ASSIGN_OR_RETURN(const std::int64_t got,
                            file.ReadFloat(decoded.samples.data() + used, kChunkFrames));
    used += static_cast<std::size_t>(got * decoded.channels);
    if (got == 0) break;
  }
  decoded.samples.resize(used);
  return decoded;
}

}  // namespace

double DecodedAudio::ChannelRms(int channel) const {
  const std::int64_t n = frames();
  if (n == 0 || channel < 0 || channel >= channels) return 0.0;
  double sum = 0.0;
  for (std::int64_t frame = 0; frame < n; ++frame) {
    const double v = samples[static_cast<std::size_t>(frame * channels + channel)];
    sum += v * v;
  }
  return std::sqrt(sum / static_cast<double>(n));
}

Result<DecodedAudio> DecodeOggOpus(const std::string& path) {
  return DecodeAll(SoundFile::OpenPath(path));
}

Result<DecodedAudio> DecodeOggOpusBuffer(std::span<const std::uint8_t> bytes) {
  return DecodeAll(SoundFile::OpenBuffer(bytes));
}

}  // namespace fairqm::audio
