// AVG-5-accountability: the audit log is append-only and tamper-evident.
// Tampering tests play an attacker with the catalogue file: they drop the
// append-only triggers first, then edit the table with raw SQL.
#include "audit/audit.h"

#include <gtest/gtest.h>

#include "db/testing.h"

namespace fairqm::audit {
namespace {

constexpr TimeMs kT0 = 1'767'225'600'000;

Entry Sample(int n) {
  Entry e;
  e.at = kT0 + n * kMinuteMs;
  e.actor_id = "emp-coach-" + std::to_string(n % 3);
  e.actor_role = "monitor";
  e.action = n % 2 == 0 ? "recording.listen" : "evaluation.view";
  e.subject_kind = "recording";
  e.subject_id = "rec-" + std::to_string(n);
  e.subject_agent_id = "emp-agent-" + std::to_string(n % 4);
  e.purpose = domain::Purpose::kCoaching;
  e.decision = n % 5 == 0 ? Decision::kRefused : Decision::kAllowed;
  e.rule = n % 5 == 0 ? "KSF-3.3" : "";
  e.detail = R"({"n":)" + std::to_string(n) + "}";
  return e;
}

class AuditTest : public ::testing::Test {
 protected:
  db::Connection& conn() { return catalogue_.conn(); }

  void AppendEntries(int count) {
    auto transaction = db::Transaction::Begin(conn());
    ASSERT_TRUE(transaction.ok());
    for (int n = 1; n <= count; ++n) {
      auto seq = Append(conn(), Sample(n));
      ASSERT_TRUE(seq.ok()) << seq.error().ToString();
      ASSERT_EQ(*seq, n);
    }
    ASSERT_TRUE(transaction->Commit().ok());
  }

  void BecomeAttacker() {
    ASSERT_TRUE(conn()
                    .ExecScript("DROP TRIGGER audit_log_no_update;"
                                " DROP TRIGGER audit_log_no_delete;")
                    .ok());
  }

  void Sql(const std::string& sql) {
    Status status = conn().ExecScript(sql);
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }

  VerifyReport MustVerify(const std::optional<Head>& anchor = std::nullopt) {
    auto report = Verify(conn(), anchor);
    EXPECT_TRUE(report.ok()) << report.error().ToString();
    return report.ok() ? *report : VerifyReport{};
  }

  std::string StoredHash(std::int64_t seq) {
    auto rows = conn().Query("SELECT hash FROM audit_log WHERE seq = $1", {seq});
    return rows.ok() && !rows->empty() ? (*rows)[0].Text(0) : "";
  }

  // Moves entries seq >= from up by one, leaving a hole at `from`.
  void ShiftUpFrom(int from) {
    Sql("UPDATE audit_log SET seq = seq + 1000000 WHERE seq >= " + std::to_string(from) +
        ";"
        " UPDATE audit_log SET seq = seq - 999999 WHERE seq >= 1000000;");
  }

  void InsertRaw(std::int64_t seq, const Entry& e, const std::string& prev_hash,
                 const std::string& hash) {
    auto inserted = conn().Exec(
        "INSERT INTO audit_log (seq, at, actor_id, actor_role, action, subject_kind, subject_id,"
        " subject_agent_id, purpose, decision, rule, detail, prev_hash, hash)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        {seq, e.at, e.actor_id, e.actor_role, e.action, e.subject_kind, e.subject_id,
         e.subject_agent_id, std::string("coaching"), std::string(DecisionName(e.decision)), e.rule,
         e.detail, prev_hash, hash});
    ASSERT_TRUE(inserted.ok()) << inserted.error().ToString();
  }

