#include "vault/key_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <system_error>

#include "vault/content_format.h"
#include "vault/file_util.h"
#include "vault/master_key.h"

namespace fairqm::vault {
namespace {

constexpr char kKeyMagic[8] = {'F', 'Q', 'M', 'K', 'E', 'Y', '0', '1'};
constexpr std::string_view kKeySuffix = ".key";
constexpr std::string_view kTempPrefix = ".tmp-";
constexpr std::uint64_t kWrapSubkeyId = 1;
constexpr char kWrapContext[crypto_kdf_CONTEXTBYTES] = {'f', 'q', 'm', 'w', 'r', 'a', 'p', '1'};
constexpr std::size_t kNonceOffset = 8;
constexpr std::size_t kSealedOffset = kNonceOffset + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

static_assert(kMasterKeySize == crypto_kdf_KEYBYTES);
static_assert(kSealedOffset + kDataKeySize + kTagSize == kWrappedKeySize);

std::string KeyAd(const std::string& recording_id) {
  std::string ad(kKeyMagic, sizeof kKeyMagic);
  ad.push_back(static_cast<char>(recording_id.size()));
  ad.append(recording_id);
  return ad;
}

std::string RandomHex() {
  std::uint8_t raw[8];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

}  // namespace

Result<KeyStore> KeyStore::Open(const std::filesystem::path& dir, const SecretBytes& master_key) {
  if (master_key.size() != kMasterKeySize) {
    return MakeError(ErrorCode::kInternal, "master key has the wrong size");
  }
  FAIRQM_RETURN_IF_ERROR(EnsurePrivateDir(dir));
  FAIRQM_ASSIGN_OR_RETURN(SecretBytes wrap_key, SecretBytes::Allocate(kDataKeySize));
  // A derived subkey: the master key itself is never used as an AEAD key, so
  // it can later key other things without nonce-space sharing.
  crypto_kdf_derive_from_key(wrap_key.data(), wrap_key.size(), kWrapSubkeyId, kWrapContext,
                             master_key.data());
  return KeyStore(dir, std::move(wrap_key));
}

WrappedKey KeyStore::Wrap(const std::string& recording_id, const SecretBytes& data_key) const {
  WrappedKey wrapped{};
  std::memcpy(wrapped.data(), kKeyMagic, sizeof kKeyMagic);
  randombytes_buf(wrapped.data() + kNonceOffset, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const std::string ad = KeyAd(recording_id);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
      wrapped.data() + kSealedOffset, wrapped.data() + kSealedOffset + kDataKeySize, nullptr,
      data_key.data(), kDataKeySize, reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
      nullptr, wrapped.data() + kNonceOffset, wrap_key_.data());
  return wrapped;
}

std::filesystem::path KeyStore::PathIn(const std::filesystem::path& dir,
                                       const std::string& recording_id) {
  return dir / (recording_id + std::string(kKeySuffix));
}

Status KeyStore::Put(const std::string& recording_id, const WrappedKey& wrapped) const {
  return PutIn(dir_, recording_id, wrapped);
}

Status KeyStore::PutIn(const std::filesystem::path& dir, const std::string& recording_id,
                       const WrappedKey& wrapped) {
  const std::filesystem::path final_path = PathIn(dir, recording_id);
  const std::filesystem::path temp_path =
      dir / (std::string(kTempPrefix) + recording_id + "-" + RandomHex());
  UniqueFd fd(
      ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd.valid()) return ErrnoError("create", temp_path);
  auto fail = [&](Error error) -> Status {
    fd = UniqueFd();
    (void)ShredFile(temp_path);
    return error;
  };
  if (auto s = WriteAll(fd.get(), wrapped, temp_path); !s.ok()) return fail(s.error());
  if (auto s = FsyncFd(fd.get(), temp_path); !s.ok()) return fail(s.error());
  if (auto s = fd.Close(temp_path); !s.ok()) return fail(s.error());
  if (auto s = RenameNoReplace(temp_path, final_path); !s.ok()) return fail(s.error());
  return FsyncDir(dir);
}

Result<SecretBytes> KeyStore::Get(const std::string& recording_id) const {
  const std::filesystem::path path = PathFor(recording_id);
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) {
      return MakeError(ErrorCode::kNotFound, "no data key for recording " + recording_id);
    }
    return ErrnoError("open", path);
  }
  WrappedKey wrapped{};
  // One byte more than expected, to notice an overlong file.
  std::array<std::uint8_t, kWrappedKeySize + 1> buffer{};
  FAIRQM_ASSIGN_OR_RETURN(std::size_t n, PreadFull(fd.get(), buffer, 0, path));
  if (n != kWrappedKeySize || std::memcmp(buffer.data(), kKeyMagic, sizeof kKeyMagic) != 0) {
    return MakeError(ErrorCode::kCorrupt,
                     "wrapped key for recording " + recording_id + " is malformed");
  }
  std::memcpy(wrapped.data(), buffer.data(), kWrappedKeySize);
  FAIRQM_ASSIGN_OR_RETURN(SecretBytes data_key, SecretBytes::Allocate(kDataKeySize));
  const std::string ad = KeyAd(recording_id);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
          data_key.data(), nullptr, wrapped.data() + kSealedOffset, kDataKeySize,
          wrapped.data() + kSealedOffset + kDataKeySize,
          reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
          wrapped.data() + kNonceOffset, wrap_key_.data()) != 0) {
    return MakeError(ErrorCode::kCorrupt,
                     "wrapped key for recording " + recording_id +
                         " failed to unwrap (tampered, moved, or another master key)");
  }
  return data_key;
}

bool KeyStore::Has(const std::string& recording_id) const {
  return FileExists(PathFor(recording_id));
}

Result<bool> KeyStore::Destroy(const std::string& recording_id) const {
  return ShredFile(PathFor(recording_id));
}

Result<std::vector<std::string>> KeyStore::ListIds() const {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(kTempPrefix) || !name.ends_with(kKeySuffix)) continue;
    ids.push_back(name.substr(0, name.size() - kKeySuffix.size()));
  }
  if (ec) return MakeError(ErrorCode::kIo, "list " + dir_.string() + ": " + ec.message());
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::vector<std::string>> KeyStore::RemoveTempFiles() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(kTempPrefix)) names.push_back(name);
  }
  if (ec) return MakeError(ErrorCode::kIo, "list " + dir_.string() + ": " + ec.message());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    FAIRQM_ASSIGN_OR_RETURN(bool removed, ShredFile(dir_ / name));
    (void)removed;
  }
  return names;
}

}  // namespace fairqm::vault
