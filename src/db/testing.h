// Test support: a real catalogue file in a fresh temporary directory, removed
// again when the object goes. Used by the db, store and audit tests (and any
// module test that needs a catalogue). Not thread-safe; tests only.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "db/migrate.h"
#include "db/sqlite.h"

namespace fairqm::db::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fairqm-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// An opened, migrated catalogue with one writer connection ready.
class TempCatalogue {
 public:
  TempCatalogue() {
    auto database = SqliteDatabase::Open((dir_.path() / "catalogue.db").string());
    if (!database.ok()) std::abort();
    database_ = std::move(database).value();
    auto writer = database_->Writer();
    if (!writer.ok()) std::abort();
    writer_ = std::move(writer).value();
    if (!Migrate(*writer_, 0).ok()) std::abort();
  }
  ~TempCatalogue() {
    writer_.reset();  // connections before their database
    database_.reset();
  }
  SqliteDatabase& database() { return *database_; }
  Connection& conn() { return *writer_; }
  std::filesystem::path file() const { return dir_.path() / "catalogue.db"; }

 private:
  TempDir dir_;
  std::unique_ptr<SqliteDatabase> database_;
  std::unique_ptr<Connection> writer_;
};

}  // namespace fairqm::db::testing
