// The benchmark input for ingest: a 60-second two-channel 8 kHz PCM16 WAV of
// a conversation, agent on channel 0 and customer on channel 1, taking turns.
// Real (synthesised) Dutch speech from espeak-ng when it is installed; the
// speech-like synthetic signal of audio/synthetic.h otherwise. Shared by
// ingest_bench and ingest_once so the hyperfine comparison
// (ingest_vs_opusenc.sh) encodes exactly the file the benchmark measures.
#pragma once

#include <sndfile.h>
#include <speex/speex_resampler.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "audio/sound_file.h"
#include "audio/synthetic.h"
#include "audio/wav_writer.h"
#include "common/result.h"

namespace fairqm::bench {

inline constexpr int kIngestRate = 8000;
inline constexpr double kIngestSeconds = 60.0;

// espeak-ng's output (22050 Hz mono) resampled to 8 kHz float; empty when
// espeak-ng is missing or fails.
inline std::vector<float> SpeakAt8k(const std::string& voice, const std::string& text,
                                    const std::filesystem::path& scratch) {
  const std::string command =
      "espeak-ng -v " + voice + " -w '" + scratch.string() + "' '" + text + "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) return {};
  auto opened = audio::SoundFile::OpenPath(scratch.string());
  if (!opened.ok() || opened.value()->channels() != 1) return {};
  audio::SoundFile& file = *opened.value();
  std::vector<float> input;
  std::vector<float> chunk(4096);
  while (true) {
    auto got = file.ReadFloat(chunk.data(), static_cast<std::int64_t>(chunk.size()));
    if (!got.ok() || *got == 0) break;
    input.insert(input.end(), chunk.begin(), chunk.begin() + *got);
  }
  int error = 0;
  SpeexResamplerState* resampler = speex_resampler_init(
      1, static_cast<spx_uint32_t>(file.sample_rate()), kIngestRate, 8, &error);
  if (resampler == nullptr) return {};
  std::vector<float> output(
      input.size() * kIngestRate / static_cast<std::size_t>(file.sample_rate()) + 64);
  spx_uint32_t in_len = static_cast<spx_uint32_t>(input.size());
  spx_uint32_t out_len = static_cast<spx_uint32_t>(output.size());
  speex_resampler_process_float(resampler, 0, input.data(), &in_len, output.data(), &out_len);
  speex_resampler_destroy(resampler);
  output.resize(out_len);
  return output;
}

// Writes the input to `path`; returns "espeak-ng" or "synthetic".
inline Result<std::string> MakeIngestInput(const std::string& path) {
  const auto frames = static_cast<std::size_t>(kIngestSeconds * kIngestRate);
  const std::filesystem::path scratch = path + ".speech.wav";
  const std::vector<float> agent =
      SpeakAt8k("nl",
                "Goedemiddag, u spreekt met de klantenservice. Waarmee kan ik u helpen vandaag? "
                "Ik zie uw bestelling hier in het systeem staan, een ogenblik alstublieft.",
                scratch);
  const std::vector<float> customer =
      SpeakAt8k("nl+m3",
                "Ja hallo, ik heb vorige week een pakket besteld maar het is nog steeds niet "
                "bezorgd. Kunt u nagaan waar het blijft?",
                scratch);
  std::error_code ignored;
  std::filesystem::remove(scratch, ignored);

  std::vector<std::int16_t> samples;
  std::string source;
  if (agent.empty() || customer.empty()) {
    samples = audio::SpeechLikeConversation(kIngestRate, kIngestSeconds, 2026);
    source = "synthetic";
  } else {
    // Turns alternate with a short gap; the listening party's line carries
    // faint noise, as a real separate-leg recording does.
    samples.assign(frames * 2, 0);
    std::mt19937 rng(7);
    std::normal_distribution<float> hiss(0.0f, 0.001f);
    std::size_t frame = 0;
    int speaker = 0;
    while (frame < frames) {
      const std::vector<float>& turn = speaker == 0 ? agent : customer;
      for (std::size_t i = 0; i < turn.size() + kIngestRate / 3 && frame < frames; ++i, ++frame) {
        const float speech = i < turn.size() ? turn[i] : 0.0f;
        samples[frame * 2 + static_cast<std::size_t>(speaker)] =
            static_cast<std::int16_t>(std::clamp(speech + hiss(rng), -1.0f, 1.0f) * 32767.0f);
        samples[frame * 2 + static_cast<std::size_t>(1 - speaker)] =
            static_cast<std::int16_t>(hiss(rng) * 32767.0f);
      }
      speaker = 1 - speaker;
    }
    source = "espeak-ng";
  }
  FAIRQM_RETURN_IF_ERROR(audio::WriteWav(path, samples, kIngestRate, 2, SF_FORMAT_PCM_16));
  return source;
}

}  // namespace fairqm::bench
