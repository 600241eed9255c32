// Small POSIX file helpers for the vault: an owning file descriptor, full
// reads/writes that retry on EINTR and short counts, fsync of files and
// directories, rename that never replaces, and shredding (overwrite in place,
// fsync, unlink, fsync the directory).
//
// Everything durable goes through these so that crash ordering is explicit in
// the callers (see vault.h). Failures are ErrorCode::kIo with the path and
// strerror; nothing throws. Thread-safety: stateless functions; a UniqueFd is
// owned by one thread at a time.
#pragma once

#include <sys/uio.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "common/result.h"

namespace fairqm::vault {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& other) noexcept;
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Closes now and reports a failed close (which can hide a failed write).
  Status Close(const std::filesystem::path& path);

 private:
  int fd_ = -1;
};

// kIo error "<what> <path>: <strerror(errno)>", reading errno at the call.
Error ErrnoError(const std::string& what, const std::filesystem::path& path);

Status WriteAll(int fd, std::span<const std::uint8_t> data, const std::filesystem::path& path);
Status PwriteAll(int fd, std::span<const std::uint8_t> data, std::uint64_t offset,
                 const std::filesystem::path& path);
// Reads until `out` is full or end of file; returns the count read.
Result<std::size_t> PreadFull(int fd, std::span<std::uint8_t> out, std::uint64_t offset,
                              const std::filesystem::path& path);
// preadv(2) until every buffer is full or end of file; `iov` is consumed
// (advanced in place). Returns the count read.
Result<std::size_t> PreadvFull(int fd, std::span<struct iovec> iov, std::uint64_t offset,
                               const std::filesystem::path& path);
Status FsyncFd(int fd, const std::filesystem::path& path);
Status FsyncDir(const std::filesystem::path& dir);
// Creates `dir` (one level) with mode 0700 if it does not exist.
Status EnsurePrivateDir(const std::filesystem::path& dir);
// rename(2) that fails with kConflict instead of replacing an existing `to`.
Status RenameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to);
// Overwrites the file's bytes in place with random data, fsyncs, unlinks it and
// fsyncs its directory. Returns false if the file did not exist.
Result<bool> ShredFile(const std::filesystem::path& path);
// unlink + fsync of the directory. Returns false if the file did not exist.
Result<bool> RemoveFileDurably(const std::filesystem::path& path);
bool FileExists(const std::filesystem::path& path);

}  // namespace fairqm::vault
