// Retention: the deadlines of recordings and evaluations, and whether a
// recording or evaluation must be destroyed now. The retention/ module's sweep
// asks these functions and carries out the destruction (DELETION-log).
//
//   RecordingEvaluateBy        KSF-4.4: created_at + term in working days
//   RecordingDestroyAt         AVG-5-storage: created_at + recording retention
//   EvaluationDestroyAt        RETENTION-split: created_at + evaluation retention
//   DecideRecordingRetention   keep, or destroy under AVG-5-storage,
//                              AVG-leavers, KSF-4.9 or KSF-4.10
//   DecideEvaluationRetention  keep, or destroy under RETENTION-split /
//                              AVG-leavers
//
// Pure functions over plain data; `now` is passed in. Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "domain/types.h"

namespace fairqm::policy {

TimeMs RecordingEvaluateBy(TimeMs created_at, const domain::PurposeRules& rules);
TimeMs RecordingDestroyAt(TimeMs created_at, const domain::PurposeRules& rules);
TimeMs EvaluationDestroyAt(TimeMs created_at, const domain::PurposeRules& rules);

struct RetentionVerdict {
  bool destroy = false;
  bool already_destroyed = false;  // nothing left to do
  std::string rule;                // the rule that requires destruction; empty when kept
  std::string reason_nl;
  std::string reason_en;
  // When kept: the earliest moment the verdict can change by time alone (the
  // sweep may skip the item until then). nullopt when destroyed.
  std::optional<TimeMs> review_at;
};

struct RecordingRetentionFacts {
  // recording.evaluated_at is set when an evaluation citing the recording is
  // started (within the term, so KSF-4.10 no longer applies).
  domain::Recording recording;
  // An evaluation citing this recording exists and is not closed yet: the
  // recording is kept so the agent can still see and hear it before the
  // feedback (KSF-4.8); KSF-4.9 applies once the evaluation is closed.
  bool evaluation_open = false;
  // The recording's KSF-4.9 hold consents (others are ignored); only a hold
  // that is HoldActive() (consents.h) keeps an evaluated recording.
  std::vector<domain::Consent> holds;
  std::optional<TimeMs> agent_left_at;  // the agent's leave_date, if any
  TimeMs now = 0;
};

// In this order (the first that applies decides):
//   already destroyed                          → nothing to do
//   now >= destroy_at                          → destroy, AVG-5-storage (a
//                                                hold never extends it)
//   the agent left (agent_left_at <= now)      → destroy, AVG-leavers
//   evaluated, its evaluation still open       → keep (KSF-4.8), until destroy_at
//   evaluated, no active hold                  → destroy, KSF-4.9
//   evaluated, active hold                     → keep until the hold ends
//   not evaluated and now > evaluate_by        → destroy, KSF-4.10 (a hold is
//                                                an exception to KSF-4.9 only)
//   otherwise                                  → keep until evaluate_by passes
RetentionVerdict DecideRecordingRetention(const RecordingRetentionFacts& facts);

struct EvaluationRetentionFacts {
  domain::Evaluation evaluation;
  std::optional<TimeMs> agent_left_at;
  TimeMs now = 0;
};

// In this order: already destroyed → nothing to do; now >= destroy_at →
// destroy under AVG-leavers if the agent has left, else RETENTION-split; the
// agent left and the evaluation was never shared (a draft that can no longer
// be told to the agent, KSF-3.8) → destroy, AVG-leavers; otherwise keep until
// destroy_at — a leaver's shared evaluations are kept exactly as long as the
// regulation says and no longer.
RetentionVerdict DecideEvaluationRetention(const EvaluationRetentionFacts& facts);

}  // namespace fairqm::policy
