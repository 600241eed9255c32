// Vault round trips, ranged reads, tamper detection and writer lifecycle.
// AVG-32: content is encrypted and authenticated at rest; every tampering is
// ErrorCode::kCorrupt.
#include "vault/vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "vault/master_key.h"
#include "vault/vault_test_util.h"

namespace fairqm::vault {
namespace {

using testing::Contains;
using testing::ListFiles;
using testing::PseudoRandomBytes;
using testing::ReadFileBytes;
using testing::ScratchDir;
using testing::WriteFileBytes;

constexpr std::uint32_t kSmallChunk = 64;

class VaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitMasterKey(dir_.path() / "master.key").ok());
    vault_ = OpenVault(kSmallChunk);
  }

  std::unique_ptr<Vault> OpenVault(std::uint32_t chunk_size) {
    VaultOptions options;
    options.chunk_size = chunk_size;
    auto vault = Vault::Open(dir_.path(), options);
    EXPECT_TRUE(vault.ok()) << vault.error().ToString();
    return vault.ok() ? std::move(vault).value() : nullptr;
  }

  // Stores `data` appended in pieces of `piece` bytes.
  void Store(Vault& vault, const std::string& id, const std::vector<std::uint8_t>& data,
             std::size_t piece) {
    auto writer = vault.Create(id);
    ASSERT_TRUE(writer.ok()) << writer.error().ToString();
    for (std::size_t at = 0; at < data.size(); at += piece) {
      const std::size_t n = std::min(piece, data.size() - at);
      ASSERT_TRUE((*writer)->Append({data.data() + at, n}).ok());
    }
    EXPECT_EQ((*writer)->size(), data.size());
    Status committed = (*writer)->Commit();
    ASSERT_TRUE(committed.ok()) << committed.error().ToString();
  }

  Result<std::vector<std::uint8_t>> ReadRange(Vault& vault, const std::string& id,
                                              std::uint64_t offset, std::size_t length) {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, vault.OpenReader(id));
    std::vector<std::uint8_t> out(length);
    FAIRQM_ASSIGN_OR_RETURN(std::size_t n, reader->ReadAt(offset, out));
    out.resize(n);
    return out;
  }

  std::vector<std::uint8_t> ReadAll(Vault& vault, const std::string& id) {
    auto reader = vault.OpenReader(id);
    EXPECT_TRUE(reader.ok()) << reader.error().ToString();
    if (!reader.ok()) return {};
    std::vector<std::uint8_t> out((*reader)->size());
    auto n = (*reader)->ReadAt(0, out);
    EXPECT_TRUE(n.ok()) << n.error().ToString();
    EXPECT_EQ(n.ok() ? *n : 0, out.size());
    return out;
  }

  ErrorCode OpenError(const std::string& id) {
    auto reader = vault_->OpenReader(id);
    EXPECT_FALSE(reader.ok());
    return reader.ok() ? ErrorCode::kInternal : reader.error().code;
  }

  ScratchDir dir_;
  std::unique_ptr<Vault> vault_;
};

TEST_F(VaultTest, RoundTripsAroundChunkBoundaries) {
  const std::vector<std::size_t> sizes = {0, 1, 63, 64, 65, 127, 128, 129, 1000};
  const std::vector<std::size_t> pieces = {1, 7, 64, 65, 100000};
  int n = 0;
  for (std::size_t size : sizes) {
    for (std::size_t piece : pieces) {
      const std::string id = "rec-" + std::to_string(n++);
      const auto data = PseudoRandomBytes(size, n);
      Store(*vault_, id, data, piece);
      EXPECT_TRUE(vault_->Exists(id));
      EXPECT_EQ(ReadAll(*vault_, id), data) << "size " << size << " piece " << piece;
      ContentHeader header;
      header.chunk_size = kSmallChunk;
      header.plaintext_size = size;
      EXPECT_EQ(std::filesystem::file_size(vault_->ContentPath(id)), EncryptedFileSize(header));
    }
  }
}

TEST_F(VaultTest, RoundTripsSeveralMegabytesWithDefaultChunks) {
  auto vault = OpenVault(kDefaultChunkSize);
  ASSERT_NE(vault, nullptr);
  const auto data = PseudoRandomBytes(5 * 1024 * 1024 + 777, 42);
  Store(*vault, "rec-big", data, 100003);
  EXPECT_EQ(ReadAll(*vault, "rec-big"), data);
  // Exactly one default chunk, too.
  const auto one_chunk = PseudoRandomBytes(kDefaultChunkSize, 43);
  Store(*vault, "rec-one-chunk", one_chunk, kDefaultChunkSize);
  EXPECT_EQ(ReadAll(*vault, "rec-one-chunk"), one_chunk);
}

