// The key store: wrapped per-recording data keys apart from content and
// catalogue (AVG-17), shredded on destroy.
#include "vault/key_store.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include "vault/master_key.h"
#include "vault/vault_test_util.h"

namespace fairqm::vault {
namespace {

using testing::Contains;
using testing::ReadFileBytes;
using testing::ScratchDir;

class KeyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitMasterKey(dir_.path() / "master.key").ok());
    auto master = LoadMasterKey(dir_.path() / "master.key");
    ASSERT_TRUE(master.ok());
    auto store = KeyStore::Open(dir_.path() / "keys", *master);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    store_ = std::make_unique<KeyStore>(std::move(store).value());
    auto key = SecretBytes::Allocate(32);
    ASSERT_TRUE(key.ok());
    data_key_ = std::move(key).value();
    randombytes_buf(data_key_.data(), data_key_.size());
  }

  ScratchDir dir_;
  std::unique_ptr<KeyStore> store_;
  SecretBytes data_key_;
};

TEST_F(KeyStoreTest, PutGetRoundTrip) {
  ASSERT_TRUE(store_->Put("rec-1", store_->Wrap("rec-1", data_key_)).ok());
  EXPECT_TRUE(store_->Has("rec-1"));
  auto got = store_->Get("rec-1");
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_EQ(0, sodium_memcmp(got->data(), data_key_.data(), 32));
  struct stat st;
  ASSERT_EQ(::stat(store_->PathFor("rec-1").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(static_cast<std::size_t>(st.st_size), kWrappedKeySize);
  ASSERT_EQ(::stat(store_->dir().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  // AVG-32: the key file holds the key only wrapped.
  const auto file = ReadFileBytes(store_->PathFor("rec-1"));
  EXPECT_FALSE(Contains(file, std::vector<std::uint8_t>(data_key_.data(), data_key_.data() + 32)));
}

TEST_F(KeyStoreTest, PutNeverReplaces) {
  ASSERT_TRUE(store_->Put("rec-1", store_->Wrap("rec-1", data_key_)).ok());
  const auto before = ReadFileBytes(store_->PathFor("rec-1"));
  Status again = store_->Put("rec-1", store_->Wrap("rec-1", data_key_));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(ReadFileBytes(store_->PathFor("rec-1")), before);
  EXPECT_EQ(testing::ListFiles(store_->dir()), std::vector<std::string>{"rec-1.key"});
}

TEST_F(KeyStoreTest, MissingKeyIsNotFound) {
  auto got = store_->Get("rec-none");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
}

TEST_F(KeyStoreTest, KeyMovedToAnotherIdDoesNotUnwrap) {
  ASSERT_TRUE(store_->Put("rec-1", store_->Wrap("rec-1", data_key_)).ok());
  std::filesystem::rename(store_->PathFor("rec-1"), store_->PathFor("rec-2"));
  auto got = store_->Get("rec-2");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kCorrupt);
}

TEST_F(KeyStoreTest, TamperedOrMalformedKeyIsCorrupt) {
  ASSERT_TRUE(store_->Put("rec-1", store_->Wrap("rec-1", data_key_)).ok());
  auto bytes = ReadFileBytes(store_->PathFor("rec-1"));
  bytes[40] ^= 1;
  testing::WriteFileBytes(store_->PathFor("rec-1"), bytes);
  auto tampered = store_->Get("rec-1");
  ASSERT_FALSE(tampered.ok());
  EXPECT_EQ(tampered.error().code, ErrorCode::kCorrupt);

  bytes.pop_back();
  testing::WriteFileBytes(store_->PathFor("rec-1"), bytes);
  auto short_file = store_->Get("rec-1");
  ASSERT_FALSE(short_file.ok());
  EXPECT_EQ(short_file.error().code, ErrorCode::kCorrupt);
}

TEST_F(KeyStoreTest, AnotherMasterKeyCannotUnwrap) {
  ASSERT_TRUE(store_->Put("rec-1", store_->Wrap("rec-1", data_key_)).ok());
  ASSERT_TRUE(InitMasterKey(dir_.path() / "other.key").ok());
  auto other_master = LoadMasterKey(dir_.path() / "other.key");
  ASSERT_TRUE(other_master.ok());
  auto other = KeyStore::Open(store_->dir(), *other_master);
  ASSERT_TRUE(other.ok());
  auto got = other->Get("rec-1");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kCorrupt);
}

// AVG-17: destroy overwrites the file in place before unlinking it. A hard
// link taken beforehand still reaches the inode and must show other bytes.
TEST_F(KeyStoreTest, DestroyOverwritesBeforeUnlink) {
  ASSERT_TRUE(store_->Put("rec-1", store_->Wrap("rec-1", data_key_)).ok());
  const auto wrapped = ReadFileBytes(store_->PathFor("rec-1"));
  const auto witness = dir_.path() / "witness";
  std::filesystem::create_hard_link(store_->PathFor("rec-1"), witness);
  auto destroyed = store_->Destroy("rec-1");
  ASSERT_TRUE(destroyed.ok());
  EXPECT_TRUE(*destroyed);
  EXPECT_FALSE(store_->Has("rec-1"));
  const auto after = ReadFileBytes(witness);
  ASSERT_EQ(after.size(), wrapped.size());
  EXPECT_NE(after, wrapped);
  // No 16-byte window of the wrapped key survives in the old inode.
  for (std::size_t i = 0; i + 16 <= wrapped.size(); i += 16) {
    EXPECT_FALSE(Contains(after, {wrapped.begin() + i, wrapped.begin() + i + 16})) << i;
  }
  auto again = store_->Destroy("rec-1");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
}

TEST_F(KeyStoreTest, ListsIdsAndRemovesTempFiles) {
  ASSERT_TRUE(store_->Put("rec-b", store_->Wrap("rec-b", data_key_)).ok());
  ASSERT_TRUE(store_->Put("rec-a", store_->Wrap("rec-a", data_key_)).ok());
  testing::WriteFileBytes(store_->dir() / ".tmp-rec-c-0011223344556677",
                          std::vector<std::uint8_t>(80, 1));
  auto ids = store_->ListIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"rec-a", "rec-b"}));
  auto temps = store_->RemoveTempFiles();
  ASSERT_TRUE(temps.ok());
  EXPECT_EQ(*temps, std::vector<std::string>{".tmp-rec-c-0011223344556677"});
  EXPECT_EQ(testing::ListFiles(store_->dir()),
            (std::vector<std::string>{"rec-a.key", "rec-b.key"}));
}

}  // namespace
}  // namespace fairqm::vault
