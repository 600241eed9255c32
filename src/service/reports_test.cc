// Tests of service/reports (works council, client) and service/register
// (AVG-30), on a real installation built by service/testing.h.
#include "service/reports.h"

#include <gtest/gtest.h>

#include "audit/audit.h"
#include "service/register.h"
#include "service/testing.h"
#include "store/recordings.h"
#include "store/requests.h"

namespace fairqm::service {
namespace {

using domain::Purpose;
using domain::Role;
using testing::Installation;
using testing::ServiceTest;

// The newest audit entry with this action, if any.
std::optional<audit::StoredEntry> LastAudit(App& app, const std::string& action) {
  auto conn = app.Reader();
  if (!conn.ok()) return std::nullopt;
  audit::Filter filter;
  filter.action = action;
  filter.limit = 1;
  auto found = audit::Search(**conn, filter);
  if (!found.ok() || found->empty()) return std::nullopt;
  return found->front();
}

const WorksCouncilPurpose& PurposeOf(const WorksCouncilReportData& report, Purpose purpose) {
  for (const auto& p : report.purposes) {
    if (p.figures.purpose == purpose) return p;
  }
  ADD_FAILURE() << "purpose missing from the report";
  return report.purposes.front();
}

// Destroys a recording as the retention sweep does: catalogue, then vault.
void Destroy(Installation& inst, const std::string& recording_id, const std::string& rule) {
  auto conn = inst.app().Writer();
  ASSERT_TRUE(conn.ok());
  auto marked = store::MarkRecordingDestroyed(**conn, recording_id, inst.app().Now(), rule);
  ASSERT_TRUE(marked.ok() && *marked);
  FAIRQM_ASSERT_OK(inst.app().vault().Destroy(recording_id));
}

// ---------------------------------------------------------------------------
// Works council report

class WorksCouncilReportTest : public ServiceTest {};

TEST_F(WorksCouncilReportTest, CountsMatchWhatWasIngestedEvaluatedDestroyedAndRefused) {
  // KSF-3.10, KSF-4.4, DELETION-log, KSF-4.9: the figures are the catalogue's.
  const auto& noord = inst().teams()[0];
  const std::string a0 = noord.agent_ids[0];
  const std::string a1 = noord.agent_ids[1];
  const TimeMs from = inst().app().Now() - Days(1);
  std::vector<std::string> a0_coaching;
  for (int i = 0; i < 3; ++i) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto r, inst().Capture(a0, Purpose::kCoaching));
    a0_coaching.push_back(r.id);
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto a1_first, inst().Capture(a1, Purpose::kCoaching));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto a1_second, inst().Capture(a1, Purpose::kCoaching));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto quality, inst().Capture(a0, Purpose::kQuality));
  (void)quality;

  // One evaluated on time, one marked evaluated after its deadline (late).
  FAIRQM_ASSERT_OK(inst().Evaluate(a0, Purpose::kCoaching, {a0_coaching[0]}));
  {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Writer());
    FAIRQM_ASSERT_OK_AND_ASSIGN(
        auto late, store::MarkRecordingEvaluated(*conn, a0_coaching[1], a1_first.evaluate_by + 1));
    EXPECT_TRUE(late);
  }
  // One destroyed for not being evaluated in time.
  Destroy(inst(), a1_second.id, "KSF-4.10");

  // A retention hold in force on one coaching recording (KSF-4.9).
  {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Writer());
    domain::Consent hold;
    hold.id = "consent-1";
    hold.agent_id = a0;
    hold.kind = domain::ConsentKind::kRetentionHold;
    hold.recording_id = a0_coaching[2];
    hold.reason = "Klacht van de klant in behandeling";
    hold.hold_until = inst().app().Now() + Days(60);
    hold.requested_by = inst().monitor_id();
    hold.given_at = inst().app().Now();
    FAIRQM_ASSERT_OK(store::PutConsent(*conn, hold));
    // KSF-3.10: one complaint never taken up within its term, one appealed.
    domain::Complaint ignored{"compl-1",    a1,           "Frequentie", "Te vaak opgenomen",
                              from,         from + 1,     std::nullopt, "",
                              std::nullopt, std::nullopt, "",           std::nullopt};
    FAIRQM_ASSERT_OK(store::PutComplaint(*conn, ignored));
    domain::Complaint appealed = ignored;
    appealed.id = "compl-2";
    appealed.respond_by = inst().app().Now() + Days(30);
    appealed.taken_up_at = inst().app().Now();
    appealed.appealed_at = inst().app().Now();
    FAIRQM_ASSERT_OK(store::PutComplaint(*conn, appealed));
  }
  // A capture refused because the customer objected (AVG-21).
  {
    capture::ContactMetadata m;
    m.agent = a0;
    m.line = "6" + noord.agent_numbers[0];
    m.purpose = Purpose::kCoaching;
    m.announced = true;
    m.do_not_record = true;
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto refused,
                                DecideCapture(inst().app(), Installation::CaptureSource(), m));
    EXPECT_EQ(refused.decision.rule, "AVG-21");
  }

  const TimeMs to = inst().app().Now() + Days(1);
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided, WorksCouncilReport(inst().app(), Installation::WorksCouncil(), from, to));
  ASSERT_TRUE(decided.allowed());
  const WorksCouncilReportData& report = *decided.value;
  ASSERT_EQ(report.purposes.size(), 3u);
  EXPECT_EQ(report.regulation_id, inst().regulation().id);

  const WorksCouncilPurpose& coaching = PurposeOf(report, Purpose::kCoaching);
  EXPECT_EQ(coaching.figures.recordings_captured, 5);
  EXPECT_EQ(coaching.figures.evaluated_on_time, 1);
  EXPECT_EQ(coaching.figures.evaluated_late, 1);
  EXPECT_EQ(coaching.figures.not_evaluated, 3);
  EXPECT_EQ(coaching.figures.destructions_by_rule.at("KSF-4.10"), 1);
  EXPECT_EQ(coaching.figures.active_holds, 1);
  EXPECT_EQ(coaching.figures.capture_refusals_by_rule.at("AVG-21"), 1);
  // KSF-3.6: declared versus actual.
  ASSERT_TRUE(coaching.frequency.declared_quota.has_value());
  EXPECT_EQ(*coaching.frequency.declared_quota, 30);
  EXPECT_EQ(*coaching.frequency.declared_period_days, 30);
  EXPECT_EQ(coaching.frequency.agents_recorded, 2);
  EXPECT_EQ(coaching.frequency.agent_periods, 2);
  EXPECT_DOUBLE_EQ(coaching.frequency.mean_per_agent_period, 2.5);
  EXPECT_EQ(coaching.frequency.max_per_agent_period, 3);
  EXPECT_EQ(coaching.frequency.agent_periods_over_quota, 0);

  const WorksCouncilPurpose& q = PurposeOf(report, Purpose::kQuality);
  EXPECT_EQ(q.figures.recordings_captured, 1);
  EXPECT_EQ(q.frequency.agents_recorded, 1);
  EXPECT_EQ(PurposeOf(report, Purpose::kAssessment).figures.recordings_captured, 0);

  EXPECT_EQ(report.complaints_filed, 2);
  EXPECT_EQ(report.complaints_taken_up_late, 1);
  EXPECT_EQ(report.complaints_appealed, 1);

  // The JSON carries the same figures.
  codec::Json json = ToJson(report);
  EXPECT_EQ(json["purposes"][0]["purpose"], "coaching");
  EXPECT_EQ(json["purposes"][0]["actual"]["recordings"], 5);
  EXPECT_EQ(json["purposes"][0]["declared"]["quota"], 30);
  EXPECT_EQ(json["purposes"][0]["destructions_by_rule"]["KSF-4.10"], 1);
  EXPECT_EQ(json["complaints"]["taken_up_late"], 1);
}

