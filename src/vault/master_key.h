// The vault master key: 32 random bytes in a file of its own, mode 0600.
//
// The master key only wraps (encrypts) per-recording data keys; it never
// enters the catalogue (AVG-32). It is created once by InitMasterKey, which
// refuses to overwrite an existing file (overwriting would make every wrapped
// key, and so every recording, unreadable). LoadMasterKey refuses, with
// ErrorCode::kPermission and a message naming the fix, a key file that group
// or others may read or write, that is not a regular file (symlinks are not
// followed), or whose size is not exactly kMasterKeySize.
//
// Thread-safety: stateless functions. The loaded key lives in SecretBytes.
#pragma once

#include <cstddef>
#include <filesystem>

#include "common/result.h"
#include "vault/secret.h"

namespace fairqm::vault {

inline constexpr std::size_t kMasterKeySize = 32;

// Creates `path` with mode 0600 holding a fresh random key, fsyncs it and its
// directory. kConflict if the file already exists; kIo on file system errors.
Status InitMasterKey(const std::filesystem::path& path);

// Reads and checks the master key file (see above). kNotFound if missing.
Result<SecretBytes> LoadMasterKey(const std::filesystem::path& path);

}  // namespace fairqm::vault
