// Who may do what: roles, authorisations and access to recordings and
// evaluations.
//
//   DecideRoleAccess       AVG-32 least privilege by role: an administrator
//                          never opens recordings or evaluations or listens in
//                          by virtue of being administrator; KSF-6.5 clients
//                          never evaluate; KSF-3.3 agents never monitor.
//   AuthorisationActive / AuthorisationCovers / CheckAuthorised
//                          KSF-3.3 (valid period, not ended, confidentiality
//                          acknowledged, scope) and KSF-3.4 (purpose).
//   DecideOpenRecording    opening, listening, evaluating, reporting or
//                          exporting one recording (KSF-3.3, KSF-3.4, KSF-4.8,
//                          AVG-32, KSF-6.2, KSF-6.5, AVG-15, AVG-17).
//   DecideReadEvaluation   reading one evaluation.
//
// The role-level gate is coarse; the Decide* functions below repeat the role
// checks they depend on, so a caller may use them alone.
// Pure functions over plain data; `now` is passed in. Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "domain/types.h"
#include "policy/decision.h"

namespace fairqm::policy {

// Coarse actions for the role gate.
enum class Action {
  kOpenRecording,              // listen / view / download one recording
  kExportRecording,            // export recordings (incl. an agent's own, AVG-15)
  kLiveListen,                 // listen in on a live contact
  kEvaluate,                   // create or edit an evaluation
  kReadEvaluation,             // read an evaluation
  kHoldFeedbackMeeting,        // KSF-4.5
  kGrantAuthorisation,         // KSF-3.3: contact-centre management
  kDraftRegulation,            // write and submit a regulation
  kRecordWorksCouncilConsent,  // KSF-3.11
  kRecordDpia,                 // AVG-35
  kReadAuditLog,               // AVG-5-accountability
  kHandleDataSubjectRequest,   // AVG-12, AVG-15
  kViewClientReport,           // KSF-6.1
  kViewWorksCouncilReport,     // KSF-3.10: aggregate compliance figures
  kIngestRecording,            // a capture source hands over a contact
  kManageAccounts,             // create users, reset passwords
  kConfigureSystem,            // storage, backups, integrations
  kRunRetention,               // start the retention sweep
};

// AVG-32, KSF-3.3, KSF-6.5: may a person with this role take this kind of
// action at all? Fine-grained checks (scope, purpose, contract) follow in the
// other Decide* functions.
Decision DecideRoleAccess(domain::Role actor, Action action);

// KSF-3.3: valid_from <= now, not past valid_until, not ended, and the monitor
// acknowledged their duty of confidentiality at or before now.
bool AuthorisationActive(const domain::Authorisation& authorisation, TimeMs now);

// KSF-3.3 + KSF-3.4: active, the agent in scope (named, or their team), and
// the purpose among the authorisation's purposes. Used also to build the list
// of people authorised to monitor an agent (SHOW, KSF-3.3).
bool AuthorisationCovers(const domain::Authorisation& authorisation, const domain::Employee& agent,
                         domain::Purpose purpose, TimeMs now);

// KSF-3.3 / KSF-3.4: does `actor_id` hold an authorisation covering `agent` for
// `purpose` at `now`? Only authorisations with monitor_id == actor_id and
// client_id == client_id count (employees pass an empty client_id; a client's
// listener passes the client's id). When none covers, the refusal explains the
// authorisation that came closest: no authorisation, ended, not yet valid,
// expired, confidentiality not acknowledged, agent out of scope (KSF-3.3), or
// another purpose (KSF-3.4).
Decision CheckAuthorised(const std::vector<domain::Authorisation>& authorisations,
                         std::string_view actor_id, const domain::Employee& agent,
                         domain::Purpose purpose, TimeMs now, std::string_view client_id = {});

enum class RecordingAccess {
  kListen,  // play or view
  kDownload,
  kEvaluate,  // cite in an evaluation
  kReport,    // use in a report
  kExport,
  kDataSubjectExport,  // AVG-15: the privacy officer answers a data-subject request
};

struct OpenRecordingFacts {
  domain::Role actor_role = domain::Role::kMonitor;
  std::string actor_id;
  std::vector<domain::Authorisation> actor_authorisations;
  domain::Recording recording;
  domain::Employee agent;  // the recording's agent (for the team scope)
  // KSF-3.4: the purpose the actor acts for (e.g. the evaluation's purpose).
  domain::Purpose access_purpose = domain::Purpose::kCoaching;
  RecordingAccess access = RecordingAccess::kListen;
  // Client actors only (KSF-6.2): the active regulation and the contract.
  std::optional<domain::Regulation> regulation;
  std::optional<domain::ClientContract> contract;
  TimeMs now = 0;
};

// In this order:
//   destroyed                                      → AVG-17
//   administrator or capture source                → AVG-32
//   kDataSubjectExport: privacy officer only (AVG-15), others → AVG-32
//   the agent of the recording: may listen, view, download and export
//     (KSF-4.8), never evaluate it (KSF-3.3); any other agent → KSF-3.3
//   client: KSF-6.5 never evaluates; DecideClientIndividualAccess; and an
//     authorisation issued for that client (KSF-3.3)
//   access purpose differs from the recording's purpose → KSF-3.4
//   CheckAuthorised for the recording's purpose     → KSF-3.3 / KSF-3.4
Decision DecideOpenRecording(const OpenRecordingFacts& facts);

struct ReadEvaluationFacts {
  domain::Role actor_role = domain::Role::kMonitor;
  std::string actor_id;
  std::vector<domain::Authorisation> actor_authorisations;
  domain::Evaluation evaluation;
  domain::Employee agent;     // the evaluation's agent
  std::string supervisor_id;  // the agent's direct supervisor (Team::supervisor_id)
  TimeMs now = 0;
};

// In this order: destroyed → AVG-17; administrator/capture source → AVG-32;
// client → KSF-6.5; the evaluation's agent may always read it (KSF-4.8,
// KSF-2.1-view), any other agent → KSF-3.3; the evaluation's monitor and the
// agent's direct supervisor (who gives the results, KSF-4.5) may read it;
// anyone else needs an authorisation covering the agent for the evaluation's
// purpose (KSF-3.3 / KSF-3.4).
Decision DecideReadEvaluation(const ReadEvaluationFacts& facts);

}  // namespace fairqm::policy
