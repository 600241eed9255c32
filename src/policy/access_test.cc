// Table-driven tests of role access (AVG-32), authorisations (KSF-3.3,
// KSF-3.4), opening recordings (KSF-4.8, KSF-6.2, KSF-6.5, AVG-15, AVG-17) and
// reading evaluations.
#include "policy/access.h"

#include <gtest/gtest.h>

#include "domain/names.h"
#include "policy/policy_test_util.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

// AVG-32: kAdmin can never open recordings or evaluations or listen in.
TEST(RoleAccess, AVG_32_AdminNeverTouchesMonitoringData) {
  for (Action action : {Action::kOpenRecording, Action::kExportRecording, Action::kLiveListen,
                        Action::kEvaluate, Action::kReadEvaluation, Action::kHoldFeedbackMeeting}) {
    ExpectDecision(DecideRoleAccess(Role::kAdmin, action), "AVG-32");
  }
  ExpectDecision(DecideRoleAccess(Role::kAdmin, Action::kManageAccounts), "");
  ExpectDecision(DecideRoleAccess(Role::kAdmin, Action::kConfigureSystem), "");
  ExpectDecision(DecideRoleAccess(Role::kAdmin, Action::kRunRetention), "");
}

struct RoleRow {
  Role role;
  Action action;
  const char* expect_rule;
};

TEST(RoleAccess, MatrixRows) {
  const RoleRow rows[] = {
      {Role::kAgent, Action::kOpenRecording, ""},    // KSF-4.8 own data
      {Role::kAgent, Action::kExportRecording, ""},  // AVG-15 own data
      {Role::kAgent, Action::kEvaluate, "KSF-3.3"},  // agents never monitor
      {Role::kAgent, Action::kLiveListen, "KSF-3.3"},
      {Role::kAgent, Action::kGrantAuthorisation, "AVG-32"},
      {Role::kAgent, Action::kViewWorksCouncilReport, "AVG-32"},
      {Role::kClient, Action::kViewWorksCouncilReport, "AVG-32"},
      {Role::kWorksCouncil, Action::kViewWorksCouncilReport, ""},  // KSF-3.10
      {Role::kManager, Action::kViewWorksCouncilReport, ""},
      {Role::kPrivacyOfficer, Action::kViewWorksCouncilReport, ""},
      {Role::kMonitor, Action::kEvaluate, ""},
      {Role::kMonitor, Action::kLiveListen, ""},
      {Role::kMonitor, Action::kGrantAuthorisation, "AVG-32"},
      {Role::kManager, Action::kGrantAuthorisation, ""},
      {Role::kManager, Action::kDraftRegulation, ""},
      {Role::kManager, Action::kReadAuditLog, "AVG-32"},
      {Role::kWorksCouncil, Action::kRecordWorksCouncilConsent, ""},
      {Role::kWorksCouncil, Action::kOpenRecording, "AVG-32"},
      {Role::kPrivacyOfficer, Action::kReadAuditLog, ""},
      {Role::kPrivacyOfficer, Action::kHandleDataSubjectRequest, ""},
      {Role::kPrivacyOfficer, Action::kRecordDpia, ""},
      {Role::kPrivacyOfficer, Action::kLiveListen, "AVG-32"},
      {Role::kClient, Action::kViewClientReport, ""},
      {Role::kClient, Action::kEvaluate, "KSF-6.5"},
      {Role::kClient, Action::kReadEvaluation, "KSF-6.5"},
      {Role::kCaptureSource, Action::kIngestRecording, ""},
      {Role::kCaptureSource, Action::kOpenRecording, "AVG-32"},
  };
  for (const RoleRow& row : rows) {
    SCOPED_TRACE(std::string(domain::Name(row.role)) + " action " +
                 std::to_string(static_cast<int>(row.action)));
    ExpectDecision(DecideRoleAccess(row.role, row.action), row.expect_rule);
  }
}

