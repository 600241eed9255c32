// Catalogue migrations: versioned, forward-only SQL scripts per engine,
// `migrations/<engine>/NNNN_name.sql` in the source tree, embedded into the
// binary at build time (so an installed fairqm needs no source tree).
//
// The catalogue records what was applied in one table,
//   schema_migrations(version INTEGER PRIMARY KEY, name TEXT, applied_at INTEGER).
// Migrate() applies the pending scripts in order, each in its own write
// transaction together with its schema_migrations row, so a crash leaves the
// catalogue at a clean version. Running it again is a no-op. A catalogue that
// is newer than this binary (a later fairqm migrated it) is refused with
// kConflict: the server and CLI must not run against a schema they do not
// know.
//
// Thread-safety: free functions over the caller's connection (a writer for
// Migrate). Failures are Result values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"

namespace fairqm::db {

struct Migration {
  int version = 0;
  std::string name;  // "catalogue" for 0001_catalogue.sql
  std::string_view sql;
};

// The migrations built into this binary for an engine ("sqlite"), in version
// order. Fails with kInternal if the embedded set is malformed (a bad file
// name, a gap or a duplicate version) — a build mistake, caught by tests.
Result<std::vector<Migration>> EmbeddedMigrations(std::string_view engine);

// The newest version this binary knows for the connection's engine.
Result<int> LatestKnownVersion(std::string_view engine);

// The catalogue's current version: 0 for an empty catalogue.
Result<int> CurrentVersion(Connection& connection);

// kConflict "catalogue version N is newer than this fairqm (M); upgrade
// fairqm" when the catalogue was migrated by a newer binary.
Status CheckVersion(Connection& connection);

// Applies every pending migration; returns how many were applied. Must not be
// called inside an open transaction (it opens one per migration).
Result<int> Migrate(Connection& connection, TimeMs now);

// Applies the given migrations (exposed for tests of the runner itself).
Result<int> MigrateWith(Connection& connection, const std::vector<Migration>& migrations,
                        TimeMs now);

}  // namespace fairqm::db