TEST_F(VaultTest, RangedReadsAtAndAcrossChunkBoundaries) {
  const auto data = PseudoRandomBytes(1000, 7);
  Store(*vault_, "rec-r", data, 1000);
  struct Row {
    std::uint64_t offset;
    std::size_t length;
    std::size_t expected;
  };
  for (const Row& row : {Row{0, 64, 64}, Row{64, 64, 64}, Row{63, 2, 2}, Row{64, 1, 1},
                         Row{0, 1000, 1000}, Row{100, 300, 300}, Row{960, 40, 40}, Row{999, 1, 1},
                         Row{990, 100, 10}, Row{1000, 10, 0}, Row{5, 0, 0}}) {
    auto got = ReadRange(*vault_, "rec-r", row.offset, row.length);
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    ASSERT_EQ(got->size(), row.expected) << row.offset;
    EXPECT_TRUE(std::equal(got->begin(), got->end(), data.begin() + row.offset)) << row.offset;
  }
  // Every offset and a spread of lengths through one reader.
  auto reader = vault_->OpenReader("rec-r");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->size(), 1000u);
  EXPECT_EQ((*reader)->chunk_size(), kSmallChunk);
  for (std::uint64_t offset = 0; offset <= 1000; offset += 3) {
    for (std::size_t length : {1, 63, 64, 65, 200}) {
      std::vector<std::uint8_t> out(length);
      auto n = (*reader)->ReadAt(offset, out);
      ASSERT_TRUE(n.ok());
      ASSERT_EQ(*n, std::min<std::size_t>(length, 1000 - offset));
      EXPECT_TRUE(std::equal(out.begin(), out.begin() + *n, data.begin() + offset));
    }
  }
}

TEST_F(VaultTest, RangedReadsOnLargeRecordingSpanIoBatches) {
  auto vault = OpenVault(kDefaultChunkSize);
  const auto data = PseudoRandomBytes(3 * 1024 * 1024 + 5, 9);
  Store(*vault, "rec-l", data, data.size());
  auto reader = vault->OpenReader("rec-l");
  ASSERT_TRUE(reader.ok());
  for (std::uint64_t offset : {0ull, 65535ull, 65536ull, 1000001ull, 3145000ull}) {
    std::vector<std::uint8_t> out(2 * 1024 * 1024);
    auto n = (*reader)->ReadAt(offset, out);
    ASSERT_TRUE(n.ok());
    ASSERT_EQ(*n, std::min<std::uint64_t>(out.size(), data.size() - offset));
    EXPECT_TRUE(std::equal(out.begin(), out.begin() + *n, data.begin() + offset)) << offset;
  }
}

TEST_F(VaultTest, ReadBeyondEndIsInvalidInput) {
  Store(*vault_, "rec-r", PseudoRandomBytes(10, 1), 10);
  auto got = ReadRange(*vault_, "rec-r", 11, 1);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidInput);
}

