#include "vault/file_util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <utility>

namespace fairqm::vault {

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

UniqueFd::UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

Status UniqueFd::Close(const std::filesystem::path& path) {
  if (fd_ < 0) return OkStatus();
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) return ErrnoError("close", path);
  return OkStatus();
}

Error ErrnoError(const std::string& what, const std::filesystem::path& path) {
  const int err = errno;
  return MakeError(ErrorCode::kIo, what + " " + path.string() + ": " + ::strerror(err));
}

Status WriteAll(int fd, std::span<const std::uint8_t> data, const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("write", path);
    }
    done += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

Status PwriteAll(int fd, std::span<const std::uint8_t> data, std::uint64_t offset,
                 const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n =
        ::pwrite(fd, data.data() + done, data.size() - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("write", path);
    }
    done += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

Result<std::size_t> PreadFull(int fd, std::span<std::uint8_t> out, std::uint64_t offset,
                              const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n =
        ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("read", path);
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

Result<std::size_t> PreadvFull(int fd, std::span<struct iovec> iov, std::uint64_t offset,
                               const std::filesystem::path& path) {
  std::size_t done = 0;
  std::size_t first = 0;
  while (first < iov.size()) {
    const int count = static_cast<int>(std::min<std::size_t>(iov.size() - first, IOV_MAX));
    const ssize_t n = ::preadv(fd, iov.data() + first, count, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("read", path);
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
    std::size_t left = static_cast<std::size_t>(n);
    while (first < iov.size() && left >= iov[first].iov_len) {
      left -= iov[first].iov_len;
      ++first;
    }
    if (left > 0) {
      iov[first].iov_base = static_cast<std::uint8_t*>(iov[first].iov_base) + left;
      iov[first].iov_len -= left;
    }
  }
  return done;
}

Status FsyncFd(int fd, const std::filesystem::path& path) {
  if (::fsync(fd) != 0) return ErrnoError("fsync", path);
  return OkStatus();
}

Status FsyncDir(const std::filesystem::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoError("open directory", dir);
  FAIRQM_RETURN_IF_ERROR(FsyncFd(fd.get(), dir));
  return fd.Close(dir);
}

Status EnsurePrivateDir(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0) {
    // The new entry must survive a crash before anything is put inside it.
    if (dir.has_parent_path()) return FsyncDir(dir.parent_path());
    return OkStatus();
  }
  if (errno != EEXIST) return ErrnoError("create directory", dir);
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return ErrnoError("stat", dir);
  if (!S_ISDIR(st.st_mode)) {
    return MakeError(ErrorCode::kIo, dir.string() + " exists and is not a directory");
  }
  return OkStatus();
}

Status RenameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return OkStatus();
  }
  if (errno == EEXIST) {
    return MakeError(ErrorCode::kConflict, to.string() + " already exists");
  }
  if (errno != EINVAL && errno != ENOSYS) return ErrnoError("rename to", to);
  // A file system without RENAME_NOREPLACE: link(2) also refuses to replace.
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return MakeError(ErrorCode::kConflict, to.string() + " already exists");
    return ErrnoError("link to", to);
  }
  if (::unlink(from.c_str()) != 0) return ErrnoError("unlink", from);
  return OkStatus();
}

Result<bool> ShredFile(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return false;
    return ErrnoError("open for shredding", path);
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoError("stat", path);
  // Overwrite in place before unlinking, so that the bytes are gone from the
  // live store rather than merely unreferenced (AVG-17).
  std::array<std::uint8_t, 4096> noise;
  std::uint64_t remaining = static_cast<std::uint64_t>(st.st_size);
  std::uint64_t offset = 0;
  while (remaining > 0) {
    const std::size_t n =
        remaining < noise.size() ? static_cast<std::size_t>(remaining) : noise.size();
    randombytes_buf(noise.data(), n);
    FAIRQM_RETURN_IF_ERROR(PwriteAll(fd.get(), {noise.data(), n}, offset, path));
    offset += n;
    remaining -= n;
  }
  FAIRQM_RETURN_IF_ERROR(FsyncFd(fd.get(), path));
  FAIRQM_RETURN_IF_ERROR(fd.Close(path));
  FAIRQM_ASSIGN_OR_RETURN(bool removed, RemoveFileDurably(path));
  (void)removed;
  return true;
}

Result<bool> RemoveFileDurably(const std::filesystem::path& path) {
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return false;
    return ErrnoError("unlink", path);
  }
  FAIRQM_RETURN_IF_ERROR(FsyncDir(path.parent_path()));
  return true;
}

bool FileExists(const std::filesystem::path& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace fairqm::vault