class BreachTest : public ServiceTest {
 protected:
  testing::Options MakeOptions() const override {
    testing::Options options;
    options.coaching_quota = 2;  // slots of 15 days
    options.days_into_period = 16;
    return options;
  }
};

TEST_F(BreachTest, KSF36_AgentAboveQuotaIsCountedAsBreach) {
  const std::string a0 = inst().teams()[0].agent_ids[0];
  const TimeMs from = inst().app().Now() - Days(20);
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto first, inst().Capture(a0, Purpose::kCoaching));
  FAIRQM_ASSERT_OK(inst().Capture(a0, Purpose::kCoaching));
  // The gate refuses the third (KSF-3.6) ...
  auto third = inst().Capture(a0, Purpose::kCoaching);
  ASSERT_FALSE(third.ok());
  EXPECT_NE(third.error().message.find("KSF-3.6"), std::string::npos);
  // ... so a breach can only come from outside the gate: a recording written
  // straight into the catalogue, as a misbehaving integration might.
  {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto conn, inst().app().Writer());
    domain::Recording smuggled = first;
    smuggled.id = "rec-smuggled";
    smuggled.created_at = inst().app().Now();
    FAIRQM_ASSERT_OK(store::PutRecording(*conn, smuggled));
  }
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided,
      WorksCouncilReport(inst().app(), Installation::Manager(), from, inst().app().Now() + 1));
  ASSERT_TRUE(decided.allowed());
  const FrequencyFigures& f = PurposeOf(*decided.value, Purpose::kCoaching).frequency;
  EXPECT_EQ(*f.declared_quota, 2);
  EXPECT_EQ(f.max_per_agent_period, 3);
  EXPECT_EQ(f.agent_periods_over_quota, 1);
  std::string text = RenderWorksCouncilReport(*decided.value, "en");
  EXPECT_NE(text.find("Over the quota (agent-periods)"), std::string::npos);
}

