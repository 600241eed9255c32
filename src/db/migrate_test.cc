#include "db/migrate.h"

#include <gtest/gtest.h>

#include "db/testing.h"

namespace fairqm::db {
namespace {

using testing::TempDir;

class MigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = SqliteDatabase::Open((dir_.path() / "c.db").string());
    ASSERT_TRUE(database.ok());
    database_ = std::move(database).value();
    auto writer = database_->Writer();
    ASSERT_TRUE(writer.ok());
    conn_ = std::move(writer).value();
  }
  void TearDown() override {
    conn_.reset();
    database_.reset();
  }

  TempDir dir_;
  std::unique_ptr<SqliteDatabase> database_;
  std::unique_ptr<Connection> conn_;
};

TEST_F(MigrateTest, EmbeddedSqliteMigrationsAreNumberedFromOne) {
  auto migrations = EmbeddedMigrations("sqlite");
  ASSERT_TRUE(migrations.ok()) << migrations.error().ToString();
  ASSERT_FALSE(migrations->empty());
  EXPECT_EQ((*migrations)[0].version, 1);
  EXPECT_EQ((*migrations)[0].name, "catalogue");
  EXPECT_NE((*migrations)[0].sql.find("CREATE TABLE recordings"), std::string_view::npos);
}

TEST_F(MigrateTest, MigratesAnEmptyCatalogueThenIsANoOp) {
  auto before = CurrentVersion(*conn_);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before, 0);
  auto latest = LatestKnownVersion("sqlite");
  ASSERT_TRUE(latest.ok());

  auto applied = Migrate(*conn_, 1234);
  ASSERT_TRUE(applied.ok()) << applied.error().ToString();
  EXPECT_EQ(*applied, *latest);
  auto after = CurrentVersion(*conn_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, *latest);
  auto rows = conn_->Query("SELECT name, applied_at FROM schema_migrations WHERE version = 1");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "catalogue");
  EXPECT_EQ((*rows)[0].Int(1), 1234);

  auto again = Migrate(*conn_, 5678);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_TRUE(CheckVersion(*conn_).ok());
}

TEST_F(MigrateTest, RefusesACatalogueNewerThanTheBinary) {
  ASSERT_TRUE(Migrate(*conn_, 0).ok());
  ASSERT_TRUE(conn_
                  ->Exec("INSERT INTO schema_migrations (version, name, applied_at)"
                         " VALUES (9999, 'future', 0)")
                  .ok());
  auto latest = LatestKnownVersion("sqlite");
  ASSERT_TRUE(latest.ok());
  Status check = CheckVersion(*conn_);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, ErrorCode::kConflict);
  EXPECT_EQ(check.error().message, "catalogue version 9999 is newer than this fairqm (" +
                                       std::to_string(*latest) + "); upgrade fairqm");
  auto migrate = Migrate(*conn_, 0);
  ASSERT_FALSE(migrate.ok());
  EXPECT_EQ(migrate.error().code, ErrorCode::kConflict);
}

TEST_F(MigrateTest, AppliesOnlyPendingVersionsInOrder) {
  const std::vector<Migration> first = {{1, "one", "CREATE TABLE a (x INTEGER);"}};
  const std::vector<Migration> both = {{1, "one", "CREATE TABLE a (x INTEGER);"},
                                       {2, "two", "CREATE TABLE b (y INTEGER);"}};
  auto applied = MigrateWith(*conn_, first, 0);
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, 1);
  applied = MigrateWith(*conn_, both, 0);
  ASSERT_TRUE(applied.ok()) << applied.error().ToString();
  EXPECT_EQ(*applied, 1);
  EXPECT_TRUE(conn_->Query("SELECT y FROM b").ok());
}

TEST_F(MigrateTest, FailedMigrationLeavesThePreviousVersion) {
  const std::vector<Migration> broken = {
      {1, "one", "CREATE TABLE a (x INTEGER);"},
      {2, "broken", "CREATE TABLE b (y INTEGER); CREATE TABLE a (x INTEGER);"}};
  auto applied = MigrateWith(*conn_, broken, 0);
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.error().message.find("migration 2 (broken) failed"), std::string::npos);
  auto version = CurrentVersion(*conn_);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 1);
  // The half-applied script was rolled back with its transaction.
  EXPECT_FALSE(conn_->Query("SELECT y FROM b").ok());
}

TEST_F(MigrateTest, RefusesToRunInsideATransaction) {
  ASSERT_TRUE(conn_->Begin().ok());
  auto applied = Migrate(*conn_, 0);
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, ErrorCode::kInternal);
  ASSERT_TRUE(conn_->Rollback().ok());
}

TEST_F(MigrateTest, AuditLogRefusesUpdateAndDelete) {
  ASSERT_TRUE(Migrate(*conn_, 0).ok());
  ASSERT_TRUE(conn_
                  ->Exec("INSERT INTO audit_log VALUES (1, 0, 'a', 'admin', 'x', '', '', '', '',"
                         " 'allowed', '', '{}', '', '')")
                  .ok());
  auto update = conn_->Exec("UPDATE audit_log SET actor_id = 'b'");
  ASSERT_FALSE(update.ok());
  EXPECT_NE(update.error().message.find("append-only"), std::string::npos);
  auto remove = conn_->Exec("DELETE FROM audit_log");
  ASSERT_FALSE(remove.ok());
}

}  // namespace
}  // namespace fairqm::db
