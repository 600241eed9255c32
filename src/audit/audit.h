// audit: the append-only, tamper-evident log of every access to personal data
// and every decision (AVG-5-accountability), kept in the catalogue table
// audit_log.
//
// Each entry has a sequence number assigned by Append (contiguous from 1) and
// is chained to the one before: hash = BLAKE2b-256 over an unambiguous
// encoding (domain tag, then every field length-prefixed, the sequence number
// and the previous entry's hash included); the first entry's prev_hash is 32
// zero bytes. Hashes are stored as lowercase hex.
//
// Append must run inside the caller's write transaction, so an action and its
// audit entry commit together or not at all. It reads the last entry and
// writes the next: the catalogue's one-writer rule (db/sqlite.h: one write
// transaction at a time, BEGIN IMMEDIATE between processes) makes that
// race-free without a lock of its own.
//
// Verify streams the log in sequence order (bounded memory: pages plus a few
// point look-ups) and names the first problem it finds: an edited entry, a
// missing (deleted) one, an inserted (forged) one, or entries out of order.
// The chain cannot show entries cut off the end, or a log rewritten from
// some point on by someone who recomputes every later hash; an anchor — the
// head (seq, hash) recorded elsewhere earlier, e.g. in the operator's log or
// a signed export — closes that gap.
//
// The SQLite schema also refuses UPDATE and DELETE on audit_log (triggers);
// the chain is what remains when someone with the file removes them.
// Free functions over the caller's connection; failures are Result values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::audit {

enum class Decision { kAllowed, kRefused };
std::string_view DecisionName(Decision decision);  // "allowed" / "refused"

struct Entry {
  TimeMs at = 0;
  std::string actor_id;
  std::string actor_role;  // domain::Name(Role), or "system" for sweeps
  std::string action;      // "recording.listen", "evaluation.share", "retention.destroy" …
  std::string subject_kind;
  std::string subject_id;
  // Whose personal data this touched: lets an agent see who accessed their
  // data (AVG-5-accountability SHOW). Empty when no agent's data is involved.
  std::string subject_agent_id;
  std::optional<domain::Purpose> purpose;
  Decision decision = Decision::kAllowed;
  std::string rule;           // the rule applied, e.g. "KSF-4.7"; empty if none
  std::string detail = "{}";  // a JSON object with whatever else matters
};

struct StoredEntry {
  std::int64_t seq = 0;
  Entry entry;
  std::string prev_hash;  // hex
  std::string hash;       // hex
};

// Appends `entry` as the next entry; returns its seq. kInternal outside a
// transaction; kInvalidInput if detail is not a JSON object.
Result<std::int64_t> Append(db::Connection& conn, const Entry& entry);

// The chain's hash of an entry at `seq` after `prev_hash` (hex). Exposed so
// tests can play an attacker who knows the algorithm.
std::string ComputeHash(std::int64_t seq, const Entry& entry, std::string_view prev_hash);

// The genesis prev_hash: 32 zero bytes in hex.
const std::string& GenesisHash();

// The last entry: seq 0 and the genesis hash for an empty log.
struct Head {
  std::int64_t seq = 0;
  std::string hash;
};
Result<Head> GetHead(db::Connection& conn);

struct VerifyReport {
  bool ok = true;
  std::int64_t entries = 0;  // entries read
  std::optional<std::int64_t> first_bad_seq;
  // "entry 17 was edited", "entry 18 is missing (deleted)", "entry 12 was
  // inserted", "entries 20 and 21 are out of order" …; empty when ok.
  std::string problem;
};

// Checks the whole chain; with an anchor, also that the log still reaches it
// unchanged. A broken chain is a report, not an error: errors are for
// failures to read the catalogue.
Result<VerifyReport> Verify(db::Connection& conn, const std::optional<Head>& anchor = std::nullopt);

// AVG-5-accountability SHOW: entries about an agent's data, newest first,
// at most `limit`, before `before_seq` if given (paging).
Result<std::vector<StoredEntry>> ListForSubjectAgent(db::Connection& conn,
                                                     std::string_view agent_id, int limit,
                                                     std::optional<std::int64_t> before_seq = {});

struct Filter {
  std::optional<std::string> actor_id;
  std::optional<std::string> action;
  std::optional<TimeMs> from;  // at >= from
  std::optional<TimeMs> to;    // at < to
  std::optional<Decision> decision;
  std::optional<std::string> rule;
  std::optional<std::string> subject_agent_id;
  std::optional<std::int64_t> before_seq;  // paging: entries older than this
  int limit = 100;
};
// Entries matching every set field, newest first.
Result<std::vector<StoredEntry>> Search(db::Connection& conn, const Filter& filter);

}  // namespace fairqm::audit
