// service/views: what each role reads — the listings and look-ups behind the
// HTTP API's GET endpoints, so handlers stay thin (parse, call, render).
//
// Every function follows the service shape: the role is checked through
// policy (DecideRoleAccess, DecideOpenRecording, or a named rule where the
// guideline says who may see something), a refusal is audited on its own
// (RecordRefusal) and returned as a Decided refusal, and an allowed read is
// gathered in one snapshot (a reader transaction) and then put on record
// (AVG-5-accountability: every read of personal data is audited; the entry
// names the agent whose data it was where there is one).
//
//   agent (actor.id = the employee id; other roles refused: AVG-32, or the
//   role gate's own rule, e.g. KSF-6.5 for a client asking for evaluations)
//     MyRecordings        KSF-4.8: own recordings, destroyed ones as stubs
//     MyEvaluations       KSF-4.8, KSF-3.8, KSF-2.1-view: own evaluations;
//                         a draft (not yet shared) shows only its bare facts
//     MyRequests, MyConsents, MyLiveListens (KSF-6.4, TRANSPARENCY-live)
//     MyComplaints        any person's own complaints (KSF-3.10)
//     WhoMayMonitorMe     KSF-3.3 SHOW
//     WhatIsRecordedOfMe  KSF-3.6 / KSF-3.7 SHOW: purposes, frequencies, what
//                         is used this period; KSF-4.7 extra moments left
//   monitor
//     MonitorQueue        KSF-4.4: recordings awaiting evaluation in scope,
//                         soonest deadline first, with days left
//     MyEvaluationsAsMonitor
//     RecordingInfo       metadata of one recording (never content), for
//                         whoever may listen to it (DecideOpenRecording)
//   manager
//     Authorisations (KSF-3.3), Complaints (KSF-3.10), Holds (KSF-4.9),
//     OpenAgentRequests (KSF-4.6, KSF-4.7), RegulationsAndForms (KSF-3.12,
//     KSF-4.2; drafts included)
//   works council
//     RegulationsAwaitingConsent (KSF-3.11), Appeals (KSF-3.10)
//   privacy officer
//     DataSubjectRequests (AVG-12 deadlines), SearchAudit
//     (AVG-5-accountability)
//   client
//     MyClientContracts   the client's own contracts (KSF-6.2, KSF-6.3)
//
// Errors are Result values: kNotFound for an unknown employee, recording or
// id; catalogue failures. Thread-safety: as App.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"
#include "policy/decision.h"
#include "service/actor.h"
#include "service/app.h"
#include "service/capture_events.h"
#include "service/people.h"