TEST_F(WorksCouncilReportTest, RendersReadableTablesInDutchAndEnglishWithoutNames) {
  // AVG-5-minimal: aggregates only — no agent id or name in any rendering.
  const auto& noord = inst().teams()[0];
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto r, inst().Capture(noord.agent_ids[0], Purpose::kCoaching));
  Destroy(inst(), r.id, "KSF-4.10");
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto decided, WorksCouncilReport(inst().app(), Installation::PrivacyOfficer(),
                                       inst().app().Now() - Days(5), inst().app().Now() + 1));
  ASSERT_TRUE(decided.allowed());
  std::string nl = RenderWorksCouncilReport(*decided.value, "nl");
  std::string en = RenderWorksCouncilReport(*decided.value, "en");
  for (const char* word : {"ondernemingsraad", "Opnames", "Op tijd geëvalueerd", "Klachten",
                           "Vernietigd", "beoordeling", "kwaliteit", "KSF-4.10"}) {
    EXPECT_NE(nl.find(word), std::string::npos) << word << "\n" << nl;
  }
  for (const char* word : {"Works-council report", "Recordings", "Evaluated on time", "Complaints",
                           "Destroyed", "assessment", "quality", "KSF-4.10"}) {
    EXPECT_NE(en.find(word), std::string::npos) << word << "\n" << en;
  }
  EXPECT_EQ(en.find("Opnames"), std::string::npos);
  const std::string json = ToJson(*decided.value).dump();
  for (const std::string& text : {nl, en, json}) {
    EXPECT_EQ(text.find("emp-"), std::string::npos);
    EXPECT_EQ(text.find("Medewerker"), std::string::npos);
    EXPECT_EQ(text.find(r.id), std::string::npos);
  }
}

TEST_F(WorksCouncilReportTest, AVG32_OnlyWorksCouncilManagementAndPrivacyOfficerMayRead) {
  struct Row {
    Actor actor;
    bool allowed;
  };
  const Row rows[] = {
      {Installation::WorksCouncil(), true},
      {Installation::Manager(), true},
      {Installation::PrivacyOfficer(), true},
      {Installation::AgentActor(inst().teams()[0].agent_ids[0]), false},
      {inst().Monitor(), false},
      {Installation::Client("cl-1"), false},
      {Installation::Admin(), false},
      {Installation::CaptureSource(), false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(domain::Name(row.actor.role)));
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto decided,
                                WorksCouncilReport(inst().app(), row.actor, 0, inst().app().Now()));
    EXPECT_EQ(decided.allowed(), row.allowed);
    EXPECT_EQ(decided.value.has_value(), row.allowed);
    if (!row.allowed) {
      EXPECT_EQ(decided.decision.rule, "AVG-32");
      EXPECT_FALSE(decided.decision.reason_nl.empty());
    }
    // AVG-5-accountability: allowed or refused, the request is on record.
    auto entry = LastAudit(inst().app(), "report.works_council");
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->entry.actor_id, row.actor.id);
    EXPECT_EQ(entry->entry.decision,
              row.allowed ? audit::Decision::kAllowed : audit::Decision::kRefused);
  }
}

TEST_F(WorksCouncilReportTest, RejectsAPeriodThatEndsBeforeItStarts) {
  auto result = WorksCouncilReport(inst().app(), Installation::WorksCouncil(), 100, 50);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
}

