#include "audit/audit.h"

#include <sodium.h>

#include <array>
#include <nlohmann/json.hpp>

#include "domain/names.h"

namespace fairqm::audit {
namespace {

constexpr std::string_view kHashDomain = "fairqm-audit-v1";
constexpr int kVerifyPage = 512;

#define FAIRQM_AUDIT_COLUMNS                                                           \
  "seq, at, actor_id, actor_role, action, subject_kind, subject_id, subject_agent_id," \
  " purpose, decision, rule, detail, prev_hash, hash"
constexpr std::string_view kSelectHead =
    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
constexpr std::string_view kInsertEntry =
    "INSERT INTO audit_log (" FAIRQM_AUDIT_COLUMNS
    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
constexpr std::string_view kSelectPage =
    "SELECT " FAIRQM_AUDIT_COLUMNS " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2";
constexpr std::string_view kSelectBySeq =
    "SELECT " FAIRQM_AUDIT_COLUMNS " FROM audit_log WHERE seq = $1";
// audit_log_by_hash
constexpr std::string_view kSelectSeqByHash =
    "SELECT seq FROM audit_log WHERE hash = $1 ORDER BY seq LIMIT 1";
// audit_log_by_subject_agent
constexpr std::string_view kListForSubjectAgent =
    "SELECT " FAIRQM_AUDIT_COLUMNS
    " FROM audit_log WHERE subject_agent_id = $1 AND seq < $2"
    " ORDER BY seq DESC LIMIT $3";
// Search is assembled from these fragments; each condition adds one $n.
constexpr std::string_view kSearchBase =
    "SELECT " FAIRQM_AUDIT_COLUMNS " FROM audit_log WHERE seq < $1";
constexpr std::string_view kSearchActor = " AND actor_id = $";
constexpr std::string_view kSearchAction = " AND action = $";
constexpr std::string_view kSearchFrom = " AND at >= $";
constexpr std::string_view kSearchTo = " AND at < $";
constexpr std::string_view kSearchDecision = " AND decision = $";
constexpr std::string_view kSearchRule = " AND rule = $";
constexpr std::string_view kSearchSubjectAgent = " AND subject_agent_id = $";
constexpr std::string_view kSearchOrder = " ORDER BY seq DESC LIMIT $";

// An entry exactly as stored: every field as text or integer, so Verify
// hashes what is in the table even when someone wrote nonsense into it.
struct RawEntry {
  std::int64_t seq = 0;
  std::int64_t at = 0;
  std::array<std::string, 10> text;  // actor_id … detail, in column order
  std::string prev_hash;
  std::string hash;
};

RawEntry RawFromRow(const db::Row& row) {
  RawEntry raw;
  raw.seq = row.Int(0);
  raw.at = row.Int(1);
  for (std::size_t index = 0; index < raw.text.size(); ++index)
    raw.text[index] = row.Text(2 + index);
  raw.prev_hash = row.Text(12);
  raw.hash = row.Text(13);
  return raw;
}

RawEntry RawFromEntry(std::int64_t seq, const Entry& e, std::string_view prev_hash) {
  RawEntry raw;
  raw.seq = seq;
  raw.at = e.at;
  raw.text = {e.actor_id,
              e.actor_role,
              e.action,
              e.subject_kind,
              e.subject_id,
              e.subject_agent_id,
              e.purpose ? std::string(domain::Name(*e.purpose)) : std::string(),
              std::string(DecisionName(e.decision)),
              e.rule,
              e.detail};
  raw.prev_hash = std::string(prev_hash);
  return raw;
}

class Hasher {
 public:
  Hasher() {
    // Idempotent and thread-safe; picks the fastest BLAKE2b implementation.
    static const int kInitialised = sodium_init();
    (void)kInitialised;
    crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES);
  }
  void Int(std::int64_t value) {
    std::array<unsigned char, 8> bytes;
    const auto unsigned_value = static_cast<std::uint64_t>(value);
    for (std::size_t index = 0; index < bytes.size(); ++index) {
      bytes[index] = static_cast<unsigned char>(unsigned_value >> (8 * index));
    }
    crypto_generichash_update(&state_, bytes.data(), bytes.size());
  }
  // Length first, so no two different field lists encode alike.
  void Bytes(std::string_view text) {
    Int(static_cast<std::int64_t>(text.size()));
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size());
  }
  std::string HexDigest() {
    std::array<unsigned char, crypto_generichash_BYTES> digest;
    crypto_generichash_final(&state_, digest.data(), digest.size());
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
  }