// ---------------------------------------------------------------------------
// KSF-3.3 / KSF-3.4 authorisations

struct AuthFacts {
  std::vector<Authorisation> authorisations = {MonitorAuthorisation()};
  std::string actor_id = "emp-monitor";
  Employee agent = Agent();
  Purpose purpose = Purpose::kCoaching;
  TimeMs now = T0();
  std::string client_id;
};

using AuthCase = Case<AuthFacts>;
class AuthTable : public ::testing::TestWithParam<AuthCase> {};

TEST_P(AuthTable, Decides) {
  AuthFacts facts;
  GetParam().mutate(facts);
  ExpectDecision(CheckAuthorised(facts.authorisations, facts.actor_id, facts.agent, facts.purpose,
                                 facts.now, facts.client_id),
                 GetParam().expect_rule);
}

const AuthCase kAuthCases[] = {
    {"KSF_3_3_AllowsTeamScope", [](AuthFacts&) {}, ""},
    {"KSF_3_3_AllowsNamedAgentScope",
     [](AuthFacts& f) {
       f.authorisations[0].team_ids.clear();
       f.authorisations[0].agent_ids = {"emp-agent"};
     },
     ""},
    {"KSF_3_3_RefusesOtherTeam", [](AuthFacts& f) { f.agent.team_id = "team-b"; }, "KSF-3.3"},
    {"KSF_3_3_RefusesAgentWithoutTeamOutsideNamedScope",
     [](AuthFacts& f) { f.agent.team_id.clear(); }, "KSF-3.3"},
    {"KSF_3_3_RefusesNoAuthorisation", [](AuthFacts& f) { f.authorisations.clear(); }, "KSF-3.3"},
    {"KSF_3_3_RefusesSomeoneElsesAuthorisation", [](AuthFacts& f) { f.actor_id = "emp-other"; },
     "KSF-3.3"},
    {"KSF_3_3_RefusesEmptyActor", [](AuthFacts& f) { f.actor_id.clear(); }, "KSF-3.3"},
    {"KSF_3_3_RefusesEndedAuthorisation",
     [](AuthFacts& f) { f.authorisations[0].ended_at = f.now; }, "KSF-3.3"},
    {"KSF_3_3_RefusesNotYetValid", [](AuthFacts& f) { f.authorisations[0].valid_from = f.now + 1; },
     "KSF-3.3"},
    {"KSF_3_3_RefusesExpired", [](AuthFacts& f) { f.authorisations[0].valid_until = f.now; },
     "KSF-3.3"},
    {"KSF_3_3_AllowsBeforeExpiry",
     [](AuthFacts& f) { f.authorisations[0].valid_until = f.now + 1; }, ""},
    {"KSF_3_3_RefusesUnacknowledgedConfidentiality",
     [](AuthFacts& f) { f.authorisations[0].confidentiality_acknowledged_at.reset(); }, "KSF-3.3"},
    {"KSF_3_3_RefusesConfidentialityAcknowledgedLater",
     [](AuthFacts& f) { f.authorisations[0].confidentiality_acknowledged_at = f.now + 1; },
     "KSF-3.3"},
    {"KSF_3_4_RefusesOtherPurpose",
     [](AuthFacts& f) { f.authorisations[0].purposes = {Purpose::kQuality}; }, "KSF-3.4"},
    {"KSF_3_3_ClientAuthorisationDoesNotCountForEmployee",
     [](AuthFacts& f) { f.authorisations[0].client_id = "client-1"; }, "KSF-3.3"},
    {"KSF_3_3_ClientAuthorisationCountsForItsClient",
     [](AuthFacts& f) {
       f.authorisations[0].client_id = "client-1";
       f.client_id = "client-1";
     },
     ""},
    {"KSF_3_3_OneValidAmongInvalidSuffices",
     [](AuthFacts& f) {
       Authorisation ended = MonitorAuthorisation();
       ended.ended_at = f.now - 1;
       f.authorisations.insert(f.authorisations.begin(), ended);
     },
     ""},
};

