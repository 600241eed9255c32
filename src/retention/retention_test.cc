// The retention sweep against a real installation (data directory, SQLite
// catalogue, vault) built through the service layer; time moves by a
// ManualClock. Each test names the rule it shows.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <optional>

#include "audit/audit.h"
#include "retention/candidates.h"
#include "retention/sweep.h"
#include "retention/test_fixture.h"
#include "store/deletion_log.h"
#include "store/evaluations.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/requests.h"

namespace fairqm::retention {
namespace {

using domain::Purpose;
using testing::Installation;

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = Installation::Create();
    ASSERT_TRUE(created.ok()) << created.error().ToString();
    at_ = std::move(created).value();
  }

  service::App& app() { return at_->app(); }
  ManualClock& clock() { return at_->clock(); }

  domain::Recording Capture(int agent = 0, Purpose purpose = Purpose::kCoaching) {
    auto recording = at_->Capture(agent, purpose);
    EXPECT_TRUE(recording.ok()) << recording.error().ToString();
    return recording.ok() ? *recording : domain::Recording{};
  }

  SweepReport RunSweep(SweepOptions options = {}) {
    auto report = Sweep(app(), options);
    EXPECT_TRUE(report.ok()) << report.error().ToString();
    if (!report.ok()) return {};
    EXPECT_TRUE(report->errors.empty()) << report->errors.front();
    ExpectAuditChainIntact();
    return *report;
  }

  domain::Recording Stored(const std::string& id) {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    auto recording = store::GetRecording(**conn, id);
    EXPECT_TRUE(recording.ok()) << recording.error().ToString();
    return recording.ok() ? *recording : domain::Recording{};
  }

  domain::Evaluation StoredEvaluation(const std::string& id) {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    auto evaluation = store::GetEvaluation(**conn, id);
    EXPECT_TRUE(evaluation.ok()) << evaluation.error().ToString();
    return evaluation.ok() ? *evaluation : domain::Evaluation{};
  }

  bool ContentReadable(const std::string& id) { return app().vault().OpenReader(id).ok(); }