TEST_F(VaultTest, ContentFileHoldsNoPlaintext) {
  // AVG-32: what reaches the disk is ciphertext.
  std::string text;
  while (text.size() < 5000) text += "the agent said hello to the customer; ";
  const std::vector<std::uint8_t> data(text.begin(), text.end());
  Store(*vault_, "rec-p", data, 333);
  const auto file = ReadFileBytes(vault_->ContentPath("rec-p"));
  const std::string phrase = "the agent said";
  EXPECT_FALSE(Contains(file, {phrase.begin(), phrase.end()}));
  struct stat st;
  ASSERT_EQ(::stat(vault_->ContentPath("rec-p").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  ASSERT_EQ(::stat((dir_.path() / "content").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
}

TEST_F(VaultTest, FlippedByteInChunkIsCorruptOnlyForThatChunk) {
  const auto data = PseudoRandomBytes(300, 3);
  Store(*vault_, "rec-t", data, 300);
  auto file = ReadFileBytes(vault_->ContentPath("rec-t"));
  file[kHeaderSize + (kSmallChunk + kTagSize) + 5] ^= 0x20;  // inside chunk 1
  WriteFileBytes(vault_->ContentPath("rec-t"), file);

  auto reader = vault_->OpenReader("rec-t");
  ASSERT_TRUE(reader.ok());
  std::vector<std::uint8_t> out(100, 0xAA);
  auto across = (*reader)->ReadAt(50, out);  // chunks 0 and 1
  ASSERT_FALSE(across.ok());
  EXPECT_EQ(across.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(out, std::vector<std::uint8_t>(100, 0)) << "unverified bytes left in the output";
  // Random access: the untouched chunks still read.
  std::vector<std::uint8_t> first(64);
  ASSERT_TRUE((*reader)->ReadAt(0, first).ok());
  EXPECT_TRUE(std::equal(first.begin(), first.end(), data.begin()));
  std::vector<std::uint8_t> third(64);
  ASSERT_TRUE((*reader)->ReadAt(128, third).ok());
  EXPECT_TRUE(std::equal(third.begin(), third.end(), data.begin() + 128));
}

TEST_F(VaultTest, FlippedByteInHeaderIsCorrupt) {
  Store(*vault_, "rec-h", PseudoRandomBytes(300, 4), 300);
  const auto original = ReadFileBytes(vault_->ContentPath("rec-h"));
  // magic, chunk size, plaintext size, nonce base, reserved, tag.
  for (std::size_t at : {0u, 12u, 16u, 17u, 30u, 44u, 50u, 63u}) {
    auto file = original;
    file[at] ^= 0x01;
    WriteFileBytes(vault_->ContentPath("rec-h"), file);
    EXPECT_EQ(OpenError("rec-h"), ErrorCode::kCorrupt) << "header byte " << at;
  }
  WriteFileBytes(vault_->ContentPath("rec-h"), original);
  EXPECT_TRUE(vault_->OpenReader("rec-h").ok());
}

TEST_F(VaultTest, TruncatedOrExtendedFileIsCorrupt) {
  Store(*vault_, "rec-x", PseudoRandomBytes(300, 5), 300);
  const auto original = ReadFileBytes(vault_->ContentPath("rec-x"));
  for (std::size_t cut : {std::size_t{1}, std::size_t{300 - 256 + kTagSize},
                          original.size() - kHeaderSize, original.size() - 10, original.size()}) {
    WriteFileBytes(vault_->ContentPath("rec-x"), {original.begin(), original.end() - cut});
    EXPECT_EQ(OpenError("rec-x"), ErrorCode::kCorrupt) << "cut " << cut;
  }
  auto longer = original;
  longer.push_back(0);
  WriteFileBytes(vault_->ContentPath("rec-x"), longer);
  EXPECT_EQ(OpenError("rec-x"), ErrorCode::kCorrupt);
}

TEST_F(VaultTest, TruncatedWhileOpenIsCorrupt) {
  Store(*vault_, "rec-x", PseudoRandomBytes(300, 5), 300);
  auto reader = vault_->OpenReader("rec-x");
  ASSERT_TRUE(reader.ok());
  std::filesystem::resize_file(vault_->ContentPath("rec-x"), kHeaderSize + 100);
  std::vector<std::uint8_t> out(300);
  auto n = (*reader)->ReadAt(0, out);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code, ErrorCode::kCorrupt);
}

TEST_F(VaultTest, SwappedChunksAreCorrupt) {
  const auto data = PseudoRandomBytes(300, 6);
  Store(*vault_, "rec-s", data, 300);
  auto file = ReadFileBytes(vault_->ContentPath("rec-s"));
  const std::size_t sealed = kSmallChunk + kTagSize;
  std::swap_ranges(file.begin() + kHeaderSize, file.begin() + kHeaderSize + sealed,
                   file.begin() + kHeaderSize + sealed);
  WriteFileBytes(vault_->ContentPath("rec-s"), file);
  EXPECT_FALSE(ReadRange(*vault_, "rec-s", 0, 1).ok());
  auto second = ReadRange(*vault_, "rec-s", 64, 1);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kCorrupt);
}

TEST_F(VaultTest, ChunkFromAnotherRecordingIsCorrupt) {
  Store(*vault_, "rec-a", PseudoRandomBytes(300, 7), 300);
  Store(*vault_, "rec-b", PseudoRandomBytes(300, 8), 300);
  auto a = ReadFileBytes(vault_->ContentPath("rec-a"));
  const auto b = ReadFileBytes(vault_->ContentPath("rec-b"));
  const std::size_t sealed = kSmallChunk + kTagSize;
  std::copy(b.begin() + kHeaderSize + sealed, b.begin() + kHeaderSize + 2 * sealed,
            a.begin() + kHeaderSize + sealed);
  WriteFileBytes(vault_->ContentPath("rec-a"), a);
  auto got = ReadRange(*vault_, "rec-a", 64, 64);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kCorrupt);
}

TEST_F(VaultTest, ContentRenamedToAnotherRecordingIsCorrupt) {
  Store(*vault_, "rec-a", PseudoRandomBytes(300, 7), 300);
  Store(*vault_, "rec-b", PseudoRandomBytes(300, 8), 300);
  // rec-a's content put where rec-b's belongs (rec-b's key stays).
  std::filesystem::rename(vault_->ContentPath("rec-a"), vault_->ContentPath("rec-b"));
  EXPECT_EQ(OpenError("rec-b"), ErrorCode::kCorrupt);
  // Content and key both moved to a new id: the key's binding fails.
  Store(*vault_, "rec-c", PseudoRandomBytes(300, 9), 300);
  std::filesystem::rename(vault_->ContentPath("rec-c"), vault_->ContentPath("rec-d"));
  std::filesystem::rename(vault_->KeyPath("rec-c"), vault_->KeyPath("rec-d"));
  EXPECT_EQ(OpenError("rec-d"), ErrorCode::kCorrupt);
}

TEST_F(VaultTest, AnotherMasterKeyCannotRead) {
  Store(*vault_, "rec-a", PseudoRandomBytes(300, 7), 300);
  std::filesystem::remove(dir_.path() / "master.key");
  ASSERT_TRUE(InitMasterKey(dir_.path() / "master.key").ok());
  auto vault = OpenVault(kSmallChunk);
  ASSERT_NE(vault, nullptr);
  auto reader = vault->OpenReader("rec-a");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().code, ErrorCode::kCorrupt);
}

TEST_F(VaultTest, ReaderUsesChunkSizeFromHeader) {
  const auto data = PseudoRandomBytes(1000, 10);
  Store(*vault_, "rec-a", data, 1000);
  auto vault = OpenVault(kDefaultChunkSize);
  EXPECT_EQ(ReadAll(*vault, "rec-a"), data);
}

TEST_F(VaultTest, AbortLeavesNothing) {
  auto writer = vault_->Create("rec-a");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Append(PseudoRandomBytes(500, 1)).ok());
  EXPECT_EQ(ListFiles(dir_.path() / "content").size(), 1u);  // the temp file
  (*writer)->Abort();
  (*writer)->Abort();  // idempotent
  EXPECT_TRUE(ListFiles(dir_.path() / "content").empty());
  EXPECT_TRUE(ListFiles(dir_.path() / "keys").empty());
  EXPECT_FALSE(vault_->Exists("rec-a"));
  Status append = (*writer)->Append(PseudoRandomBytes(1, 1));
  ASSERT_FALSE(append.ok());
  EXPECT_EQ(append.error().code, ErrorCode::kConflict);
  Status commit = (*writer)->Commit();
  ASSERT_FALSE(commit.ok());
  EXPECT_EQ(commit.error().code, ErrorCode::kConflict);
  EXPECT_EQ(OpenError("rec-a"), ErrorCode::kNotFound);
  // The id is free again.
  Store(*vault_, "rec-a", PseudoRandomBytes(5, 2), 5);
}

