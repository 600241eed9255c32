// Store: the DELETION-log and the capture gate's refusals — facts about what
// happened, never the content (DELETION-log, AVG-5-minimal).
//
// A deletion entry is keyed by (subject_kind, subject_id): each item is
// destroyed once, so appending the same destruction again (a sweep re-run
// after a crash) changes nothing and reports false. Capture refusals carry
// the rule and purpose, never a customer number. Free functions;
// thread-safety is the connection's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

inline constexpr std::string_view kSubjectRecording = "recording";
inline constexpr std::string_view kSubjectEvaluation = "evaluation";

struct DeletionEntry {
  std::string subject_kind;  // kSubjectRecording, kSubjectEvaluation, …
  std::string subject_id;
  std::optional<domain::Purpose> purpose;
  std::string rule;  // "KSF-4.9", "KSF-4.10", "AVG-5-storage", "AVG-leavers", "AVG-17" …
  TimeMs destroyed_at = 0;
};

// True if the entry was new.
Result<bool> AppendDeletion(db::Connection& conn, const DeletionEntry& entry);
// Destructions in [from, to), oldest first, at most `limit`.
Result<std::vector<DeletionEntry>> ListDeletions(db::Connection& conn, TimeMs from, TimeMs to,
                                                 int limit);
Result<std::optional<DeletionEntry>> FindDeletion(db::Connection& conn,
                                                  std::string_view subject_kind,
                                                  std::string_view subject_id);

struct CaptureRefusal {
  std::string id;
  TimeMs at = 0;
  std::string rule;  // e.g. "KSF-3.9", "AVG-21", "KSF-3.6"
  std::optional<domain::Purpose> purpose;
  std::string agent_id;  // may be empty (unknown line)
  std::optional<domain::Channel> channel;
};

Status AppendCaptureRefusal(db::Connection& conn, const CaptureRefusal& refusal);
// Refusals in [from, to), oldest first, at most `limit`.
Result<std::vector<CaptureRefusal>> ListCaptureRefusals(db::Connection& conn, TimeMs from,
                                                        TimeMs to, int limit);

}  // namespace fairqm::store