  void SwapContent(int a, int b) {
    const std::string cols =
        "at, actor_id, actor_role, action, subject_kind, subject_id, subject_agent_id, purpose,"
        " decision, rule, detail, prev_hash, hash";
    const std::string sa = std::to_string(a);
    const std::string sb = std::to_string(b);
    Sql("CREATE TEMP TABLE saved AS SELECT * FROM audit_log WHERE seq IN (" + sa + ", " + sb +
        ");"
        " UPDATE audit_log SET (" +
        cols + ") = (SELECT " + cols + " FROM saved WHERE seq = " + sb + ") WHERE seq = " + sa +
        ";"
        " UPDATE audit_log SET (" +
        cols + ") = (SELECT " + cols + " FROM saved WHERE seq = " + sa + ") WHERE seq = " + sb +
        ";"
        " DROP TABLE saved;");
  }

  db::testing::TempCatalogue catalogue_;
};

TEST_F(AuditTest, EmptyLogVerifies) {
  VerifyReport report = MustVerify();
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.entries, 0);
  auto head = GetHead(conn());
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 0);
  EXPECT_EQ(head->hash, GenesisHash());
  EXPECT_EQ(GenesisHash(), std::string(64, '0'));
}

TEST_F(AuditTest, CleanChainVerifiesAcrossPages) {
  AppendEntries(1200);  // more than one verification page
  VerifyReport report = MustVerify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.entries, 1200);
  EXPECT_FALSE(report.first_bad_seq.has_value());
  auto head = GetHead(conn());
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 1200);
  EXPECT_TRUE(MustVerify(*head).ok);
}

TEST_F(AuditTest, HashCoversEveryFieldAndTheChain) {
  const Entry base = Sample(1);
  const std::string h = ComputeHash(1, base, GenesisHash());
  EXPECT_EQ(h.size(), 64u);
  EXPECT_NE(ComputeHash(2, base, GenesisHash()), h);
  EXPECT_NE(ComputeHash(1, base, std::string(64, '1')), h);
  std::vector<Entry> variants(11, base);
  variants[0].at += 1;
  variants[1].actor_id += "x";
  variants[2].actor_role = "admin";
  variants[3].action += "x";
  variants[4].subject_kind += "x";
  variants[5].subject_id += "x";
  variants[6].subject_agent_id += "x";
  variants[7].purpose = domain::Purpose::kQuality;
  variants[8].decision = Decision::kRefused;
  variants[9].rule = "KSF-4.7";
  variants[10].detail = "{}";
  for (const Entry& variant : variants) EXPECT_NE(ComputeHash(1, variant, GenesisHash()), h);
  // Length-prefixed: moving a character between fields changes the hash.
  Entry shifted = base;
  shifted.actor_id = base.actor_id + base.actor_role.substr(0, 1);
  shifted.actor_role = base.actor_role.substr(1);
  EXPECT_NE(ComputeHash(1, shifted, GenesisHash()), h);
}

TEST_F(AuditTest, AppendRequiresTheCallersTransaction) {
  auto outside = Append(conn(), Sample(1));
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, ErrorCode::kInternal);

  // Rolled back with the action it records: no entry, no gap.
  {
    auto transaction = db::Transaction::Begin(conn());
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(Append(conn(), Sample(1)).ok());
  }
  auto head = GetHead(conn());
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 0);
}

TEST_F(AuditTest, AppendRefusesDetailThatIsNotAJsonObject) {
  auto transaction = db::Transaction::Begin(conn());
  ASSERT_TRUE(transaction.ok());
  Entry bad = Sample(1);
  bad.detail = "not json";
  auto appended = Append(conn(), bad);
  ASSERT_FALSE(appended.ok());
  EXPECT_EQ(appended.error().code, ErrorCode::kInvalidInput);
  bad.detail = "[1, 2]";
  EXPECT_FALSE(Append(conn(), bad).ok());
}

TEST_F(AuditTest, TableRefusesUpdateAndDelete) {
  AppendEntries(3);
  auto update = conn().Exec("UPDATE audit_log SET rule = 'x' WHERE seq = 2");
  ASSERT_FALSE(update.ok());
  EXPECT_NE(update.error().message.find("append-only"), std::string::npos);
  EXPECT_FALSE(conn().Exec("DELETE FROM audit_log WHERE seq = 2").ok());
  EXPECT_TRUE(MustVerify().ok);
}

