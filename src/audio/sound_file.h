// SoundFile: a decoded view of one audio file or in-memory buffer, read
// through libsndfile (WAV/RF64, FLAC, MP3, Ogg/Opus, Ogg/Vorbis).
//
// It is the one place that talks to libsndfile for reading: ingest.h and
// opus_decode.h build on it. It owns the libsndfile handle; a SoundFile opened
// on a buffer borrows the buffer, which must outlive it.
//
// Thread-safety: one SoundFile is used by one thread at a time; separate
// SoundFiles are independent.
//
// Failures: Open*() maps libsndfile's refusal to an Error — an unrecognised
// format is kUnsupported, a recognised but malformed file is kCorrupt, a file
// that cannot be read is kIo, an empty file is kInvalidInput, a missing one is
// kNotFound. A WAV whose data chunk declares more bytes than the file holds
// (a truncated upload) is kCorrupt: libsndfile would silently shorten it.
// Read() reports a decoding error part-way (e.g. a FLAC stream that loses
// sync) as kCorrupt.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "common/result.h"

struct sf_private_tag;  // libsndfile's SNDFILE, kept out of this header

namespace fairqm::audio {

class SoundFile {
 public:
  // Opens a regular file by path.
  static Result<std::unique_ptr<SoundFile>> OpenPath(const std::string& path);
  // Opens an in-memory file; `bytes` must stay valid while the SoundFile lives.
  static Result<std::unique_ptr<SoundFile>> OpenBuffer(std::span<const std::uint8_t> bytes);

  ~SoundFile();
  SoundFile(const SoundFile&) = delete;
  SoundFile& operator=(const SoundFile&) = delete;

  int sample_rate() const { return sample_rate_; }
  int channels() const { return channels_; }
  // Frames the header declares; -1 when the container does not say, and only
  // an estimate for MP3 (see declared_frames_exact()).
  std::int64_t declared_frames() const { return declared_frames_; }
  bool declared_frames_exact() const { return declared_frames_exact_; }
  // libsndfile's SF_FORMAT_* value (container | encoding).
  int sf_format() const { return sf_format_; }
  // Short name of container and encoding: "wav/pcm16", "wav/alaw", "flac",
  // "mp3", "ogg/opus", ...; empty when the combination is not one fairqm
  // accepts (see IsAcceptedFormat()).
  std::string FormatName() const;
  bool IsAcceptedFormat() const { return !FormatName().empty(); }

  // Reads up to `max_frames` interleaved frames as float in [-1, 1] (integer
  // encodings are normalised; non-finite float samples become 0 and larger
  // magnitudes are clipped). Returns the number of frames read, 0 at the end.
  // `out` holds at least max_frames * channels() floats.
  Result<std::int64_t> ReadFloat(float* out, std::int64_t max_frames);

  struct VirtualBuffer;  // implementation detail of OpenBuffer()

 private:
  SoundFile() = default;
  static Result<std::unique_ptr<SoundFile>> FinishOpen(std::unique_ptr<SoundFile> file,
                                                       const std::string& name);

  sf_private_tag* handle_ = nullptr;
  std::unique_ptr<VirtualBuffer> buffer_;  // set when opened on memory
  int sample_rate_ = 0;
  int channels_ = 0;
  std::int64_t declared_frames_ = -1;
  bool declared_frames_exact_ = false;
  int sf_format_ = 0;
};

}  // namespace fairqm::audio
