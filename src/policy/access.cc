#include "policy/access.h"

#include <algorithm>

#include "policy/checks.h"
#include "policy/clients.h"

namespace fairqm::policy {

using domain::Authorisation;
using domain::Employee;
using domain::Purpose;
using domain::Role;

namespace {

// True for actions that touch the content of personal monitoring data.
bool TouchesMonitoringData(Action action) {
  switch (action) {
    case Action::kOpenRecording:
    case Action::kExportRecording:
    case Action::kLiveListen:
    case Action::kEvaluate:
    case Action::kReadEvaluation:
    case Action::kHoldFeedbackMeeting:
      return true;
    default:
      return false;
  }
}

// The role matrix: which coarse actions each role may take at all.
bool RoleMayTake(Role role, Action action) {
  switch (role) {
    case Role::kAgent:
      // Own data only (KSF-4.8, AVG-15); the scope check follows elsewhere.
      return action == Action::kOpenRecording || action == Action::kExportRecording ||
             action == Action::kReadEvaluation;
    case Role::kMonitor:
      return action == Action::kOpenRecording || action == Action::kExportRecording ||
             action == Action::kLiveListen || action == Action::kEvaluate ||
             action == Action::kReadEvaluation || action == Action::kHoldFeedbackMeeting;
    case Role::kManager:
      return action == Action::kOpenRecording || action == Action::kExportRecording ||
             action == Action::kLiveListen || action == Action::kEvaluate ||
             action == Action::kReadEvaluation || action == Action::kHoldFeedbackMeeting ||
             action == Action::kGrantAuthorisation || action == Action::kDraftRegulation ||
             action == Action::kViewClientReport || action == Action::kViewWorksCouncilReport;
    case Role::kWorksCouncil:
      return action == Action::kRecordWorksCouncilConsent ||
             action == Action::kViewWorksCouncilReport;
    case Role::kPrivacyOfficer:
      return action == Action::kReadAuditLog || action == Action::kHandleDataSubjectRequest ||
             action == Action::kExportRecording || action == Action::kRecordDpia ||
             action == Action::kViewWorksCouncilReport;
    case Role::kClient:
      return action == Action::kViewClientReport || action == Action::kLiveListen ||
             action == Action::kOpenRecording;
    case Role::kAdmin:
      return action == Action::kManageAccounts || action == Action::kConfigureSystem ||
             action == Action::kRunRetention;
    case Role::kCaptureSource:
      return action == Action::kIngestRecording;
  }
  return false;
}

Decision RefuseAdmin() {
  // AVG-32
  return Decision::Refuse("AVG-32",
                          "Een beheerder kan als beheerder geen opnames of evaluaties openen en "
                          "niet meeluisteren.",
                          "An administrator cannot open recordings or evaluations or listen in "
                          "by virtue of being administrator.");
}

Decision RefuseClientEvaluates() {
  // KSF-6.5
  return Decision::Refuse("KSF-6.5",
                          "Een opdrachtgever beoordeelt of evalueert nooit medewerkers en ziet "
                          "geen evaluaties van individuele medewerkers.",
                          "A client never evaluates or assesses agents and sees no evaluations "
                          "of individual agents.");
}

Decision RefuseOtherAgent() {
  // KSF-3.3
  return Decision::Refuse("KSF-3.3",
                          "U kunt alleen uw eigen opnames en evaluaties inzien; alleen "
                          "geautoriseerde monitors zien die van anderen.",
                          "You can only see your own recordings and evaluations; only "
                          "authorised monitors see those of others.");
}

}  // namespace

Decision DecideRoleAccess(Role actor, Action action) {
  if (RoleMayTake(actor, action)) return Decision::Allow();
  if (actor == Role::kAdmin && TouchesMonitoringData(action)) return RefuseAdmin();
  if (actor == Role::kClient && (action == Action::kEvaluate || action == Action::kReadEvaluation ||
                                 action == Action::kHoldFeedbackMeeting)) {
    return RefuseClientEvaluates();
  }
  if (actor == Role::kAgent && (action == Action::kEvaluate || action == Action::kLiveListen)) {
    // KSF-3.3
    return Decision::Refuse("KSF-3.3", "Alleen geautoriseerde monitors mogen monitoren.",
                            "Only authorised monitors may monitor.");
  }
  // AVG-32: least privilege — everything not granted to a role is refused.
  return Decision::Refuse("AVG-32",
                          "Uw rol geeft geen toegang tot deze handeling (minimale rechten).",
                          "Your role does not give access to this action (least privilege).");
}

bool AuthorisationActive(const Authorisation& authorisation, TimeMs now) {
  if (authorisation.ended_at.has_value() && *authorisation.ended_at <= now) return false;
  if (authorisation.valid_from > now) return false;
  if (authorisation.valid_until.has_value() && *authorisation.valid_until <= now) return false;
  return authorisation.confidentiality_acknowledged_at.has_value() &&
         *authorisation.confidentiality_acknowledged_at <= now;
}

namespace {

bool InScope(const Authorisation& authorisation, const Employee& agent) {
  return authorisation.agent_ids.count(agent.id) > 0 ||
         (!agent.team_id.empty() && authorisation.team_ids.count(agent.team_id) > 0);
}

// How far an authorisation gets through the checks, in order; kCovers = all.
enum class Progress {
  kNone,
  kEnded,
  kNotYetValid,
  kExpired,
  kNotAcknowledged,
  kOutOfScope,
  kOtherPurpose,
  kCovers
};

Progress Evaluate(const Authorisation& authorisation, const Employee& agent, Purpose purpose,
                  TimeMs now) {
  if (authorisation.ended_at.has_value() && *authorisation.ended_at <= now) return Progress::kEnded;
  if (authorisation.valid_from > now) return Progress::kNotYetValid;
  if (authorisation.valid_until.has_value() && *authorisation.valid_until <= now) {
    return Progress::kExpired;
  }
  if (!authorisation.confidentiality_acknowledged_at.has_value() ||
      *authorisation.confidentiality_acknowledged_at > now) {
    return Progress::kNotAcknowledged;
  }
  if (!InScope(authorisation, agent)) return Progress::kOutOfScope;
  if (authorisation.purposes.count(purpose) == 0) return Progress::kOtherPurpose;
  return Progress::kCovers;
}

}  // namespace

bool AuthorisationCovers(const Authorisation& authorisation, const Employee& agent, Purpose purpose,
                         TimeMs now) {
  return Evaluate(authorisation, agent, purpose, now) == Progress::kCovers;
}

Decision CheckAuthorised(const std::vector<Authorisation>& authorisations,
                         std::string_view actor_id, const Employee& agent, Purpose purpose,
                         TimeMs now, std::string_view client_id) {
  Progress best = Progress::kNone;
  for (const Authorisation& authorisation : authorisations) {
    if (actor_id.empty() || authorisation.monitor_id != actor_id ||
        authorisation.client_id != client_id) {
      continue;
    }
    best = std::max(best, Evaluate(authorisation, agent, purpose, now));
  }
  const std::string pre_nl = "U bent niet geautoriseerd om deze medewerker te monitoren: ";
  const std::string pre_en = "You are not authorised to monitor this agent: ";
  // KSF-3.3 for all but the purpose mismatch, which is KSF-3.4.
  switch (best) {
    case Progress::kCovers:
      return Decision::Allow();
    case Progress::kNone:
      return Decision::Refuse("KSF-3.3", pre_nl + "u heeft geen autorisatie.",
                              pre_en + "you hold no authorisation.");
    case Progress::kEnded:
      return Decision::Refuse("KSF-3.3", pre_nl + "uw autorisatie is beëindigd.",
                              pre_en + "your authorisation has been ended.");
    case Progress::kNotYetValid:
      return Decision::Refuse("KSF-3.3", pre_nl + "uw autorisatie is nog niet ingegaan.",
                              pre_en + "your authorisation is not valid yet.");
    case Progress::kExpired:
      return Decision::Refuse("KSF-3.3", pre_nl + "uw autorisatie is verlopen.",
                              pre_en + "your authorisation has expired.");
    case Progress::kNotAcknowledged:
      return Decision::Refuse("KSF-3.3",
                              pre_nl + "u heeft uw geheimhoudingsplicht nog niet bevestigd.",
                              pre_en +
                                  "you have not yet acknowledged your duty of "
                                  "confidentiality.");
    case Progress::kOutOfScope:
      return Decision::Refuse("KSF-3.3",
                              pre_nl + "deze medewerker of dit team valt buiten uw autorisatie.",
                              pre_en + "this agent or team is outside your authorisation.");
    case Progress::kOtherPurpose:
      // KSF-3.4
      return Decision::Refuse("KSF-3.4",
                              "Uw autorisatie geldt niet voor het doel '" + PurposeNl(purpose) +
                                  "'; gegevens worden alleen voor hun eigen doel gebruikt.",
                              "Your authorisation does not cover the purpose '" +
                                  PurposeEn(purpose) + "'; data is used for its own purpose only.");
  }
  return Decision::Refuse("KSF-3.3", pre_nl + "onbekende reden.", pre_en + "unknown reason.");
}

namespace {

Decision RefuseDestroyed() {
  // AVG-17
  return Decision::Refuse("AVG-17",
                          "Deze gegevens zijn vernietigd en kunnen niet meer worden "
                          "geopend.",
                          "This data has been destroyed and can no longer be opened.");
}

Decision RefusePurposeMismatch(Purpose data_purpose, Purpose access_purpose) {
  // KSF-3.4
  return Decision::Refuse(
      "KSF-3.4",
      "Deze opname is gemaakt voor '" + PurposeNl(data_purpose) + "' en mag niet voor '" +
          PurposeNl(access_purpose) + "' worden gebruikt (doelbinding).",
      "This recording was made for '" + PurposeEn(data_purpose) + "' and may not be used for '" +
          PurposeEn(access_purpose) + "' (purpose binding).");
}

}  // namespace

Decision DecideOpenRecording(const OpenRecordingFacts& facts) {
  const domain::Recording& recording = facts.recording;
  if (recording.destroyed_at.has_value()) return RefuseDestroyed();
  if (facts.actor_role == Role::kAdmin) return RefuseAdmin();
  if (facts.actor_role == Role::kCaptureSource) {
    return DecideRoleAccess(facts.actor_role, Action::kOpenRecording);
  }
  if (facts.access == RecordingAccess::kDataSubjectExport) {
    // AVG-15: answering a data-subject request is the privacy officer's task.
    if (facts.actor_role == Role::kPrivacyOfficer) return Decision::Allow();
    return Decision::Refuse("AVG-32",
                            "Alleen de functionaris gegevensbescherming voert een verzoek van "
                            "een betrokkene uit.",
                            "Only the privacy officer carries out a data-subject request.");
  }
  if (facts.actor_role == Role::kAgent) {
    if (facts.actor_id.empty() || facts.actor_id != recording.agent_id) return RefuseOtherAgent();
    if (facts.access == RecordingAccess::kEvaluate) {
      // KSF-3.3
      return Decision::Refuse("KSF-3.3",
                              "Een medewerker evalueert zijn of haar eigen opnames niet; dat "
                              "doet een geautoriseerde monitor.",
                              "An agent does not evaluate their own recordings; an authorised "
                              "monitor does.");
    }
    // KSF-4.8: the agent can see and listen to all monitoring data about them.
    return Decision::Allow();
  }
  if (facts.actor_role == Role::kClient) {
    if (facts.access == RecordingAccess::kEvaluate) return RefuseClientEvaluates();
    ClientAccessFacts client;
    client.regulation = facts.regulation;
    client.contract = facts.contract;
    client.client_id = facts.contract.has_value() ? facts.contract->client_id : std::string();
    client.purpose = recording.purpose;
    client.agent_team_id = facts.agent.team_id;
    client.now = facts.now;
    if (Decision d = DecideClientIndividualAccess(client); !d) return d;
    if (facts.access_purpose != recording.purpose) {
      return RefusePurposeMismatch(recording.purpose, facts.access_purpose);
    }
    return CheckAuthorised(facts.actor_authorisations, facts.actor_id, facts.agent,
                           recording.purpose, facts.now, client.client_id);
  }
  if (facts.access_purpose != recording.purpose) {
    return RefusePurposeMismatch(recording.purpose, facts.access_purpose);
  }
  return CheckAuthorised(facts.actor_authorisations, facts.actor_id, facts.agent, recording.purpose,
                         facts.now);
}

Decision DecideReadEvaluation(const ReadEvaluationFacts& facts) {
  const domain::Evaluation& evaluation = facts.evaluation;
  if (evaluation.destroyed_at.has_value()) return RefuseDestroyed();
  if (facts.actor_role == Role::kAdmin) return RefuseAdmin();
  if (facts.actor_role == Role::kCaptureSource) {
    return DecideRoleAccess(facts.actor_role, Action::kReadEvaluation);
  }
  if (facts.actor_role == Role::kClient) return RefuseClientEvaluates();
  if (facts.actor_role == Role::kAgent) {
    if (facts.actor_id.empty() || facts.actor_id != evaluation.agent_id) return RefuseOtherAgent();
    return Decision::Allow();  // KSF-4.8, KSF-2.1-view
  }
  if (!facts.actor_id.empty() &&
      (facts.actor_id == evaluation.monitor_id || facts.actor_id == facts.supervisor_id)) {
    return Decision::Allow();  // the author, and the direct supervisor (KSF-4.5)
  }
  return CheckAuthorised(facts.actor_authorisations, facts.actor_id, facts.agent,
                         evaluation.purpose, facts.now);
}

}  // namespace fairqm::policy