TEST_F(VaultTest, WriterDestroyedWithoutCommitLeavesNothing) {
  {
    auto writer = vault_->Create("rec-a");
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Append(PseudoRandomBytes(5000, 1)).ok());
  }
  EXPECT_TRUE(ListFiles(dir_.path() / "content").empty());
  EXPECT_TRUE(ListFiles(dir_.path() / "keys").empty());
  EXPECT_FALSE(vault_->Exists("rec-a"));
  auto ids = vault_->ListIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_TRUE(ids->empty());
}

TEST_F(VaultTest, CommitTwiceIsConflictAndKeepsRecording) {
  auto writer = vault_->Create("rec-a");
  ASSERT_TRUE(writer.ok());
  const auto data = PseudoRandomBytes(100, 1);
  ASSERT_TRUE((*writer)->Append(data).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  Status again = (*writer)->Commit();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  (*writer)->Abort();  // no effect after commit
  writer->reset();
  EXPECT_EQ(ReadAll(*vault_, "rec-a"), data);
}

TEST_F(VaultTest, CreateExistingIsConflict) {
  Store(*vault_, "rec-a", PseudoRandomBytes(10, 1), 10);
  auto writer = vault_->Create("rec-a");
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.error().code, ErrorCode::kConflict);
}

TEST_F(VaultTest, SecondOfTwoConcurrentWritersGetsConflict) {
  auto first = vault_->Create("rec-a");
  auto second = vault_->Create("rec-a");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  const auto data1 = PseudoRandomBytes(200, 1);
  ASSERT_TRUE((*first)->Append(data1).ok());
  ASSERT_TRUE((*second)->Append(PseudoRandomBytes(300, 2)).ok());
  ASSERT_TRUE((*first)->Commit().ok());
  Status lost = (*second)->Commit();
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::kConflict);
  EXPECT_EQ(ReadAll(*vault_, "rec-a"), data1);
  EXPECT_EQ(ListFiles(dir_.path() / "content"), std::vector<std::string>{"rec-a.fqv"});
  EXPECT_EQ(ListFiles(dir_.path() / "keys"), std::vector<std::string>{"rec-a.key"});
}

