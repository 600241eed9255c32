// retention/candidates: the catalogue queries the retention sweep pages
// through, and the facts it gathers per recording for the policy.
//
// The queries NARROW: each reads one of the catalogue's partial indexes over
// live (not destroyed) rows by time, so a sweep costs in proportion to what is
// due, not to the size of the catalogue. They do not DECIDE: holds, open
// evaluations and leavers are facts handed to policy::DecideRecordingRetention,
// which alone says keep or destroy. That is why these queries, unlike
// store::ExpiredRecordings, do not leave out held recordings (the policy, not
// the SQL, judges a hold: the agent's own, a reason, in force) and page with a
// cursor: items the policy keeps stay in the index, and without a cursor a
// batch full of kept items would hide everything behind it.
//
// SQL follows store/'s conventions: one text for every engine, `$n`
// placeholders, named constants. Free functions over the caller's connection;
// thread-safety is the connection's. Errors are the engine's (kIo …).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::retention {

// Where recording candidates come from, in the order the sweep reads them.
enum class RecordingSource {
  kPastRetention,       // AVG-5-storage: destroy_at <= now
  kLeavers,             // AVG-leavers: the agent's leave date has passed
  kNotEvaluatedInTerm,  // KSF-4.10: not evaluated and evaluate_by < now
  kEvaluated,           // KSF-4.9: evaluated (kept while open or held)
};

inline constexpr RecordingSource kAllRecordingSources[] = {
    RecordingSource::kPastRetention, RecordingSource::kLeavers,
    RecordingSource::kNotEvaluatedInTerm, RecordingSource::kEvaluated};

std::string_view SourceName(RecordingSource source);

// Keyset paging: rows strictly after (key, id) in (key, id) order.
struct Cursor {
  std::int64_t key = std::numeric_limits<std::int64_t>::min();
  std::string id;
};

struct Candidate {
  std::string id;
  std::int64_t key = 0;  // the source's ordering column, for the next cursor
};

// Live recordings of `source` at `now` after `after`, at most `limit`.
Result<std::vector<Candidate>> DueRecordings(db::Connection& conn, RecordingSource source,
                                             TimeMs now, const Cursor& after, int limit);

// The SQL text DueRecordings runs for `source` (for EXPLAIN QUERY PLAN tests).
std::string_view DueRecordingsSql(RecordingSource source);

// What the policy needs to know about a recording besides the recording
// itself and its holds (store::ActiveHolds).
struct RecordingFacts {
  std::optional<TimeMs> agent_left_at;  // the agent's leave date
  bool evaluation_open = false;         // a live evaluation citing it is not closed
};
Result<RecordingFacts> LoadRecordingFacts(db::Connection& conn, const domain::Recording& recording);

// The agent's leave date (nullopt: not left, or not in the catalogue).
Result<std::optional<TimeMs>> AgentLeftAt(db::Connection& conn, std::string_view agent_id);

// AVG-leavers: ids of live evaluations never shared with an agent who has
// left by `now`, in id order after `after_id`, at most `limit`.
Result<std::vector<std::string>> UnsharedEvaluationsOfLeavers(db::Connection& conn, TimeMs now,
                                                              std::string_view after_id, int limit);

}  // namespace fairqm::retention