TEST_F(AuditTest, DetectsAnEditedEntry) {
  // AVG-5-accountability: a changed field shows as "entry N was edited".
  AppendEntries(30);
  BecomeAttacker();
  // Entry 15 recorded a refusal under KSF-3.3; the attacker makes it an allowance.
  Sql("UPDATE audit_log SET decision = 'allowed', rule = '' WHERE seq = 15");
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 15);
  EXPECT_EQ(report.problem, "entry 15 was edited");
}

TEST_F(AuditTest, DetectsAnEditedEntryWhoseHashWasRecomputed) {
  AppendEntries(30);
  BecomeAttacker();
  Entry forged = Sample(17);
  forged.actor_id = "someone-else";
  const std::string hash = ComputeHash(17, forged, StoredHash(16));
  auto updated = conn().Exec("UPDATE audit_log SET actor_id = $1, hash = $2 WHERE seq = 17",
                             {forged.actor_id, hash});
  ASSERT_TRUE(updated.ok());
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 17);
  EXPECT_EQ(report.problem, "entry 17 was edited (and its hash recomputed)");
}

TEST_F(AuditTest, DetectsADeletedEntry) {
  AppendEntries(30);
  BecomeAttacker();
  Sql("DELETE FROM audit_log WHERE seq = 18");
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 18);
  EXPECT_EQ(report.problem, "entry 18 is missing (deleted)");
}

TEST_F(AuditTest, DetectsDeletedEntriesAtTheStart) {
  AppendEntries(10);
  BecomeAttacker();
  Sql("DELETE FROM audit_log WHERE seq <= 3");
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 1);
  EXPECT_EQ(report.problem, "entries 1 to 3 are missing (deleted)");
}

TEST_F(AuditTest, DetectsADeletionHiddenByRenumbering) {
  AppendEntries(30);
  BecomeAttacker();
  Sql("DELETE FROM audit_log WHERE seq = 18; UPDATE audit_log SET seq = seq - 1 WHERE seq > 18");
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 18);
  EXPECT_EQ(report.problem, "entry 18 is missing (deleted; later entries renumbered)");
}

TEST_F(AuditTest, AnchorDetectsEntriesCutOffTheEnd) {
  AppendEntries(30);
  auto head = GetHead(conn());
  ASSERT_TRUE(head.ok());
  BecomeAttacker();
  Sql("DELETE FROM audit_log WHERE seq >= 29");
  EXPECT_TRUE(MustVerify().ok);  // the chain alone cannot see it
  VerifyReport report = MustVerify(*head);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 29);
  EXPECT_EQ(report.problem, "entries 29 to 30 are missing (deleted from the end)");
}

TEST_F(AuditTest, AnchorDetectsARewrittenTail) {
  AppendEntries(10);
  auto head = GetHead(conn());
  ASSERT_TRUE(head.ok());
  BecomeAttacker();
  // Rewrite entry 10 completely, with a valid hash and link.
  Sql("DELETE FROM audit_log WHERE seq = 10");
  Entry forged = Sample(10);
  forged.decision = Decision::kAllowed;
  const std::string prev = StoredHash(9);
  InsertRaw(10, forged, prev, ComputeHash(10, forged, prev));
  EXPECT_TRUE(MustVerify().ok);
  VerifyReport report = MustVerify(*head);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 10);
  EXPECT_EQ(report.problem, "entry 10 does not match the anchor (the log was rewritten)");
}