// If publishing the content fails after the key was stored, Commit takes the
// key back: a failed commit leaves neither key nor content nor temp file.
TEST_F(VaultTest, CommitRollsBackKeyWhenPublishFails) {
  auto writer = vault_->Create("rec-a");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Append(PseudoRandomBytes(500, 1)).ok());
  // Something takes the final content name between Create and Commit.
  std::filesystem::create_directory(vault_->ContentPath("rec-a"));
  Status committed = (*writer)->Commit();
  ASSERT_FALSE(committed.ok());
  EXPECT_EQ(committed.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(ListFiles(dir_.path() / "keys").empty());
  EXPECT_TRUE(ListFiles(dir_.path() / "content").empty());  // only the directory remains
  EXPECT_FALSE(vault_->Exists("rec-a"));
  Status again = (*writer)->Commit();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(VaultTest, InvalidIdsAreRefused) {
  for (const std::string& id :
       {std::string(""), std::string("../etc"), std::string(".hidden"), std::string("a/b"),
        std::string("-x"), std::string("a b"), std::string("rec.fqv"), std::string("r\xc3\xa4"),
        std::string(129, 'a')}) {
    auto writer = vault_->Create(id);
    ASSERT_FALSE(writer.ok()) << id;
    EXPECT_EQ(writer.error().code, ErrorCode::kInvalidInput) << id;
    EXPECT_EQ(OpenError(id), ErrorCode::kInvalidInput) << id;
    Status destroyed = vault_->Destroy(id);
    ASSERT_FALSE(destroyed.ok());
    EXPECT_EQ(destroyed.error().code, ErrorCode::kInvalidInput);
    EXPECT_FALSE(vault_->Exists(id));
  }
  EXPECT_TRUE(IsValidRecordingId(std::string(128, 'a')));
  EXPECT_TRUE(IsValidRecordingId("rec-3f9a0c1d2b4e5f60"));
  EXPECT_TRUE(IsValidRecordingId("A_b-9"));
}

TEST_F(VaultTest, MissingRecordingIsNotFound) {
  EXPECT_EQ(OpenError("rec-none"), ErrorCode::kNotFound);
  EXPECT_FALSE(vault_->Exists("rec-none"));
}

TEST_F(VaultTest, ListIdsShowsOnlyCommittedRecordings) {
  Store(*vault_, "rec-b", PseudoRandomBytes(10, 1), 10);
  Store(*vault_, "rec-a", PseudoRandomBytes(10, 2), 10);
  auto open_writer = vault_->Create("rec-c");
  ASSERT_TRUE(open_writer.ok());
  auto ids = vault_->ListIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"rec-a", "rec-b"}));
}

TEST(VaultOpenTest, RefusesUnsafeOrMissingMasterKeyAndBadChunkSize) {
  ScratchDir dir;
  auto missing = Vault::Open(dir.path());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(InitMasterKey(dir.path() / "master.key").ok());
  ASSERT_EQ(::chmod((dir.path() / "master.key").c_str(), 0644), 0);
  auto unsafe = Vault::Open(dir.path());
  ASSERT_FALSE(unsafe.ok());
  EXPECT_EQ(unsafe.error().code, ErrorCode::kPermission);  // AVG-32
  ASSERT_EQ(::chmod((dir.path() / "master.key").c_str(), 0600), 0);

  for (std::uint32_t chunk : {kMinChunkSize - 1, kMaxChunkSize + 1}) {
    VaultOptions options;
    options.chunk_size = chunk;
    auto bad = Vault::Open(dir.path(), options);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  }
  EXPECT_TRUE(Vault::Open(dir.path()).ok());
}

TEST(VaultOpenTest, MasterKeyMayLiveElsewhere) {
  ScratchDir dir;
  ScratchDir secrets;
  ASSERT_TRUE(InitMasterKey(secrets.path() / "vault.key").ok());
  VaultOptions options;
  options.master_key_path = secrets.path() / "vault.key";
  auto vault = Vault::Open(dir.path(), options);
  ASSERT_TRUE(vault.ok()) << vault.error().ToString();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "master.key"));
}

}  // namespace
}  // namespace fairqm::vault