// ---------------------------------------------------------------------------
// Register (AVG-30)

class RegisterTest : public ServiceTest {};

TEST_F(RegisterTest, AVG30_RecordOfProcessingComesFromTheActiveRegulation) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-aggr", {"Noord"}, Purpose::kQuality));
  FAIRQM_ASSERT_OK(
      inst().AddClientContract("cl-indiv", {"Zuid"}, Purpose::kCoaching, /*individual=*/true));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto decided, Register(inst().app(), Installation::Manager()));
  ASSERT_TRUE(decided.allowed());
  const ProcessingRegister& r = *decided.value;
  EXPECT_EQ(r.controller_name, "Klantcontact Test B.V.");
  EXPECT_EQ(r.contact_email, "privacy@test.example");
  EXPECT_EQ(r.regulation_id, inst().regulation().id);
  EXPECT_EQ(r.dpia_reference, "DPIA-TEST-1");  // AVG-35
  ASSERT_TRUE(r.dpia_at.has_value());
  EXPECT_EQ(r.works_council_consent_reference, "OR-TEST-2026-01");  // KSF-3.11
  ASSERT_EQ(r.activities.size(), 3u);
  const RegisterActivity& coaching = r.activities[0];
  EXPECT_EQ(coaching.purpose, Purpose::kCoaching);
  EXPECT_EQ(coaching.legal_ground, domain::LegalGround::kLegitimateInterest);
  EXPECT_EQ(r.activities[1].legal_ground, domain::LegalGround::kContract);
  EXPECT_FALSE(coaching.legitimate_interest.empty());
  EXPECT_FALSE(coaching.description.nl.empty());
  EXPECT_FALSE(coaching.description.en.empty());
  EXPECT_EQ(coaching.recording_retention_days, 30);
  EXPECT_EQ(coaching.evaluation_retention_days, 365);
  EXPECT_EQ(coaching.data_subjects.size(), 2u);  // agents; customers
  // Data categories follow the enabled channels.
  auto has_category = [](const RegisterActivity& a, const std::string& en) {
    for (const auto& c : a.data_categories) {
      if (c.en.find(en) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_category(coaching, "Screen recordings"));
  EXPECT_FALSE(has_category(coaching, "Chat"));
  EXPECT_TRUE(has_category(r.activities[2], "Chat"));
  EXPECT_TRUE(has_category(r.activities[2], "E-mail"));
  EXPECT_TRUE(has_category(coaching, "pseudonymised"));
  // Recipients: the QA monitor counted by function, never named.
  bool qa_counted = false;
  for (const auto& recipient : coaching.recipients) {
    if (recipient.who.en.find("Quality analysts") != std::string::npos) {
      qa_counted = recipient.count == 1;
    }
  }
  EXPECT_TRUE(qa_counted);
  // KSF-6.1/6.2: the aggregate client under quality, the individual-level one
  // under coaching; no client for assessment (KSF-6.5).
  auto client_text = [](const RegisterActivity& a) {
    std::string all;
    for (const auto& recipient : a.recipients) {
      if (recipient.who.en.rfind("Client ", 0) == 0)
        all += recipient.who.en + ": " + recipient.what.en + "\n";
    }
    return all;
  };
  EXPECT_NE(client_text(r.activities[2]).find("Aggregate figures of groups of at least 5"),
            std::string::npos);
  EXPECT_NE(client_text(coaching).find("Data per agent"), std::string::npos);
  EXPECT_TRUE(client_text(r.activities[1]).empty());
  EXPECT_EQ(r.client_contracts.size(), 2u);
  EXPECT_FALSE(r.security_measures.empty());

  codec::Json json = ToJson(r);
  EXPECT_EQ(json["controller"]["name"], "Klantcontact Test B.V.");
  EXPECT_EQ(json["activities"].size(), 3u);
  EXPECT_EQ(json["dpia"]["reference"], "DPIA-TEST-1");
  EXPECT_EQ(json["activities"][0]["transfers"]["en"],
            "No transfers to countries outside the European Economic Area.");
  // No personal data in the register: no employee id, no monitor name.
  const std::string dump = json.dump();
  EXPECT_EQ(dump.find("emp-"), std::string::npos);
  EXPECT_EQ(dump.find(inst().monitor_id()), std::string::npos);
}

TEST_F(RegisterTest, AVG30_RendersPrintableTextInDutchAndEnglish) {
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto decided, Register(inst().app(), Installation::WorksCouncil()));
  ASSERT_TRUE(decided.allowed());
  std::string nl = RenderRegister(*decided.value, "nl");
  std::string en = RenderRegister(*decided.value, "en");
  for (const char* word : {"REGISTER VAN VERWERKINGSACTIVITEITEN", "Verwerkingsverantwoordelijke",
                           "Grondslag", "Bewaartermijnen", "Beveiligingsmaatregelen", "DPIA-TEST-1",
                           "OR-TEST-2026-01", "gerechtvaardigd belang"}) {
    EXPECT_NE(nl.find(word), std::string::npos) << word;
  }
  for (const char* word : {"RECORD OF PROCESSING ACTIVITIES", "Controller", "Legal ground",
                           "Retention", "Security measures", "Argon2id", "crypto-shredding"}) {
    EXPECT_NE(en.find(word), std::string::npos) << word;
  }
}