 private:
  crypto_generichash_state state_;
};

// The hash of the content as if it stood at `seq`.
std::string HashAt(const RawEntry& raw, std::int64_t seq) {
  Hasher hasher;
  hasher.Bytes(kHashDomain);
  hasher.Int(seq);
  hasher.Int(raw.at);
  for (const std::string& field : raw.text) hasher.Bytes(field);
  hasher.Bytes(raw.prev_hash);
  return hasher.HexDigest();
}

Result<StoredEntry> StoredFromRow(const db::Row& row) {
  StoredEntry stored;
  stored.seq = row.Int(0);
  Entry& e = stored.entry;
  e.at = row.Int(1);
  e.actor_id = row.Text(2);
  e.actor_role = row.Text(3);
  e.action = row.Text(4);
  e.subject_kind = row.Text(5);
  e.subject_id = row.Text(6);
  e.subject_agent_id = row.Text(7);
  if (!row.Text(8).empty()) {
    e.purpose = domain::ParsePurpose(row.Text(8));
    if (!e.purpose) {
      return MakeError(ErrorCode::kCorrupt, "audit entry " + std::to_string(stored.seq) +
                                                " has unknown purpose '" + row.Text(8) + "'");
    }
  }
  e.decision = row.Text(9) == "refused" ? Decision::kRefused : Decision::kAllowed;
  e.rule = row.Text(10);
  e.detail = row.Text(11);
  stored.prev_hash = row.Text(12);
  stored.hash = row.Text(13);
  return stored;
}

Result<std::vector<StoredEntry>> LoadEntries(db::Connection& conn, std::string_view sql,
                                             const db::Params& params) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, params));
  std::vector<StoredEntry> entries;
  entries.reserve(rows.size());
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(StoredEntry entry, StoredFromRow(row));
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Verification with the point look-ups it needs to tell the cases apart.
class Verifier {
 public:
  explicit Verifier(db::Connection& conn) : conn_(conn) {}