INSTANTIATE_TEST_SUITE_P(Auth, AuthTable, ::testing::ValuesIn(kAuthCases), CaseName());

TEST(Authorisation, KSF_3_3_ClosestAuthorisationExplainsRefusal) {
  Authorisation expired = MonitorAuthorisation();
  expired.valid_until = T0() - 1;
  Authorisation other_purpose = MonitorAuthorisation();
  other_purpose.purposes = {Purpose::kQuality};
  Decision decision =
      CheckAuthorised({expired, other_purpose}, "emp-monitor", Agent(), Purpose::kCoaching, T0());
  EXPECT_EQ(decision.rule, "KSF-3.4");
  EXPECT_TRUE(AuthorisationActive(other_purpose, T0()));
  EXPECT_FALSE(AuthorisationActive(expired, T0()));
  EXPECT_FALSE(AuthorisationCovers(other_purpose, Agent(), Purpose::kCoaching, T0()));
  EXPECT_TRUE(AuthorisationCovers(other_purpose, Agent(), Purpose::kQuality, T0()));
}

// ---------------------------------------------------------------------------
// Opening recordings

OpenRecordingFacts BaseOpen() {
  OpenRecordingFacts facts;
  facts.actor_role = Role::kMonitor;
  facts.actor_id = "emp-monitor";
  facts.actor_authorisations = {MonitorAuthorisation()};
  facts.recording = AgentRecording(Purpose::kCoaching);
  facts.agent = Agent();
  facts.access_purpose = Purpose::kCoaching;
  facts.now = T0();
  return facts;
}

void AsClient(OpenRecordingFacts& f) {
  f.actor_role = Role::kClient;
  f.actor_id = "client-user-1";
  f.actor_authorisations = {ClientAuthorisation()};
  f.recording = AgentRecording(Purpose::kQuality);
  f.access_purpose = Purpose::kQuality;
  f.regulation = ActiveRegulation();
  f.contract = IndividualContract();
}

using OpenCase = Case<OpenRecordingFacts>;
class OpenTable : public ::testing::TestWithParam<OpenCase> {};

TEST_P(OpenTable, Decides) {
  OpenRecordingFacts facts = BaseOpen();
  GetParam().mutate(facts);
  ExpectDecision(DecideOpenRecording(facts), GetParam().expect_rule);
}