  void ExpectContentGone(const std::string& id) {
    auto reader = app().vault().OpenReader(id);
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);
    EXPECT_FALSE(app().vault().Exists(id));
  }

  // DELETION-log entry and audit entry of one destruction.
  void ExpectDestructionRecorded(std::string_view kind, const std::string& id,
                                 const std::string& agent_id, const std::string& rule,
                                 std::optional<TimeMs> at = std::nullopt) {
    const TimeMs when = at.value_or(app().Now());
    auto conn = app().Reader();
    ASSERT_TRUE(conn.ok());
    auto logged = store::FindDeletion(**conn, kind, id);
    ASSERT_TRUE(logged.ok());
    ASSERT_TRUE(logged->has_value()) << "no DELETION-log entry for " << id;
    EXPECT_EQ((*logged)->rule, rule);
    EXPECT_EQ((*logged)->destroyed_at, when);

    audit::Filter filter;
    filter.action = "retention.destroy";
    filter.subject_agent_id = agent_id;
    filter.limit = 1000;
    auto entries = audit::Search(**conn, filter);
    ASSERT_TRUE(entries.ok());
    int found = 0;
    for (const auto& stored : *entries) {
      if (stored.entry.subject_id != id) continue;
      ++found;
      EXPECT_EQ(stored.entry.actor_id, "system");
      EXPECT_EQ(stored.entry.actor_role, "system");
      EXPECT_EQ(stored.entry.subject_kind, kind);
      EXPECT_EQ(stored.entry.rule, rule);
      EXPECT_EQ(stored.entry.decision, audit::Decision::kAllowed);
      EXPECT_EQ(stored.entry.at, when);
    }
    EXPECT_EQ(found, 1) << "audit entries for " << id;
  }

  void ExpectRecordingDestroyed(const domain::Recording& recording, const std::string& rule) {
    domain::Recording stored = Stored(recording.id);
    ASSERT_TRUE(stored.destroyed_at.has_value()) << recording.id << " is still live";
    EXPECT_EQ(*stored.destroyed_at, app().Now());
    EXPECT_EQ(stored.destroyed_rule, rule);
    ExpectContentGone(recording.id);
    ExpectDestructionRecorded(store::kSubjectRecording, recording.id, recording.agent_id, rule);
  }

  void ExpectRecordingLive(const domain::Recording& recording) {
    EXPECT_FALSE(Stored(recording.id).destroyed_at.has_value()) << recording.id;
    EXPECT_TRUE(ContentReadable(recording.id)) << recording.id;
  }

  void ExpectAuditChainIntact() {
    auto conn = app().Reader();
    ASSERT_TRUE(conn.ok());
    auto verified = audit::Verify(**conn);
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(verified->ok) << verified->problem;
  }

  domain::Evaluation EvaluateAndShare(const std::vector<std::string>& ids, int agent = 0,
                                      Purpose purpose = Purpose::kCoaching) {
    auto evaluation = at_->EvaluateAndShare(agent, purpose, ids);
    EXPECT_TRUE(evaluation.ok()) << evaluation.error().ToString();
    return evaluation.ok() ? *evaluation : domain::Evaluation{};
  }

  domain::Evaluation Close(const domain::Evaluation& evaluation) {
    auto closed = at_->Close(evaluation);
    EXPECT_TRUE(closed.ok()) << closed.error().ToString();
    return closed.ok() ? *closed : domain::Evaluation{};
  }

  // KSF-4.9: the agent's consent to keep the recording, as the service
  // records it (policy::DecideRetentionHold), written straight to the store.
  domain::Consent Hold(const domain::Recording& recording, TimeMs hold_until,
                       std::string agent_id = {}) {
    domain::Consent hold;
    hold.id = NewId(at_->random(), "cons");
    hold.agent_id = agent_id.empty() ? recording.agent_id : agent_id;
    hold.kind = domain::ConsentKind::kRetentionHold;
    hold.recording_id = recording.id;
    hold.reason = "Klacht van de klant in behandeling";
    hold.hold_until = hold_until;
    hold.requested_by = at_->team_lead().id;
    hold.given_at = app().Now();
    PutConsent(hold);
    return hold;
  }

  void PutConsent(const domain::Consent& consent) {
    auto conn = app().Writer();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(store::PutConsent(**conn, consent).ok());
  }

  void Leave(int agent, TimeMs leave_date) {
    auto conn = app().Writer();
    ASSERT_TRUE(conn.ok());
    auto employee = store::GetEmployee(**conn, at_->agent(agent).id);
    ASSERT_TRUE(employee.ok());
    employee->leave_date = leave_date;
    ASSERT_TRUE(store::PutEmployee(**conn, *employee).ok());
  }

  std::unique_ptr<Installation> at_;
};

TEST_F(RetentionTest, KSF410_NotEvaluatedWithinTermIsDestroyed) {
  domain::Recording recording = Capture();
  ASSERT_TRUE(ContentReadable(recording.id));

  // The term includes its last moment.
  clock().Set(recording.evaluate_by);
  SweepReport report = RunSweep();
  EXPECT_EQ(report.recordings_destroyed_total(), 0);
  ExpectRecordingLive(recording);

  clock().Set(recording.evaluate_by + 1);
  report = RunSweep();
  EXPECT_EQ(report.recordings_destroyed, (std::map<std::string, std::int64_t>{{"KSF-4.10", 1}}));
  ExpectRecordingDestroyed(recording, "KSF-4.10");
}

TEST_F(RetentionTest, KSF410_AHoldDoesNotKeepAnUnevaluatedRecording) {
  // A hold is an exception to KSF-4.9 (after evaluation) only.
  domain::Recording recording = Capture();
  Hold(recording, recording.destroy_at - 1);
  clock().Set(recording.evaluate_by + 1);
  SweepReport report = RunSweep();
  EXPECT_EQ(report.recordings_destroyed["KSF-4.10"], 1);
  EXPECT_EQ(report.kept_by_hold, 0);
  ExpectRecordingDestroyed(recording, "KSF-4.10");
}

TEST_F(RetentionTest, KSF49_EvaluatedAndClosedIsDestroyed) {
  domain::Recording recording = Capture();
  domain::Evaluation evaluation = EvaluateAndShare({recording.id});
  clock().Advance(kHourMs);
  Close(evaluation);
  SweepReport report = RunSweep();
  EXPECT_EQ(report.recordings_destroyed, (std::map<std::string, std::int64_t>{{"KSF-4.9", 1}}));
  ExpectRecordingDestroyed(recording, "KSF-4.9");
  // The evaluation itself stays (RETENTION-split).
  EXPECT_FALSE(StoredEvaluation(evaluation.id).destroyed_at.has_value());
}