TEST_F(RegisterTest, AVG30_EveryRoleMayReadItAndEachReadIsAudited) {
  // Our choice: the register holds no personal data and the regulation is
  // public (KSF-3.10), so clients and agents read it too.
  for (const Actor& actor :
       {Installation::Client("cl-1"), Installation::AgentActor(inst().teams()[1].agent_ids[0]),
        Installation::Admin()}) {
    FAIRQM_ASSERT_OK_AND_ASSIGN(auto decided, Register(inst().app(), actor));
    EXPECT_TRUE(decided.allowed());
    auto entry = LastAudit(inst().app(), "register.read");
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->entry.actor_id, actor.id);
    EXPECT_EQ(entry->entry.subject_id, inst().regulation().id);
  }
}

TEST(RegisterWithoutRegulationTest, KSF31_RefusedWithoutAnActiveRegulation) {
  testing::ScratchDir dir;
  ManualClock clock(testing::kFixtureStart);
  SeededRandom random(7);
  FAIRQM_ASSERT_OK(App::Init(dir.path() / "data", clock));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto app, App::Open(dir.path() / "data", clock, random));
  FAIRQM_ASSERT_OK_AND_ASSIGN(auto decided, Register(*app, Installation::Manager()));
  EXPECT_FALSE(decided.allowed());
  EXPECT_EQ(decided.decision.rule, "KSF-3.1");
  auto entry = LastAudit(*app, "register.read");
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->entry.decision, audit::Decision::kRefused);
  // The works-council report still works (history stays open to oversight).
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto report, WorksCouncilReport(*app, Installation::WorksCouncil(), 0, clock.Now()));
  ASSERT_TRUE(report.allowed());
  EXPECT_FALSE(report.value->purposes[0].frequency.declared_quota.has_value());
  EXPECT_NE(RenderWorksCouncilReport(*report.value, "nl").find("geen actieve regeling"),
            std::string::npos);
}

// ---------------------------------------------------------------------------
// Client report (chapter 6)

class ClientReportTest : public ServiceTest {
 protected:
  // One quality recording per agent of the team, for the client, evaluated
  // (score 4 of 5 on every question = 80) and shared.
  void RecordTeam(std::size_t team_idx, const std::string& client_id, int evaluated) {
    const auto& team = inst().teams()[team_idx];
    testing::CaptureSpec spec;
    spec.client_id = client_id;
    for (std::size_t agent_idx = 0; agent_idx < team.agent_ids.size(); ++agent_idx) {
      FAIRQM_ASSERT_OK_AND_ASSIGN(
          auto r, inst().Capture(team.agent_ids[agent_idx], Purpose::kQuality, spec));
      if (static_cast<int>(agent_idx) < evaluated) {
        FAIRQM_ASSERT_OK(inst().Evaluate(team.agent_ids[agent_idx], Purpose::kQuality, {r.id}));
      }
    }
  }

  Decided<ClientReportData> Report(const Actor& actor, const std::string& client_id = "") {
    auto decided = ClientReport(inst().app(), actor, inst().app().Now() - Days(5),
                                inst().app().Now() + Days(1), client_id);
    EXPECT_TRUE(decided.ok()) << decided.error().ToString();
    if (decided.ok()) return *decided;
    policy::Decision failed;
    failed.allowed = false;
    failed.rule = "error";
    return Decided<ClientReportData>{failed, std::nullopt};
  }
};

