#include "audio/synthetic.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace fairqm::audio {
namespace {

std::int16_t ToPcm16(double v) {
  return static_cast<std::int16_t>(std::lround(std::clamp(v, -1.0, 1.0) * 32767.0));
}

// Two-pole resonator: the classic formant filter.
class Resonator {
 public:
  Resonator(double frequency_hz, double bandwidth_hz, int rate) {
    const double r = std::exp(-std::numbers::pi * bandwidth_hz / rate);
    a1_ = 2.0 * r * std::cos(2.0 * std::numbers::pi * frequency_hz / rate);
    a2_ = -r * r;
    gain_ = 1.0 - r;
  }
  double Process(double x) {
    const double y = gain_ * x + a1_ * y1_ + a2_ * y2_;
    y2_ = y1_;
    y1_ = y;
    return y;
  }

 private:
  double a1_ = 0, a2_ = 0, gain_ = 0, y1_ = 0, y2_ = 0;
};

}  // namespace

std::vector<std::int16_t> Tone(int rate, int channels, double seconds, double frequency_hz,
                               double amplitude, int tone_channel) {
  const auto frames = static_cast<std::size_t>(std::llround(seconds * rate));
  std::vector<std::int16_t> out(frames * static_cast<std::size_t>(channels), 0);
  for (std::size_t frame = 0; frame < frames; ++frame) {
    const std::int16_t v = ToPcm16(amplitude * std::sin(2.0 * std::numbers::pi * frequency_hz *
                                                        static_cast<double>(frame) / rate));
    for (int channel = 0; channel < channels; ++channel) {
      if (tone_channel < 0 || tone_channel == channel) {
        out[frame * static_cast<std::size_t>(channels) + static_cast<std::size_t>(channel)] = v;
      }
    }
  }
  return out;
}

std::vector<std::int16_t> SpeechLikeConversation(int rate, double seconds, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::normal_distribution<double> gauss(0.0, 1.0);
  const auto frames = static_cast<std::size_t>(std::llround(seconds * rate));
  std::vector<std::int16_t> out(frames * 2, 0);

  std::size_t frame = 0;
  int speaker = 0;
  while (frame < frames) {
    const auto turn_end =
        std::min(frames, frame + static_cast<std::size_t>((1.5 + 4.0 * uniform(rng)) * rate));
    // Each party has its own voice: agent higher-pitched than customer.
    const double base_pitch = speaker == 0 ? 190.0 : 115.0;
    while (frame < turn_end) {
      const auto syllable =
          static_cast<std::size_t>((0.15 + 0.2 * uniform(rng)) * rate);  // 3-6 per second
      const bool fricative = uniform(rng) < 0.25;
      const bool pause = uniform(rng) < 0.12;
      Resonator f1(300.0 + 500.0 * uniform(rng), 90.0, rate);
      Resonator f2(std::min(900.0 + 1400.0 * uniform(rng), 0.45 * rate), 120.0, rate);
      double phase = 0.0;
      const double pitch = base_pitch * (0.85 + 0.3 * uniform(rng));
      for (std::size_t i = 0; i < syllable && frame < turn_end; ++i, ++frame) {
        const double t = static_cast<double>(i) / static_cast<double>(syllable);
        const double envelope = std::sin(std::numbers::pi * t);  // rise and fall
        double v = 0.0;
        if (!pause) {
          if (fricative) {
            v = 0.08 * gauss(rng) * envelope;
          } else {
            phase += pitch * (1.0 + 0.05 * t) / rate;
            const double pulse = phase >= 1.0 ? 1.0 : 0.0;  // glottal excitation
            if (phase >= 1.0) phase -= 1.0;
            v = 6.0 * envelope * (f1.Process(pulse) + 0.5 * f2.Process(pulse));
          }
        }
        const std::size_t base = frame * 2;
        out[base + static_cast<std::size_t>(speaker)] = ToPcm16(0.6 * v + 0.001 * gauss(rng));
        out[base + static_cast<std::size_t>(1 - speaker)] = ToPcm16(0.001 * gauss(rng));
      }
    }
    speaker = 1 - speaker;
  }
  return out;
}

}  // namespace fairqm::audio
