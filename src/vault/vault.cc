#include "vault/vault.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <system_error>

#include "vault/master_key.h"

namespace fairqm::vault {
namespace {

constexpr std::string_view kContentSuffix = ".fqv";
constexpr std::string_view kTempPrefix = ".tmp-";
// Sealed chunks are written, and read, about this many bytes at a time.
constexpr std::size_t kIoBatchBytes = 256 * 1024;

std::size_t BatchChunks(std::uint32_t chunk_size) {
  return std::max<std::size_t>(1, kIoBatchBytes / (chunk_size + kTagSize));
}

std::string RandomSuffix() {
  std::uint8_t raw[8];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

Status CheckId(const std::string& recording_id) {
  if (!IsValidRecordingId(recording_id)) {
    return MakeError(ErrorCode::kInvalidInput,
                     "invalid recording id (want 1-128 characters of [A-Za-z0-9_-])");
  }
  return OkStatus();
}

Error StateError(const std::string& recording_id) {
  return MakeError(ErrorCode::kConflict,
                   "vault writer for recording " + recording_id + " is no longer open");
}

}  // namespace

bool IsValidRecordingId(std::string_view recording_id) {
  if (recording_id.empty() || recording_id.size() > kMaxRecordingIdSize) return false;
  if (recording_id.front() == '-') return false;
  return std::all_of(recording_id.begin(), recording_id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

// ---------------------------------------------------------------- VaultWriter

VaultWriter::~VaultWriter() {
  if (state_ != State::kCommitted) Abort();
}

Status VaultWriter::Append(std::span<const std::uint8_t> data) {
  if (state_ != State::kOpen) return StateError(recording_id_);
  const std::size_t chunk_size = header_.chunk_size;
  while (!data.empty()) {
    // A full pending chunk is sealed only once more data arrives: until then
    // it may be the final chunk.
    if (pending_size_ == chunk_size) {
      FAIRQM_RETURN_IF_ERROR(SealChunkToBatch({pending_.data(), pending_size_}, false));
      pending_size_ = 0;
    }
    if (pending_size_ == 0 && data.size() > chunk_size) {
      // More than a chunk follows, so this one is not final: seal it straight
      // from the caller's buffer without copying.
      FAIRQM_RETURN_IF_ERROR(SealChunkToBatch(data.first(chunk_size), false));
      data = data.subspan(chunk_size);
      plaintext_size_ += chunk_size;
      continue;
    }
    const std::size_t n = std::min(chunk_size - pending_size_, data.size());
    std::memcpy(pending_.data() + pending_size_, data.data(), n);
    pending_size_ += n;
    plaintext_size_ += n;
    data = data.subspan(n);
  }
  return OkStatus();
}

Status VaultWriter::SealChunkToBatch(std::span<const std::uint8_t> plaintext, bool final) {
  if (batch_used_ + plaintext.size() + kTagSize > batch_.size()) {
    FAIRQM_RETURN_IF_ERROR(FlushBatch());
  }
  SealChunk(header_, recording_id_, data_key_.data(), next_chunk_, final, plaintext,
            batch_.data() + batch_used_);
  ++next_chunk_;
  batch_used_ += plaintext.size() + kTagSize;
  return OkStatus();
}

Status VaultWriter::FlushBatch() {
  if (batch_used_ == 0) return OkStatus();
  if (auto s = WriteAll(fd_.get(), {batch_.data(), batch_used_}, temp_path_); !s.ok()) {
    return Fail(s.error());
  }
  batch_used_ = 0;
  return OkStatus();
}

Status VaultWriter::Commit() {
  if (state_ != State::kOpen) return StateError(recording_id_);
  if (auto s = CommitSteps(); !s.ok()) return Fail(s.error());
  state_ = State::kCommitted;
  WipeBuffers();
  spdlog::info("vault: stored recording {} ({} bytes)", recording_id_, plaintext_size_);
  return OkStatus();
}

Status VaultWriter::CommitSteps() {
  FAIRQM_RETURN_IF_ERROR(SealChunkToBatch({pending_.data(), pending_size_}, true));
  pending_size_ = 0;
  FAIRQM_RETURN_IF_ERROR(FlushBatch());
  header_.plaintext_size = plaintext_size_;
  const HeaderBytes header = SealHeader(header_, recording_id_, data_key_.data());
  FAIRQM_RETURN_IF_ERROR(PwriteAll(fd_.get(), header, 0, temp_path_));
  FAIRQM_RETURN_IF_ERROR(FsyncFd(fd_.get(), temp_path_));
  FAIRQM_RETURN_IF_ERROR(fd_.Close(temp_path_));
  // Key first, then content (see vault.h): content never appears under its
  // final name without its key already durable.
  FAIRQM_RETURN_IF_ERROR(KeyStore::PutIn(keys_dir_, recording_id_, wrapped_key_));
  Status published = RenameNoReplace(temp_path_, final_path_);
  if (published.ok()) published = FsyncDir(content_dir_);
  if (!published.ok()) {
    // Undo our key; the content (if renamed) goes too, so nothing half-made stays.
    if (FileExists(final_path_) && !FileExists(temp_path_)) (void)RemoveFileDurably(final_path_);
    (void)ShredFile(KeyStore::PathIn(keys_dir_, recording_id_));
    return published.error();
  }
  return OkStatus();
}

Error VaultWriter::Fail(Error error) {
  Abort();
  return error;
}

void VaultWriter::Abort() {
  if (state_ != State::kOpen) return;
  state_ = State::kAborted;
  fd_ = UniqueFd();
  // The temp file is ciphertext under a key that was never stored: removing it
  // is enough (no shredding needed).
  if (auto removed = RemoveFileDurably(temp_path_); !removed.ok()) {
    spdlog::warn("vault: could not remove temp file for recording {}: {}", recording_id_,
                 removed.error().ToString());
  }
  WipeBuffers();
}

void VaultWriter::WipeBuffers() {
  // Plaintext content and the data key do not outlive the writer's purpose.
  if (!pending_.empty()) sodium_memzero(pending_.data(), pending_.size());
  pending_size_ = 0;
  batch_used_ = 0;
  data_key_ = SecretBytes();
}

// ---------------------------------------------------------------- VaultReader

VaultReader::~VaultReader() {
  if (!plain_.empty()) sodium_memzero(plain_.data(), plain_.size());
}

Result<std::size_t> VaultReader::ReadAt(std::uint64_t offset, std::span<std::uint8_t> out) {
  const std::uint64_t size = header_.plaintext_size;
  if (offset > size) {
    return MakeError(ErrorCode::kInvalidInput, "read offset " + std::to_string(offset) +
                                                   " beyond the end of recording " + recording_id_ +
                                                   " (" + std::to_string(size) + " bytes)");
  }
  const std::size_t want =
      static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), size - offset));
  if (want == 0) return std::size_t{0};
  const std::uint64_t end = offset + want;
  const std::uint32_t chunk_size = header_.chunk_size;
  const std::uint64_t first = offset / chunk_size;
  const std::uint64_t last = (end - 1) / chunk_size;
  const std::size_t batch = BatchChunks(chunk_size);

