#include "db/sqlite.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "db/testing.h"

namespace fairqm::db {
namespace {

using testing::TempDir;

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database =
        SqliteDatabase::Open((dir_.path() / "t.db").string(), SqliteDatabase::Options{true, 300});
    ASSERT_TRUE(database.ok()) << database.error().ToString();
    database_ = std::move(database).value();
    auto writer = database_->Writer();
    ASSERT_TRUE(writer.ok());
    writer_ = std::move(writer).value();
    ASSERT_TRUE(
        writer_
            ->ExecScript("CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT, x DOUBLE PRECISION,"
                         " s TEXT, CHECK (n >= 0));")
            .ok());
  }
  void TearDown() override {
    writer_.reset();
    database_.reset();
  }

  TempDir dir_;
  std::unique_ptr<SqliteDatabase> database_;
  std::unique_ptr<Connection> writer_;
};

// Checkpoints happen on the database's own thread: a commit that fills the
// log past kCheckpointPages returns at once, and shortly after, the pages
// are in the catalogue file without anyone else committing.
TEST_F(SqliteTest, CheckpointsRunInTheBackground) {
  const auto file = dir_.path() / "t.db";
  const auto before = std::filesystem::file_size(file);
  std::string big(4096 * (kCheckpointPages + 200), 'x');
  ASSERT_TRUE(writer_->Exec("INSERT INTO t (id, n, s) VALUES ('big', 1, $1)", {big}).ok());
  std::uintmax_t after = before;
  for (int i = 0; i < 500 && after < big.size(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    after = std::filesystem::file_size(file);
  }
  EXPECT_GE(after, big.size()) << "the log was not copied into the catalogue file";
  auto row = writer_->Query("SELECT length(s) FROM t WHERE id = 'big'");
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)[0].Int(0), static_cast<std::int64_t>(big.size()));
}

TEST_F(SqliteTest, OpensInWalModeWithForeignKeys) {
  auto mode = writer_->Query("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  EXPECT_EQ((*mode)[0].Text(0), "wal");
  auto fk = writer_->Query("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.ok());
  EXPECT_EQ((*fk)[0].Int(0), 1);
  auto sync = writer_->Query("PRAGMA synchronous");
  ASSERT_TRUE(sync.ok());
  EXPECT_EQ((*sync)[0].Int(0), 1);  // NORMAL
  EXPECT_EQ(writer_->Engine(), "sqlite");
}

TEST_F(SqliteTest, RoundTripsEveryValueKind) {
  auto changed = writer_->Exec("INSERT INTO t (id, n, x, s) VALUES ($1, $2, $3, $4)",
                               {std::string("a"), std::int64_t{1} << 40, 2.5, Null()});
  ASSERT_TRUE(changed.ok()) << changed.error().ToString();
  EXPECT_EQ(*changed, 1);
  auto rows = writer_->Query("SELECT id, n, x, s FROM t WHERE id = $1", {std::string("a")});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const Row& row = (*rows)[0];
  EXPECT_EQ(row.Text(0), "a");
  EXPECT_EQ(row.Int(1), std::int64_t{1} << 40);
  EXPECT_DOUBLE_EQ(row.Real(2), 2.5);
  EXPECT_TRUE(row.IsNull(3));
  EXPECT_EQ(row.Text(3), "");
  EXPECT_EQ(row.OptInt(3), std::nullopt);
  EXPECT_EQ(row.OptInt(1), std::int64_t{1} << 40);
}

TEST_F(SqliteTest, BindsPlaceholdersByNumberNotPosition) {
  // $2 appears before $1 and $1 appears twice: binding must follow the number.
  ASSERT_TRUE(writer_
                  ->Exec("INSERT INTO t (s, id, n) VALUES ($2, $1, length($1))",
                         {std::string("key"), std::string("value")})
                  .ok());
  auto rows = writer_->Query("SELECT id, s, n FROM t");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "key");
  EXPECT_EQ((*rows)[0].Text(1), "value");
  EXPECT_EQ((*rows)[0].Int(2), 3);
}

TEST_F(SqliteTest, RefusesWrongParameterCountAndOtherPlaceholderStyles) {
  auto too_few = writer_->Exec("INSERT INTO t (id, n) VALUES ($1, $2)", {std::string("a")});
  ASSERT_FALSE(too_few.ok());
  EXPECT_EQ(too_few.error().code, ErrorCode::kInvalidInput);
  auto gap =
      writer_->Exec("INSERT INTO t (id, n) VALUES ($1, $3)", {std::string("a"), Null(), Null()});
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().code, ErrorCode::kInvalidInput);
  auto question = writer_->Exec("INSERT INTO t (id) VALUES (?)", {std::string("a")});
  ASSERT_FALSE(question.ok());
  EXPECT_EQ(question.error().code, ErrorCode::kInvalidInput);
  auto two = writer_->Exec("SELECT 1; SELECT 2");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code, ErrorCode::kInvalidInput);
}

TEST_F(SqliteTest, ConstraintViolationIsConflict) {
  ASSERT_TRUE(writer_->Exec("INSERT INTO t (id, n) VALUES ($1, 1)", {std::string("a")}).ok());
  auto duplicate = writer_->Exec("INSERT INTO t (id, n) VALUES ($1, 1)", {std::string("a")});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto check = writer_->Exec("INSERT INTO t (id, n) VALUES ($1, -1)", {std::string("b")});
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, ErrorCode::kConflict);
  // The cached statement still works after a failure.
  EXPECT_TRUE(writer_->Exec("INSERT INTO t (id, n) VALUES ($1, 1)", {std::string("c")}).ok());
}

