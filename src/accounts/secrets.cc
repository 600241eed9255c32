#include "accounts/secrets.h"

#include <sodium.h>

#include <array>
#include <cstdint>

namespace fairqm::accounts {

std::string NewSecret(Random& random, std::string_view prefix) {
  std::array<unsigned char, kSecretBytes> bytes{};
  // Random::Uniform gives 32 bits at a time here: 4 bytes per draw.
  for (std::size_t offset = 0; offset < bytes.size(); offset += 4) {
    const std::uint64_t draw = random.Uniform(1ULL << 32);
    for (std::size_t byte_idx = 0; byte_idx < 4; ++byte_idx) {
      bytes[offset + byte_idx] = static_cast<unsigned char>(draw >> (8 * byte_idx));
    }
  }
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string encoded(sodium_base64_ENCODED_LEN(kSecretBytes, kVariant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), bytes.data(), bytes.size(), kVariant);
  encoded.resize(encoded.find('\0'));
  sodium_memzero(bytes.data(), bytes.size());
  return std::string(prefix) + encoded;
}

std::string SecretHash(std::string_view secret) {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr,
                     0);
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace fairqm::accounts
