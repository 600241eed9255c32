// Synthetic signals for tests, the demo and benchmarks: a pure tone and a
// speech-like two-party conversation. Deterministic for a given seed, so a
// benchmark input is the same on every run and machine.
//
// Samples are 16-bit, interleaved; for stereo, channel 0 is the agent and
// channel 1 the customer (ingest.h). Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <vector>

namespace fairqm::audio {

// A sine of `frequency_hz` at `amplitude` (0..1 of full scale) on channel
// `tone_channel` (or on every channel when it is -1); other channels silent.
std::vector<std::int16_t> Tone(int rate, int channels, double seconds, double frequency_hz,
                               double amplitude, int tone_channel = -1);

// Two parties taking turns, stereo at `rate`: each turn is a run of voiced
// "syllables" (a glottal pulse train with a drifting pitch through two
// formant-like resonances, 3-6 syllables per second) with fricative noise
// bursts and short pauses; the silent party's channel carries faint line
// noise. Close enough to speech for codec speed and bitrate measurements.
std::vector<std::int16_t> SpeechLikeConversation(int rate, double seconds, std::uint64_t seed);

}  // namespace fairqm::audio