TEST_F(RetentionTest, KSF48_EvaluatedButEvaluationStillOpenIsKept) {
  domain::Recording recording = Capture();
  EvaluateAndShare({recording.id});
  // Past the evaluation term: it was evaluated in time, so KSF-4.10 does not
  // apply, and the agent can still hear it before the evaluation closes.
  clock().Set(recording.evaluate_by + Days(1));
  SweepReport report = RunSweep();
  EXPECT_EQ(report.recordings_destroyed_total(), 0);
  EXPECT_EQ(report.kept_evaluation_open, 1);
  ExpectRecordingLive(recording);
}

TEST_F(RetentionTest, AVG5Storage_OpenEvaluationDoesNotOutlastTheMaximumRetention) {
  domain::Recording recording = Capture();
  EvaluateAndShare({recording.id});
  clock().Set(recording.destroy_at);
  SweepReport report = RunSweep();
  EXPECT_EQ(report.recordings_destroyed["AVG-5-storage"], 1);
  ExpectRecordingDestroyed(recording, "AVG-5-storage");
}

TEST_F(RetentionTest, KSF49_HoldWithAgentsConsentKeepsUntilItEnds) {
  domain::Recording recording = Capture();
  domain::Evaluation evaluation = EvaluateAndShare({recording.id});
  Close(evaluation);
  const TimeMs hold_until = app().Now() + Days(7);
  Hold(recording, hold_until);

  SweepReport report = RunSweep();
  EXPECT_EQ(report.recordings_destroyed_total(), 0);
  EXPECT_EQ(report.kept_by_hold, 1);
  ExpectRecordingLive(recording);

  clock().Set(hold_until - 1);
  report = RunSweep();
  EXPECT_EQ(report.kept_by_hold, 1);
  ExpectRecordingLive(recording);

  clock().Set(hold_until);  // the hold ends
  report = RunSweep();
  EXPECT_EQ(report.kept_by_hold, 0);
  EXPECT_EQ(report.recordings_destroyed["KSF-4.9"], 1);
  ExpectRecordingDestroyed(recording, "KSF-4.9");
}

TEST_F(RetentionTest, KSF49_WithdrawnHoldNoLongerKeeps) {
  domain::Recording recording = Capture();
  Close(EvaluateAndShare({recording.id}));
  domain::Consent hold = Hold(recording, app().Now() + Days(7));
  EXPECT_EQ(RunSweep().kept_by_hold, 1);

  clock().Advance(Days(1));
  hold.withdrawn_at = app().Now();  // the agent withdraws consent
  PutConsent(hold);
  SweepReport report = RunSweep();
  EXPECT_EQ(report.kept_by_hold, 0);
  EXPECT_EQ(report.recordings_destroyed["KSF-4.9"], 1);
  ExpectRecordingDestroyed(recording, "KSF-4.9");
}

TEST_F(RetentionTest, KSF49_HoldNotGivenByTheAgentDoesNotKeep) {
  // Only the agent's own consent keeps a recording; the catalogue query lists
  // the recording and the policy judges the hold.
  domain::Recording recording = Capture();
  Close(EvaluateAndShare({recording.id}));
  Hold(recording, app().Now() + Days(7), at_->team_lead().id);
  SweepReport report = RunSweep();
  EXPECT_EQ(report.kept_by_hold, 0);
  ExpectRecordingDestroyed(recording, "KSF-4.9");
}

TEST_F(RetentionTest, AVG5Storage_PastDestroyAtEvenWithAHold) {
  domain::Recording recording = Capture();
  Close(EvaluateAndShare({recording.id}));
  // A hold reaching past the maximum retention (DecideRetentionHold refuses
  // one today; this one predates a shorter retention, say).
  Hold(recording, recording.destroy_at + Days(30));
  EXPECT_EQ(RunSweep().kept_by_hold, 1);

  clock().Set(recording.destroy_at);
  SweepReport report = RunSweep();
  EXPECT_EQ(report.recordings_destroyed,
            (std::map<std::string, std::int64_t>{{"AVG-5-storage", 1}}));
  ExpectRecordingDestroyed(recording, "AVG-5-storage");
}

