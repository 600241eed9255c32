// Crash safety, orphan removal and crypto-shredding.
// AVG-17: a destroyed recording cannot be recovered, not even from a backup of
// the catalogue (or of anything else outside the key store).
// AVG-32: keys are kept apart from content and catalogue.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "vault/master_key.h"
#include "vault/vault.h"
#include "vault/vault_test_util.h"

namespace fairqm::vault {
namespace {

using testing::Contains;
using testing::ListFiles;
using testing::PseudoRandomBytes;
using testing::ReadFileBytes;
using testing::ScratchDir;
using testing::WriteFileBytes;

class VaultRecoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitMasterKey(dir_.path() / "master.key").ok());
    vault_ = Reopen();
  }

  std::unique_ptr<Vault> Reopen() {
    VaultOptions options;
    options.chunk_size = 1024;
    auto vault = Vault::Open(dir_.path(), options);
    EXPECT_TRUE(vault.ok()) << vault.error().ToString();
    return vault.ok() ? std::move(vault).value() : nullptr;
  }

  void Store(const std::string& id, const std::vector<std::uint8_t>& data) {
    auto writer = vault_->Create(id);
    ASSERT_TRUE(writer.ok()) << writer.error().ToString();
    ASSERT_TRUE((*writer)->Append(data).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }

  std::vector<std::uint8_t> ReadAll(Vault& vault, const std::string& id) {
    auto reader = vault.OpenReader(id);
    EXPECT_TRUE(reader.ok()) << reader.error().ToString();
    if (!reader.ok()) return {};
    std::vector<std::uint8_t> out((*reader)->size());
    EXPECT_TRUE((*reader)->ReadAt(0, out).ok());
    return out;
  }

  Result<OrphanReport> RemoveOrphans(std::set<std::string> known) {
    return vault_->RemoveOrphans([known](const std::string& id) { return known.count(id) != 0; });
  }

  ScratchDir dir_;
  std::unique_ptr<Vault> vault_;
};

TEST_F(VaultRecoveryTest, CleanVaultHasNoOrphans) {
  Store("rec-a", PseudoRandomBytes(3000, 1));
  auto report = RemoveOrphans({"rec-a"});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->removed(), 0u);
  EXPECT_TRUE(report->unrecognised.empty());
  EXPECT_TRUE(vault_->Exists("rec-a"));
}

// A process killed mid-write (no destructors run) leaves only an unreadable
// temp file; the startup check removes it.
TEST_F(VaultRecoveryTest, CrashMidWriteLeavesNothingReadable) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto writer = vault_->Create("rec-crash");
    if (!writer.ok()) ::_exit(2);
    if (!(*writer)->Append(PseudoRandomBytes(100000, 1)).ok()) ::_exit(3);
    ::_exit(0);  // crash: no Commit, no Abort, no destructor
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);

  auto vault = Reopen();
  EXPECT_FALSE(vault->Exists("rec-crash"));
  auto reader = vault->OpenReader("rec-crash");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(ListFiles(dir_.path() / "keys").empty()) << "a key was stored before commit";
  const auto leftovers = ListFiles(dir_.path() / "content");
  ASSERT_EQ(leftovers.size(), 1u);
  EXPECT_TRUE(leftovers[0].starts_with(".tmp-rec-crash-"));

  auto report = RemoveOrphans({"rec-crash"});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->temp_files, std::vector<std::string>{"content/" + leftovers[0]});
  EXPECT_EQ(report->removed(), 1u);
  EXPECT_TRUE(ListFiles(dir_.path() / "content").empty());
}

// The state a crash between "key stored" and "content renamed" leaves: the
// sealed temp file and a key without content. Both go.
TEST_F(VaultRecoveryTest, CrashBetweenKeyAndPublishRemovesBoth) {
  Store("rec-a", PseudoRandomBytes(3000, 1));
  std::filesystem::rename(vault_->ContentPath("rec-a"),
                          dir_.path() / "content" / ".tmp-rec-a-0123456789abcdef");
  EXPECT_FALSE(vault_->Exists("rec-a"));
  auto reader = vault_->OpenReader("rec-a");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);

  auto report = RemoveOrphans({"rec-a"});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->temp_files, std::vector<std::string>{"content/.tmp-rec-a-0123456789abcdef"});
  EXPECT_EQ(report->keys_without_content, std::vector<std::string>{"rec-a"});
  EXPECT_TRUE(ListFiles(dir_.path() / "content").empty());
  EXPECT_TRUE(ListFiles(dir_.path() / "keys").empty());
}

