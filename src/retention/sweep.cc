#include "retention/sweep.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "codec/json.h"
#include "policy/consents.h"
#include "policy/retention.h"
#include "retention/candidates.h"
#include "service/actor.h"
#include "service/audit_trail.h"
#include "store/deletion_log.h"
#include "store/evaluations.h"
#include "store/recordings.h"
#include "store/requests.h"

namespace fairqm::retention {
namespace {

constexpr std::string_view kDestroyAction = "retention.destroy";

// A destruction the policy required, in the audit's terms: allowed, under
// the rule the verdict names.
policy::Decision AsDecision(const policy::RetentionVerdict& verdict) {
  policy::Decision decision;
  decision.allowed = true;
  decision.rule = verdict.rule;
  decision.reason_nl = verdict.reason_nl;
  decision.reason_en = verdict.reason_en;
  return decision;
}

class Sweeper {
 public:
  Sweeper(service::App& app, db::Connection& conn, TimeMs now, const SweepOptions& options,
          SweepReport& report)
      : app_(app), conn_(conn), now_(now), options_(options), report_(report) {}

  Status SweepRecordings(RecordingSource source) {
    Cursor cursor;
    while (true) {
      FAIRQM_ASSIGN_OR_RETURN(std::size_t read, RecordingBatch(source, cursor));
      if (read < static_cast<std::size_t>(options_.batch_size)) return OkStatus();
    }
  }

  // RETENTION-split and AVG-leavers for evaluations past their retention.
  // The store query has no cursor: everything it returns is past destroy_at,
  // which the policy always destroys; should it ever keep one, a batch
  // without progress ends this part instead of looping.
  Status SweepExpiredEvaluations() {
    while (true) {
      FAIRQM_ASSIGN_OR_RETURN(db::Transaction transaction, db::Transaction::Begin(conn_));
      FAIRQM_ASSIGN_OR_RETURN(std::vector<domain::Evaluation> due,
                              store::ExpiredEvaluations(conn_, now_, options_.batch_size));
      int destroyed = 0;
      for (const domain::Evaluation& evaluation : due) {
        if (kept_evaluations_.count(evaluation.id) > 0) continue;
        FAIRQM_ASSIGN_OR_RETURN(bool done, DecideAndDestroyEvaluation(evaluation));
        destroyed += done ? 1 : 0;
      }
      FAIRQM_RETURN_IF_ERROR(transaction.Commit());
      Progress(destroyed);
      if (due.size() < static_cast<std::size_t>(options_.batch_size) || destroyed == 0) {
        return OkStatus();
      }
    }
  }

  // AVG-leavers: a leaver's evaluations that were never shared can no longer
  // be told to them (KSF-3.8) and go now, before their retention ends.
  Status SweepUnsharedEvaluationsOfLeavers() {
    std::string after;
    while (true) {
      FAIRQM_ASSIGN_OR_RETURN(db::Transaction transaction, db::Transaction::Begin(conn_));
      FAIRQM_ASSIGN_OR_RETURN(
          std::vector<std::string> ids,
          UnsharedEvaluationsOfLeavers(conn_, now_, after, options_.batch_size));
      int destroyed = 0;
      for (const std::string& id : ids) {
        FAIRQM_ASSIGN_OR_RETURN(domain::Evaluation evaluation, store::GetEvaluation(conn_, id));
        FAIRQM_ASSIGN_OR_RETURN(bool done, DecideAndDestroyEvaluation(evaluation));
        destroyed += done ? 1 : 0;
      }
      FAIRQM_RETURN_IF_ERROR(transaction.Commit());
      Progress(destroyed);
      if (ids.size() < static_cast<std::size_t>(options_.batch_size)) return OkStatus();
      after = ids.back();
    }
  }

 private:
  struct Doomed {
    domain::Recording recording;
    policy::RetentionVerdict verdict;
    bool shredded = false;
  };

