// retention/sweep: destroys what the guideline says must go, and nothing else.
//
// One sweep reads the catalogue's due items (retention/candidates.h: by time,
// over partial indexes) and asks the policy about each
// (policy::DecideRecordingRetention / DecideEvaluationRetention) with its
// facts: the recording's holds (store::ActiveHolds), whether an evaluation
// citing it is still open, and the agent's leave date. What the policy says to
// destroy is destroyed under the rule the policy names:
//   AVG-5-storage    a recording past its purpose's maximum retention, even
//                    under a hold
//   AVG-leavers      the recordings of an agent who left; their evaluations
//                    past retention, or never shared
//   KSF-4.10         a recording not evaluated within the term
//   KSF-4.9          an evaluated recording whose evaluation is closed, unless
//                    the agent consented to a hold that is still in force
//   RETENTION-split  an evaluation past its own retention (it outlives the
//                    recordings it was based on)
// Each destruction is logged (DELETION-log, by store::Mark*Destroyed) and
// audited ("retention.destroy", actor "system", the agent as subject, the
// rule) in the same catalogue transaction.
//
// Crash safety. Per batch, in one write transaction: decide, crypto-shred the
// content of each recording to destroy (vault::Vault::Destroy — key first,
// AVG-17), then mark the batch destroyed and audit it, then commit. Holding the
// transaction while deciding means no hold or evaluation can slip in between
// the decision and the destruction. A kill after the vault destroys and before
// the commit leaves catalogued, live recordings without content; the next
// sweep finds them due again, Destroy is idempotent, and it commits. Nothing is
// ever marked destroyed whose content might remain.
//
// Errors. Catalogue failures end the sweep with the error (the open batch
// rolls back). A vault failure for one recording is reported in
// SweepReport::errors and the sweep goes on; that recording stays live and is
// tried again by the next sweep.
//
// Thread-safety: as App; sweeps of one installation run one at a time (the
// catalogue's single writer serialises them). Within a batch the vault
// destroys run on up to SweepOptions::shred_threads short-lived threads. `now` is read once from
// the App's clock at the start. duration_ms is measured with std::chrono's steady clock — a
// duration for the operator, never used to decide anything.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "service/app.h"

namespace fairqm::retention {

struct SweepOptions {
  // Items per write transaction: bounds how long the sweep holds the writer
  // (capture waits meanwhile) and how much a kill leaves to redo.
  int batch_size = 500;
  // Content destroyed in parallel within a batch. A destroy waits on fsync
  // (key shred, directory syncs), not on the CPU; see docs/benchmarks.md.
  int shred_threads = 4;
  // Called after each committed batch with the number destroyed so far.
  std::function<void(int done)> progress;
};

struct SweepReport {
  std::map<std::string, std::int64_t> recordings_destroyed;   // by rule
  std::map<std::string, std::int64_t> evaluations_destroyed;  // by rule
  std::int64_t kept_by_hold = 0;          // KSF-4.9: the agent's hold is in force
  std::int64_t kept_evaluation_open = 0;  // KSF-4.8: the evaluation is not closed yet
  std::vector<std::string> errors;        // "recording rec-…: io: …"
  std::int64_t duration_ms = 0;

  std::int64_t recordings_destroyed_total() const;
  std::int64_t evaluations_destroyed_total() const;
};

// kInvalidInput for batch_size or shred_threads < 1; catalogue errors as
// they come.
Result<SweepReport> Sweep(service::App& app, const SweepOptions& options = {});

}  // namespace fairqm::retention
