// Vault: recording content, encrypted at rest (AVG-32) and destroyable by
// crypto-shredding (AVG-17). Local-directory backend.
//
// Layout of a vault directory:
//   master.key          32-byte master key, mode 0600 (see master_key.h)
//   keys/<id>.key       the recording's data key, wrapped by the master key
//                       (see key_store.h); a directory of its own, apart from
//                       content and catalogue, so no catalogue backup holds a key
//   content/<id>.fqv    the content, chunked AEAD (see content_format.h)
//   keys/.tmp-*, content/.tmp-*   in-flight writes
//
// Each recording gets a fresh random data key. A writer streams content in
// fixed-size chunks to content/.tmp-<id>-<random>; the data key exists only in
// the writer's memory until Commit, which (1) writes the header and fsyncs the
// temp file, (2) stores the wrapped key durably (keys/ fsynced), (3) renames
// the temp file to content/<id>.fqv without replacing and fsyncs content/.
// Crash ordering: before (2) the temp file is ciphertext whose key was never
// stored, i.e. noise; between (2) and (3) there is a key without content;
// after (3) the recording is complete. Destroy removes the key first (shred +
// fsync) and then the content, so a crash in between leaves content without a
// key, i.e. noise. Content under its final name therefore never exists with a
// key that is not its own, and RemoveOrphans (run at startup, before any
// writer) clears every leftover: temp files, keys without content, content
// without keys, and recordings the catalogue does not know.
//
// Destroy is idempotent: destroying a recording that is already gone (or never
// existed) succeeds, so a retention sweep killed half-way can simply redo it.
//
// Ownership: Vault::Open returns an owning pointer. Writers and readers are
// independent of the Vault object once made (a reader holds its own copy of
// the data key, in sodium_malloc'd memory). A reader opened before Destroy
// keeps reading until it is closed; Destroy does not revoke it.
// Thread-safety: Vault methods may be called concurrently (the file system
// arbitrates; two writers for one id: the second Commit gets kConflict), except
// RemoveOrphans, which must not run while writers are open. A VaultWriter or
// VaultReader is used by one thread at a time.
// Failures: kInvalidInput (bad id or range), kNotFound, kConflict (exists /
// wrong writer state), kCorrupt (any failed authentication), kPermission
// (master key unsafe), kIo. Logs (spdlog) name recording ids only; never key
// material or content.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "vault/content_format.h"
#include "vault/file_util.h"
#include "vault/key_store.h"
#include "vault/secret.h"

namespace fairqm::vault {

struct VaultOptions {
  // Empty: <vault dir>/master.key.
  std::filesystem::path master_key_path;
  // Plaintext bytes per chunk for new recordings; readers take it from the
  // header. Within [kMinChunkSize, kMaxChunkSize].
  std::uint32_t chunk_size = kDefaultChunkSize;
};

// What RemoveOrphans removed (ids, or file names for temp and unrecognised).
struct OrphanReport {
  std::vector<std::string> temp_files;            // content/.tmp-*, keys/.tmp-*
  std::vector<std::string> keys_without_content;  // shredded
  std::vector<std::string> content_without_key;   // unlinked (undecryptable)
  std::vector<std::string> unknown_to_catalogue;  // crypto-shredded via Destroy
  std::vector<std::string> unrecognised;          // left alone, logged as warnings

  std::size_t removed() const {
    return temp_files.size() + keys_without_content.size() + content_without_key.size() +
           unknown_to_catalogue.size();
  }
};

// Recording ids become file names: 1..kMaxRecordingIdSize characters from
// [A-Za-z0-9_-], not starting with '-' (NewId's "rec-<hex>" fits).
bool IsValidRecordingId(std::string_view recording_id);

class VaultWriter {
 public:
  ~VaultWriter();  // Abort() unless committed
  VaultWriter(const VaultWriter&) = delete;
  VaultWriter& operator=(const VaultWriter&) = delete;

  // Encrypts and writes `data`; at most one chunk of plaintext is buffered.
  // After a failure the writer is failed: its temp file is removed and every
  // later call returns kConflict.
  Status Append(std::span<const std::uint8_t> data);
  // Makes the recording durable and readable (see the ordering above).
  // kConflict if another writer committed the same id first, or if the writer
  // is not open. On any failure nothing of this writer remains.
  Status Commit();
  // Discards everything written; idempotent.
  void Abort();

  const std::string& recording_id() const { return recording_id_; }
  std::uint64_t size() const { return plaintext_size_; }