  // Reads one page of `source` after `cursor`, destroys what the policy says
  // to, commits, and moves the cursor. Returns how many candidates it read.
  Result<std::size_t> RecordingBatch(RecordingSource source, Cursor& cursor) {
    FAIRQM_ASSIGN_OR_RETURN(db::Transaction transaction, db::Transaction::Begin(conn_));
    FAIRQM_ASSIGN_OR_RETURN(std::vector<Candidate> candidates,
                            DueRecordings(conn_, source, now_, cursor, options_.batch_size));
    if (candidates.empty()) {
      FAIRQM_RETURN_IF_ERROR(transaction.Commit());
      return std::size_t{0};
    }
    cursor = Cursor{candidates.back().key, candidates.back().id};

    // 1. The store narrowed; the policy decides, with the facts.
    std::vector<Doomed> doomed;
    for (const Candidate& candidate : candidates) {
      if (passed_over_.count(candidate.id) > 0) continue;
      FAIRQM_ASSIGN_OR_RETURN(domain::Recording recording,
                              store::GetRecording(conn_, candidate.id));
      FAIRQM_ASSIGN_OR_RETURN(RecordingFacts facts, LoadRecordingFacts(conn_, recording));
      policy::RecordingRetentionFacts policy_facts;
      policy_facts.recording = recording;
      policy_facts.evaluation_open = facts.evaluation_open;
      FAIRQM_ASSIGN_OR_RETURN(policy_facts.holds, store::ActiveHolds(conn_, recording.id, now_));
      policy_facts.agent_left_at = facts.agent_left_at;
      policy_facts.now = now_;
      policy::RetentionVerdict verdict = policy::DecideRecordingRetention(policy_facts);
      if (verdict.already_destroyed) continue;
      if (!verdict.destroy) {
        CountKept(policy_facts);
        continue;
      }
      doomed.push_back(Doomed{std::move(recording), std::move(verdict)});
    }

    // 2. Crypto-shred the content (AVG-17), key first, before the catalogue
    //    says destroyed: a kill from here to the commit leaves live rows
    //    without content, which the next sweep finishes.
    std::vector<Status> shredded = ShredAll(doomed);
    for (std::size_t i = 0; i < doomed.size(); ++i) {
      Doomed& item = doomed[i];
      const Status& destroyed = shredded[i];
      // kNotFound: already gone (an earlier sweep was killed after this step).
      if (destroyed.ok() || destroyed.error().code == ErrorCode::kNotFound) {
        item.shredded = true;
        continue;
      }
      spdlog::error("retention: could not destroy the content of recording {}: {}",
                    item.recording.id, destroyed.error().ToString());
      report_.errors.push_back("recording " + item.recording.id + ": " +
                               destroyed.error().ToString());
      passed_over_.insert(item.recording.id);
    }

    // 3. Catalogue, DELETION-log and audit, together.
    int destroyed_in_batch = 0;
    for (const Doomed& item : doomed) {
      if (!item.shredded) continue;
      const domain::Recording& r = item.recording;
      FAIRQM_ASSIGN_OR_RETURN(bool marked,
                              store::MarkRecordingDestroyed(conn_, r.id, now_, item.verdict.rule));
      if (!marked) continue;
      FAIRQM_RETURN_IF_ERROR(service::Record(
          conn_, now_, service::Actor::System(), kDestroyAction,
          service::AuditSubject{std::string(store::kSubjectRecording), r.id, r.agent_id, r.purpose},
          AsDecision(item.verdict),
          codec::Json{{"reason", item.verdict.reason_en},
                      {"created_at", FormatTime(r.created_at)}}));
      ++report_.recordings_destroyed[item.verdict.rule];
      ++destroyed_in_batch;
    }
    FAIRQM_RETURN_IF_ERROR(transaction.Commit());
    Progress(destroyed_in_batch);
    return candidates.size();
  }

  // vault::Vault::Destroy for each item, on up to options_.shred_threads
  // threads: a destroy mostly waits for fsync (the key's shred, two directory
  // syncs), and overlapping the waits lets the file system commit them
  // together. The vault allows concurrent calls (vault.h). If a thread cannot
  // be started, the calling thread does the rest.
  std::vector<Status> ShredAll(const std::vector<Doomed>& doomed) {
    std::vector<Status> results(doomed.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i = next++; i < doomed.size(); i = next++) {
        results[i] = app_.vault().Destroy(doomed[i].recording.id);
      }
    };
    const std::size_t helpers =
        std::min(doomed.size(), static_cast<std::size_t>(options_.shred_threads)) - 1;
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < helpers && doomed.size() > 1; ++t) {
      try {
        threads.emplace_back(work);
      } catch (const std::system_error& e) {
        spdlog::warn("retention: shredding with {} threads only: {}", t + 1, e.what());
        break;
      }
    }
    work();
    for (std::thread& thread : threads) thread.join();
    return results;
  }

