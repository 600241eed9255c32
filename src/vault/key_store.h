// KeyStore: the wrapped per-recording data keys, kept in a directory of their
// own (vault/keys/), apart from the content and from the catalogue, so that a
// backup of the catalogue never holds a key (AVG-17).
//
// Layout: keys/<recording id>.key, 80 bytes: magic "FQMKEY01", a random
// 24-byte nonce, and the 32-byte data key sealed with XChaCha20-Poly1305
// under a subkey derived from the master key, with the recording id as
// associated data (a key file renamed to another id does not unwrap).
// Files are written to keys/.tmp-<id>-<random>, fsynced, renamed into place
// without replacing, and the directory fsynced. Destroy overwrites the file in
// place with random bytes, fsyncs, unlinks and fsyncs the directory, so the
// wrapped key is gone from the live store (on a file system that overwrites
// in place, such as ext4 or xfs without reflinks; a copy-on-write file system
// or a storage snapshot may keep old blocks, and a backup of keys/ keeps
// whatever it copied: keys/ must not be backed up beyond its own retention).
//
// Thread-safety: immutable after construction; calls may run concurrently
// (the file system arbitrates: Put never replaces). Failures: kNotFound for a
// missing key, kCorrupt for one that fails to unwrap, kConflict for Put over
// an existing key, kIo for file system errors.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/result.h"
#include "vault/secret.h"

namespace fairqm::vault {

inline constexpr std::size_t kWrappedKeySize = 8 + 24 + 32 + 16;
using WrappedKey = std::array<std::uint8_t, kWrappedKeySize>;

class KeyStore {
 public:
  // `dir` is created (0700) if missing. `master_key` is kMasterKeySize bytes;
  // only a derived wrapping subkey is kept.
  static Result<KeyStore> Open(const std::filesystem::path& dir, const SecretBytes& master_key);

  // Seals `data_key` for `recording_id`. Pure; touches no file.
  WrappedKey Wrap(const std::string& recording_id, const SecretBytes& data_key) const;
  // Stores a wrapped key durably. kConflict if the id already has one.
  Status Put(const std::string& recording_id, const WrappedKey& wrapped) const;
  // Reads and unwraps the data key.
  Result<SecretBytes> Get(const std::string& recording_id) const;
  bool Has(const std::string& recording_id) const;
  // Shreds the key file (see above). Returns false if there was none.
  Result<bool> Destroy(const std::string& recording_id) const;
  // Ids with a key file, sorted.
  Result<std::vector<std::string>> ListIds() const;
  // Shreds leftover temp files from interrupted Puts; returns their names.
  Result<std::vector<std::string>> RemoveTempFiles() const;

  std::filesystem::path PathFor(const std::string& recording_id) const {
    return PathIn(dir_, recording_id);
  }
  const std::filesystem::path& dir() const { return dir_; }

  // The same, for a key store directory without an open KeyStore (a
  // VaultWriter stores its key at commit without holding the master key).
  static Status PutIn(const std::filesystem::path& dir, const std::string& recording_id,
                      const WrappedKey& wrapped);
  static std::filesystem::path PathIn(const std::filesystem::path& dir,
                                      const std::string& recording_id);

 private:
  KeyStore(std::filesystem::path dir, SecretBytes wrap_key)
      : dir_(std::move(dir)), wrap_key_(std::move(wrap_key)) {}

  std::filesystem::path dir_;
  SecretBytes wrap_key_;
};

}  // namespace fairqm::vault