 private:
  friend class Vault;
  enum class State { kOpen, kCommitted, kAborted };

  VaultWriter() = default;
  Status SealChunkToBatch(std::span<const std::uint8_t> plaintext, bool final);
  Status FlushBatch();
  Status CommitSteps();
  Error Fail(Error error);
  void WipeBuffers();

  std::string recording_id_;
  std::filesystem::path content_dir_;
  std::filesystem::path keys_dir_;
  std::filesystem::path temp_path_;
  std::filesystem::path final_path_;
  UniqueFd fd_;
  ContentHeader header_;
  SecretBytes data_key_;
  WrappedKey wrapped_key_{};
  std::vector<std::uint8_t> pending_;  // plaintext of the chunk being filled
  std::size_t pending_size_ = 0;
  std::vector<std::uint8_t> batch_;  // sealed chunks not yet written
  std::size_t batch_used_ = 0;
  std::uint64_t next_chunk_ = 0;
  std::uint64_t plaintext_size_ = 0;
  State state_ = State::kOpen;
};

class VaultReader {
 public:
  VaultReader(const VaultReader&) = delete;
  VaultReader& operator=(const VaultReader&) = delete;
  ~VaultReader();

  // Plaintext size of the recording.
  std::uint64_t size() const { return header_.plaintext_size; }
  // Decrypts [offset, offset + out.size()) clipped to size(), reading only the
  // chunks that overlap it, each verified. Returns the count written to `out`
  // (0 at offset == size()). kInvalidInput if offset > size(); kCorrupt if any
  // needed chunk fails authentication or the file is shorter than its header
  // says (then `out` holds no unverified bytes).
  Result<std::size_t> ReadAt(std::uint64_t offset, std::span<std::uint8_t> out);

  const std::string& recording_id() const { return recording_id_; }
  std::uint32_t chunk_size() const { return header_.chunk_size; }

 private:
  friend class Vault;
  VaultReader() = default;

  std::string recording_id_;
  std::filesystem::path path_;
  UniqueFd fd_;
  ContentHeader header_;
  std::uint64_t chunk_count_ = 0;
  SecretBytes data_key_;
  std::vector<std::uint8_t> sealed_;  // scratch: the (at most two) partly wanted chunks
  std::vector<std::uint8_t> plain_;   // scratch: one of them decrypted
  std::vector<std::uint8_t> tags_;    // scratch: tags of wholly wanted chunks
  std::vector<struct iovec> iov_;     // scratch: the preadv list
};

class Vault {
 public:
  // Loads the master key (refusing an unsafe one: kPermission) and creates
  // keys/ and content/ (0700) if missing. kNotFound if there is no master key.
  static Result<std::unique_ptr<Vault>> Open(const std::filesystem::path& dir,
                                             VaultOptions options = {});

  // A writer for a new recording. kConflict if the id has content or a key
  // already (a leftover is cleared by RemoveOrphans); kInvalidInput for a bad id.
  Result<std::unique_ptr<VaultWriter>> Create(const std::string& recording_id);
  // kNotFound without content or key (destroyed, never written, or orphaned).
  Result<std::unique_ptr<VaultReader>> OpenReader(const std::string& recording_id);
  // Crypto-shred (AVG-17): the wrapped key is overwritten, fsynced and
  // unlinked first, then the content file is unlinked. Idempotent: OK if the
  // recording is already gone.
  Status Destroy(const std::string& recording_id);
  // True if the recording is committed: both its key and its content exist.
  bool Exists(const std::string& recording_id) const;
  // Committed recordings, sorted.
  Result<std::vector<std::string>> ListIds() const;
  // Startup check (see the top of this file). `known_to_catalogue` is asked
  // about each complete recording; false means it is crypto-shredded. Every
  // removal is logged with its id. Must not run while writers are open.
  Result<OrphanReport> RemoveOrphans(
      const std::function<bool(const std::string&)>& known_to_catalogue);

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path ContentPath(const std::string& recording_id) const;
  std::filesystem::path KeyPath(const std::string& recording_id) const {
    return keys_.PathFor(recording_id);
  }

 private:
  Vault(std::filesystem::path dir, KeyStore keys, std::uint32_t chunk_size);

  std::filesystem::path dir_;
  std::filesystem::path content_dir_;
  KeyStore keys_;
  std::uint32_t chunk_size_;
};

}  // namespace fairqm::vault