namespace fairqm::service {

// Whole calendar days from `now` to `deadline`, rounded down: 0 on the last
// day, negative once the deadline has passed.
std::int64_t DaysLeft(TimeMs deadline, TimeMs now);

// KSF-4.4 "warn before it passes": a deadline this many days away or nearer.
inline constexpr std::int64_t kDueSoonDays = 2;

// May the actor see this recording's metadata? The question OpenRecording
// asks for listening (policy::DecideOpenRecording, kListen, the recording's
// own purpose), without opening the vault. Metadata outlives content: for a
// destroyed recording the question is asked as if it were still there.
Result<policy::Decision> DecideRecordingView(db::Connection& conn, const Actor& actor,
                                             const domain::Recording& recording, TimeMs now);

// ---------------------------------------------------------------------------
// Agent

Result<Decided<std::vector<domain::Recording>>> MyRecordings(App& app, const Actor& actor);
Result<Decided<std::vector<domain::Evaluation>>> MyEvaluations(App& app, const Actor& actor);
Result<Decided<std::vector<domain::AgentRequest>>> MyRequests(App& app, const Actor& actor);
Result<Decided<std::vector<domain::Consent>>> MyConsents(App& app, const Actor& actor);

struct ComplaintItem {
  domain::Complaint complaint;
  std::int64_t days_left = 0;  // until respond_by
  bool overdue = false;        // KSF-3.10: not taken up and the term has passed
  bool appealable = false;     // the complainant may appeal now (policy::DecideAppeal)
};
// Anyone's own complaints; a capture source files none (AVG-32).
Result<Decided<std::vector<ComplaintItem>>> MyComplaints(App& app, const Actor& actor);

struct LiveListenItem {
  domain::LiveListenSession session;
  bool active = false;  // not yet ended
  // Internal listeners by name; a client's listener by client name only,
  // with session.listener_id cleared (KSF-6.4, TRANSPARENCY-live).
  std::string listener_name;
  std::string client_name;
};
Result<Decided<std::vector<LiveListenItem>>> MyLiveListens(App& app, const Actor& actor);

Result<Decided<std::vector<MonitorListing>>> WhoMayMonitorMe(App& app, const Actor& actor);

struct PurposeFrequency {
  domain::Purpose purpose = domain::Purpose::kCoaching;
  std::set<domain::Channel> channels;
  int quota = 0;  // KSF-3.6: contacts per period
  int period_days = 0;
  TimeMs period_start = 0;  // the current frequency period [start, end)
  TimeMs period_end = 0;
  std::int64_t recorded_in_period = 0;  // sampled recordings, destroyed ones included
  std::int64_t left_in_period = 0;
  int recording_retention_days = 0;
  int evaluation_retention_days = 0;
  int evaluation_term_working_days = 0;
  domain::LegalGround legal_ground = domain::LegalGround::kUnset;
  std::string legitimate_interest;
};

struct RecordedOfMe {
  bool regulation_active = false;  // KSF-3.1: nothing is recorded without one
  std::string regulation_id;
  int regulation_version = 0;
  std::string regulation_title;
  std::optional<TimeMs> informed_at;       // KSF-3.7
  std::vector<PurposeFrequency> purposes;  // enabled purposes only
  // KSF-4.7: extra assessment moments in the current assessment period
  // (0 allowed when assessment is not enabled).
  int extra_moments_allowed = 0;
  TimeMs assessment_period_start = 0;
  TimeMs assessment_period_end = 0;
  std::int64_t extra_moments_requested = 0;  // open, granted and fulfilled
  std::int64_t extra_moments_left = 0;
};
Result<Decided<RecordedOfMe>> WhatIsRecordedOfMe(App& app, const Actor& actor);

// ---------------------------------------------------------------------------
// Monitor

struct QueueItem {
  domain::Recording recording;
  std::string agent_name;
  std::string team_id;
  TimeMs deadline = 0;  // Recording::evaluate_by (KSF-4.4 / KSF-4.10)
  std::int64_t days_left = 0;
  bool due_soon = false;  // days_left <= kDueSoonDays
  bool overdue = false;
};
// The actor's queue, at most `limit` items: recordings store::MonitorQueue
// finds, kept only where an authorisation in force (confidentiality
// acknowledged, KSF-3.3) covers the agent for the purpose. Roles that
// evaluate (monitor, manager); others refused by policy::DecideRoleAccess.
Result<Decided<std::vector<QueueItem>>> MonitorQueue(App& app, const Actor& actor, int limit = 100);

// Evaluations the actor made, optionally of one status, newest first;
// destroyed ones left out.
Result<Decided<std::vector<domain::Evaluation>>> MyEvaluationsAsMonitor(
    App& app, const Actor& actor, std::optional<domain::EvaluationStatus> status = std::nullopt);

struct RecordingDetails {
  domain::Recording recording;
  std::string agent_name;
  // Until evaluate_by; nullopt once evaluated or destroyed.
  std::optional<std::int64_t> days_left;
  std::vector<PausedSegment> paused;  // PCI-pause / HOLD-silence spans
};
Result<Decided<RecordingDetails>> RecordingInfo(App& app, const Actor& actor,
                                                const std::string& recording_id);

// ---------------------------------------------------------------------------
// Manager

struct AuthorisationItem {
  domain::Authorisation authorisation;
  std::string monitor_name;   // empty for a client's listener
  bool acknowledged = false;  // KSF-3.3 (3.3.5): confidentiality acknowledged
  bool active = false;        // policy::AuthorisationActive at now
};
Result<Decided<std::vector<AuthorisationItem>>> Authorisations(App& app, const Actor& actor);
// KSF-3.3 (3.3.5): a monitor's own authorisations, so that the monitor can
// see what it may do and acknowledge the confidentiality duty of each one
// (AVG-15: a person's own data). Monitors only.
Result<Decided<std::vector<AuthorisationItem>>> MyAuthorisations(App& app, const Actor& actor);

// Every complaint, newest first (KSF-3.10: management takes them up).
Result<Decided<std::vector<ComplaintItem>>> Complaints(App& app, const Actor& actor);

struct HoldItem {
  domain::Consent consent;
  domain::Recording recording;
  std::string agent_name;
  std::int64_t days_left = 0;  // until hold_until
};
// KSF-4.9: retention holds in force now (policy::HoldActive) on live
// recordings, soonest end first.
Result<Decided<std::vector<HoldItem>>> Holds(App& app, const Actor& actor);

struct RequestItem {
  domain::AgentRequest request;
  std::string agent_name;
};
// Requests still open, oldest first.
Result<Decided<std::vector<RequestItem>>> OpenAgentRequests(App& app, const Actor& actor);

struct RegulationsAndFormsList {
  std::vector<domain::Regulation> regulations;  // every version, oldest first
  std::vector<domain::EvaluationForm> forms;    // drafts included, by id and version
};
Result<Decided<RegulationsAndFormsList>> RegulationsAndForms(App& app, const Actor& actor);

// ---------------------------------------------------------------------------
// Works council

// Versions submitted and waiting for consent or rejection (KSF-3.11).
Result<Decided<std::vector<domain::Regulation>>> RegulationsAwaitingConsent(App& app,
                                                                            const Actor& actor);
// Complaints appealed and not yet decided (KSF-3.10), oldest appeal first.
Result<Decided<std::vector<ComplaintItem>>> Appeals(App& app, const Actor& actor);

// ---------------------------------------------------------------------------
// Privacy officer

struct DataSubjectRequestItem {
  domain::DataSubjectRequest request;
  std::int64_t days_left = 0;  // until due_at (AVG-12)
  bool overdue = false;        // unanswered and past due_at
};
// AVG-12: unanswered requests nearest deadline first, or (open_only false)
// every request, newest first.
Result<Decided<std::vector<DataSubjectRequestItem>>> DataSubjectRequests(App& app,
                                                                         const Actor& actor,
                                                                         bool open_only = true);

// The audit log filtered (audit::Filter: subject agent, actor, action,
// from/to, decision, rule, paging), newest first. Privacy officer or the
// system. The search itself is recorded with its filter.
Result<Decided<std::vector<audit::StoredEntry>>> SearchAudit(App& app, const Actor& actor,
                                                             const audit::Filter& filter);

// ---------------------------------------------------------------------------
// Client

// The contracts of the client the actor belongs to (actor.client_id).
Result<Decided<std::vector<domain::ClientContract>>> MyClientContracts(App& app,
                                                                       const Actor& actor);

}  // namespace fairqm::service
