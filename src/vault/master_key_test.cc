// AVG-32: the master key is created 0600 and refused when others can reach it.
#include "vault/master_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vault/vault_test_util.h"

namespace fairqm::vault {
namespace {

using testing::ReadFileBytes;
using testing::ScratchDir;
using testing::WriteFileBytes;

TEST(MasterKeyTest, InitCreatesPrivateFileOfRightSize) {
  ScratchDir dir;
  const auto path = dir.path() / "master.key";
  ASSERT_TRUE(InitMasterKey(path).ok());
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(static_cast<std::size_t>(st.st_size), kMasterKeySize);
  auto key = LoadMasterKey(path);
  ASSERT_TRUE(key.ok()) << key.error().ToString();
  EXPECT_EQ(key->size(), kMasterKeySize);
  const auto bytes = ReadFileBytes(path);
  EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), key->data()));
}

TEST(MasterKeyTest, TwoInitsMakeDifferentKeys) {
  ScratchDir dir;
  ASSERT_TRUE(InitMasterKey(dir.path() / "a.key").ok());
  ASSERT_TRUE(InitMasterKey(dir.path() / "b.key").ok());
  EXPECT_NE(ReadFileBytes(dir.path() / "a.key"), ReadFileBytes(dir.path() / "b.key"));
}

TEST(MasterKeyTest, InitRefusesToOverwrite) {
  ScratchDir dir;
  const auto path = dir.path() / "master.key";
  ASSERT_TRUE(InitMasterKey(path).ok());
  const auto before = ReadFileBytes(path);
  Status again = InitMasterKey(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("refusing to overwrite"), std::string::npos);
  EXPECT_EQ(ReadFileBytes(path), before);
}

TEST(MasterKeyTest, InitFailsInMissingDirectory) {
  ScratchDir dir;
  Status s = InitMasterKey(dir.path() / "no-such-dir" / "master.key");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
}

// AVG-32: least privilege; a key readable by group or others is refused.
TEST(MasterKeyTest, LoadRefusesGroupOrOtherAccess) {
  for (mode_t mode : {0644, 0640, 0604, 0620, 0602, 0660, 0666}) {
    ScratchDir dir;
    const auto path = dir.path() / "master.key";
    ASSERT_TRUE(InitMasterKey(path).ok());
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    auto key = LoadMasterKey(path);
    ASSERT_FALSE(key.ok()) << std::oct << mode;
    EXPECT_EQ(key.error().code, ErrorCode::kPermission);
    EXPECT_NE(key.error().message.find("chmod 600"), std::string::npos) << key.error().message;
  }
}

TEST(MasterKeyTest, LoadAcceptsOwnerOnlyModes) {
  for (mode_t mode : {0600, 0400}) {
    ScratchDir dir;
    const auto path = dir.path() / "master.key";
    ASSERT_TRUE(InitMasterKey(path).ok());
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    EXPECT_TRUE(LoadMasterKey(path).ok()) << std::oct << mode;
  }
}

TEST(MasterKeyTest, LoadRefusesWrongSize) {
  for (std::size_t size : {std::size_t{0}, std::size_t{31}, std::size_t{33}, std::size_t{64}}) {
    ScratchDir dir;
    const auto path = dir.path() / "master.key";
    WriteFileBytes(path, std::vector<std::uint8_t>(size, 7));
    ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
    auto key = LoadMasterKey(path);
    ASSERT_FALSE(key.ok()) << size;
    EXPECT_EQ(key.error().code, ErrorCode::kPermission);
    EXPECT_NE(key.error().message.find("expected 32"), std::string::npos);
  }
}

TEST(MasterKeyTest, LoadRefusesSymlinkAndDirectory) {
  ScratchDir dir;
  ASSERT_TRUE(InitMasterKey(dir.path() / "real.key").ok());
  std::filesystem::create_symlink(dir.path() / "real.key", dir.path() / "link.key");
  auto via_link = LoadMasterKey(dir.path() / "link.key");
  ASSERT_FALSE(via_link.ok());
  EXPECT_EQ(via_link.error().code, ErrorCode::kPermission);

  std::filesystem::create_directory(dir.path() / "dir.key");
  ASSERT_EQ(::chmod((dir.path() / "dir.key").c_str(), 0700), 0);
  auto a_dir = LoadMasterKey(dir.path() / "dir.key");
  ASSERT_FALSE(a_dir.ok());
  EXPECT_EQ(a_dir.error().code, ErrorCode::kPermission);
}

TEST(MasterKeyTest, LoadMissingIsNotFound) {
  ScratchDir dir;
  auto key = LoadMasterKey(dir.path() / "master.key");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace fairqm::vault
