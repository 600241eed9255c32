// accounts/secrets: the random bearer secrets fairqm hands out (session
// tokens, CSRF tokens, API tokens) and the one-way form it stores.
//
// A secret is 32 random bytes from the installation's Random, written as
// unpadded base64url (43 characters) after an optional prefix. Only
// SecretHash() of it — BLAKE2b-256, hex — goes into the catalogue (AVG-32):
// someone who reads the catalogue cannot present it. The secrets carry 256
// bits of entropy, so an unsalted fast hash is enough; no password is ever
// hashed this way.
//
// Thread-safety: as the Random passed in (SodiumRandom is thread-safe).
#pragma once

#include <string>
#include <string_view>

#include "common/random.h"

namespace fairqm::accounts {

inline constexpr std::size_t kSecretBytes = 32;

// prefix + base64url(32 random bytes).
std::string NewSecret(Random& random, std::string_view prefix = {});

// Lower-case hex BLAKE2b-256 of the secret as given.
std::string SecretHash(std::string_view secret);

// Constant-time comparison (sodium_memcmp); false when the lengths differ or
// either is empty (an empty secret never matches).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace fairqm::accounts