  // Inside the caller's transaction. True if destroyed now.
  Result<bool> DecideAndDestroyEvaluation(const domain::Evaluation& evaluation) {
    policy::EvaluationRetentionFacts facts;
    facts.evaluation = evaluation;
    FAIRQM_ASSIGN_OR_RETURN(facts.agent_left_at, AgentLeftAt(conn_, evaluation.agent_id));
    facts.now = now_;
    policy::RetentionVerdict verdict = policy::DecideEvaluationRetention(facts);
    if (!verdict.destroy) {
      kept_evaluations_.insert(evaluation.id);
      return false;
    }
    FAIRQM_ASSIGN_OR_RETURN(
        bool marked, store::MarkEvaluationDestroyed(conn_, evaluation.id, now_, verdict.rule));
    if (!marked) return false;
    FAIRQM_RETURN_IF_ERROR(
        service::Record(conn_, now_, service::Actor::System(), kDestroyAction,
                        service::AuditSubject{std::string(store::kSubjectEvaluation), evaluation.id,
                                              evaluation.agent_id, evaluation.purpose},
                        AsDecision(verdict),
                        codec::Json{{"reason", verdict.reason_en},
                                    {"created_at", FormatTime(evaluation.created_at)}}));
    ++report_.evaluations_destroyed[verdict.rule];
    return true;
  }

  // A recording a source listed but the policy keeps; counted once per sweep
  // even if another source lists it again.
  void CountKept(const policy::RecordingRetentionFacts& facts) {
    if (!passed_over_.insert(facts.recording.id).second) return;
    if (facts.evaluation_open) {
      ++report_.kept_evaluation_open;  // KSF-4.8
      return;
    }
    for (const domain::Consent& hold : facts.holds) {
      if (policy::HoldActive(hold, facts.recording, now_)) {
        ++report_.kept_by_hold;  // KSF-4.9
        return;
      }
    }
  }

  void Progress(int destroyed) {
    if (destroyed == 0) return;
    done_ += destroyed;
    if (options_.progress) options_.progress(done_);
  }

  service::App& app_;
  db::Connection& conn_;
  const TimeMs now_;
  const SweepOptions& options_;
  SweepReport& report_;
  // Recordings kept or failed in this sweep (skipped when listed again).
  std::set<std::string> passed_over_;
  std::set<std::string> kept_evaluations_;
  int done_ = 0;
};

std::int64_t Sum(const std::map<std::string, std::int64_t>& by_rule) {
  std::int64_t total = 0;
  for (const auto& [rule, count] : by_rule) total += count;
  return total;
}

}  // namespace

std::int64_t SweepReport::recordings_destroyed_total() const { return Sum(recordings_destroyed); }
std::int64_t SweepReport::evaluations_destroyed_total() const { return Sum(evaluations_destroyed); }

Result<SweepReport> Sweep(service::App& app, const SweepOptions& options) {
  if (options.batch_size < 1) {
    return MakeError(ErrorCode::kInvalidInput, "the sweep's batch size must be at least 1");
  }
  if (options.shred_threads < 1) {
    return MakeError(ErrorCode::kInvalidInput, "the sweep needs at least 1 shred thread");
  }
  const auto started = std::chrono::steady_clock::now();
  const TimeMs now = app.Now();
  SweepReport report;
  FAIRQM_ASSIGN_OR_RETURN(std::unique_ptr<db::Connection> conn, app.Writer());
  Sweeper sweeper(app, *conn, now, options, report);
  for (RecordingSource source : kAllRecordingSources) {
    FAIRQM_RETURN_IF_ERROR(sweeper.SweepRecordings(source));
  }
  FAIRQM_RETURN_IF_ERROR(sweeper.SweepExpiredEvaluations());
  FAIRQM_RETURN_IF_ERROR(sweeper.SweepUnsharedEvaluationsOfLeavers());
  report.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  if (report.recordings_destroyed_total() + report.evaluations_destroyed_total() > 0 ||
      !report.errors.empty()) {
    spdlog::info("retention: destroyed {} recordings and {} evaluations in {} ms ({} errors)",
                 report.recordings_destroyed_total(), report.evaluations_destroyed_total(),
                 report.duration_ms, report.errors.size());
  }
  return report;
}

}  // namespace fairqm::retention