TEST_F(AuditTest, DetectsAForgedEntryInsertedInTheMiddle) {
  // The attacker knows the algorithm: the forged entry hashes and links
  // correctly to entry 11, yet the original entry 12 (now at 13) betrays it.
  AppendEntries(30);
  BecomeAttacker();
  ShiftUpFrom(12);
  Entry forged = Sample(99);
  const std::string prev = StoredHash(11);
  InsertRaw(12, forged, prev, ComputeHash(12, forged, prev));
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 12);
  EXPECT_EQ(report.problem, "entry 12 was inserted");
}

TEST_F(AuditTest, DetectsAClumsilyForgedEntryInsertedInTheMiddle) {
  AppendEntries(30);
  BecomeAttacker();
  ShiftUpFrom(12);
  InsertRaw(12, Sample(99), std::string(64, 'a'), std::string(64, 'b'));
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 12);
  EXPECT_EQ(report.problem, "entry 12 was inserted");
}

TEST_F(AuditTest, DetectsSwappedAdjacentEntries) {
  AppendEntries(30);
  BecomeAttacker();
  SwapContent(20, 21);
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 20);
  EXPECT_EQ(report.problem, "entries 20 and 21 are out of order");
}

TEST_F(AuditTest, DetectsSwappedDistantEntries) {
  AppendEntries(30);
  BecomeAttacker();
  SwapContent(5, 9);
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 5);
  EXPECT_EQ(report.problem, "entries 5 and 9 are out of order");
}

TEST_F(AuditTest, DetectsAnEditedFirstEntry) {
  AppendEntries(5);
  BecomeAttacker();
  Sql("UPDATE audit_log SET at = at + 1 WHERE seq = 1");
  VerifyReport report = MustVerify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 1);
  EXPECT_EQ(report.problem, "entry 1 was edited");
}

TEST_F(AuditTest, AgentSeesWhoAccessedTheirData) {
  // AVG-5-accountability SHOW: entries about an agent's data, newest first.
  AppendEntries(20);
  auto mine = ListForSubjectAgent(conn(), "emp-agent-1", 100);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 5u);  // n = 1, 5, 9, 13, 17
  EXPECT_EQ((*mine)[0].seq, 17);
  EXPECT_EQ((*mine)[0].entry.subject_id, "rec-17");
  EXPECT_EQ((*mine)[0].entry.purpose, domain::Purpose::kCoaching);
  EXPECT_EQ((*mine)[4].seq, 1);
  auto page = ListForSubjectAgent(conn(), "emp-agent-1", 2, 13);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, 9);
  EXPECT_EQ((*page)[1].seq, 5);
}

TEST_F(AuditTest, SearchCombinesFilters) {
  AppendEntries(20);
  Filter refused;
  refused.decision = Decision::kRefused;
  auto found = Search(conn(), refused);
  ASSERT_TRUE(found.ok()) << found.error().ToString();
  ASSERT_EQ(found->size(), 4u);  // n = 5, 10, 15, 20
  EXPECT_EQ((*found)[0].seq, 20);
  EXPECT_EQ((*found)[0].entry.rule, "KSF-3.3");
  EXPECT_EQ((*found)[0].entry.decision, Decision::kRefused);

  Filter combined;
  combined.actor_id = "emp-coach-1";     // n % 3 == 1: 1, 4, 7, 10, 13, 16, 19
  combined.action = "recording.listen";  // even n: 4, 10, 16
  combined.from = kT0 + 5 * kMinuteMs;
  combined.to = kT0 + 16 * kMinuteMs;  // at < to: 10
  found = Search(conn(), combined);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].seq, 10);

  Filter by_rule;
  by_rule.rule = "KSF-3.3";
  by_rule.subject_agent_id = "emp-agent-0";  // n % 4 == 0 and n % 5 == 0: 20
  found = Search(conn(), by_rule);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);

  Filter paged;
  paged.limit = 3;
  paged.before_seq = 10;
  found = Search(conn(), paged);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 3u);
  EXPECT_EQ((*found)[0].seq, 9);
}

}  // namespace
}  // namespace fairqm::audit