const OpenCase kOpenCases[] = {
    {"KSF_3_3_AllowsAuthorisedMonitor", [](OpenRecordingFacts&) {}, ""},
    {"KSF_3_3_RefusesUnauthorisedMonitor",
     [](OpenRecordingFacts& f) { f.actor_authorisations.clear(); }, "KSF-3.3"},
    {"KSF_3_3_RefusesUnacknowledgedMonitor",
     [](OpenRecordingFacts& f) {
       f.actor_authorisations[0].confidentiality_acknowledged_at.reset();
     },
     "KSF-3.3"},
    {"KSF_3_3_RefusesOutOfScope", [](OpenRecordingFacts& f) { f.agent.team_id = "team-z"; },
     "KSF-3.3"},
    {"KSF_3_4_RefusesCoachingRecordingForAssessment",
     [](OpenRecordingFacts& f) { f.access_purpose = Purpose::kAssessment; }, "KSF-3.4"},
    {"KSF_3_4_RefusesAuthorisationWithoutRecordingPurpose",
     [](OpenRecordingFacts& f) { f.actor_authorisations[0].purposes = {Purpose::kAssessment}; },
     "KSF-3.4"},
    {"KSF_3_4_RefusesReportAcrossPurpose",
     [](OpenRecordingFacts& f) {
       f.access = RecordingAccess::kReport;
       f.access_purpose = Purpose::kQuality;
     },
     "KSF-3.4"},
    {"KSF_3_4_RefusesExportAcrossPurpose",
     [](OpenRecordingFacts& f) {
       f.access = RecordingAccess::kExport;
       f.access_purpose = Purpose::kAssessment;
     },
     "KSF-3.4"},
    {"KSF_4_8_AgentOpensOwnRecording",
     [](OpenRecordingFacts& f) {
       f.actor_role = Role::kAgent;
       f.actor_id = "emp-agent";
       f.actor_authorisations.clear();
     },
     ""},
    {"KSF_4_8_AgentDownloadsOwnAssessmentRecording",
     [](OpenRecordingFacts& f) {
       f.actor_role = Role::kAgent;
       f.actor_id = "emp-agent";
       f.recording.purpose = Purpose::kAssessment;
       f.access = RecordingAccess::kDownload;
     },
     ""},
    {"KSF_3_3_AgentCannotOpenColleaguesRecording",
     [](OpenRecordingFacts& f) {
       f.actor_role = Role::kAgent;
       f.actor_id = "emp-colleague";
     },
     "KSF-3.3"},
    {"KSF_3_3_AgentCannotEvaluateOwnRecording",
     [](OpenRecordingFacts& f) {
       f.actor_role = Role::kAgent;
       f.actor_id = "emp-agent";
       f.access = RecordingAccess::kEvaluate;
     },
     "KSF-3.3"},
    {"AVG_32_AdminNeverOpens",
     [](OpenRecordingFacts& f) {
       f.actor_role = Role::kAdmin;
       f.actor_id = "emp-monitor";  // even holding a monitor's authorisation
     },
     "AVG-32"},
    {"AVG_32_CaptureSourceNeverOpens",
     [](OpenRecordingFacts& f) { f.actor_role = Role::kCaptureSource; }, "AVG-32"},
    {"AVG_17_DestroyedRecordingRefused",
     [](OpenRecordingFacts& f) { f.recording.destroyed_at = f.now - 1; }, "AVG-17"},
    {"AVG_17_DestroyedRefusedEvenForAgent",
     [](OpenRecordingFacts& f) {
       f.actor_role = Role::kAgent;
       f.actor_id = "emp-agent";
       f.recording.destroyed_at = f.now - 1;
     },
     "AVG-17"},
    {"AVG_15_PrivacyOfficerExportsForDataSubject",
     [](OpenRecordingFacts& f) {
       f.actor_role = Role::kPrivacyOfficer;
       f.actor_id = "emp-fg";
       f.access = RecordingAccess::kDataSubjectExport;
     },
     ""},
    {"AVG_15_MonitorCannotDoDataSubjectExport",
     [](OpenRecordingFacts& f) { f.access = RecordingAccess::kDataSubjectExport; }, "AVG-32"},
    {"KSF_3_3_PrivacyOfficerNeedsAuthorisationToListen",
     [](OpenRecordingFacts& f) {
       f.actor_role = Role::kPrivacyOfficer;
       f.actor_id = "emp-fg";
     },
     "KSF-3.3"},
    {"KSF_6_2_ClientOpensUnderContract", AsClient, ""},
    {"KSF_6_2_ClientRefusedWithoutContract",
     [](OpenRecordingFacts& f) {
       AsClient(f);
       f.contract.reset();
     },
     "KSF-6.2"},
    {"KSF_6_2_ClientRefusedAfterContractEnded",
     [](OpenRecordingFacts& f) {
       AsClient(f);
       f.contract->valid_until = f.now;
     },
     "KSF-6.2"},
    {"KSF_6_5_ClientNeverEvaluates",
     [](OpenRecordingFacts& f) {
       AsClient(f);
       f.access = RecordingAccess::kEvaluate;
     },
     "KSF-6.5"},
    {"KSF_2_3_ClientRefusedForOtherPurposeRecording",
     [](OpenRecordingFacts& f) {
       AsClient(f);
       f.recording.purpose = Purpose::kCoaching;
       f.access_purpose = Purpose::kCoaching;
     },
     "KSF-2.3"},
    {"KSF_3_4_ClientAccessPurposeMustMatch",
     [](OpenRecordingFacts& f) {
       AsClient(f);
       f.access_purpose = Purpose::kCoaching;
     },
     "KSF-3.4"},
    {"KSF_3_3_ClientNeedsAuthorisation",
     [](OpenRecordingFacts& f) {
       AsClient(f);
       f.actor_authorisations.clear();
     },
     "KSF-3.3"},
};

