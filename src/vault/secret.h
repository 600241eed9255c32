// SecretBytes: a fixed-size buffer for key material, kept out of swap and core
// dumps as far as libsodium can arrange (sodium_malloc: guard pages, mlock,
// zeroed on free). AVG-32: keys never sit in ordinary heap memory longer than
// a stack temporary.
//
// Ownership: move-only; the buffer is wiped and freed by the destructor.
// Thread-safety: none (a plain value). Failure: Allocate returns kInternal if
// libsodium cannot allocate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "common/result.h"

namespace fairqm::vault {

class SecretBytes {
 public:
  SecretBytes() = default;
  ~SecretBytes();
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  // A zero-filled secure buffer of `size` bytes (size > 0).
  static Result<SecretBytes> Allocate(std::size_t size);

  std::uint8_t* data() { return data_; }
  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::span<const std::uint8_t> span() const { return {data_, size_}; }

 private:
  void Release();

  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace fairqm::vault
