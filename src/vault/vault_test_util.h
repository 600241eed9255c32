// Test helpers for the vault tests: a scratch directory removed at the end of
// the test, file byte helpers, and deterministic pseudo-random content.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "common/temp_dir.h"

namespace fairqm::vault::testing {

using ScratchDir = ::fairqm::TempDir;

inline std::vector<std::uint8_t> PseudoRandomBytes(std::size_t size, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::vector<std::uint8_t> bytes(size);
  for (auto& b : bytes) b = static_cast<std::uint8_t>(engine());
  return bytes;
}

inline std::vector<std::uint8_t> ReadFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline void WriteFileBytes(const std::filesystem::path& path,
                           const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

// Names of all regular files under `dir`, relative to it, sorted.
inline std::vector<std::string> ListFiles(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      names.push_back(std::filesystem::relative(entry.path(), dir).string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// True if `needle` occurs in `haystack`.
inline bool Contains(const std::vector<std::uint8_t>& haystack,
                     const std::vector<std::uint8_t>& needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

}  // namespace fairqm::vault::testing
