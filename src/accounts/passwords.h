// accounts/passwords: password hashing, verification and the password policy
// (AVG-32: passwords hashed with a memory-hard function).
//
// Hashes are libsodium's Argon2id strings ("$argon2id$v=19$m=…,t=…,p=1$…"),
// which carry their own salt and cost, so a hash made with an older, cheaper
// PasswordCost still verifies and NeedsRehash() says when to replace it.
// DummyHash() gives a hash of a random password at a cost, made once per
// process and cost; logins for unknown user names verify against it so they
// take as long as real ones.
//
// Thread-safety: all functions are thread-safe. Failures are Result values
// (kInvalidInput for a password the policy refuses, kInternal when libsodium
// cannot allocate the memory Argon2id asks for).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace fairqm::accounts {

// Argon2id work factors. The default is libsodium's "interactive" level
// (64 MiB, 2 passes): strong for an online login yet affordable on a small
// server. Tests use Minimum() to stay fast.
struct PasswordCost {
  unsigned long long opslimit;
  std::size_t memlimit;

  PasswordCost();  // interactive
  PasswordCost(unsigned long long ops, std::size_t mem) : opslimit(ops), memlimit(mem) {}
  static PasswordCost Interactive();
  static PasswordCost Moderate();  // 256 MiB, 3 passes
  static PasswordCost Minimum();   // the smallest libsodium accepts; tests only
};

inline constexpr std::size_t kMinPasswordChars = 12;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// AVG-32 password policy: at least kMinPasswordChars characters (UTF-8 code
// points), at most kMaxPasswordBytes bytes, and not equal to nor containing
// the user name (compared case-insensitively). kInvalidInput says which.
Status CheckPasswordPolicy(std::string_view password, std::string_view username);

// An Argon2id string for the password at the cost.
Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost);

// True when the password matches the hash; false for a wrong password or a
// malformed hash. Takes the time the hash's own cost dictates.
bool VerifyPassword(std::string_view password, const std::string& hash);

// True when the hash was made with another cost than `cost` (or is not a
// valid Argon2id string): rehash at the next successful login.
bool NeedsRehash(const std::string& hash, const PasswordCost& cost);

// A hash of a random password at `cost`, made once per process and cost.
Result<std::string> DummyHash(const PasswordCost& cost);

}  // namespace fairqm::accounts
