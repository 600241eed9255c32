// The chunk and header format binds recording id, chunk index, final flag and
// header fields (AVG-32: authenticated encryption at rest).
#include "vault/content_format.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <vector>

#include "vault/vault_test_util.h"

namespace fairqm::vault {
namespace {

class ContentFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    randombytes_buf(key_, sizeof key_);
    randombytes_buf(other_key_, sizeof other_key_);
    header_.chunk_size = 64;
    header_.plaintext_size = 150;
    randombytes_buf(header_.nonce_base.data(), header_.nonce_base.size());
  }

  std::vector<std::uint8_t> Seal(std::uint64_t index, bool final,
                                 const std::vector<std::uint8_t>& plain) {
    std::vector<std::uint8_t> out(plain.size() + kTagSize);
    SealChunk(header_, "rec-a", key_, index, final, plain, out.data());
    return out;
  }

  std::uint8_t key_[kDataKeySize];
  std::uint8_t other_key_[kDataKeySize];
  ContentHeader header_;
};

TEST(ContentLayoutTest, ChunkCountsAndSizes) {
  struct Row {
    std::uint64_t plaintext;
    std::uint64_t chunks;
  };
  for (const Row& row :
       {Row{0, 1}, Row{1, 1}, Row{63, 1}, Row{64, 1}, Row{65, 2}, Row{128, 2}, Row{129, 3}}) {
    EXPECT_EQ(ChunkCount(row.plaintext, 64), row.chunks) << row.plaintext;
    ContentHeader header;
    header.chunk_size = 64;
    header.plaintext_size = row.plaintext;
    EXPECT_EQ(EncryptedFileSize(header), kHeaderSize + row.plaintext + kTagSize * row.chunks);
  }
  ContentHeader header;
  header.chunk_size = 64;
  header.plaintext_size = 150;
  EXPECT_EQ(ChunkPlaintextSize(header, 0), 64u);
  EXPECT_EQ(ChunkPlaintextSize(header, 1), 64u);
  EXPECT_EQ(ChunkPlaintextSize(header, 2), 22u);
  EXPECT_EQ(ChunkOffset(header, 2), kHeaderSize + 2 * (64 + kTagSize));
}

TEST_F(ContentFormatTest, ChunkRoundTrip) {
  const auto plain = testing::PseudoRandomBytes(64, 1);
  const auto sealed = Seal(1, false, plain);
  EXPECT_NE(std::vector<std::uint8_t>(sealed.begin(), sealed.begin() + 64), plain);
  std::vector<std::uint8_t> out(64);
  ASSERT_TRUE(OpenChunk(header_, "rec-a", key_, 1, false, sealed, out.data()).ok());
  EXPECT_EQ(out, plain);
}

// Each binding: the chunk opens only with exactly the parameters it was sealed with.
TEST_F(ContentFormatTest, ChunkRejectsAnyOtherBinding) {
  const auto plain = testing::PseudoRandomBytes(64, 2);
  const auto sealed = Seal(1, false, plain);
  std::vector<std::uint8_t> out(64);
  auto expect_corrupt = [&](const ContentHeader& header, std::string_view id,
                            const std::uint8_t* key, std::uint64_t index, bool final,
                            const std::vector<std::uint8_t>& bytes, const char* what) {
    Status s = OpenChunk(header, id, key, index, final, bytes, out.data());
    ASSERT_FALSE(s.ok()) << what;
    EXPECT_EQ(s.error().code, ErrorCode::kCorrupt) << what;
    EXPECT_EQ(out, std::vector<std::uint8_t>(64, 0)) << what << ": output not wiped";
  };
  expect_corrupt(header_, "rec-a", key_, 1, true, sealed, "final flag");  // truncation defence
  expect_corrupt(header_, "rec-a", key_, 0, false, sealed, "index");      // reordering
  expect_corrupt(header_, "rec-b", key_, 1, false, sealed, "recording id");
  expect_corrupt(header_, "rec-a", other_key_, 1, false, sealed, "key");
  ContentHeader other_chunk = header_;
  other_chunk.chunk_size = 32;
  expect_corrupt(other_chunk, "rec-a", key_, 1, false, sealed, "chunk size");
  ContentHeader other_nonce = header_;
  other_nonce.nonce_base[3] ^= 1;
  expect_corrupt(other_nonce, "rec-a", key_, 1, false, sealed, "nonce base");
  auto flipped = sealed;
  flipped[10] ^= 0x01;
  expect_corrupt(header_, "rec-a", key_, 1, false, flipped, "ciphertext byte");
  auto bad_tag = sealed;
  bad_tag.back() ^= 0x80;
  expect_corrupt(header_, "rec-a", key_, 1, false, bad_tag, "tag byte");
  expect_corrupt(header_, "rec-a", key_, 1, false, std::vector<std::uint8_t>(5, 0), "too short");
}

TEST_F(ContentFormatTest, HeaderRoundTrip) {
  const HeaderBytes bytes = SealHeader(header_, "rec-a", key_);
  auto opened = OpenHeader(bytes, "rec-a", key_);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  EXPECT_EQ(opened->chunk_size, header_.chunk_size);
  EXPECT_EQ(opened->plaintext_size, header_.plaintext_size);
  EXPECT_EQ(opened->nonce_base, header_.nonce_base);
}

TEST_F(ContentFormatTest, HeaderRejectsEveryFlippedByte) {
  const HeaderBytes bytes = SealHeader(header_, "rec-a", key_);
  for (std::size_t i = 0; i < kHeaderSize; ++i) {
    HeaderBytes tampered = bytes;
    tampered[i] ^= 0x04;
    auto opened = OpenHeader(tampered, "rec-a", key_);
    ASSERT_FALSE(opened.ok()) << "byte " << i;
    // Bytes 8..11 are the format version: a reader says it cannot read that version.
    const ErrorCode expected = (i >= 8 && i < 12) ? ErrorCode::kUnsupported : ErrorCode::kCorrupt;
    EXPECT_EQ(opened.error().code, expected) << "byte " << i;
  }
}

TEST_F(ContentFormatTest, HeaderBoundToRecordingAndKey) {
  const HeaderBytes bytes = SealHeader(header_, "rec-a", key_);
  auto other_id = OpenHeader(bytes, "rec-b", key_);
  ASSERT_FALSE(other_id.ok());
  EXPECT_EQ(other_id.error().code, ErrorCode::kCorrupt);
  auto other_key = OpenHeader(bytes, "rec-a", other_key_);
  ASSERT_FALSE(other_key.ok());
  EXPECT_EQ(other_key.error().code, ErrorCode::kCorrupt);
  HeaderBytes zeros{};
  auto no_magic = OpenHeader(zeros, "rec-a", key_);
  ASSERT_FALSE(no_magic.ok());
  EXPECT_EQ(no_magic.error().code, ErrorCode::kCorrupt);
}

TEST_F(ContentFormatTest, HeaderWithImpossibleChunkSizeIsCorrupt) {
  ContentHeader bad = header_;
  bad.chunk_size = 8;  // below kMinChunkSize, but correctly authenticated
  auto opened = OpenHeader(SealHeader(bad, "rec-a", key_), "rec-a", key_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace fairqm::vault
