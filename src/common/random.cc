#include "common/random.h"

#include <sodium.h>

#include <cstdio>

namespace fairqm {

std::uint64_t SodiumRandom::Uniform(std::uint64_t bound) {
  if (bound <= 0xffffffffULL) return randombytes_uniform(static_cast<std::uint32_t>(bound));
  // Rejection sampling for 64-bit bounds.
  const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % bound);
  std::uint64_t v = 0;
  do {
    randombytes_buf(&v, sizeof v);
  } while (v >= limit);
  return v % bound;
}

std::string NewId(Random& random, const std::string& prefix) {
  char buf[24];
  std::uint64_t hi = random.Uniform(1ULL << 32);
  std::uint64_t lo = random.Uniform(1ULL << 32);
  std::snprintf(buf, sizeof buf, "%08llx%08llx", static_cast<unsigned long long>(hi),
                static_cast<unsigned long long>(lo));
  return prefix + "-" + buf;
}

}  // namespace fairqm