TEST_F(ClientReportTest, KSF61_TeamOfFiveIsShownTeamOfFourIsSuppressed) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-noord", {"Noord"}, Purpose::kQuality));
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-zuid", {"Zuid"}, Purpose::kQuality));
  RecordTeam(0, "cl-noord", 5);
  RecordTeam(1, "cl-zuid", 4);

  auto noord = Report(Installation::Client("cl-noord"));
  ASSERT_TRUE(noord.allowed());
  ASSERT_EQ(noord.value->cells.size(), 2u);  // Noord, overall
  const ClientReportCell& team = noord.value->cells[0];
  EXPECT_EQ(team.team_name, "Noord");
  EXPECT_TRUE(team.shown);
  EXPECT_EQ(team.distinct_agents, 5);
  EXPECT_EQ(team.recordings, 5);
  EXPECT_EQ(team.evaluated, 5);
  ASSERT_TRUE(team.score_shown);
  EXPECT_DOUBLE_EQ(*team.mean_score, 80.0);
  EXPECT_TRUE(noord.value->cells[1].overall);
  EXPECT_TRUE(noord.value->cells[1].shown);

  auto zuid = Report(Installation::Client("cl-zuid"));
  ASSERT_TRUE(zuid.allowed());
  for (const ClientReportCell& cell : zuid.value->cells) {
    EXPECT_FALSE(cell.shown);
    EXPECT_EQ(cell.decision.rule, "KSF-6.1");
    EXPECT_NE(cell.decision.reason_en.find("fewer than 5"), std::string::npos);
    EXPECT_EQ(cell.recordings, 0);
    EXPECT_EQ(cell.distinct_agents, 0);
    EXPECT_FALSE(cell.score_shown);
    EXPECT_FALSE(cell.mean_score.has_value());
  }
  codec::Json json = ToJson(*zuid.value);
  EXPECT_EQ(json["cells"][0]["shown"], false);
  EXPECT_EQ(json["cells"][0]["suppressed"]["rule"], "KSF-6.1");
  EXPECT_FALSE(json["cells"][0].contains("recordings"));
}

TEST_F(ClientReportTest, KSF61_SecondarySuppressionHidesTheTeamThatWouldGiveTheSmallOneAway) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-beide", {"Noord", "Zuid"}, Purpose::kQuality));
  RecordTeam(0, "cl-beide", 0);
  RecordTeam(1, "cl-beide", 0);
  auto report = Report(Installation::Client("cl-beide"));
  ASSERT_TRUE(report.allowed());
  ASSERT_EQ(report.value->cells.size(), 3u);
  EXPECT_EQ(report.value->cells[0].team_name, "Noord");
  EXPECT_FALSE(report.value->cells[0].shown);  // secondary: overall − Noord = Zuid
  EXPECT_EQ(report.value->cells[0].decision.rule, "KSF-6.1");
  EXPECT_FALSE(report.value->cells[1].shown);  // Zuid: 4 agents
  EXPECT_TRUE(report.value->cells[2].overall);
  EXPECT_TRUE(report.value->cells[2].shown);
  EXPECT_EQ(report.value->cells[2].distinct_agents, 9);
  EXPECT_EQ(report.value->cells[2].recordings, 9);
}

TEST_F(ClientReportTest, KSF61_ScoreIsSuppressedWhenTooFewAgentsWereEvaluated) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-noord", {"Noord"}, Purpose::kQuality));
  RecordTeam(0, "cl-noord", 2);  // five recorded, two evaluated
  auto report = Report(Installation::Client("cl-noord"));
  ASSERT_TRUE(report.allowed());
  const ClientReportCell& team = report.value->cells[0];
  EXPECT_TRUE(team.shown);
  EXPECT_EQ(team.evaluated, 2);
  EXPECT_FALSE(team.score_shown);
  EXPECT_FALSE(team.mean_score.has_value());
  EXPECT_EQ(team.score_decision.rule, "KSF-6.1");
}

TEST_F(ClientReportTest, KSF65_NoIndividualDataInTheClientReport) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-noord", {"Noord"}, Purpose::kQuality));
  RecordTeam(0, "cl-noord", 5);
  auto report = Report(Installation::Client("cl-noord"));
  ASSERT_TRUE(report.allowed());
  const std::string dump = ToJson(*report.value).dump();
  EXPECT_EQ(dump.find("emp-"), std::string::npos);   // no agent or monitor id
  EXPECT_EQ(dump.find("eval-"), std::string::npos);  // no evaluation
  EXPECT_EQ(dump.find("rec-"), std::string::npos);   // no recording
  EXPECT_EQ(dump.find("Medewerker"), std::string::npos);
  EXPECT_EQ(dump.find("Kwaliteitsmedewerker"), std::string::npos);
  EXPECT_EQ(dump.find("Kan beter"), std::string::npos);  // no answer comment
}

