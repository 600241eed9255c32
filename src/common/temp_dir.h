// TempDir: a fresh private directory under the system's temporary directory,
// removed with everything in it when the object goes. For tests, benchmarks
// and scratch work; aborts if no directory can be made (nothing sensible can
// follow in a test that has no place to write).
// Thread-safety: one owner.
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace fairqm {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "fairqm",
                   const std::filesystem::path& base = std::filesystem::temp_directory_path()) {
    std::string pattern = (base / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace fairqm
