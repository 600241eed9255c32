// Tests for audio ingest: real files in a temp directory, written with
// libsndfile, transcoded to Ogg/Opus and decoded back.
#include <gtest/gtest.h>
#include <sndfile.h>
#include <stdlib.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "audio/ingest.h"
#include "audio/opus_decode.h"
#include "audio/sound_file.h"
#include "audio/synthetic.h"
#include "audio/wav_writer.h"
#include "common/temp_dir.h"

namespace fairqm::audio {
namespace {

namespace fs = std::filesystem;

std::vector<std::uint8_t> ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteBytes(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

void PutU32Le(std::vector<std::uint8_t>& bytes, std::size_t offset, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[offset + static_cast<std::size_t>(i)] = (v >> (8 * i)) & 0xFF;
}

// Offset of the "data" chunk header in a canonical libsndfile-written WAV.
std::size_t FindDataChunk(const std::vector<std::uint8_t>& bytes) {
  for (std::size_t i = 12; i + 8 <= bytes.size(); ++i) {
    if (std::memcmp(bytes.data() + i, "data", 4) == 0) return i;
  }
  return 0;
}

// Collects everything the ingest streams out, counting calls.
struct CollectingSink {
  std::vector<std::uint8_t> bytes;
  int calls = 0;
  ByteSink AsSink() {
    return [this](std::span<const std::uint8_t> page) {
      ++calls;
      bytes.insert(bytes.end(), page.begin(), page.end());
      return OkStatus();
    };
  }
};

// The comments of the OpusTags header packet (vendor string excluded).
std::vector<std::string> OpusComments(const std::vector<std::uint8_t>& ogg) {
  const char kMagic[] = "OpusTags";
  for (std::size_t i = 0; i + 8 < ogg.size(); ++i) {
    if (std::memcmp(ogg.data() + i, kMagic, 8) != 0) continue;
    std::size_t pos = i + 8;
    auto u32 = [&](std::size_t at) {
      return std::uint32_t{ogg[at]} | std::uint32_t{ogg[at + 1]} << 8 |
             std::uint32_t{ogg[at + 2]} << 16 | std::uint32_t{ogg[at + 3]} << 24;
    };
    pos += 4 + u32(pos);  // vendor string
    const std::uint32_t count = u32(pos);
    pos += 4;
    std::vector<std::string> comments;
    for (std::uint32_t c = 0; c < count; ++c) {
      const std::uint32_t len = u32(pos);
      comments.emplace_back(reinterpret_cast<const char*>(ogg.data() + pos + 4), len);
      pos += 4 + len;
    }
    return comments;
  }
  return {};
}

EncodeOptions Bitrate(int bps) {
  EncodeOptions options;
  options.bitrate_bps = bps;
  return options;
}

class AudioTest : public ::testing::Test {
 protected:
  std::string PathFor(const std::string& name) const { return (dir_ / name).string(); }

  // A tone on the agent channel (0) and silence on the customer channel.
  std::string AgentToneFile(const std::string& name, int sf_format, int rate, int channels,
                            double seconds = 2.0) {
    const std::string path = PathFor(name);
    EXPECT_TRUE(WriteSoundFile(path, Tone(rate, channels, seconds, 440.0, 0.5, 0), rate, channels,
                               sf_format)
                    .ok());
    return path;
  }

  TempDir scratch_{"fairqm-audio"};
  const fs::path& dir_ = scratch_.path();
};

struct FormatCase {
  const char* file_name;
  int sf_format;
  int rate;
  int channels;
  const char* expected_format;
  // The customer channel is silent in the source; what may show up there.
  // libsndfile's MP3 writer (LAME, joint stereo) itself leaks about 0.12 RMS
  // of the agent's tone into the other channel, before fairqm sees the file.
  double max_customer_rms = 0.01;
};

class IngestFormatTest : public AudioTest, public ::testing::WithParamInterface<FormatCase> {};

// Every accepted input format round-trips: duration kept, channel count kept,
// and the agent's channel carries the tone while the customer's stays silent.
TEST_P(IngestFormatTest, RoundTripKeepsDurationChannelsAndChannelSeparation) {
  const FormatCase& c = GetParam();
  const double seconds = 2.0;
  const std::string input = AgentToneFile(c.file_name, c.sf_format, c.rate, c.channels, seconds);

  CollectingSink sink;
  Result<AudioInfo> info = TranscodeToOpus(input, sink.AsSink());
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->source_format, c.expected_format);
  EXPECT_EQ(info->source_sample_rate, c.rate);
  EXPECT_EQ(info->channels, c.channels);
  EXPECT_NEAR(static_cast<double>(info->frames), seconds * c.rate, 0.03 * c.rate);
  EXPECT_NEAR(static_cast<double>(info->duration_ms), 1000.0 * seconds, 30.0);
  EXPECT_EQ(info->encoded_bytes, static_cast<std::int64_t>(sink.bytes.size()));
  ASSERT_GT(sink.bytes.size(), 4u);
  EXPECT_EQ(std::memcmp(sink.bytes.data(), "OggS", 4), 0);

  Result<DecodedAudio> decoded = DecodeOggOpusBuffer(sink.bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.error().ToString();
  EXPECT_EQ(decoded->channels, c.channels);
  const double decoded_seconds =
      static_cast<double>(decoded->frames()) / static_cast<double>(decoded->sample_rate);
  EXPECT_NEAR(decoded_seconds, seconds, 0.03);
  EXPECT_GT(decoded->ChannelRms(0), 0.15);  // a 0.5-amplitude sine has RMS 0.35
  if (c.channels == 2) {
    EXPECT_LT(decoded->ChannelRms(1), c.max_customer_rms);
  }

  // Probe agrees with what the transcode saw, without encoding anything.
  Result<AudioInfo> probed = Probe(input);
  ASSERT_TRUE(probed.ok()) << probed.error().ToString();
  EXPECT_EQ(probed->source_format, info->source_format);
  EXPECT_EQ(probed->frames, info->frames);
  EXPECT_EQ(probed->encoded_bytes, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Formats, IngestFormatTest,
    ::testing::Values(
        FormatCase{"pcm16_8k_stereo.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2, "wav/pcm16"},
        FormatCase{"alaw_8k_stereo.wav", SF_FORMAT_WAV | SF_FORMAT_ALAW, 8000, 2, "wav/alaw"},
        FormatCase{"ulaw_8k_stereo.wav", SF_FORMAT_WAV | SF_FORMAT_ULAW, 8000, 2, "wav/ulaw"},
        FormatCase{"pcm16_16k_mono.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, "wav/pcm16"},
        FormatCase{"pcm24_16k_stereo.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 16000, 2, "wav/pcm24"},
        FormatCase{"pcm32_8k_mono.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_32, 8000, 1, "wav/pcm32"},
        FormatCase{"float_44k_stereo.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 44100, 2, "wav/float"},
        FormatCase{"pcm16_8k_stereo.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 8000, 2, "flac"},
        FormatCase{"stereo_16k.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 16000, 2, "mp3",
                   0.15},
        FormatCase{"stereo_44k.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 44100, 2, "mp3",
                   0.15},
        FormatCase{"stereo_48k.opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, 2, "ogg/opus"},
        FormatCase{"mono_8k.opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 8000, 1, "ogg/opus"},
        FormatCase{"stereo_44k.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 2, "ogg/vorbis"}),
    [](const ::testing::TestParamInfo<FormatCase>& info) {
      std::string name = info.param.file_name;
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

TEST_F(AudioTest, CustomerToneStaysOnCustomerChannel) {
  const std::string input = PathFor("customer.wav");
  ASSERT_TRUE(WriteWav(input, Tone(8000, 2, 1.0, 300.0, 0.5, 1), 8000, 2, SF_FORMAT_PCM_16).ok());
  CollectingSink sink;
  ASSERT_TRUE(TranscodeToOpus(input, sink.AsSink()).ok());
  Result<DecodedAudio> decoded = DecodeOggOpusBuffer(sink.bytes);
  ASSERT_TRUE(decoded.ok());
  EXPECT_LT(decoded->ChannelRms(0), 0.01);
  EXPECT_GT(decoded->ChannelRms(1), 0.15);
}

TEST_F(AudioTest, BufferApiMatchesPathApi) {
  const std::string input =
      AgentToneFile("buffer.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 8000, 2);
  const std::vector<std::uint8_t> bytes = ReadBytes(input);
  Result<AudioInfo> probed = ProbeBuffer(bytes);
  ASSERT_TRUE(probed.ok()) << probed.error().ToString();
  EXPECT_EQ(probed->source_format, "flac");
  EXPECT_EQ(probed->frames, 16000);

  CollectingSink sink;
  Result<AudioInfo> info = TranscodeBufferToOpus(bytes, sink.AsSink());
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->frames, 16000);
  const std::string stored = PathFor("stored.opus");
  WriteBytes(stored, sink.bytes);
  Result<DecodedAudio> decoded = DecodeOggOpus(stored);
  ASSERT_TRUE(decoded.ok()) << decoded.error().ToString();
  EXPECT_EQ(decoded->channels, 2);
  EXPECT_EQ(decoded->sample_rate, 8000);
  EXPECT_EQ(decoded->frames(), 16000);
}

TEST_F(AudioTest, OutputIsStreamedInPagesNotBufferedWhole) {
  const std::string input = PathFor("long.wav");
  ASSERT_TRUE(
      WriteWav(input, SpeechLikeConversation(8000, 30.0, 7), 8000, 2, SF_FORMAT_PCM_16).ok());
  CollectingSink sink;
  Result<AudioInfo> info = TranscodeToOpus(input, sink.AsSink());
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  // Two header pages plus roughly one audio page per second.
  EXPECT_GT(sink.calls, 20);
  EXPECT_EQ(info->duration_ms, 30000);
}

TEST_F(AudioTest, DefaultBitrateIsASpeechBitrate) {
  const std::string input = PathFor("speech.wav");
  ASSERT_TRUE(
      WriteWav(input, SpeechLikeConversation(8000, 30.0, 11), 8000, 2, SF_FORMAT_PCM_16).ok());
  CollectingSink sink;
  Result<AudioInfo> info = TranscodeToOpus(input, sink.AsSink());
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  const double kbps = 8.0 * static_cast<double>(sink.bytes.size()) / 30.0 / 1000.0;
  EXPECT_GT(kbps, 0.5 * kDefaultStereoBitrate / 1000.0);
  EXPECT_LT(kbps, 1.5 * kDefaultStereoBitrate / 1000.0);
}

TEST_F(AudioTest, ExplicitBitrateIsHonoured) {
  const std::string input = PathFor("speech_mono.wav");
  std::vector<std::int16_t> stereo = SpeechLikeConversation(16000, 20.0, 3);
  std::vector<std::int16_t> mono(stereo.size() / 2);
  for (std::size_t i = 0; i < mono.size(); ++i) {
    mono[i] = static_cast<std::int16_t>((stereo[2 * i] + stereo[2 * i + 1]) / 2);
  }
  ASSERT_TRUE(WriteWav(input, mono, 16000, 1, SF_FORMAT_PCM_16).ok());
  CollectingSink low, high;
  ASSERT_TRUE(TranscodeToOpus(input, low.AsSink(), Bitrate(8000)).ok());
  ASSERT_TRUE(TranscodeToOpus(input, high.AsSink(), Bitrate(32000)).ok());
  EXPECT_LT(low.bytes.size() * 2, high.bytes.size());
}

TEST_F(AudioTest, CommentTagsNameOnlyTheEncoder) {
  const std::string input = AgentToneFile("tags.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2);
  CollectingSink sink;
  ASSERT_TRUE(TranscodeToOpus(input, sink.AsSink()).ok());
  const std::vector<std::string> comments = OpusComments(sink.bytes);
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0].rfind("ENCODER=", 0), 0u) << comments[0];
  // Nothing of the source file (its name or path) leaks into the stream.
  const std::string stream(sink.bytes.begin(), sink.bytes.end());
  EXPECT_EQ(stream.find("tags.wav"), std::string::npos);
}

TEST_F(AudioTest, NonFiniteAndOvershootingFloatSamplesAreTamed) {
  const std::string input = PathFor("wild.wav");
  SF_INFO sfinfo{};
  sfinfo.samplerate = 8000;
  sfinfo.channels = 1;
  sfinfo.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
  SNDFILE* file = sf_open(input.c_str(), SFM_WRITE, &sfinfo);
  ASSERT_NE(file, nullptr);
  std::vector<float> samples(8000);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    samples[i] = i % 3 == 0   ? std::numeric_limits<float>::quiet_NaN()
                 : i % 3 == 1 ? std::numeric_limits<float>::infinity()
                              : 40.0f;
  }
  ASSERT_EQ(sf_writef_float(file, samples.data(), 8000), 8000);
  sf_close(file);
  CollectingSink sink;
  Result<AudioInfo> info = TranscodeToOpus(input, sink.AsSink());
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  Result<DecodedAudio> decoded = DecodeOggOpusBuffer(sink.bytes);
  ASSERT_TRUE(decoded.ok());
  for (float v : decoded->samples) ASSERT_TRUE(std::isfinite(v));
}

TEST_F(AudioTest, StreamingWavWithUnknownLengthIsAccepted) {
  // Recorders that cannot seek back leave 0xFFFFFFFF as the data size.
  const std::string input =
      AgentToneFile("streamed.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2);
  std::vector<std::uint8_t> bytes = ReadBytes(input);
  const std::size_t data = FindDataChunk(bytes);
  ASSERT_GT(data, 0u);
  PutU32Le(bytes, 4, 0xFFFFFFFFu);
  PutU32Le(bytes, data + 4, 0xFFFFFFFFu);
  WriteBytes(input, bytes);
  Result<AudioInfo> info = Probe(input);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->frames, 16000);
}

// ---- Refusals. The sink must not be called when the header already tells.

struct Refusal {
  Result<AudioInfo> result;
  int sink_calls;
};

class AudioRefusalTest : public AudioTest {
 protected:
  Refusal Transcode(const std::string& path, EncodeOptions options = {}) {
    CollectingSink sink;
    Result<AudioInfo> result = TranscodeToOpus(path, sink.AsSink(), options);
    return {std::move(result), sink.calls};
  }
  void ExpectRefused(const Refusal& r, ErrorCode code, const std::string& message_part) {
    ASSERT_FALSE(r.result.ok());
    EXPECT_EQ(r.result.error().code, code) << r.result.error().ToString();
    EXPECT_NE(r.result.error().message.find(message_part), std::string::npos)
        << r.result.error().message;
  }
};

TEST_F(AudioRefusalTest, MissingFileIsNotFound) {
  Refusal r = Transcode(PathFor("nope.wav"));
  ExpectRefused(r, ErrorCode::kNotFound, "no such file");
  EXPECT_EQ(r.sink_calls, 0);
}

TEST_F(AudioRefusalTest, DirectoryIsInvalidInput) {
  ExpectRefused(Transcode(dir_.string()), ErrorCode::kInvalidInput, "not a regular file");
}

TEST_F(AudioRefusalTest, EmptyFileIsInvalidInput) {
  WriteBytes(PathFor("empty.wav"), {});
  Refusal r = Transcode(PathFor("empty.wav"));
  ExpectRefused(r, ErrorCode::kInvalidInput, "empty");
  EXPECT_EQ(r.sink_calls, 0);
  Result<AudioInfo> buffer = ProbeBuffer({});
  ASSERT_FALSE(buffer.ok());
  EXPECT_EQ(buffer.error().code, ErrorCode::kInvalidInput);
}

TEST_F(AudioRefusalTest, RandomBytesAreUnsupported) {
  std::mt19937 rng(42);
  std::vector<std::uint8_t> noise(20000);
  for (auto& b : noise) b = static_cast<std::uint8_t>(rng());
  WriteBytes(PathFor("random.wav"), noise);
  Refusal r = Transcode(PathFor("random.wav"));
  ExpectRefused(r, ErrorCode::kUnsupported, "not a recognised audio format");
  EXPECT_EQ(r.sink_calls, 0);
  Result<AudioInfo> buffer = ProbeBuffer(noise);
  ASSERT_FALSE(buffer.ok());
  EXPECT_EQ(buffer.error().code, ErrorCode::kUnsupported);
}

TEST_F(AudioRefusalTest, TextFileRenamedWavIsUnsupported) {
  const std::string text = "Dit is geen audio, maar een tekstbestand met een .wav-extensie.\n";
  WriteBytes(PathFor("text.wav"), std::vector<std::uint8_t>(text.begin(), text.end()));
  Refusal r = Transcode(PathFor("text.wav"));
  ExpectRefused(r, ErrorCode::kUnsupported, "not a recognised audio format");
  EXPECT_EQ(r.sink_calls, 0);
}

TEST_F(AudioRefusalTest, TruncatedWavIsCorrupt) {
  const std::string input = AgentToneFile("cut.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2);
  std::vector<std::uint8_t> bytes = ReadBytes(input);
  bytes.resize(bytes.size() / 2);
  WriteBytes(input, bytes);
  Refusal r = Transcode(input);
  ExpectRefused(r, ErrorCode::kCorrupt, "truncated");
  EXPECT_EQ(r.sink_calls, 0);
  Result<AudioInfo> buffer = ProbeBuffer(bytes);
  ASSERT_FALSE(buffer.ok());
  EXPECT_EQ(buffer.error().code, ErrorCode::kCorrupt);
}

TEST_F(AudioRefusalTest, WavHeaderWithoutDataIsCorrupt) {
  const std::string input = AgentToneFile("header.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2);
  std::vector<std::uint8_t> bytes = ReadBytes(input);
  bytes.resize(30);
  WriteBytes(input, bytes);
  ExpectRefused(Transcode(input), ErrorCode::kCorrupt, "malformed");
}

TEST_F(AudioRefusalTest, TruncatedFlacIsCorruptEvenAfterStreamingStarted) {
  const std::string input =
      AgentToneFile("cut.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 8000, 2, 20.0);
  std::vector<std::uint8_t> bytes = ReadBytes(input);
  bytes.resize(bytes.size() / 2);
  WriteBytes(input, bytes);
  // The damage shows only part-way: the result is an error, so the caller
  // discards what the sink got.
  ExpectRefused(Transcode(input), ErrorCode::kCorrupt, "");
  Result<AudioInfo> probed = Probe(input);
  ASSERT_FALSE(probed.ok());
  EXPECT_EQ(probed.error().code, ErrorCode::kCorrupt);
}

TEST_F(AudioRefusalTest, TruncatedOggOpusIsCorrupt) {
  const std::string input = AgentToneFile("cut.opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, 2);
  std::vector<std::uint8_t> bytes = ReadBytes(input);
  bytes.resize(bytes.size() / 2);
  WriteBytes(input, bytes);
  ExpectRefused(Transcode(input), ErrorCode::kCorrupt, "");
}

TEST_F(AudioRefusalTest, ZeroLengthAudioIsInvalidInput) {
  const std::string input = PathFor("silence0.wav");
  ASSERT_TRUE(WriteWav(input, {}, 8000, 2, SF_FORMAT_PCM_16).ok());
  Refusal r = Transcode(input);
  ExpectRefused(r, ErrorCode::kInvalidInput, "contains no audio");
  EXPECT_EQ(r.sink_calls, 0);
}

TEST_F(AudioRefusalTest, AbsurdSampleRatesAreInvalidInput) {
  for (std::uint32_t rate : {1u, 4000u, 1000000u}) {
    const std::string input = AgentToneFile("rate.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1);
    std::vector<std::uint8_t> bytes = ReadBytes(input);
    PutU32Le(bytes, 24, rate);      // fmt sample rate
    PutU32Le(bytes, 28, rate * 2);  // byte rate, mono 16-bit
    WriteBytes(input, bytes);
    Refusal r = Transcode(input);
    ASSERT_FALSE(r.result.ok()) << rate;
    EXPECT_EQ(r.result.error().code, ErrorCode::kInvalidInput) << r.result.error().ToString();
    EXPECT_EQ(r.sink_calls, 0);
  }
}

TEST_F(AudioRefusalTest, MoreThanTwoChannelsAreUnsupported) {
  const std::string input = AgentToneFile("three.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 3);
  Refusal r = Transcode(input);
  ExpectRefused(r, ErrorCode::kUnsupported, "3 channels");
  EXPECT_EQ(r.sink_calls, 0);
}

TEST_F(AudioRefusalTest, UnacceptedContainerIsUnsupported) {
  const std::string input = AgentToneFile("tone.aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16, 8000, 2);
  ExpectRefused(Transcode(input), ErrorCode::kUnsupported, "not accepted");
}

TEST_F(AudioRefusalTest, DurationOverTheLimitIsInvalidInput) {
  const std::string input = AgentToneFile("long.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2);
  EncodeOptions options;
  options.limits.max_duration_ms = 1000;
  Refusal r = Transcode(input, options);
  ExpectRefused(r, ErrorCode::kInvalidInput, "exceeds the limit");
  EXPECT_EQ(r.sink_calls, 0);
  Result<AudioInfo> probed = Probe(input, options.limits);
  ASSERT_FALSE(probed.ok());
  EXPECT_EQ(probed.error().code, ErrorCode::kInvalidInput);
}

TEST_F(AudioRefusalTest, AbsurdDeclaredDurationIsRefusedUpFront) {
  // A FLAC header claiming 2^36-1 samples (99 days at 8 kHz), default limit.
  const std::string input = AgentToneFile("days.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 8000, 2);
  std::vector<std::uint8_t> bytes = ReadBytes(input);
  ASSERT_EQ(std::memcmp(bytes.data(), "fLaC", 4), 0);
  // STREAMINFO starts at 8; its 36-bit total-samples field ends at byte 25.
  bytes[21] |= 0x0F;
  for (std::size_t i = 22; i <= 25; ++i) bytes[i] = 0xFF;
  WriteBytes(input, bytes);
  Refusal r = Transcode(input);
  ExpectRefused(r, ErrorCode::kInvalidInput, "exceeds the limit");
  EXPECT_EQ(r.sink_calls, 0);
}

TEST_F(AudioRefusalTest, Mp3DurationLimitIsEnforcedWhileDecoding) {
  // An MP3's length is only an estimate, so the limit is also checked on the
  // frames actually decoded.
  const std::string input =
      AgentToneFile("long.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 16000, 2, 3.0);
  EncodeOptions options;
  options.limits.max_duration_ms = 1000;
  ExpectRefused(Transcode(input, options), ErrorCode::kInvalidInput, "exceeds the limit");
}

TEST_F(AudioRefusalTest, InvalidOptionsAreRefusedBeforeReading) {
  const std::string input = AgentToneFile("opts.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2);
  EncodeOptions too_complex;
  too_complex.complexity = 11;
  Refusal r = Transcode(input, too_complex);
  ExpectRefused(r, ErrorCode::kInvalidInput, "complexity");
  EXPECT_EQ(r.sink_calls, 0);
  ExpectRefused(Transcode(input, Bitrate(1000)), ErrorCode::kInvalidInput, "bitrate");
  EncodeOptions bad_limits;
  bad_limits.limits.max_sample_rate = 100;
  ExpectRefused(Transcode(input, bad_limits), ErrorCode::kInvalidInput, "limits");
  Result<AudioInfo> no_sink = TranscodeToOpus(input, ByteSink());
  ASSERT_FALSE(no_sink.ok());
  EXPECT_EQ(no_sink.error().code, ErrorCode::kInvalidInput);
}

TEST_F(AudioRefusalTest, SinkErrorStopsTheStreamAndIsReturned) {
  const std::string input = PathFor("sinkfail.wav");
  ASSERT_TRUE(
      WriteWav(input, SpeechLikeConversation(8000, 20.0, 5), 8000, 2, SF_FORMAT_PCM_16).ok());
  int calls = 0;
  Result<AudioInfo> result = TranscodeToOpus(input, [&calls](std::span<const std::uint8_t>) {
    ++calls;
    if (calls == 3) return Status(MakeError(ErrorCode::kIo, "vault disk full"));
    return OkStatus();
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kIo);
  EXPECT_EQ(result.error().message, "vault disk full");
  EXPECT_EQ(calls, 3);  // nothing reaches the sink after it failed
}

TEST_F(AudioRefusalTest, ThrowingSinkBecomesAnError) {
  const std::string input = AgentToneFile("throw.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2);
  Result<AudioInfo> result = TranscodeToOpus(
      input, [](std::span<const std::uint8_t>) -> Status { throw std::runtime_error("boom"); });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInternal);
  EXPECT_NE(result.error().message.find("boom"), std::string::npos);
}

TEST_F(AudioRefusalTest, DecodeOggOpusRefusesOtherFormats) {
  const std::string input = AgentToneFile("plain.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2);
  Result<DecodedAudio> decoded = DecodeOggOpus(input);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, ErrorCode::kUnsupported);
  Result<DecodedAudio> missing = DecodeOggOpus(PathFor("missing.opus"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(AudioRefusalTest, WriterRefusesImpossibleFormats) {
  // Ogg/Opus cannot be written at 44.1 kHz; samples must fill whole frames.
  Status status = WriteSoundFile(PathFor("bad.opus"), Tone(44100, 1, 0.1, 440, 0.5), 44100, 1,
                                 SF_FORMAT_OGG | SF_FORMAT_OPUS);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  Status ragged = WriteWav(PathFor("ragged.wav"), {1, 2, 3}, 8000, 2, SF_FORMAT_PCM_16);
  ASSERT_FALSE(ragged.ok());
  EXPECT_EQ(ragged.error().code, ErrorCode::kInvalidInput);
  Status unwritable = WriteWav(PathFor("no/such/dir.wav"), {1, 2}, 8000, 2, SF_FORMAT_PCM_16);
  ASSERT_FALSE(unwritable.ok());
  EXPECT_EQ(unwritable.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace fairqm::audio
