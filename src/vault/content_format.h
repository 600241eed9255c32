// The encrypted content file format (version 1), chunked for random access.
//
//   header (64 bytes, little-endian):
//     0  magic "FAIRQMVT"           8
//     8  format version (1)         4
//     12 chunk size (plaintext)     4
//     16 plaintext size             8
//     24 nonce base (random)       16
//     40 reserved, zero             8
//     48 header tag                16   AEAD tag over bytes 0..48 + recording id
//   then chunk 0 .. n-1, each: ciphertext (chunk size bytes; the last may be
//   shorter) followed by its 16-byte tag.
//
// n = max(1, ceil(plaintext size / chunk size)); an empty recording has one
// empty final chunk. Every chunk is XChaCha20-Poly1305 (IETF) under the
// recording's own data key with nonce = nonce base || chunk index and
// associated data = magic, version, chunk size, chunk index, final flag and
// recording id. So flipping a byte, reordering chunks, truncating, or moving a
// chunk or a whole file to another recording all fail authentication
// (AVG-32: encrypted and authenticated at rest). The header tag uses the
// nonce index 2^64-1, which no chunk can have.
//
// Thread-safety: pure functions. Failures: kCorrupt for anything that fails
// authentication or is inconsistent, kUnsupported for another format version.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/result.h"

namespace fairqm::vault {

inline constexpr std::size_t kHeaderSize = 64;
inline constexpr std::size_t kTagSize = 16;
inline constexpr std::size_t kDataKeySize = 32;
inline constexpr std::size_t kNonceBaseSize = 16;
inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::uint32_t kDefaultChunkSize = 64 * 1024;
inline constexpr std::uint32_t kMinChunkSize = 16;
inline constexpr std::uint32_t kMaxChunkSize = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxRecordingIdSize = 128;

struct ContentHeader {
  std::uint32_t chunk_size = kDefaultChunkSize;
  std::uint64_t plaintext_size = 0;
  std::array<std::uint8_t, kNonceBaseSize> nonce_base{};
};

using HeaderBytes = std::array<std::uint8_t, kHeaderSize>;

// Number of chunks for a plaintext of `plaintext_size` bytes (at least 1).
std::uint64_t ChunkCount(std::uint64_t plaintext_size, std::uint32_t chunk_size);
// Plaintext bytes in chunk `index` (the last chunk may be short or empty).
std::uint32_t ChunkPlaintextSize(const ContentHeader& header, std::uint64_t index);
// Offset of chunk `index` in the file.
std::uint64_t ChunkOffset(const ContentHeader& header, std::uint64_t index);
// Total file size for this header.
std::uint64_t EncryptedFileSize(const ContentHeader& header);

// Serialises `header` and computes its tag. `key` is kDataKeySize bytes.
HeaderBytes SealHeader(const ContentHeader& header, std::string_view recording_id,
                       const std::uint8_t* key);
// Parses and authenticates a header read from a file.
Result<ContentHeader> OpenHeader(const HeaderBytes& bytes, std::string_view recording_id,
                                 const std::uint8_t* key);

// Encrypts `plaintext` (at most chunk_size bytes) into `out`, which must hold
// plaintext.size() + kTagSize bytes (ciphertext then tag). `out` may not
// overlap `plaintext` except exactly (in place).
void SealChunk(const ContentHeader& header, std::string_view recording_id, const std::uint8_t* key,
               std::uint64_t index, bool final, std::span<const std::uint8_t> plaintext,
               std::uint8_t* out);
// Verifies and decrypts `sealed` (ciphertext then tag) into `out`, which holds
// sealed.size() - kTagSize bytes. kCorrupt if authentication fails; `out` is
// then zeroed.
Status OpenChunk(const ContentHeader& header, std::string_view recording_id,
                 const std::uint8_t* key, std::uint64_t index, bool final,
                 std::span<const std::uint8_t> sealed, std::uint8_t* out);
// The same with ciphertext and tag apart; `out` may equal ciphertext.data()
// (decryption in place).
Status OpenChunkDetached(const ContentHeader& header, std::string_view recording_id,
                         const std::uint8_t* key, std::uint64_t index, bool final,
                         std::span<const std::uint8_t> ciphertext, const std::uint8_t* tag,
                         std::uint8_t* out);

}  // namespace fairqm::vault