TEST_F(SqliteTest, SyntaxErrorIsIo) {
  auto bad = writer_->Query("SELEC nothing");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kIo);
  EXPECT_NE(bad.error().message.find("SELEC nothing"), std::string::npos);
}

TEST_F(SqliteTest, TransactionRollsBackUnlessCommitted) {
  {
    auto transaction = Transaction::Begin(*writer_);
    ASSERT_TRUE(transaction.ok());
    EXPECT_TRUE(writer_->InTransaction());
    ASSERT_TRUE(writer_->Exec("INSERT INTO t (id) VALUES ('gone')").ok());
  }
  EXPECT_FALSE(writer_->InTransaction());
  {
    auto transaction = Transaction::Begin(*writer_);
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(writer_->Exec("INSERT INTO t (id) VALUES ('kept')").ok());
    ASSERT_TRUE(transaction->Commit().ok());
    EXPECT_FALSE(transaction->Commit().ok());  // only once
  }
  auto rows = writer_->Query("SELECT id FROM t");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "kept");
}

TEST_F(SqliteTest, ReaderCannotWriteButSeesCommittedData) {
  auto reader = database_->Reader();
  ASSERT_TRUE(reader.ok());
  auto write = (*reader)->Exec("INSERT INTO t (id) VALUES ('r')");
  ASSERT_FALSE(write.ok());
  ASSERT_TRUE(writer_->Exec("INSERT INTO t (id) VALUES ('w')").ok());
  auto rows = (*reader)->Query("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 1);
}

TEST_F(SqliteTest, ReaderSnapshotIgnoresLaterCommits) {
  auto reader = database_->Reader();
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->Begin().ok());
  auto before = (*reader)->Query("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(writer_->Exec("INSERT INTO t (id) VALUES ('w')").ok());
  auto during = (*reader)->Query("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(during.ok());
  EXPECT_EQ((*during)[0].Int(0), 0);
  ASSERT_TRUE((*reader)->Commit().ok());
  auto after = (*reader)->Query("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)[0].Int(0), 1);
}

TEST_F(SqliteTest, SecondWriterWaitsThenTimesOut) {
  auto other = database_->Writer();
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(writer_->Begin().ok());
  // One writer at a time: the second waits the busy timeout (300 ms), then fails.
  auto blocked = (*other)->Begin();
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kIo);
  EXPECT_NE(blocked.error().message.find("busy"), std::string::npos);
  auto blocked_exec = (*other)->Exec("INSERT INTO t (id) VALUES ('x')");
  ASSERT_FALSE(blocked_exec.ok());
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_TRUE((*other)->Begin().ok());
  EXPECT_TRUE((*other)->Rollback().ok());
}

TEST_F(SqliteTest, TwoThreadsWritingAreSerialised) {
  // Each thread does read-modify-write of one counter in a transaction; with
  // one writer at a time no increment is lost.
  ASSERT_TRUE(writer_->Exec("INSERT INTO t (id, n) VALUES ('counter', 0)").ok());
  constexpr int kIncrements = 200;
  std::atomic<int> failures{0};
  auto work = [&] {
    auto connection = database_->Writer();
    if (!connection.ok()) {
      ++failures;
      return;
    }
    Connection& conn = **connection;
    for (int i = 0; i < kIncrements; ++i) {
      auto transaction = Transaction::Begin(conn);
      if (!transaction.ok()) {
        ++failures;
        continue;
      }
      auto rows = conn.Query("SELECT n FROM t WHERE id = 'counter'");
      if (!rows.ok() ||
          !conn.Exec("UPDATE t SET n = $1 WHERE id = 'counter'", {(*rows)[0].Int(0) + 1}).ok() ||
          !transaction->Commit().ok()) {
        ++failures;
      }
    }
  };
  std::thread first(work);
  std::thread second(work);
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0);
  auto rows = writer_->Query("SELECT n FROM t WHERE id = 'counter'");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 2 * kIncrements);
}

TEST_F(SqliteTest, ConnectionsAreReusedWithTheirStatementCache) {
  for (int i = 0; i < 20; ++i) {
    auto reader = database_->Reader();
    ASSERT_TRUE(reader.ok());
    auto rows = (*reader)->Query("SELECT COUNT(*) FROM t WHERE n > $1", {std::int64_t{i}});
    ASSERT_TRUE(rows.ok());
  }
}

TEST(SqliteOpenTest, MissingFileWithoutCreateIsNotFound) {
  TempDir dir;
  auto database = SqliteDatabase::Open((dir.path() / "absent.db").string(),
                                       SqliteDatabase::Options{false, 1000});
  ASSERT_FALSE(database.ok());
  EXPECT_EQ(database.error().code, ErrorCode::kNotFound);
}

TEST(SqliteOpenTest, RefusesInMemoryCatalogue) {
  auto database = SqliteDatabase::Open(":memory:");
  ASSERT_FALSE(database.ok());
  EXPECT_EQ(database.error().code, ErrorCode::kInvalidInput);
}

TEST(SqliteOpenTest, UnwritableDirectoryIsIo) {
  auto database = SqliteDatabase::Open("/proc/fairqm-no-such-dir/catalogue.db");
  ASSERT_FALSE(database.ok());
  EXPECT_EQ(database.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace fairqm::db
