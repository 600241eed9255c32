#include "api/role_table.h"

#include "domain/names.h"

namespace fairqm::api {

// Abbreviations would save space; full role names keep the table readable
// by a works council. Each area's rows sit together.
const std::vector<RoleRow>& RoleTable() {
  static const std::vector<RoleRow> kTable = {
      // --- system ----------------------------------------------------------
      {"healthz", "public"},
      {"readyz", "public"},
      {"metrics", "public"},
      {"getOpenApi", "public"},
      {"login", "public"},
      {"getSession",
       "agent monitor manager works_council privacy_officer client admin capture_source"},
      {"logout", "agent monitor manager works_council privacy_officer client admin"},
      {"changeMyPassword", "agent monitor manager works_council privacy_officer client admin"},

      // --- public: the regulation as every agent may read it (KSF-3.10, KSF-4.2)
      {"getActiveRegulation", "public"},
      {"getFrequencies", "public"},
      {"listPublishedForms", "public"},
      {"getPublishedForm", "public"},
      {"getPrivacyStatement", "public"},

      // --- agent: everything that concerns me -------------------------------
      {"getMyOverview", "agent"},
      {"listMyRecordings", "agent"},
      {"listMyEvaluations", "agent"},
      {"listMyMonitors", "agent"},
      {"listMyAccessLog", "agent"},
      {"listMyRequests", "agent"},
      {"requestExtraMoment", "agent"},
      {"requestOtherEvaluator", "agent"},
      {"requestDataAccess", "agent"},
      {"listMyConsents", "agent"},
      {"giveConsent", "agent"},
      {"withdrawConsent", "agent"},
      {"listMyComplaints", "agent monitor"},
      {"fileComplaint", "agent monitor"},
      {"appealComplaint", "agent monitor"},
      {"giveAgentView", "agent"},
      {"acknowledgeEvaluation", "agent"},
      {"exportMyData", "agent"},
      {"listMyLiveListens", "agent"},
      {"streamMyNotices", "agent monitor manager works_council privacy_officer"},
      {"listMyReminders", "agent monitor manager works_council privacy_officer"},

      // --- monitor: the queue, the player, the evaluation -------------------
      {"getMonitorQueue", "monitor"},
      {"getRecording", "agent monitor privacy_officer client"},
      {"getRecordingContent", "agent monitor privacy_officer client"},
      {"getRecordingPauses", "agent monitor privacy_officer"},
      {"listEvaluations", "monitor"},
      {"startEvaluation", "monitor"},
      {"getEvaluation", "agent monitor manager"},
      {"scoreEvaluation", "monitor"},
      {"addEvaluationNote", "monitor"},
      {"shareEvaluation", "monitor"},
      {"recordFeedbackMeeting", "monitor manager"},
      {"closeEvaluation", "monitor"},
      {"getEvaluationDocument", "agent monitor manager"},
      {"startLiveListen", "monitor client"},
      {"stopLiveListen", "monitor client"},
      {"acknowledgeConfidentiality", "monitor client"},
      {"listMyAuthorisations", "monitor"},

      // --- capture sources ---------------------------------------------------
      {"decideCapture", "capture_source"},
      {"uploadRecording", "capture_source"},
      {"recordCaptureEvent", "capture_source agent"},
      {"reportLiveListenStart", "capture_source"},
      {"reportLiveListenStop", "capture_source"},

      // --- manager and works council -----------------------------------------
      {"listEmployees", "manager"},
      {"importEmployees", "manager"},
      {"listTeams", "manager"},
      {"listAuthorisations", "manager"},
      {"grantAuthorisation", "manager"},
      {"endAuthorisation", "manager"},
      {"listRegulations", "manager works_council privacy_officer"},
      {"getRegulation", "manager works_council privacy_officer"},
      {"createRegulationDraft", "manager"},
      {"updateRegulationDraft", "manager"},
      {"getRegulationMissing", "manager works_council"},
      {"submitRegulation", "manager"},
      {"consentRegulation", "works_council"},
      {"rejectRegulation", "works_council"},
      {"activateRegulation", "manager"},
      {"publishForm", "manager"},
      {"listComplaints", "manager works_council"},
      {"answerComplaint", "manager"},
      {"decideAppeal", "works_council"},
      {"listHolds", "manager"},
      {"listOpenRequests", "manager"},
      {"getComplianceReport", "manager works_council privacy_officer"},
      {"addClientContract", "manager"},
      {"listClientContracts", "manager privacy_officer"},

      // --- privacy officer ---------------------------------------------------
      {"searchAudit", "privacy_officer"},
      {"verifyAudit", "privacy_officer"},
      {"listDataSubjectRequests", "privacy_officer"},
      {"openDataSubjectRequest", "privacy_officer"},
      {"extendDataSubjectRequest", "privacy_officer"},
      {"answerDataSubjectRequest", "privacy_officer"},
      {"getRegister", "privacy_officer works_council"},
      {"getDpia", "privacy_officer works_council"},

      // --- client --------------------------------------------------------------
      {"getClientReport", "manager client"},
      {"listMyContracts", "client"},

      // --- admin: accounts and configuration, never content --------------------
      {"listAccounts", "admin"},
      {"createAccount", "admin"},
      {"disableAccount", "admin"},
      {"enableAccount", "admin"},
      {"setAccountPassword", "admin"},
      {"listApiTokens", "admin"},
      {"issueApiToken", "admin"},
      {"revokeApiToken", "admin"},
      {"getConfiguration", "admin"},
      {"runRetentionSweep", "admin"},
  };
  return kTable;
}

ParsedRoles ParseRoles(std::string_view roles) {
  ParsedRoles parsed;
  if (roles == "public") {
    parsed.is_public = true;
    return parsed;
  }
  std::size_t start = 0;
  while (start < roles.size()) {
    std::size_t end = roles.find(' ', start);
    if (end == std::string_view::npos) end = roles.size();
    const std::string_view name = roles.substr(start, end - start);
    if (!name.empty()) {
      auto role = domain::ParseRole(name);
      if (!role) {
        parsed.valid = false;
      } else {
        parsed.roles.insert(*role);
      }
    }
    start = end + 1;
  }
  if (parsed.roles.empty()) parsed.valid = false;
  return parsed;
}

}  // namespace fairqm::api
