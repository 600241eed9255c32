// Random: the one source of randomness. Production uses libsodium's CSPRNG
// (SodiumRandom); tests use SeededRandom for a fixed, repeatable sequence.
// Randomness decides which contacts are recorded within the quota (KSF-3.6),
// so the production source must be unpredictable to agents and managers alike.
// Thread-safety: SodiumRandom is thread-safe; SeededRandom is not.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace fairqm {

class Random {
 public:
  virtual ~Random() = default;
  // Uniform in [0, bound); bound > 0.
  virtual std::uint64_t Uniform(std::uint64_t bound) = 0;
  // Uniform in [0, 1).
  double UniformDouble() { return static_cast<double>(Uniform(1ULL << 53)) / (1ULL << 53); }
};

class SodiumRandom final : public Random {
 public:
  std::uint64_t Uniform(std::uint64_t bound) override;
};

class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t Uniform(std::uint64_t bound) override {
    return std::uniform_int_distribution<std::uint64_t>(0, bound - 1)(engine_);
  }

 private:
  std::mt19937_64 engine_;
};

// A new application-generated identifier: prefix + 16 random hex digits,
// e.g. "rec-3f9a0c1d2b4e5f60". IDs are made by the application, never by the
// database, so the same SQL serves SQLite and PostgreSQL.
std::string NewId(Random& random, const std::string& prefix);

}  // namespace fairqm
