#include "accounts/passwords.h"

#include <sodium.h>

#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace fairqm::accounts {
namespace {

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::size_t CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    // Continuation bytes (10xxxxxx) do not start a character.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

Status EnsureSodium() {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to initialise");
  return OkStatus();
}

}  // namespace

PasswordCost::PasswordCost() : PasswordCost(Interactive()) {}

PasswordCost PasswordCost::Interactive() {
  return PasswordCost(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

PasswordCost PasswordCost::Moderate() {
  return PasswordCost(crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE);
}

PasswordCost PasswordCost::Minimum() {
  return PasswordCost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

Status CheckPasswordPolicy(std::string_view password, std::string_view username) {
  // AVG-32: a password that is short or guessable from the user name is the
  // easiest way past every other safeguard.
  if (CodePoints(password) < kMinPasswordChars) {
    return MakeError(
        ErrorCode::kInvalidInput,
        "the password must have at least " + std::to_string(kMinPasswordChars) + " characters");
  }
  if (password.size() > kMaxPasswordBytes) {
    return MakeError(ErrorCode::kInvalidInput, "the password must be at most " +
                                                   std::to_string(kMaxPasswordBytes) + " bytes");
  }
  const std::string lower_password = AsciiLower(password);
  const std::string lower_username = AsciiLower(username);
  if (!lower_username.empty() && lower_password.find(lower_username) != std::string::npos) {
    return MakeError(ErrorCode::kInvalidInput, "the password must not be or contain the user name");
  }
  return OkStatus();
}

Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost) {
  FAIRQM_RETURN_IF_ERROR(EnsureSodium());
  if (cost.opslimit < crypto_pwhash_OPSLIMIT_MIN || cost.memlimit < crypto_pwhash_MEMLIMIT_MIN) {
    return MakeError(ErrorCode::kInvalidInput, "the password cost is below Argon2id's minimum");
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), cost.opslimit, cost.memlimit) != 0) {
    return MakeError(ErrorCode::kInternal, "Argon2id could not allocate its memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (!EnsureSodium().ok() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(const std::string& hash, const PasswordCost& cost) {
  if (!EnsureSodium().ok() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  return crypto_pwhash_str_needs_rehash(hash.c_str(), cost.opslimit, cost.memlimit) != 0;
}

Result<std::string> DummyHash(const PasswordCost& cost) {
  static std::mutex mutex;
  static std::map<std::pair<unsigned long long, std::size_t>, std::string> hashes;
  const auto key = std::make_pair(cost.opslimit, cost.memlimit);
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = hashes.find(key);
    if (it != hashes.end()) return it->second;
  }
  FAIRQM_RETURN_IF_ERROR(EnsureSodium());
  // A password nobody knows: the dummy must never verify.
  std::vector<unsigned char> secret(32);
  randombytes_buf(secret.data(), secret.size());
  FAIRQM_ASSIGN_OR_RETURN(
      std::string hash,
      HashPassword(std::string_view(reinterpret_cast<const char*>(secret.data()), secret.size()),
                   cost));
  std::lock_guard<std::mutex> lock(mutex);
  return hashes.emplace(key, std::move(hash)).first->second;
}

}  // namespace fairqm::accounts