  Result<std::optional<RawEntry>> At(std::int64_t seq) {
    FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn_.Query(kSelectBySeq, {seq}));
    if (rows.empty()) return std::optional<RawEntry>();
    return std::optional<RawEntry>(RawFromRow(rows[0]));
  }

  // The seq of the entry whose stored hash is `hash`; 0 for the genesis hash.
  Result<std::optional<std::int64_t>> SeqWithHash(const std::string& hash) {
    if (hash == GenesisHash()) return std::optional<std::int64_t>(0);
    FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn_.Query(kSelectSeqByHash, {hash}));
    if (rows.empty()) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(rows[0].Int(0));
  }

  // Where this content was written: the seq at which its own hash holds.
  // Tries its place, its neighbours, and the place after the entry its
  // prev_hash names (an entry moved further away).
  Result<std::optional<std::int64_t>> HomeOf(const RawEntry& raw) {
    if (HashAt(raw, raw.seq) == raw.hash) return std::optional<std::int64_t>(raw.seq);
    std::vector<std::int64_t> candidates = {raw.seq - 1, raw.seq + 1};
    FAIRQM_ASSIGN_OR_RETURN(std::optional<std::int64_t> linked, SeqWithHash(raw.prev_hash));
    if (linked) candidates.push_back(*linked + 1);
    for (std::int64_t candidate : candidates) {
      if (candidate >= 1 && HashAt(raw, candidate) == raw.hash) {
        return std::optional<std::int64_t>(candidate);
      }
    }
    return std::optional<std::int64_t>();
  }

  // Whether the entry after `seq` is really the content written at `seq`:
  // then the entry now at `seq` was put in front of it.
  Result<bool> NextBelongsAt(std::int64_t seq) {
    FAIRQM_ASSIGN_OR_RETURN(std::optional<RawEntry> next, At(seq + 1));
    if (!next) return false;
    FAIRQM_ASSIGN_OR_RETURN(std::optional<std::int64_t> home, HomeOf(*next));
    return home && *home == seq;
  }

  // The first problem at `e` (whose predecessor `prev` checked out), or
  // nullopt when `e` is intact and linked.
  Result<std::optional<std::pair<std::int64_t, std::string>>> Check(
      const RawEntry& e, const std::optional<RawEntry>& prev) {
    using Problem = std::optional<std::pair<std::int64_t, std::string>>;
    const std::int64_t expected = prev ? prev->seq + 1 : 1;
    if (e.seq > expected) {
      const std::string what = e.seq - 1 == expected
                                   ? "entry " + std::to_string(expected) + " is missing (deleted)"
                                   : "entries " + std::to_string(expected) + " to " +
                                         std::to_string(e.seq - 1) + " are missing (deleted)";
      return Problem({expected, what});
    }
    const bool self_ok = HashAt(e, e.seq) == e.hash;
    const bool link_ok = e.prev_hash == (prev ? prev->hash : GenesisHash());
    if (self_ok && link_ok) return Problem();
    const std::string seq_text = std::to_string(e.seq);

    if (!self_ok) {
      FAIRQM_ASSIGN_OR_RETURN(std::optional<std::int64_t> home, HomeOf(e));
      if (home && *home > e.seq) {
        FAIRQM_ASSIGN_OR_RETURN(std::optional<RawEntry> other, At(*home));
        std::optional<std::int64_t> other_home;
        if (other) {
          FAIRQM_ASSIGN_OR_RETURN(other_home, HomeOf(*other));
        }
        if (other_home && *other_home == e.seq) {
          return Problem({e.seq, "entries " + seq_text + " and " + std::to_string(*home) +
                                     " are out of order"});
        }
        if (*home == e.seq + 1 && other_home && *other_home == e.seq + 2) {
          // Everything from here on moved down by one: the entry that stood
          // here was deleted and the rest renumbered to close the gap.
          return Problem(
              {e.seq, "entry " + seq_text + " is missing (deleted; later entries renumbered)"});
        }
        return Problem({e.seq, "entry " + seq_text + " is out of order (it was written as entry " +
                                   std::to_string(*home) + ")"});
      }
      if (home && *home < e.seq) {
        return Problem({*home, *home == e.seq - 1
                                   ? "entry " + std::to_string(*home) + " was inserted"
                                   : "entries " + std::to_string(*home) + " to " +
                                         std::to_string(e.seq - 1) + " were inserted"});
      }
      FAIRQM_ASSIGN_OR_RETURN(bool inserted, NextBelongsAt(e.seq));
      if (inserted) return Problem({e.seq, "entry " + seq_text + " was inserted"});
      return Problem({e.seq, "entry " + seq_text + " was edited"});
    }

    // Intact as written at its place, but not linked to its predecessor.
    FAIRQM_ASSIGN_OR_RETURN(bool inserted, NextBelongsAt(e.seq));
    if (inserted) return Problem({e.seq, "entry " + seq_text + " was inserted"});
    FAIRQM_ASSIGN_OR_RETURN(std::optional<std::int64_t> linked, SeqWithHash(e.prev_hash));
    if (linked && prev && *linked < prev->seq) {
      const std::int64_t first = *linked + 1;
      return Problem({first, first == prev->seq
                                 ? "entry " + std::to_string(first) + " was inserted"
                                 : "entries " + std::to_string(first) + " to " +
                                       std::to_string(prev->seq) + " were inserted"});
    }
    if (linked && *linked > e.seq) {
      return Problem({e.seq, "entries " + seq_text + " and " + std::to_string(*linked + 1) +
                                 " are out of order"});
    }
    if (!prev) return Problem({e.seq, "entry " + seq_text + " was edited (its link is wrong)"});
    return Problem({prev->seq, "entry " + std::to_string(prev->seq) +
                                   " was edited (and its hash recomputed)"});
  }

 private:
  db::Connection& conn_;
};

}  // namespace

std::string_view DecisionName(Decision decision) {
  return decision == Decision::kRefused ? "refused" : "allowed";
}

const std::string& GenesisHash() {
  static const std::string kGenesis(crypto_generichash_BYTES * 2, '0');
  return kGenesis;
}

std::string ComputeHash(std::int64_t seq, const Entry& entry, std::string_view prev_hash) {
  return HashAt(RawFromEntry(seq, entry, prev_hash), seq);
}

Result<Head> GetHead(db::Connection& conn) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kSelectHead));
  if (rows.empty()) return Head{0, GenesisHash()};
  return Head{rows[0].Int(0), rows[0].Text(1)};
}

