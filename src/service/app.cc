#include "service/app.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <toml.hpp>

#include "db/migrate.h"
#include "vault/master_key.h"

namespace fairqm::service {
namespace {

constexpr std::string_view kDefaultConfig =
    R"(# fairqm configuration. Every setting has a safe default.

[server]
# Where `fairqm serve` listens. Put a TLS reverse proxy in front for other hosts.
listen = "127.0.0.1:8080"

[retention]
# How often the server runs the retention sweep (KSF-4.9, KSF-4.10, AVG-5).
sweep_interval_minutes = 15

[audio]
# Stored form: Ogg/Opus. Speech bitrate and encoder complexity (0-10).
opus_bitrate_bps = 24000
opus_complexity = 3

[capture]
# Contacts an agent handles on a working day, roughly. The random sample
# (KSF-3.6) uses it to spread the quota over the period.
expected_contacts_per_agent_per_day = 40.0

[upload]
max_upload_bytes = 2147483648
)";

}  // namespace

DataPaths::DataPaths(std::filesystem::path d)
    : dir(std::move(d)),
      catalogue(dir / "catalogue.sqlite"),
      vault(dir / "vault"),
      customer_ref_key(dir / "customer-ref.key"),
      config(dir / "fairqm.toml") {}

std::filesystem::path ResolveDataDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("FAIRQM_DATA"); env != nullptr && *env != '\0') return env;
  return "fairqm-data";
}

Result<Config> LoadConfig(const std::filesystem::path& path) {
  Config config;
  if (!std::filesystem::exists(path)) return config;
  try {
    auto doc = toml::parse(path.string());
    config.listen = toml::find_or<std::string>(doc, "server", "listen", config.listen);
    config.sweep_interval_minutes =
        toml::find_or<int>(doc, "retention", "sweep_interval_minutes", 15);
    config.opus_bitrate_bps = toml::find_or<int>(doc, "audio", "opus_bitrate_bps", 24000);
    config.opus_complexity = toml::find_or<int>(doc, "audio", "opus_complexity", 3);
    config.expected_contacts_per_agent_per_day =
        toml::find_or<double>(doc, "capture", "expected_contacts_per_agent_per_day",
                              config.expected_contacts_per_agent_per_day);
    config.max_upload_bytes =
        toml::find_or<std::int64_t>(doc, "upload", "max_upload_bytes", config.max_upload_bytes);
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInvalidInput,
                     "configuration " + path.string() + " is not valid: " + e.what());
  }
  if (config.sweep_interval_minutes < 1 || config.opus_complexity < 0 ||
      config.opus_complexity > 10 || config.opus_bitrate_bps < 6000 ||
      config.opus_bitrate_bps > 256000 || config.expected_contacts_per_agent_per_day <= 0) {
    return MakeError(ErrorCode::kInvalidInput,
                     "configuration " + path.string() + " has a value out of range");
  }
  return config;
}

Status App::Init(const std::filesystem::path& dir, const Clock& clock) {
  DataPaths paths(dir);
  std::error_code ec;
  if (std::filesystem::exists(paths.catalogue, ec) ||
      std::filesystem::exists(paths.vault / "master.key", ec)) {
    return MakeError(ErrorCode::kConflict,
                     dir.string() + " already holds a fairqm installation; nothing was changed");
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, "cannot create " + dir.string() + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  std::filesystem::create_directories(paths.vault, ec);
  if (ec) return MakeError(ErrorCode::kIo, "cannot create " + paths.vault.string());
  ::chmod(paths.vault.c_str(), 0700);
  FAIRQM_RETURN_IF_ERROR(vault::InitMasterKey(paths.vault / "master.key"));
  FAIRQM_RETURN_IF_ERROR(capture::CustomerRefKey::Create(paths.customer_ref_key));
  if (!std::filesystem::exists(paths.config)) {
    std::ofstream out(paths.config);
    out << kDefaultConfig;
    if (!out) return MakeError(ErrorCode::kIo, "cannot write " + paths.config.string());
  }
  FAIRQM_ASSIGN_OR_RETURN(auto database, db::SqliteDatabase::Open(paths.catalogue.string()));
  FAIRQM_ASSIGN_OR_RETURN(auto writer, database->Writer());
  FAIRQM_ASSIGN_OR_RETURN(int applied, db::Migrate(*writer, clock.Now()));
  spdlog::info("initialised {} (catalogue migrations applied: {})", dir.string(), applied);
  return OkStatus();
}

Result<std::unique_ptr<App>> App::Open(const std::filesystem::path& dir, const Clock& clock,
                                       Random& random) {
  DataPaths paths(dir);
  if (!std::filesystem::exists(paths.catalogue)) {
    return MakeError(ErrorCode::kNotFound, "no fairqm installation in " + dir.string() +
                                               " (run `fairqm init --data " + dir.string() + "`)");
  }
  FAIRQM_ASSIGN_OR_RETURN(auto refs, capture::CustomerRefKey::Load(paths.customer_ref_key));
  std::unique_ptr<App> app(new App(paths, clock, random, refs));
  FAIRQM_ASSIGN_OR_RETURN(app->config_, LoadConfig(paths.config));
  db::SqliteDatabase::Options options;
  options.create = false;
  FAIRQM_ASSIGN_OR_RETURN(app->database_,
                          db::SqliteDatabase::Open(paths.catalogue.string(), options));
  {
    FAIRQM_ASSIGN_OR_RETURN(auto writer, app->database_->Writer());
    // A catalogue migrated by a newer fairqm is refused before anything runs.
    FAIRQM_RETURN_IF_ERROR(db::CheckVersion(*writer));
    FAIRQM_ASSIGN_OR_RETURN(int applied, db::Migrate(*writer, clock.Now()));
    if (applied > 0) spdlog::info("catalogue upgraded ({} migrations)", applied);
  }
  {
    // Sequence numbers start from the clock so they keep rising across
    // restarts: a browser's Last-Event-ID from before is never "the future".
    NoticeHub::Options notice_options;
    notice_options.first_seq = std::max<std::int64_t>(clock.Now(), 0) * 1000 + 1;
    app->notices_ = std::make_unique<NoticeHub>(notice_options);
  }
  vault::VaultOptions vault_options;
  vault_options.master_key_path = paths.vault / "master.key";
  FAIRQM_ASSIGN_OR_RETURN(app->vault_, vault::Vault::Open(paths.vault, vault_options));
  // Startup check: content the catalogue does not know (an ingest killed
  // between vault commit and catalogue commit) is crypto-shredded.
  FAIRQM_ASSIGN_OR_RETURN(auto reader, app->database_->Reader());
  auto orphans = app->vault_->RemoveOrphans([&](const std::string& id) {
    auto rows = reader->Query("SELECT 1 FROM recordings WHERE id = $1 AND destroyed_at IS NULL",
                              {db::Value(id)});
    // On a query error keep the content: never destroy on uncertainty.
    return !rows.ok() || !rows->empty();
  });
  if (!orphans.ok()) return orphans.error();
  if (orphans->removed() > 0) {
    spdlog::warn("startup check removed {} orphaned vault item(s)", orphans->removed());
  }
  return app;
}

}  // namespace fairqm::service