TEST_F(RetentionTest, AVGLeavers_RecordingsAndUnsharedEvaluationsGoWhenTheAgentLeaves) {
  domain::Recording shared_one = Capture(0);
  domain::Recording draft_one = Capture(0);
  domain::Recording colleague = Capture(1);
  domain::Evaluation shared = EvaluateAndShare({shared_one.id});
  auto draft = service::StartEvaluation(app(), at_->monitor(), at_->agent(0).id, Purpose::kCoaching,
                                        "", {draft_one.id});
  ASSERT_TRUE(draft.ok() && draft->allowed());

  clock().Advance(Days(2));
  Leave(0, app().Now() + Days(1));
  EXPECT_EQ(RunSweep().recordings_destroyed_total(), 0);  // not left yet

  clock().Advance(Days(1));  // the leave date
  SweepReport report = RunSweep();
  EXPECT_EQ(report.recordings_destroyed, (std::map<std::string, std::int64_t>{{"AVG-leavers", 2}}));
  EXPECT_EQ(report.evaluations_destroyed,
            (std::map<std::string, std::int64_t>{{"AVG-leavers", 1}}));
  // Even the recording of an open evaluation: the agent is gone.
  ExpectRecordingDestroyed(shared_one, "AVG-leavers");
  ExpectRecordingDestroyed(draft_one, "AVG-leavers");
  ExpectRecordingLive(colleague);
  // The draft was never shared and never can be (KSF-3.8): it goes now.
  domain::Evaluation gone = StoredEvaluation(draft->value->id);
  EXPECT_TRUE(gone.destroyed_at.has_value());
  ExpectDestructionRecorded(store::kSubjectEvaluation, gone.id, at_->agent(0).id, "AVG-leavers");
  // The shared one is kept exactly as long as the regulation says.
  EXPECT_FALSE(StoredEvaluation(shared.id).destroyed_at.has_value());

  clock().Set(shared.destroy_at - 1);
  EXPECT_EQ(RunSweep().evaluations_destroyed_total(), 0);
  clock().Set(shared.destroy_at);
  report = RunSweep();
  EXPECT_EQ(report.evaluations_destroyed,
            (std::map<std::string, std::int64_t>{{"AVG-leavers", 1}}));
  ExpectDestructionRecorded(store::kSubjectEvaluation, shared.id, at_->agent(0).id, "AVG-leavers");
}

TEST_F(RetentionTest, RETENTIONSplit_EvaluationOutlivesItsRecording) {
  domain::Recording recording = Capture();
  domain::Evaluation evaluation = Close(EvaluateAndShare({recording.id}));
  EXPECT_EQ(RunSweep().recordings_destroyed["KSF-4.9"], 1);
  ExpectRecordingDestroyed(recording, "KSF-4.9");

  // Months later the evaluation is still whole.
  clock().Set(evaluation.destroy_at - 1);
  EXPECT_EQ(RunSweep().evaluations_destroyed_total(), 0);
  domain::Evaluation kept = StoredEvaluation(evaluation.id);
  EXPECT_FALSE(kept.destroyed_at.has_value());
  EXPECT_FALSE(kept.answers.empty());

  clock().Set(evaluation.destroy_at);
  SweepReport report = RunSweep();
  EXPECT_EQ(report.evaluations_destroyed,
            (std::map<std::string, std::int64_t>{{"RETENTION-split", 1}}));
  domain::Evaluation gone = StoredEvaluation(evaluation.id);
  ASSERT_TRUE(gone.destroyed_at.has_value());
  EXPECT_TRUE(gone.answers.empty());
  EXPECT_TRUE(gone.summary.empty());
  ExpectDestructionRecorded(store::kSubjectEvaluation, evaluation.id, evaluation.agent_id,
                            "RETENTION-split");
}

TEST_F(RetentionTest, DELETIONLog_SweepingTwiceDestroysOnce) {
  domain::Recording a = Capture(0);
  domain::Recording b = Capture(1);
  clock().Set(a.evaluate_by + 1);
  const TimeMs first_sweep = app().Now();
  EXPECT_EQ(RunSweep().recordings_destroyed_total(), 2);
  SweepReport again = RunSweep();
  EXPECT_EQ(again.recordings_destroyed_total(), 0);
  EXPECT_EQ(again.evaluations_destroyed_total(), 0);
  EXPECT_TRUE(again.errors.empty());
  clock().Advance(Days(400));
  EXPECT_EQ(RunSweep().recordings_destroyed_total(), 0);
  // One DELETION-log entry and one audit entry each, from the first sweep.
  ExpectDestructionRecorded(store::kSubjectRecording, a.id, a.agent_id, "KSF-4.10", first_sweep);
  ExpectDestructionRecorded(store::kSubjectRecording, b.id, b.agent_id, "KSF-4.10", first_sweep);
}

