// Test support: a real catalogue file in a fresh temporary directory, removed
// again when the object goes. Used by the db, store and audit tests (and any
// module test that needs a catalogue). Not thread-safe; tests only.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "common/temp_dir.h"
#include "db/migrate.h"
#include "db/sqlite.h"

namespace fairqm::db::testing {

using ::fairqm::TempDir;

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
