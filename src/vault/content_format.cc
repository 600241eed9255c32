#include "vault/content_format.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

namespace fairqm::vault {
namespace {

constexpr char kMagic[8] = {'F', 'A', 'I', 'R', 'Q', 'M', 'V', 'T'};
constexpr std::size_t kHeaderTagOffset = 48;
constexpr std::uint64_t kHeaderNonceIndex = std::numeric_limits<std::uint64_t>::max();
// magic, version, chunk size | index | final flag | id length | id
constexpr std::size_t kChunkAdFixed = 16 + 8 + 1 + 1;

static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == kDataKeySize);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == kTagSize);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == kNonceBaseSize + 8);

void PutU32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void PutU64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint32_t GetU32(const std::uint8_t* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
std::uint64_t GetU64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

using Nonce = std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES>;

Nonce MakeNonce(const ContentHeader& header, std::uint64_t index) {
  Nonce nonce;
  std::memcpy(nonce.data(), header.nonce_base.data(), kNonceBaseSize);
  PutU64(nonce.data() + kNonceBaseSize, index);
  return nonce;
}

// The id's length is bound too, so (id, index) pairs cannot be confused.
struct ChunkAd {
  std::array<std::uint8_t, kChunkAdFixed + kMaxRecordingIdSize> bytes;
  std::size_t size;
};

ChunkAd MakeChunkAd(const ContentHeader& header, std::string_view recording_id, std::uint64_t index,
                    bool final) {
  ChunkAd ad;
  std::uint8_t* p = ad.bytes.data();
  std::memcpy(p, kMagic, 8);
  PutU32(p + 8, kFormatVersion);
  PutU32(p + 12, header.chunk_size);
  PutU64(p + 16, index);
  p[24] = final ? 1 : 0;
  const std::size_t id_size = std::min(recording_id.size(), kMaxRecordingIdSize);
  p[25] = static_cast<std::uint8_t>(id_size);
  std::memcpy(p + kChunkAdFixed, recording_id.data(), id_size);
  ad.size = kChunkAdFixed + id_size;
  return ad;
}

std::string HeaderAd(const HeaderBytes& bytes, std::string_view recording_id) {
  std::string ad(reinterpret_cast<const char*>(bytes.data()), kHeaderTagOffset);
  ad.push_back(static_cast<char>(recording_id.size()));
  ad.append(recording_id);
  return ad;
}

}  // namespace

std::uint64_t ChunkCount(std::uint64_t plaintext_size, std::uint32_t chunk_size) {
  if (plaintext_size == 0) return 1;
  return (plaintext_size + chunk_size - 1) / chunk_size;
}

std::uint32_t ChunkPlaintextSize(const ContentHeader& header, std::uint64_t index) {
  const std::uint64_t start = index * header.chunk_size;
  if (start >= header.plaintext_size) return 0;
  const std::uint64_t left = header.plaintext_size - start;
  return left < header.chunk_size ? static_cast<std::uint32_t>(left) : header.chunk_size;
}

std::uint64_t ChunkOffset(const ContentHeader& header, std::uint64_t index) {
  return kHeaderSize + index * (static_cast<std::uint64_t>(header.chunk_size) + kTagSize);
}

std::uint64_t EncryptedFileSize(const ContentHeader& header) {
  return kHeaderSize + header.plaintext_size +
         kTagSize * ChunkCount(header.plaintext_size, header.chunk_size);
}

HeaderBytes SealHeader(const ContentHeader& header, std::string_view recording_id,
                       const std::uint8_t* key) {
  HeaderBytes bytes{};
  std::memcpy(bytes.data(), kMagic, 8);
  PutU32(bytes.data() + 8, kFormatVersion);
  PutU32(bytes.data() + 12, header.chunk_size);
  PutU64(bytes.data() + 16, header.plaintext_size);
  std::memcpy(bytes.data() + 24, header.nonce_base.data(), kNonceBaseSize);
  const std::string ad = HeaderAd(bytes, recording_id);
  const Nonce nonce = MakeNonce(header, kHeaderNonceIndex);
  // The header tag is the AEAD tag of an empty message; libsodium wants
  // non-null buffers even for zero lengths.
  std::uint8_t empty[1] = {0};
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
      empty, bytes.data() + kHeaderTagOffset, nullptr, empty, 0,
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, nonce.data(), key);
  return bytes;
}