// The state a crash inside Destroy leaves (key shredded, content not yet
// unlinked): the content is unreadable and the startup check removes it.
TEST_F(VaultRecoveryTest, ContentWithoutKeyIsRemoved) {
  Store("rec-a", PseudoRandomBytes(3000, 1));
  ASSERT_TRUE(ShredFile(vault_->KeyPath("rec-a")).ok());
  auto reader = vault_->OpenReader("rec-a");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);
  // The id stays blocked until the leftover is cleared.
  auto blocked = vault_->Create("rec-a");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kConflict);

  auto report = RemoveOrphans({"rec-a"});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->content_without_key, std::vector<std::string>{"rec-a"});
  EXPECT_EQ(report->removed(), 1u);
  EXPECT_TRUE(ListFiles(dir_.path() / "content").empty());
  EXPECT_TRUE(vault_->Create("rec-a").ok());
}

TEST_F(VaultRecoveryTest, KeyWithoutContentIsShredded) {
  Store("rec-a", PseudoRandomBytes(3000, 1));
  std::filesystem::remove(vault_->ContentPath("rec-a"));
  auto report = RemoveOrphans({"rec-a"});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->keys_without_content, std::vector<std::string>{"rec-a"});
  EXPECT_TRUE(ListFiles(dir_.path() / "keys").empty());
}

TEST_F(VaultRecoveryTest, TempKeyFileIsShredded) {
  WriteFileBytes(dir_.path() / "keys" / ".tmp-rec-a-0011223344556677",
                 std::vector<std::uint8_t>(kWrappedKeySize, 9));
  auto report = RemoveOrphans({});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->temp_files, std::vector<std::string>{"keys/.tmp-rec-a-0011223344556677"});
  EXPECT_TRUE(ListFiles(dir_.path() / "keys").empty());
}

TEST_F(VaultRecoveryTest, RecordingUnknownToCatalogueIsDestroyed) {
  const auto kept = PseudoRandomBytes(3000, 1);
  Store("rec-known", kept);
  Store("rec-stray", PseudoRandomBytes(3000, 2));
  std::vector<std::string> asked;
  auto report = vault_->RemoveOrphans([&](const std::string& id) {
    asked.push_back(id);
    return id == "rec-known";
  });
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(asked, (std::vector<std::string>{"rec-known", "rec-stray"}));
  EXPECT_EQ(report->unknown_to_catalogue, std::vector<std::string>{"rec-stray"});
  EXPECT_EQ(report->removed(), 1u);
  EXPECT_FALSE(vault_->Exists("rec-stray"));
  EXPECT_EQ(ReadAll(*vault_, "rec-known"), kept);
  auto again = RemoveOrphans({"rec-known"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->removed(), 0u);
}

TEST_F(VaultRecoveryTest, UnrecognisedFilesAreLeftAlone) {
  WriteFileBytes(dir_.path() / "content" / "README", {1, 2, 3});
  WriteFileBytes(dir_.path() / "keys" / "bad.name.key", {1, 2, 3});
  auto report = RemoveOrphans({});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->removed(), 0u);
  EXPECT_EQ(report->unrecognised,
            (std::vector<std::string>{"content/README", "keys/bad.name.key"}));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "content" / "README"));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "keys" / "bad.name.key"));
}

// Destroy is idempotent (chosen so a retention sweep killed half-way can redo
// it): a second Destroy, or one of an id never stored, succeeds.
TEST_F(VaultRecoveryTest, DestroyIsIdempotent) {
  Store("rec-a", PseudoRandomBytes(3000, 1));
  ASSERT_TRUE(vault_->Destroy("rec-a").ok());
  EXPECT_FALSE(vault_->Exists("rec-a"));
  auto reader = vault_->OpenReader("rec-a");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(ListFiles(dir_.path() / "content").empty());
  EXPECT_TRUE(ListFiles(dir_.path() / "keys").empty());
  EXPECT_TRUE(vault_->Destroy("rec-a").ok());
  EXPECT_TRUE(vault_->Destroy("rec-never-stored").ok());
}