  // Wipes `out` on any failure, so a caller never sees unverified bytes.
  auto fail = [&](Error error) -> Error {
    sodium_memzero(out.data(), want);
    return error;
  };
  for (std::uint64_t group = first; group <= last; group += batch) {
    const std::uint64_t group_last = std::min<std::uint64_t>(last, group + batch - 1);
    const std::size_t group_chunks = static_cast<std::size_t>(group_last - group + 1);
    // One preadv per group: a wholly wanted chunk's ciphertext lands straight
    // in `out` (decrypted there in place, saving a pass over the data), its
    // tag in tags_; a partly wanted chunk goes whole into the sealed_ scratch.
    iov_.clear();
    tags_.resize(group_chunks * kTagSize);
    std::size_t length = 0;
    for (std::uint64_t index = group; index <= group_last; ++index) {
      const std::size_t k = static_cast<std::size_t>(index - group);
      const std::uint32_t plain_size = ChunkPlaintextSize(header_, index);
      const std::uint64_t chunk_begin = index * chunk_size;
      const bool whole = chunk_begin >= offset && chunk_begin + plain_size <= end;
      if (whole) {
        iov_.push_back({out.data() + (chunk_begin - offset), plain_size});
        iov_.push_back({tags_.data() + k * kTagSize, kTagSize});
      } else {
        if (sealed_.size() < 2 * (chunk_size + kTagSize)) {
          sealed_.resize(2 * (chunk_size + kTagSize));
        }
        // At most two partial chunks per read: the first and the last.
        std::uint8_t* slot = sealed_.data() + (index == first ? 0 : chunk_size + kTagSize);
        iov_.push_back({slot, plain_size + kTagSize});
      }
      length += plain_size + kTagSize;
    }
    auto read = PreadvFull(fd_.get(), iov_, ChunkOffset(header_, group), path_);
    if (!read.ok()) return fail(read.error());
    if (*read != length) {
      return fail(MakeError(ErrorCode::kCorrupt,
                            "content of recording " + recording_id_ + " is truncated"));
    }
    for (std::uint64_t index = group; index <= group_last; ++index) {
      const std::size_t k = static_cast<std::size_t>(index - group);
      const std::uint32_t plain_size = ChunkPlaintextSize(header_, index);
      const std::uint64_t chunk_begin = index * chunk_size;
      const bool whole = chunk_begin >= offset && chunk_begin + plain_size <= end;
      const bool final = index + 1 == chunk_count_;
      Status opened;
      if (whole) {
        std::uint8_t* target = out.data() + (chunk_begin - offset);
        opened = OpenChunkDetached(header_, recording_id_, data_key_.data(), index, final,
                                   {target, plain_size}, tags_.data() + k * kTagSize, target);
      } else {
        const std::uint8_t* slot = sealed_.data() + (index == first ? 0 : chunk_size + kTagSize);
        if (plain_.size() < chunk_size) plain_.resize(chunk_size);
        opened = OpenChunk(header_, recording_id_, data_key_.data(), index, final,
                           {slot, plain_size + kTagSize}, plain_.data());
        if (opened.ok()) {
          const std::uint64_t from = std::max(offset, chunk_begin) - chunk_begin;
          const std::uint64_t to = std::min(end, chunk_begin + plain_size) - chunk_begin;
          std::memcpy(out.data() + (chunk_begin + from - offset), plain_.data() + from, to - from);
        }
      }
      if (!opened.ok()) {
        return fail(MakeError(ErrorCode::kCorrupt,
                              "recording " + recording_id_ + ": " + opened.error().message));
      }
    }
  }
  return want;
}

// ---------------------------------------------------------------------- Vault

Vault::Vault(std::filesystem::path dir, KeyStore keys, std::uint32_t chunk_size)
    : dir_(std::move(dir)),
      content_dir_(dir_ / "content"),
      keys_(std::move(keys)),
      chunk_size_(chunk_size) {}

Result<std::unique_ptr<Vault>> Vault::Open(const std::filesystem::path& dir, VaultOptions options) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to initialise");
  if (options.chunk_size < kMinChunkSize || options.chunk_size > kMaxChunkSize) {
    return MakeError(ErrorCode::kInvalidInput, "vault chunk size must be within [" +
                                                   std::to_string(kMinChunkSize) + ", " +
                                                   std::to_string(kMaxChunkSize) + "]");
  }
  const std::filesystem::path key_path =
      options.master_key_path.empty() ? dir / "master.key" : options.master_key_path;
  FAIRQM_ASSIGN_OR_RETURN(SecretBytes master_key, LoadMasterKey(key_path));
  FAIRQM_RETURN_IF_ERROR(EnsurePrivateDir(dir / "content"));
  FAIRQM_ASSIGN_OR_RETURN(KeyStore keys, KeyStore::Open(dir / "keys", master_key));
  return std::unique_ptr<Vault>(new Vault(dir, std::move(keys), options.chunk_size));
}