TEST_F(RetentionTest, KilledAfterTheVaultDestroyTheNextSweepCompletesTheCatalogue) {
  domain::Recording shredded = Capture(0);
  domain::Recording untouched = Capture(1);
  clock().Set(shredded.evaluate_by + 1);
  // A sweep killed after vault.Destroy and before its catalogue commit: the
  // content is gone, the catalogue still says live.
  ASSERT_TRUE(app().vault().Destroy(shredded.id).ok());
  EXPECT_FALSE(Stored(shredded.id).destroyed_at.has_value());
  ASSERT_TRUE(at_->Reopen().ok());  // the restart after the kill

  SweepReport report = RunSweep();
  EXPECT_TRUE(report.errors.empty());
  EXPECT_EQ(report.recordings_destroyed["KSF-4.10"], 2);
  ExpectRecordingDestroyed(shredded, "KSF-4.10");
  ExpectRecordingDestroyed(untouched, "KSF-4.10");
}

TEST_F(RetentionTest, AVG17_RestoredContentCannotBeDecryptedAfterTheSweep) {
  domain::Recording recording = Capture();
  vault::Vault& vault = app().vault();
  const std::filesystem::path backup = at_->dir().parent_path() / "backup";
  std::filesystem::create_directories(backup);
  // The backup an operator takes: content and catalogue (keys are kept apart
  // from both, vault.h).
  std::filesystem::copy_file(vault.ContentPath(recording.id), backup / "content.fqv");
  std::filesystem::copy_file(app().paths().catalogue, backup / "catalogue.sqlite");
  std::ifstream key_file(vault.KeyPath(recording.id), std::ios::binary);
  const std::string wrapped_key((std::istreambuf_iterator<char>(key_file)),
                                std::istreambuf_iterator<char>());
  ASSERT_FALSE(wrapped_key.empty());

  clock().Set(recording.evaluate_by + 1);
  EXPECT_EQ(RunSweep().recordings_destroyed["KSF-4.10"], 1);
  EXPECT_FALSE(std::filesystem::exists(vault.KeyPath(recording.id)));

  // Restore the content from the backup: without its key it is noise.
  std::filesystem::copy_file(backup / "content.fqv", vault.ContentPath(recording.id));
  auto reader = vault.OpenReader(recording.id);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);
  // Nor does the catalogue backup hold the key.
  std::ifstream catalogue(backup / "catalogue.sqlite", std::ios::binary);
  const std::string catalogue_bytes((std::istreambuf_iterator<char>(catalogue)),
                                    std::istreambuf_iterator<char>());
  EXPECT_EQ(catalogue_bytes.find(wrapped_key), std::string::npos);
  // The startup check removes the restored noise.
  ASSERT_TRUE(at_->Reopen().ok());
  EXPECT_FALSE(std::filesystem::exists(app().vault().ContentPath(recording.id)));
}

TEST_F(RetentionTest, BatchesReportProgressAndKeptItemsDoNotStallTheSweep) {
  // Three recordings under an open evaluation come first in the KSF-4.9
  // order; with batches of two, the cursor must page past them to reach the
  // two of the closed evaluation.
  std::vector<domain::Recording> open_ones = {Capture(), Capture(), Capture()};
  EvaluateAndShare({open_ones[0].id, open_ones[1].id, open_ones[2].id});
  clock().Advance(kMinuteMs);
  std::vector<domain::Recording> closed_ones = {Capture(), Capture()};
  Close(EvaluateAndShare({closed_ones[0].id, closed_ones[1].id}));
  // And three of another agent past their term.
  std::vector<domain::Recording> late = {Capture(1), Capture(1), Capture(1)};
  clock().Set(late[0].evaluate_by + 1);

  std::vector<int> progress;
  SweepOptions options;
  options.batch_size = 2;
  options.progress = [&](int done) { progress.push_back(done); };
  SweepReport report = RunSweep(options);
  EXPECT_EQ(report.recordings_destroyed,
            (std::map<std::string, std::int64_t>{{"KSF-4.10", 3}, {"KSF-4.9", 2}}));
  EXPECT_EQ(report.kept_evaluation_open, 3);
  EXPECT_EQ(progress, (std::vector<int>{2, 3, 4, 5}));
  for (const auto& r : open_ones) ExpectRecordingLive(r);
  for (const auto& r : closed_ones) ExpectRecordingDestroyed(r, "KSF-4.9");
  for (const auto& r : late) ExpectRecordingDestroyed(r, "KSF-4.10");
}