// Documented: Destroy does not revoke a reader that is already open.
TEST_F(VaultRecoveryTest, ReaderOpenedBeforeDestroyKeepsItsCopy) {
  const auto data = PseudoRandomBytes(3000, 1);
  Store("rec-a", data);
  auto reader = vault_->OpenReader("rec-a");
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE(vault_->Destroy("rec-a").ok());
  std::vector<std::uint8_t> out(data.size());
  ASSERT_TRUE((*reader)->ReadAt(0, out).ok());
  EXPECT_EQ(out, data);
}

// AVG-17 crypto-shredding. Everything outside keys/ (content, master key and a
// catalogue file) is backed up before the destruction and restored after it:
// the recording still cannot be decrypted, and the live key store holds no
// trace of the wrapped key.
TEST_F(VaultRecoveryTest, DestroyedRecordingCannotBeRecoveredFromBackup) {
  const auto secret = PseudoRandomBytes(50000, 77);
  Store("rec-victim", secret);
  Store("rec-other", PseudoRandomBytes(5000, 78));
  // A catalogue-like file beside the vault, as a catalogue would hold ids.
  WriteFileBytes(dir_.path() / "catalogue.sqlite",
                 {'r', 'e', 'c', '-', 'v', 'i', 'c', 't', 'i', 'm'});

  const auto wrapped = ReadFileBytes(vault_->KeyPath("rec-victim"));
  ASSERT_EQ(wrapped.size(), kWrappedKeySize);
  // The key store is the only place the wrapped key exists (AVG-32): no file
  // outside keys/ — what a catalogue or content backup copies — contains it.
  for (const std::string& name : ListFiles(dir_.path())) {
    if (name.starts_with("keys/")) continue;
    EXPECT_FALSE(Contains(ReadFileBytes(dir_.path() / name), wrapped)) << name;
  }

  // Back up everything outside keys/.
  ScratchDir backup;
  for (const std::string& name : ListFiles(dir_.path())) {
    if (name.starts_with("keys/")) continue;
    std::filesystem::create_directories((backup.path() / name).parent_path());
    std::filesystem::copy_file(dir_.path() / name, backup.path() / name);
  }
  // A second name for the key file's inode shows what happens to its bytes.
  const auto witness = dir_.path() / "witness-inode";
  std::filesystem::create_hard_link(vault_->KeyPath("rec-victim"), witness);

  ASSERT_TRUE(vault_->Destroy("rec-victim").ok());

  // Restore the backup over the vault, then open it afresh.
  for (const std::string& name : ListFiles(backup.path())) {
    std::filesystem::copy_file(backup.path() / name, dir_.path() / name,
                               std::filesystem::copy_options::overwrite_existing);
  }
  vault_.reset();
  auto fresh = Reopen();
  ASSERT_NE(fresh, nullptr);
  ASSERT_TRUE(std::filesystem::exists(fresh->ContentPath("rec-victim")));
  auto reader = fresh->OpenReader("rec-victim");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);

  // No key left in the store opens it either: try the restored content under
  // every id that still has a key.
  auto key_ids = ListFiles(dir_.path() / "keys");
  ASSERT_EQ(key_ids, std::vector<std::string>{"rec-other.key"});
  std::filesystem::copy_file(fresh->ContentPath("rec-victim"), fresh->ContentPath("rec-other"),
                             std::filesystem::copy_options::overwrite_existing);
  auto with_other_key = fresh->OpenReader("rec-other");
  ASSERT_FALSE(with_other_key.ok());
  EXPECT_EQ(with_other_key.error().code, ErrorCode::kCorrupt);

  // The live key store no longer yields the wrapped key: not in any file
  // under keys/, and not in the destroyed key file's old inode, which was
  // overwritten before the unlink.
  for (const std::string& name : ListFiles(dir_.path() / "keys")) {
    EXPECT_FALSE(Contains(ReadFileBytes(dir_.path() / "keys" / name), wrapped)) << name;
  }
  const auto old_inode = ReadFileBytes(witness);
  ASSERT_EQ(old_inode.size(), wrapped.size());
  for (std::size_t i = 0; i + 16 <= wrapped.size(); i += 8) {
    EXPECT_FALSE(Contains(old_inode, {wrapped.begin() + i, wrapped.begin() + i + 16})) << i;
  }

  // The startup check clears the restored, unreadable content.
  std::filesystem::remove(witness);
  auto report = fresh->RemoveOrphans([](const std::string&) { return true; });
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->content_without_key, std::vector<std::string>{"rec-victim"});
  EXPECT_FALSE(std::filesystem::exists(fresh->ContentPath("rec-victim")));
}

}  // namespace
}  // namespace fairqm::vault
