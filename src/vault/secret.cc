#include "vault/secret.h"

#include <sodium.h>

#include <utility>

namespace fairqm::vault {

SecretBytes::~SecretBytes() { Release(); }

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

Result<SecretBytes> SecretBytes::Allocate(std::size_t size) {
  if (size == 0) return MakeError(ErrorCode::kInternal, "secret buffer of size 0");
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to initialise");
  void* memory = sodium_malloc(size);
  if (memory == nullptr) {
    return MakeError(ErrorCode::kInternal, "sodium_malloc failed for a secret buffer");
  }
  SecretBytes secret;
  secret.data_ = static_cast<std::uint8_t*>(memory);
  secret.size_ = size;
  sodium_memzero(secret.data_, size);
  return secret;
}

void SecretBytes::Release() {
  if (data_ != nullptr) {
    sodium_free(data_);  // wipes before freeing
    data_ = nullptr;
    size_ = 0;
  }
}

}  // namespace fairqm::vault