Result<ContentHeader> OpenHeader(const HeaderBytes& bytes, std::string_view recording_id,
                                 const std::uint8_t* key) {
  if (std::memcmp(bytes.data(), kMagic, 8) != 0) {
    return MakeError(ErrorCode::kCorrupt, "content file has no vault header (bad magic)");
  }
  const std::uint32_t version = GetU32(bytes.data() + 8);
  if (version != kFormatVersion) {
    return MakeError(ErrorCode::kUnsupported,
                     "content file format version " + std::to_string(version) +
                         " is not supported (expected " + std::to_string(kFormatVersion) + ")");
  }
  ContentHeader header;
  header.chunk_size = GetU32(bytes.data() + 12);
  header.plaintext_size = GetU64(bytes.data() + 16);
  std::memcpy(header.nonce_base.data(), bytes.data() + 24, kNonceBaseSize);
  const std::string ad = HeaderAd(bytes, recording_id);
  const Nonce nonce = MakeNonce(header, kHeaderNonceIndex);
  std::uint8_t empty[1] = {0};
  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
          empty, nullptr, empty, 0, bytes.data() + kHeaderTagOffset,
          reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nonce.data(), key) != 0) {
    return MakeError(ErrorCode::kCorrupt,
                     "content header failed authentication (tampered, or not this recording's)");
  }
  // Authenticated, so these hold unless the writer was broken; check anyway.
  for (std::size_t i = 40; i < kHeaderTagOffset; ++i) {
    if (bytes[i] != 0) return MakeError(ErrorCode::kCorrupt, "content header reserved bytes set");
  }
  if (header.chunk_size < kMinChunkSize || header.chunk_size > kMaxChunkSize) {
    return MakeError(ErrorCode::kCorrupt, "content header has an impossible chunk size");
  }
  if (header.plaintext_size > (std::numeric_limits<std::uint64_t>::max() / 2)) {
    return MakeError(ErrorCode::kCorrupt, "content header has an impossible size");
  }
  return header;
}

void SealChunk(const ContentHeader& header, std::string_view recording_id, const std::uint8_t* key,
               std::uint64_t index, bool final, std::span<const std::uint8_t> plaintext,
               std::uint8_t* out) {
  const ChunkAd ad = MakeChunkAd(header, recording_id, index, final);
  const Nonce nonce = MakeNonce(header, index);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
      out, out + plaintext.size(), nullptr, plaintext.data(), plaintext.size(), ad.bytes.data(),
      ad.size, nullptr, nonce.data(), key);
}

Status OpenChunk(const ContentHeader& header, std::string_view recording_id,
                 const std::uint8_t* key, std::uint64_t index, bool final,
                 std::span<const std::uint8_t> sealed, std::uint8_t* out) {
  if (sealed.size() < kTagSize) {
    return MakeError(ErrorCode::kCorrupt, "content chunk shorter than its tag");
  }
  const std::size_t size = sealed.size() - kTagSize;
  return OpenChunkDetached(header, recording_id, key, index, final, sealed.first(size),
                           sealed.data() + size, out);
}

Status OpenChunkDetached(const ContentHeader& header, std::string_view recording_id,
                         const std::uint8_t* key, std::uint64_t index, bool final,
                         std::span<const std::uint8_t> ciphertext, const std::uint8_t* tag,
                         std::uint8_t* out) {
  const ChunkAd ad = MakeChunkAd(header, recording_id, index, final);
  const Nonce nonce = MakeNonce(header, index);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(out, nullptr, ciphertext.data(),
                                                          ciphertext.size(), tag, ad.bytes.data(),
                                                          ad.size, nonce.data(), key) != 0) {
    sodium_memzero(out, ciphertext.size());
    return MakeError(ErrorCode::kCorrupt,
                     "content chunk " + std::to_string(index) + " failed authentication");
  }
  return OkStatus();
}

}  // namespace fairqm::vault
