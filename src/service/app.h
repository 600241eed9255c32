// service/app: one fairqm installation — its data directory opened for work.
//
// All state lives in one data directory:
//   catalogue.sqlite    the catalogue (db/, store/, audit/) — never a key
//   vault/              master.key (0600), keys/ (wrapped data keys), content/
//   customer-ref.key    the key that turns customer numbers into references
//   fairqm.toml         configuration
//
// App::Init creates a new directory (refusing to touch an existing
// installation); App::Open checks it before any work: the catalogue's schema
// version (a newer catalogue is refused), the key files' permissions (keys
// readable by others are refused), and the vault's startup check, which
// removes half-written or orphaned content and logs each removal.
//
// Ownership: App owns the database, vault and keys, and the NoticeHub that
// carries live notices to people (service/notices.h); the clock and random
// source are borrowed and must outlive it. Thread-safety: the App may be shared
// between threads; each service call takes its own connection.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "capture/customer_ref.h"
#include "common/random.h"
#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "db/sqlite.h"
#include "service/notices.h"
#include "vault/vault.h"

namespace fairqm::service {

struct Config {
  std::string listen = "127.0.0.1:8080";
  int sweep_interval_minutes = 15;
  int opus_bitrate_bps = 24000;  // two-channel speech
  int opus_complexity = 3;
  std::int64_t max_upload_bytes = 2LL * 1024 * 1024 * 1024;
  // KSF-3.6: the sampler spreads the quota over the period using this
  // estimate of contacts per agent per working day.
  double expected_contacts_per_agent_per_day = 40.0;
};

struct DataPaths {
  explicit DataPaths(std::filesystem::path dir);
  std::filesystem::path dir;
  std::filesystem::path catalogue;
  std::filesystem::path vault;
  std::filesystem::path customer_ref_key;
  std::filesystem::path config;
};

// --data DIR, else $FAIRQM_DATA, else ./fairqm-data.
std::filesystem::path ResolveDataDir(const std::string& flag);

class App {
 public:
  static Status Init(const std::filesystem::path& dir, const Clock& clock);
  static Result<std::unique_ptr<App>> Open(const std::filesystem::path& dir, const Clock& clock,
                                           Random& random);

  const DataPaths& paths() const { return paths_; }
  const Config& config() const { return config_; }
  db::SqliteDatabase& database() { return *database_; }
  vault::Vault& vault() { return *vault_; }
  // TRANSPARENCY-live, KSF-6.4: live notices for people.
  NoticeHub& notices() { return *notices_; }
  const capture::CustomerRefKey& customer_refs() const { return customer_refs_; }
  const Clock& clock() const { return clock_; }
  Random& random() { return random_; }
  TimeMs Now() const { return clock_.Now(); }

  Result<std::unique_ptr<db::Connection>> Writer() { return database_->Writer(); }
  Result<std::unique_ptr<db::Connection>> Reader() { return database_->Reader(); }

 private:
  App(DataPaths paths, const Clock& clock, Random& random, capture::CustomerRefKey refs)
      : paths_(std::move(paths)), clock_(clock), random_(random), customer_refs_(refs) {}

  DataPaths paths_;
  Config config_;
  const Clock& clock_;
  Random& random_;
  capture::CustomerRefKey customer_refs_;
  std::unique_ptr<db::SqliteDatabase> database_;
  std::unique_ptr<vault::Vault> vault_;
  std::unique_ptr<NoticeHub> notices_;
};

Result<Config> LoadConfig(const std::filesystem::path& path);

}  // namespace fairqm::service
