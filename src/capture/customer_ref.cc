#include "capture/customer_ref.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace fairqm::capture {

std::string NormaliseNumber(std::string_view number, std::string_view default_country) {
  std::string digits;
  bool plus = false;
  for (char c : number) {
    if (c == '+' && digits.empty()) plus = true;
    if (c >= '0' && c <= '9') digits += c;
  }
  if (!plus && digits.size() > 2 && digits.compare(0, 2, "00") == 0) {
    digits.erase(0, 2);
    plus = true;
  } else if (!plus && digits.size() > 1 && digits[0] == '0' && !default_country.empty()) {
    // A national number: the trunk 0 becomes the default country code.
    digits = std::string(default_country) + digits.substr(1);
    plus = true;
  }
  // "+31 (0)6…": the trunk prefix written in brackets after the country code.
  auto bracket = number.find("(0)");
  if (plus && bracket != std::string_view::npos && digits.size() > 3) {
    std::size_t country_digits = 0;
    for (std::size_t i = 0; i < bracket; ++i) {
      if (number[i] >= '0' && number[i] <= '9') ++country_digits;
    }
    if (country_digits < digits.size() && digits[country_digits] == '0') {
      digits.erase(country_digits, 1);
    }
  }
  if (digits.empty()) return "";
  return plus ? "+" + digits : digits;
}

Status CustomerRefKey::Create(const std::filesystem::path& path) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to start");
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return MakeError(ErrorCode::kConflict,
                     "cannot create " + path.string() + " (does it exist already?)");
  }
  std::array<unsigned char, 32> key{};
  randombytes_buf(key.data(), key.size());
  bool ok =
      ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  sodium_memzero(key.data(), key.size());
  ::close(fd);
  if (!ok) {
    std::filesystem::remove(path);
    return MakeError(ErrorCode::kIo, "cannot write " + path.string());
  }
  return OkStatus();
}

Result<CustomerRefKey> CustomerRefKey::Load(const std::filesystem::path& path) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to start");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return MakeError(ErrorCode::kNotFound,
                     "customer reference key " + path.string() + " is missing (run `fairqm init`)");
  }
  if ((st.st_mode & 077) != 0) {
    return MakeError(ErrorCode::kPermission,
                     "customer reference key " + path.string() +
                         " is accessible to other users; run `chmod 600` on it");
  }
  if (st.st_size != 32) {
    return MakeError(ErrorCode::kCorrupt,
                     "customer reference key " + path.string() + " has the wrong size");
  }
  CustomerRefKey key;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return MakeError(ErrorCode::kIo, "cannot read " + path.string());
  std::size_t n = std::fread(key.key_.data(), 1, key.key_.size(), f);
  std::fclose(f);
  if (n != key.key_.size()) return MakeError(ErrorCode::kIo, "cannot read " + path.string());
  return key;
}

CustomerRefKey CustomerRefKey::FromBytes(const std::array<unsigned char, 32>& bytes) {
  CustomerRefKey key;
  key.key_ = bytes;
  return key;
}

std::string CustomerRefKey::Reference(std::string_view customer_number) const {
  std::string normal = NormaliseNumber(customer_number);
  if (normal.empty()) return "";
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(normal.data()),
                     normal.size(), key_.data(), key_.size());
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string("cref-") + hex;
}

}  // namespace fairqm::capture