std::filesystem::path Vault::ContentPath(const std::string& recording_id) const {
  return content_dir_ / (recording_id + std::string(kContentSuffix));
}

Result<std::unique_ptr<VaultWriter>> Vault::Create(const std::string& recording_id) {
  FAIRQM_RETURN_IF_ERROR(CheckId(recording_id));
  if (FileExists(ContentPath(recording_id)) || keys_.Has(recording_id)) {
    return MakeError(ErrorCode::kConflict, "recording " + recording_id +
                                               " already exists in the vault (or left over; "
                                               "see RemoveOrphans)");
  }
  std::unique_ptr<VaultWriter> writer(new VaultWriter());
  writer->recording_id_ = recording_id;
  writer->content_dir_ = content_dir_;
  writer->keys_dir_ = keys_.dir();
  writer->final_path_ = ContentPath(recording_id);
  writer->temp_path_ =
      content_dir_ / (std::string(kTempPrefix) + recording_id + "-" + RandomSuffix());
  writer->header_.chunk_size = chunk_size_;
  randombytes_buf(writer->header_.nonce_base.data(), writer->header_.nonce_base.size());
  FAIRQM_ASSIGN_OR_RETURN(writer->data_key_, SecretBytes::Allocate(kDataKeySize));
  // AVG-17: a fresh random key per recording, so destroying it destroys
  // exactly this recording.
  randombytes_buf(writer->data_key_.data(), writer->data_key_.size());
  writer->wrapped_key_ = keys_.Wrap(recording_id, writer->data_key_);
  writer->pending_.resize(chunk_size_);
  writer->batch_.resize(BatchChunks(chunk_size_) * (chunk_size_ + kTagSize));

  writer->fd_ = UniqueFd(::open(writer->temp_path_.c_str(),
                                O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!writer->fd_.valid()) {
    Error error = ErrnoError("create", writer->temp_path_);
    writer->state_ = VaultWriter::State::kAborted;
    return error;
  }
  // Room for the header, written at commit when the size is known.
  const HeaderBytes placeholder{};
  if (auto s = WriteAll(writer->fd_.get(), placeholder, writer->temp_path_); !s.ok()) {
    writer->Abort();
    return s.error();
  }
  return writer;
}

Result<std::unique_ptr<VaultReader>> Vault::OpenReader(const std::string& recording_id) {
  FAIRQM_RETURN_IF_ERROR(CheckId(recording_id));
  const std::filesystem::path path = ContentPath(recording_id);
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) {
      return MakeError(ErrorCode::kNotFound, "recording " + recording_id + " is not in the vault");
    }
    return ErrnoError("open", path);
  }
  // Without its key the content is noise: destroyed (AVG-17) or orphaned.
  FAIRQM_ASSIGN_OR_RETURN(SecretBytes data_key, keys_.Get(recording_id));
  HeaderBytes header_bytes{};
  FAIRQM_ASSIGN_OR_RETURN(std::size_t n, PreadFull(fd.get(), header_bytes, 0, path));
  if (n != kHeaderSize) {
    return MakeError(ErrorCode::kCorrupt,
                     "content of recording " + recording_id + " is shorter than its header");
  }
  auto header = OpenHeader(header_bytes, recording_id, data_key.data());
  if (!header.ok()) {
    return MakeError(header.error().code,
                     "recording " + recording_id + ": " + header.error().message);
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoError("stat", path);
  if (static_cast<std::uint64_t>(st.st_size) != EncryptedFileSize(*header)) {
    return MakeError(ErrorCode::kCorrupt, "content of recording " + recording_id +
                                              " has the wrong length (truncated or extended)");
  }
  std::unique_ptr<VaultReader> reader(new VaultReader());
  reader->recording_id_ = recording_id;
  reader->path_ = path;
  reader->fd_ = std::move(fd);
  reader->header_ = *header;
  reader->chunk_count_ = ChunkCount(header->plaintext_size, header->chunk_size);
  reader->data_key_ = std::move(data_key);
  return reader;
}

