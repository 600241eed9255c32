#include "audio/sound_file.h"

#include <sndfile.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <system_error>

namespace fairqm::audio {

struct SoundFile::VirtualBuffer {
  std::span<const std::uint8_t> bytes;
  sf_count_t position = 0;
};

namespace {

// libsndfile's virtual I/O over a borrowed byte span (read-only).
sf_count_t VirtualLength(void* user) {
  return static_cast<sf_count_t>(static_cast<SoundFile::VirtualBuffer*>(user)->bytes.size());
}

sf_count_t VirtualSeek(sf_count_t offset, int whence, void* user) {
  auto* buffer = static_cast<SoundFile::VirtualBuffer*>(user);
  const auto size = static_cast<sf_count_t>(buffer->bytes.size());
  sf_count_t base = 0;
  switch (whence) {
    case SEEK_SET:
      base = 0;
      break;
    case SEEK_CUR:
      base = buffer->position;
      break;
    case SEEK_END:
      base = size;
      break;
    default:
      return -1;
  }
  const sf_count_t target = base + offset;
  if (target < 0) return -1;
  // Seeking past the end is allowed (as with files); reads there return 0.
  buffer->position = target;
  return target;
}

sf_count_t VirtualRead(void* dst, sf_count_t count, void* user) {
  auto* buffer = static_cast<SoundFile::VirtualBuffer*>(user);
  const auto size = static_cast<sf_count_t>(buffer->bytes.size());
  if (count <= 0 || buffer->position >= size) return 0;
  const sf_count_t n = std::min(count, size - buffer->position);
  std::memcpy(dst, buffer->bytes.data() + buffer->position, static_cast<std::size_t>(n));
  buffer->position += n;
  return n;
}

sf_count_t VirtualWrite(const void*, sf_count_t, void*) { return 0; }  // read-only

sf_count_t VirtualTell(void* user) {
  return static_cast<SoundFile::VirtualBuffer*>(user)->position;
}

Error OpenError(const std::string& name) {
  // sf_error(nullptr) is libsndfile's process-wide last error: under
  // concurrent opens the message may belong to another thread, the code is
  // still a sensible classification.
  const int code = sf_error(nullptr);
  const std::string detail = sf_strerror(nullptr);
  switch (code) {
    case SF_ERR_UNRECOGNISED_FORMAT:
      return MakeError(ErrorCode::kUnsupported,
                       name + ": not a recognised audio format (libsndfile: " + detail + ")");
    case SF_ERR_SYSTEM:
      return MakeError(ErrorCode::kIo, name + ": cannot read audio file: " + detail);
    case SF_ERR_UNSUPPORTED_ENCODING:
      return MakeError(ErrorCode::kUnsupported, name + ": unsupported audio encoding: " + detail);
    default:
      return MakeError(ErrorCode::kCorrupt,
                       name + ": malformed or unreadable audio file (libsndfile: " + detail + ")");
  }
}

// Reads `n` bytes at `offset`; false when the source holds fewer.
using ByteReader = std::function<bool(std::uint64_t offset, std::uint8_t* dst, std::size_t n)>;

std::uint32_t ReadU32(const std::uint8_t* p, bool big_endian) {
  if (big_endian) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
  }
  return (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[1]} << 8) |
         std::uint32_t{p[0]};
}

// libsndfile quietly shortens a WAV whose data chunk runs past the end of the
// file. For an upload that means it was cut off in transit, so we refuse it
// rather than store half a conversation as if it were whole. Streaming
// writers that could not go back to fill in the size leave 0 or 0xFFFFFFFF;
// those are accepted as "length unknown".
Status CheckRiffNotTruncated(const ByteReader& read, std::uint64_t file_size,
                             const std::string& name) {
  std::array<std::uint8_t, 12> head{};
  if (!read(0, head.data(), head.size())) return OkStatus();
  bool big_endian = false;
  if (std::memcmp(head.data(), "RIFX", 4) == 0) {
    big_endian = true;
  } else if (std::memcmp(head.data(), "RIFF", 4) != 0) {
    return OkStatus();  // RF64 and friends: libsndfile validates sizes itself
  }
  std::uint64_t offset = 12;
  std::array<std::uint8_t, 8> chunk{};
  while (offset + chunk.size() <= file_size && read(offset, chunk.data(), chunk.size())) {
    const std::uint32_t size = ReadU32(chunk.data() + 4, big_endian);
    if (std::memcmp(chunk.data(), "data", 4) == 0) {
      const std::uint64_t available = file_size - (offset + chunk.size());
      if (size != 0 && size != 0xFFFFFFFFu && size > available) {
        return MakeError(ErrorCode::kCorrupt, name + ": WAV data chunk declares " +
                                                  std::to_string(size) + " bytes but only " +
                                                  std::to_string(available) +
                                                  " are present (file truncated)");
      }
      return OkStatus();
    }
    offset += chunk.size() + size + (size & 1u);  // chunks are padded to even sizes
  }
  return OkStatus();
}

bool IsRiffWave(int sf_format) {
  const int major = sf_format & SF_FORMAT_TYPEMASK;
  return major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX;
}

}  // namespace