TEST_F(ClientReportTest, KSF63_OnlyTheClientsOwnContactsOfTheContractPurposeCount) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-noord", {"Noord"}, Purpose::kQuality));
  RecordTeam(0, "cl-noord", 0);
  RecordTeam(0, "cl-ander", 0);  // another client's contacts, same team
  testing::CaptureSpec spec;
  spec.client_id = "cl-noord";
  for (const auto& agent : inst().teams()[0].agent_ids) {
    FAIRQM_ASSERT_OK(inst().Capture(agent, Purpose::kCoaching, spec));  // other purpose
  }
  auto report = Report(Installation::Client("cl-noord"));
  ASSERT_TRUE(report.allowed());
  EXPECT_EQ(report.value->purpose, Purpose::kQuality);
  EXPECT_EQ(report.value->cells[0].recordings, 5);
}

TEST_F(ClientReportTest, KSF63_RefusedWithoutAContractInForce) {
  auto report = Report(Installation::Client("cl-geen"));
  EXPECT_FALSE(report.allowed());
  EXPECT_EQ(report.decision.rule, "KSF-6.3");
  auto entry = LastAudit(inst().app(), "report.client");
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->entry.decision, audit::Decision::kRefused);
  EXPECT_EQ(entry->entry.rule, "KSF-6.3");
}

TEST_F(ClientReportTest, KSF65_AnAssessmentContractGivesNothing) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-beoordeling", {"Noord"}, Purpose::kAssessment));
  auto report = Report(Installation::Client("cl-beoordeling"));
  EXPECT_FALSE(report.allowed());
  EXPECT_EQ(report.decision.rule, "KSF-6.5");
}

class ClientReportWithoutCoachingTest : public ServiceTest {
 protected:
  testing::Options MakeOptions() const override {
    testing::Options options;
    options.disabled_purposes = {Purpose::kCoaching};
    return options;
  }
};

TEST_F(ClientReportWithoutCoachingTest, KSF23_TheContractNeverWidensTheRegulation) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-coach", {"Noord"}, Purpose::kCoaching));
  FAIRQM_ASSERT_OK_AND_ASSIGN(
      auto report,
      ClientReport(inst().app(), Installation::Client("cl-coach"), 0, inst().app().Now()));
  EXPECT_FALSE(report.allowed());
  EXPECT_EQ(report.decision.rule, "KSF-2.3");
}

TEST_F(ClientReportTest, RolesClientOwnReportManagerAnyOthersRefused) {
  FAIRQM_ASSERT_OK(inst().AddClientContract("cl-noord", {"Noord"}, Purpose::kQuality));
  RecordTeam(0, "cl-noord", 5);
  auto client_view = Report(Installation::Client("cl-noord"));
  ASSERT_TRUE(client_view.allowed());
  // Our choice: the manager may look at exactly what the client gets.
  auto manager_view = Report(Installation::Manager(), "cl-noord");
  ASSERT_TRUE(manager_view.allowed());
  EXPECT_EQ(ToJson(*manager_view.value).dump(), ToJson(*client_view.value).dump());
  // A client asking for another client's report.
  auto other = Report(Installation::Client("cl-zuid"), "cl-noord");
  EXPECT_FALSE(other.allowed());
  EXPECT_EQ(other.decision.rule, "AVG-32");
  for (const Actor& actor :
       {Installation::AgentActor(inst().teams()[0].agent_ids[0]), inst().Monitor(),
        Installation::PrivacyOfficer(), Installation::WorksCouncil(), Installation::Admin()}) {
    SCOPED_TRACE(std::string(domain::Name(actor.role)));
    auto refused = Report(actor, "cl-noord");
    EXPECT_FALSE(refused.allowed());
    EXPECT_EQ(refused.decision.rule, "AVG-32");
  }
  // A manager must say which client.
  auto unnamed = ClientReport(inst().app(), Installation::Manager(), 0, inst().app().Now());
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace fairqm::service