Status Vault::Destroy(const std::string& recording_id) {
  FAIRQM_RETURN_IF_ERROR(CheckId(recording_id));
  // AVG-17 crypto-shredding: the key goes first and durably; from then on the
  // content is noise, and a crash before its unlink leaves only noise, which
  // RemoveOrphans clears.
  FAIRQM_ASSIGN_OR_RETURN(bool had_key, keys_.Destroy(recording_id));
  FAIRQM_ASSIGN_OR_RETURN(bool had_content, RemoveFileDurably(ContentPath(recording_id)));
  if (had_key || had_content) {
    spdlog::info("vault: destroyed recording {} (key shredded: {}, content removed: {})",
                 recording_id, had_key, had_content);
  }
  return OkStatus();
}

bool Vault::Exists(const std::string& recording_id) const {
  return IsValidRecordingId(recording_id) && keys_.Has(recording_id) &&
         FileExists(ContentPath(recording_id));
}

Result<std::vector<std::string>> Vault::ListIds() const {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<std::string> key_ids, keys_.ListIds());
  std::vector<std::string> ids;
  for (const std::string& id : key_ids) {
    if (IsValidRecordingId(id) && FileExists(ContentPath(id))) ids.push_back(id);
  }
  return ids;
}

Result<OrphanReport> Vault::RemoveOrphans(
    const std::function<bool(const std::string&)>& known_to_catalogue) {
  OrphanReport report;

  // 1. Temp files of interrupted writes. Content temp files are ciphertext
  //    whose key was never stored; key temp files are shredded.
  std::set<std::string> content_ids;
  std::vector<std::string> content_temps;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(content_dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(kTempPrefix)) {
      content_temps.push_back(name);
    } else if (name.ends_with(kContentSuffix) &&
               IsValidRecordingId(name.substr(0, name.size() - kContentSuffix.size()))) {
      content_ids.insert(name.substr(0, name.size() - kContentSuffix.size()));
    } else {
      report.unrecognised.push_back("content/" + name);
    }
  }
  if (ec) return MakeError(ErrorCode::kIo, "list " + content_dir_.string() + ": " + ec.message());
  std::sort(content_temps.begin(), content_temps.end());
  for (const std::string& name : content_temps) {
    FAIRQM_ASSIGN_OR_RETURN(bool removed, RemoveFileDurably(content_dir_ / name));
    if (removed) {
      spdlog::warn("vault: removed leftover temp file content/{}", name);
      report.temp_files.push_back("content/" + name);
    }
  }
  FAIRQM_ASSIGN_OR_RETURN(std::vector<std::string> key_temps, keys_.RemoveTempFiles());
  for (const std::string& name : key_temps) {
    spdlog::warn("vault: shredded leftover temp key file keys/{}", name);
    report.temp_files.push_back("keys/" + name);
  }

  // 2. Keys without content (a crash between storing the key and publishing
  //    the content) and content without keys (a crash inside Destroy).
  FAIRQM_ASSIGN_OR_RETURN(std::vector<std::string> listed_keys, keys_.ListIds());
  std::set<std::string> key_ids;
  for (const std::string& id : listed_keys) {
    if (IsValidRecordingId(id)) {
      key_ids.insert(id);
    } else {
      report.unrecognised.push_back("keys/" + id + ".key");
    }
  }
  for (const std::string& id : key_ids) {
    if (content_ids.count(id) != 0) continue;
    FAIRQM_ASSIGN_OR_RETURN(bool removed, keys_.Destroy(id));
    if (removed) {
      spdlog::warn("vault: shredded key without content for recording {}", id);
      report.keys_without_content.push_back(id);
    }
  }
  for (const std::string& id : content_ids) {
    if (key_ids.count(id) != 0) continue;
    FAIRQM_ASSIGN_OR_RETURN(bool removed, RemoveFileDurably(ContentPath(id)));
    if (removed) {
      spdlog::warn("vault: removed content without key for recording {}", id);
      report.content_without_key.push_back(id);
    }
  }

  // 3. Complete recordings the catalogue does not know: nobody could ever
  //    find or destroy them through the catalogue, so they go now.
  for (const std::string& id : content_ids) {
    if (key_ids.count(id) == 0 || known_to_catalogue(id)) continue;
    FAIRQM_RETURN_IF_ERROR(Destroy(id));
    spdlog::warn("vault: destroyed recording {} unknown to the catalogue", id);
    report.unknown_to_catalogue.push_back(id);
  }

  for (const std::string& name : report.unrecognised) {
    spdlog::warn("vault: left unrecognised file {} alone", name);
  }
  if (report.removed() > 0) {
    spdlog::info("vault: orphan check removed {} item(s)", report.removed());
  }
  return report;
}

}  // namespace fairqm::vault