TEST_F(RetentionTest, AVaultFailureIsReportedAndTheSweepGoesOn) {
  domain::Recording good = Capture();
  // A catalogued recording whose id the vault refuses (kInvalidInput): its
  // content cannot be destroyed, so it must not be marked destroyed.
  domain::Recording bad = good;
  bad.id = "not a vault id";
  {
    auto conn = app().Writer();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(store::PutRecording(**conn, bad).ok());
  }
  clock().Set(good.evaluate_by + 1);
  auto report = Sweep(app());
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_NE(report->errors[0].find("not a vault id"), std::string::npos);
  EXPECT_EQ(report->recordings_destroyed["KSF-4.10"], 1);
  ExpectRecordingDestroyed(good, "KSF-4.10");
  EXPECT_FALSE(Stored(bad.id).destroyed_at.has_value());
  ExpectAuditChainIntact();
  // Tried again by the next sweep, reported again.
  auto again = Sweep(app());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->errors.size(), 1u);
}

TEST_F(RetentionTest, RefusesABatchSizeOrShredThreadsBelowOne) {
  SweepOptions options;
  options.batch_size = 0;
  auto report = Sweep(app(), options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidInput);
  options.batch_size = 1;
  options.shred_threads = 0;
  report = Sweep(app(), options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidInput);
}

TEST_F(RetentionTest, KSF410_OneShredThreadDestroysTheSame) {
  std::vector<domain::Recording> recordings = {Capture(0), Capture(0), Capture(1)};
  clock().Set(recordings[0].evaluate_by + 1);
  SweepOptions options;
  options.shred_threads = 1;
  EXPECT_EQ(RunSweep(options).recordings_destroyed["KSF-4.10"], 3);
  for (const auto& r : recordings) ExpectRecordingDestroyed(r, "KSF-4.10");
}

TEST_F(RetentionTest, NothingDueNothingDone) {
  domain::Recording recording = Capture();
  std::vector<int> progress;
  SweepOptions options;
  options.progress = [&](int done) { progress.push_back(done); };
  SweepReport report = RunSweep(options);
  EXPECT_EQ(report.recordings_destroyed_total() + report.evaluations_destroyed_total(), 0);
  EXPECT_TRUE(progress.empty());
  ExpectRecordingLive(recording);
}

// The due-recordings queries read their partial indexes (cost follows what is
// due, not the catalogue's size), never a scan of the recordings table.
TEST_F(RetentionTest, DueQueriesUsePartialIndexes) {
  const std::map<RecordingSource, std::vector<std::string>> expected = {
      {RecordingSource::kPastRetention, {"SEARCH r USING INDEX recordings_due_retention"}},
      {RecordingSource::kLeavers,
       {"SEARCH e USING INDEX employees_leavers", "SEARCH r USING INDEX recordings_live_by_agent"}},
      {RecordingSource::kNotEvaluatedInTerm, {"SEARCH r USING INDEX recordings_due_unevaluated"}},
      {RecordingSource::kEvaluated, {"SEARCH r USING INDEX recordings_due_evaluated"}},
  };
  auto conn = app().Reader();
  ASSERT_TRUE(conn.ok());
  for (const auto& [source, wanted] : expected) {
    auto plan = (*conn)->Query("EXPLAIN QUERY PLAN " + std::string(DueRecordingsSql(source)),
                               {db::Value(app().Now()), db::Value(std::int64_t{0}),
                                db::Value(std::string()), db::Value(std::int64_t{500})});
    ASSERT_TRUE(plan.ok()) << plan.error().ToString();
    std::string details;
    for (const auto& row : *plan) details += row.Text(3) + "\n";
    for (const auto& step : wanted) {
      EXPECT_NE(details.find(step), std::string::npos) << SourceName(source) << " plan:\n"
                                                       << details;
    }
    EXPECT_EQ(details.find("SCAN r\n"), std::string::npos) << details;
    EXPECT_EQ(details.find("SCAN e\n"), std::string::npos) << details;
  }
}

}  // namespace
}  // namespace fairqm::retention