INSTANTIATE_TEST_SUITE_P(Open, OpenTable, ::testing::ValuesIn(kOpenCases), CaseName());

// ---------------------------------------------------------------------------
// Reading evaluations

ReadEvaluationFacts BaseRead() {
  ReadEvaluationFacts facts;
  facts.actor_role = Role::kMonitor;
  facts.actor_id = "emp-other-monitor";
  facts.actor_authorisations = {MonitorAuthorisation("emp-other-monitor")};
  facts.evaluation.id = "ev-1";
  facts.evaluation.agent_id = "emp-agent";
  facts.evaluation.monitor_id = "emp-monitor";
  facts.evaluation.purpose = Purpose::kAssessment;
  facts.agent = Agent();
  facts.supervisor_id = "emp-lead";
  facts.now = T0();
  return facts;
}

using ReadCase = Case<ReadEvaluationFacts>;
class ReadTable : public ::testing::TestWithParam<ReadCase> {};

TEST_P(ReadTable, Decides) {
  ReadEvaluationFacts facts = BaseRead();
  GetParam().mutate(facts);
  ExpectDecision(DecideReadEvaluation(facts), GetParam().expect_rule);
}

const ReadCase kReadCases[] = {
    {"KSF_3_3_AllowsAuthorisedMonitor", [](ReadEvaluationFacts&) {}, ""},
    {"KSF_3_3_RefusesUnauthorised", [](ReadEvaluationFacts& f) { f.actor_authorisations.clear(); },
     "KSF-3.3"},
    {"KSF_3_4_RefusesOtherPurposeAuthorisation",
     [](ReadEvaluationFacts& f) { f.actor_authorisations[0].purposes = {Purpose::kCoaching}; },
     "KSF-3.4"},
    {"KSF_4_8_AgentReadsOwn",
     [](ReadEvaluationFacts& f) {
       f.actor_role = Role::kAgent;
       f.actor_id = "emp-agent";
     },
     ""},
    {"KSF_3_3_AgentCannotReadColleagues",
     [](ReadEvaluationFacts& f) {
       f.actor_role = Role::kAgent;
       f.actor_id = "emp-colleague";
     },
     "KSF-3.3"},
    {"KSF_4_5_DirectSupervisorReads",
     [](ReadEvaluationFacts& f) {
       f.actor_id = "emp-lead";
       f.actor_authorisations.clear();
     },
     ""},
    {"KSF_3_3_AuthorReads",
     [](ReadEvaluationFacts& f) {
       f.actor_id = "emp-monitor";
       f.actor_authorisations.clear();
     },
     ""},
    {"AVG_32_AdminRefused", [](ReadEvaluationFacts& f) { f.actor_role = Role::kAdmin; }, "AVG-32"},
    {"KSF_6_5_ClientRefused", [](ReadEvaluationFacts& f) { f.actor_role = Role::kClient; },
     "KSF-6.5"},
    {"AVG_17_DestroyedRefused", [](ReadEvaluationFacts& f) { f.evaluation.destroyed_at = f.now; },
     "AVG-17"},
};

INSTANTIATE_TEST_SUITE_P(Read, ReadTable, ::testing::ValuesIn(kReadCases), CaseName());

}  // namespace
}  // namespace fairqm::policy