Result<std::unique_ptr<SoundFile>> SoundFile::OpenPath(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return MakeError(ErrorCode::kNotFound, path + ": no such file");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return MakeError(ErrorCode::kInvalidInput, path + ": not a regular file");
  }
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return MakeError(ErrorCode::kIo, path + ": cannot stat: " + ec.message());
  if (size == 0) return MakeError(ErrorCode::kInvalidInput, path + ": file is empty");

  std::unique_ptr<SoundFile> file(new SoundFile());
  SF_INFO info{};
  file->handle_ = sf_open(path.c_str(), SFM_READ, &info);
  if (file->handle_ == nullptr) return OpenError(path);
  FAIRQM_ASSIGN_OR_RETURN(file, FinishOpen(std::move(file), path));

  if (IsRiffWave(file->sf_format_)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return MakeError(ErrorCode::kIo, path + ": cannot open for reading");
    const ByteReader reader = [&in](std::uint64_t offset, std::uint8_t* dst, std::size_t n) {
      in.clear();
      in.seekg(static_cast<std::streamoff>(offset));
      in.read(reinterpret_cast<char*>(dst), static_cast<std::streamsize>(n));
      return static_cast<std::size_t>(in.gcount()) == n;
    };
    FAIRQM_RETURN_IF_ERROR(CheckRiffNotTruncated(reader, size, path));
  }
  return file;
}

Result<std::unique_ptr<SoundFile>> SoundFile::OpenBuffer(std::span<const std::uint8_t> bytes) {
  const std::string name = "<memory>";
  if (bytes.empty()) return MakeError(ErrorCode::kInvalidInput, name + ": audio buffer is empty");
  std::unique_ptr<SoundFile> file(new SoundFile());
  file->buffer_ = std::make_unique<VirtualBuffer>();
  file->buffer_->bytes = bytes;
  SF_VIRTUAL_IO io{VirtualLength, VirtualSeek, VirtualRead, VirtualWrite, VirtualTell};
  SF_INFO info{};
  file->handle_ = sf_open_virtual(&io, SFM_READ, &info, file->buffer_.get());
  if (file->handle_ == nullptr) return OpenError(name);
  FAIRQM_ASSIGN_OR_RETURN(file, FinishOpen(std::move(file), name));

  if (IsRiffWave(file->sf_format_)) {
    const ByteReader reader = [bytes](std::uint64_t offset, std::uint8_t* dst, std::size_t n) {
      if (offset > bytes.size() || bytes.size() - offset < n) return false;
      std::memcpy(dst, bytes.data() + offset, n);
      return true;
    };
    FAIRQM_RETURN_IF_ERROR(CheckRiffNotTruncated(reader, bytes.size(), name));
  }
  return file;
}

Result<std::unique_ptr<SoundFile>> SoundFile::FinishOpen(std::unique_ptr<SoundFile> file,
                                                         const std::string& name) {
  SF_INFO info{};
  if (sf_command(file->handle_, SFC_GET_CURRENT_SF_INFO, &info, sizeof(info)) != 0) {
    return MakeError(ErrorCode::kInternal, name + ": libsndfile did not report stream info");
  }
  file->sample_rate_ = info.samplerate;
  file->channels_ = info.channels;
  file->sf_format_ = info.format;
  file->declared_frames_ = (info.frames < 0 || info.frames == SF_COUNT_MAX) ? -1 : info.frames;
  // libsndfile estimates an MP3's length from its first frames unless a
  // Xing/LAME header says otherwise; every other container states it.
  file->declared_frames_exact_ = (info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_MPEG;
  return file;
}

SoundFile::~SoundFile() {
  if (handle_ != nullptr) sf_close(handle_);
}

std::string SoundFile::FormatName() const {
  const int major = sf_format_ & SF_FORMAT_TYPEMASK;
  const int sub = sf_format_ & SF_FORMAT_SUBMASK;
  switch (major) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX:
    case SF_FORMAT_RF64:
      switch (sub) {
        case SF_FORMAT_PCM_U8:
          return "wav/pcm8";
        case SF_FORMAT_PCM_16:
          return "wav/pcm16";
        case SF_FORMAT_PCM_24:
          return "wav/pcm24";
        case SF_FORMAT_PCM_32:
          return "wav/pcm32";
        case SF_FORMAT_FLOAT:
          return "wav/float";
        case SF_FORMAT_DOUBLE:
          return "wav/double";
        case SF_FORMAT_ALAW:
          return "wav/alaw";
        case SF_FORMAT_ULAW:
          return "wav/ulaw";
        case SF_FORMAT_GSM610:
          return "wav/gsm610";
        case SF_FORMAT_IMA_ADPCM:
          return "wav/ima_adpcm";
        case SF_FORMAT_MS_ADPCM:
          return "wav/ms_adpcm";
        case SF_FORMAT_G721_32:
          return "wav/g721";
        default:
          return "";
      }
    case SF_FORMAT_FLAC:
      return "flac";
    case SF_FORMAT_MPEG:
      switch (sub) {
        case SF_FORMAT_MPEG_LAYER_III:
          return "mp3";
        case SF_FORMAT_MPEG_LAYER_II:
          return "mp2";
        default:
          return "";
      }
    case SF_FORMAT_OGG:
      switch (sub) {
        case SF_FORMAT_OPUS:
          return "ogg/opus";
        case SF_FORMAT_VORBIS:
          return "ogg/vorbis";
        default:
          return "";
      }
    default:
      return "";
  }
}

Result<std::int64_t> SoundFile::ReadFloat(float* out, std::int64_t max_frames) {
  const sf_count_t got = sf_readf_float(handle_, out, static_cast<sf_count_t>(max_frames));
  if (sf_error(handle_) != SF_ERR_NO_ERROR) {
    return MakeError(ErrorCode::kCorrupt,
                     std::string("audio stream is damaged: ") + sf_strerror(handle_));
  }
  if (got < 0) return MakeError(ErrorCode::kCorrupt, "audio stream is damaged");
  float* const end = out + got * channels_;
  for (float* sample = out; sample != end; ++sample) {
    // Float WAVs may carry NaN/Inf or overshoot; the encoder wants [-1, 1].
    const float v = *sample;
    *sample = std::isfinite(v) ? std::clamp(v, -1.0f, 1.0f) : 0.0f;
  }
  return static_cast<std::int64_t>(got);
}

}  // namespace fairqm::audio