Result<std::int64_t> Append(db::Connection& conn, const Entry& entry) {
  // AVG-5-accountability: the entry commits with the action it records.
  if (!conn.InTransaction()) {
    return MakeError(ErrorCode::kInternal,
                     "audit::Append must run inside the caller's write transaction");
  }
  const nlohmann::json detail = nlohmann::json::parse(entry.detail, nullptr, false);
  if (detail.is_discarded() || !detail.is_object()) {
    return MakeError(ErrorCode::kInvalidInput, "audit detail must be a JSON object");
  }
  FAIRQM_ASSIGN_OR_RETURN(Head head, GetHead(conn));
  const std::int64_t seq = head.seq + 1;
  const RawEntry raw = RawFromEntry(seq, entry, head.hash);
  db::Params params = {seq, raw.at};
  for (const std::string& field : raw.text) params.emplace_back(field);
  params.emplace_back(raw.prev_hash);
  params.emplace_back(HashAt(raw, seq));
  FAIRQM_RETURN_IF_ERROR(conn.Exec(kInsertEntry, params));
  return seq;
}

Result<VerifyReport> Verify(db::Connection& conn, const std::optional<Head>& anchor) {
  VerifyReport report;
  Verifier verifier(conn);
  std::optional<RawEntry> prev;
  auto fail = [&report](std::int64_t seq, std::string problem) {
    report.ok = false;
    report.first_bad_seq = seq;
    report.problem = std::move(problem);
    return report;
  };
  while (true) {
    FAIRQM_ASSIGN_OR_RETURN(
        db::Rows rows,
        conn.Query(kSelectPage, {prev ? prev->seq : std::int64_t{0}, std::int64_t{kVerifyPage}}));
    if (rows.empty()) break;
    for (const db::Row& row : rows) {
      RawEntry e = RawFromRow(row);
      ++report.entries;
      FAIRQM_ASSIGN_OR_RETURN(auto problem, verifier.Check(e, prev));
      if (problem) return fail(problem->first, std::move(problem->second));
      prev = std::move(e);
    }
  }
  if (anchor && anchor->seq > 0) {
    const std::int64_t last = prev ? prev->seq : 0;
    if (last < anchor->seq) {
      return fail(last + 1, last + 1 == anchor->seq ? "entry " + std::to_string(anchor->seq) +
                                                          " is missing (deleted from the end)"
                                                    : "entries " + std::to_string(last + 1) +
                                                          " to " + std::to_string(anchor->seq) +
                                                          " are missing (deleted from the end)");
    }
    FAIRQM_ASSIGN_OR_RETURN(std::optional<RawEntry> anchored, verifier.At(anchor->seq));
    if (!anchored || anchored->hash != anchor->hash) {
      return fail(anchor->seq, "entry " + std::to_string(anchor->seq) +
                                   " does not match the anchor (the log was rewritten)");
    }
  }
  return report;
}

Result<std::vector<StoredEntry>> ListForSubjectAgent(db::Connection& conn,
                                                     std::string_view agent_id, int limit,
                                                     std::optional<std::int64_t> before_seq) {
  return LoadEntries(conn, kListForSubjectAgent,
                     {std::string(agent_id), before_seq.value_or(INT64_MAX), std::int64_t{limit}});
}

Result<std::vector<StoredEntry>> Search(db::Connection& conn, const Filter& filter) {
  std::string sql(kSearchBase);
  db::Params params = {filter.before_seq.value_or(INT64_MAX)};
  auto add = [&](std::string_view fragment, db::Value value) {
    params.push_back(std::move(value));
    sql += fragment;
    sql += std::to_string(params.size());
  };
  if (filter.actor_id) add(kSearchActor, *filter.actor_id);
  if (filter.action) add(kSearchAction, *filter.action);
  if (filter.from) add(kSearchFrom, *filter.from);
  if (filter.to) add(kSearchTo, *filter.to);
  if (filter.decision) add(kSearchDecision, std::string(DecisionName(*filter.decision)));
  if (filter.rule) add(kSearchRule, *filter.rule);
  if (filter.subject_agent_id) add(kSearchSubjectAgent, *filter.subject_agent_id);
  add(kSearchOrder, std::int64_t{filter.limit});
  return LoadEntries(conn, sql, params);
}

}  // namespace fairqm::audit
