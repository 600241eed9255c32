#include "vault/master_key.h"

#include <errno.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vault/file_util.h"

namespace fairqm::vault {

Status InitMasterKey(const std::filesystem::path& path) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to initialise");
  // O_EXCL: never overwrite an existing key; that would orphan every recording.
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd.valid()) {
    if (errno == EEXIST) {
      return MakeError(ErrorCode::kConflict,
                       "refusing to overwrite existing master key " + path.string());
    }
    return ErrnoError("create master key", path);
  }
  auto fail = [&](Error error) -> Status {
    fd = UniqueFd();
    ::unlink(path.c_str());
    return error;
  };
  // The umask can only narrow 0600, but be explicit (AVG-32: least privilege).
  if (::fchmod(fd.get(), 0600) != 0) return fail(ErrnoError("chmod master key", path));
  auto key = SecretBytes::Allocate(kMasterKeySize);
  if (!key.ok()) return fail(key.error());
  randombytes_buf(key->data(), key->size());
  if (auto s = WriteAll(fd.get(), key->span(), path); !s.ok()) return fail(s.error());
  if (auto s = FsyncFd(fd.get(), path); !s.ok()) return fail(s.error());
  if (auto s = fd.Close(path); !s.ok()) return fail(s.error());
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  return FsyncDir(dir);
}

Result<SecretBytes> LoadMasterKey(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) {
      return MakeError(ErrorCode::kNotFound,
                       "master key " + path.string() + " does not exist; create it with init");
    }
    if (errno == ELOOP) {
      return MakeError(ErrorCode::kPermission, "master key " + path.string() +
                                                   " is a symbolic link; refusing to follow it");
    }
    return ErrnoError("open master key", path);
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoError("stat master key", path);
  if (!S_ISREG(st.st_mode)) {
    return MakeError(ErrorCode::kPermission,
                     "master key " + path.string() + " is not a regular file");
  }
  // AVG-32: a key others can read is a key others have.
  if ((st.st_mode & 077) != 0) {
    return MakeError(ErrorCode::kPermission,
                     fmt::format("master key {} has mode {:04o}: group or others may access it; "
                                 "refusing to use it (fix with: chmod 600 {})",
                                 path.string(), st.st_mode & 07777, path.string()));
  }
  if (static_cast<std::size_t>(st.st_size) != kMasterKeySize) {
    return MakeError(ErrorCode::kPermission,
                     fmt::format("master key {} has {} bytes, expected {}; refusing to use it",
                                 path.string(), st.st_size, kMasterKeySize));
  }
  FAIRQM_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::Allocate(kMasterKeySize));
  FAIRQM_ASSIGN_OR_RETURN(std::size_t n, PreadFull(fd.get(), {key.data(), key.size()}, 0, path));
  if (n != kMasterKeySize) {
    return MakeError(ErrorCode::kPermission,
                     "master key " + path.string() + " changed size while being read");
  }
  return key;
}

}  // namespace fairqm::vault
