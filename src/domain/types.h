// Plain value types for everything the guideline (shared/spec/RULES.md) names.
//
// These are shared by every module: no I/O, no clock, no behaviour beyond
// small pure helpers. Times are TimeMs (UTC milliseconds); IDs are
// application-generated strings ("emp-…", "rec-…"). Optional fields are
// std::optional so "not yet happened" is explicit.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/time.h"

namespace fairqm::domain {

// ---------------------------------------------------------------------------
// Enumerations

// KSF-1.2: the three purposes. Logging for evidence is deliberately absent.
enum class Purpose { kCoaching, kAssessment, kQuality };
inline constexpr Purpose kAllPurposes[] = {Purpose::kCoaching, Purpose::kAssessment,
                                           Purpose::kQuality};

// KSF-1.3: every channel falls under the rules.
enum class Channel { kVoice, kScreen, kChat, kEmail };

// KSF-3.9, KSF-2.1-confidential: only business lines may be monitored.
enum class LineKind { kBusiness, kPrivate, kConfidential };

// KSF-3.2: whatever the contract, an agent is an agent.
enum class ContractType { kPermanent, kTemporary, kOnCall, kAgency };

enum class JobFunction {
  kAgent,
  kTeamLead,
  kCoach,
  kQaAnalyst,
  kTrainer,
  kManager,
  kCompanyDoctor,
  kConfidentialAdviser,
  kPrivacyOfficer,
  kOther,
};

// KSF-2.1-confidential: people with a legal duty of confidentiality.
enum class ProtectedRole { kNone, kCompanyDoctor, kWorksCouncilMember, kConfidentialAdviser };

// GDPR art. 6(1)(b) or 6(1)(f) — KSF-2.1-interest, KSF-6.3.
enum class LegalGround { kUnset, kContract, kLegitimateInterest };

enum class RegulationStatus { kDraft, kSubmitted, kRejected, kActive, kSuperseded };

enum class EvaluationStatus { kDraft, kShared, kClosed };

enum class RequestKind { kExtraMoment, kOtherEvaluator, kAccess };
enum class RequestStatus { kOpen, kGranted, kRefused, kFulfilled };

enum class ConsentKind { kRetentionHold, kNamedTraining };

enum class DataSubjectKind { kAgent, kCustomer };
enum class DataSubjectRequestKind { kAccess, kErasure, kObjection, kRectification };

// Who is acting, as far as the guideline cares.
enum class Role {
  kAgent,
  kMonitor,
  kManager,
  kWorksCouncil,
  kPrivacyOfficer,
  kClient,
  kAdmin,
  kCaptureSource,
};

// ---------------------------------------------------------------------------
// People, lines, teams

struct Line {
  std::string id;
  std::string number;  // extension or number as the PBX knows it
  LineKind kind = LineKind::kBusiness;
  std::string owner_id;  // employee, if the line is personal
};

struct Team {
  std::string id;
  std::string name;
  std::string site;
  std::string supervisor_id;  // direct supervisor (direct leidinggevende), KSF-4.5
};

struct Employee {
  std::string id;
  std::string external_id;  // HR system's number
  std::string name;
  std::string email;
  JobFunction function = JobFunction::kAgent;
  ContractType contract = ContractType::kPermanent;
  // KSF-3.2: direct work is customer contact by phone or computer for one of
  // the employer's contact centres.
  bool customer_contact = true;
  std::string team_id;
  ProtectedRole protected_role = ProtectedRole::kNone;
  std::vector<std::string> line_ids;
  TimeMs start_date = 0;
  std::optional<TimeMs> leave_date;
  std::optional<TimeMs> informed_at;  // KSF-3.7: acknowledged the regulation
};

// ---------------------------------------------------------------------------
// Authorisations (KSF-3.3)

struct Authorisation {
  std::string id;
  std::string monitor_id;  // an employee, or a client user for KSF-6.2 listening
  std::set<Purpose> purposes;
  std::set<std::string> team_ids;   // scope: whole teams
  std::set<std::string> agent_ids;  // scope: named agents
  TimeMs valid_from = 0;
  std::optional<TimeMs> valid_until;
  std::optional<TimeMs> confidentiality_acknowledged_at;  // KSF-3.3 (3.3.5)
  std::string granted_by;
  TimeMs granted_at = 0;
  std::optional<TimeMs> ended_at;
  std::string client_id;  // non-empty: a client's listener under a contract (KSF-6.2)
};

// ---------------------------------------------------------------------------
// The regulation (KSF-3.1 … 3.12, 4.1, AVG-35)

struct PurposeRules {
  Purpose purpose = Purpose::kCoaching;
  bool enabled = true;
  // KSF-3.6: how many contacts per agent per period.
  int frequency_quota = 0;
  int frequency_period_days = 30;
  // AVG-5-storage, RETENTION-split: recordings and evaluations apart.
  int recording_retention_days = 30;
  int evaluation_retention_days = 365;
  // KSF-4.4: evaluation term, working days.
  int evaluation_term_working_days = 10;
  // KSF-2.1-feedback: minimum gap between assessment moments (days).
  int min_gap_days = 0;
  // KSF-2.1-interest
  std::string legitimate_interest;
  LegalGround legal_ground = LegalGround::kUnset;
  // KSF-3.5
  std::string necessity_justification;        // why less intrusive means do not suffice
  std::string proportionality_justification;  // why this frequency is proportionate
  std::set<Channel> channels = {Channel::kVoice};
};

struct Regulation {
  std::string id;
  int version = 1;
  std::string title;
  RegulationStatus status = RegulationStatus::kDraft;
  std::vector<PurposeRules> purposes;
  // KSF-3.11
  std::optional<TimeMs> works_council_consent_at;
  std::string works_council_consent_reference;
  // KSF-3.11: a refusal of consent is recorded as carefully as a consent, so
  // that the manager (and a later reader) sees the council's reference and why.
  std::optional<TimeMs> works_council_rejected_at;
  std::string works_council_rejection_reference;
  std::string works_council_rejection_reason;
  // AVG-35
  std::optional<TimeMs> dpia_at;
  std::string dpia_reference;
  // KSF-4.1
  std::string assessment_protocol_reference;
  std::optional<TimeMs> assessment_protocol_approved_at;
  // KSF-6.1
  int client_min_group_size = 5;
  // KSF-4.7: extra assessment moments per assessment period.
  int extra_moments_per_period = 3;
  int assessment_period_days = 365;
  // KSF-3.10: complaint term before appeal to the works council.
  int complaint_term_days = 30;
  std::string privacy_statement_url;
  std::string controller_name;  // AVG-30
  std::string contact_email;    // who to ask
  // KSF-3.12: a new version within 12 months needs a legal reason.
  std::string change_legal_reason;
  TimeMs created_at = 0;
  std::optional<TimeMs> submitted_at;
  std::optional<TimeMs> activated_at;
  std::optional<TimeMs> superseded_at;

  const PurposeRules* RulesFor(Purpose p) const {
    for (const auto& r : purposes) {
      if (r.purpose == p && r.enabled) return &r;
    }
    return nullptr;
  }
};

// ---------------------------------------------------------------------------
// Evaluation forms (KSF-4.2)

struct FormQuestion {
  std::string id;
  std::string text;
  double weight = 1.0;
  bool critical = false;  // auto-fail: a zero here makes the whole score zero
  bool allow_na = false;
  bool comment_required = false;  // a comment is required when the score is below max
  int max_score = 5;
};

struct FormSection {
  std::string title;
  std::vector<FormQuestion> questions;
};

struct EvaluationForm {
  std::string id;
  std::string name;
  int version = 1;
  Purpose purpose = Purpose::kAssessment;
  std::optional<TimeMs> published_at;
  std::vector<FormSection> sections;
};

// ---------------------------------------------------------------------------
// Contacts and recordings

struct Contact {
  std::string id;
  Channel channel = Channel::kVoice;
  std::string agent_id;
  std::string line_id;
  TimeMs started_at = 0;
  // AVG-5-minimal: a keyed hash of the customer's number, never the number.
  std::string customer_ref;
  std::string client_id;
  bool announced = false;                      // KSF-6.6: capture source confirms
  bool customer_informed_by_contract = false;  // KSF-6.6: art. 13(4)
  bool do_not_record = false;                  // AVG-21
};

struct Recording {
  std::string id;
  std::string contact_id;
  std::string agent_id;
  Purpose purpose = Purpose::kCoaching;  // KSF-1.2: fixed at creation
  Channel channel = Channel::kVoice;
  std::string media_type;  // "audio/ogg; codecs=opus", "video/webm", "text/plain" …
  std::string regulation_id;
  TimeMs created_at = 0;
  std::int64_t duration_ms = 0;
  std::int64_t size_bytes = 0;
  TimeMs evaluate_by = 0;  // KSF-4.4 / KSF-4.10
  TimeMs destroy_at = 0;   // AVG-5-storage
  std::optional<TimeMs> evaluated_at;
  std::optional<TimeMs> destroyed_at;
  std::string destroyed_rule;
  bool extra_moment = false;           // KSF-4.7
  bool may_contain_card_data = false;  // PCI-pause
  std::string client_id;
};

// ---------------------------------------------------------------------------
// Evaluations

struct Answer {
  std::string question_id;
  std::optional<int> score;  // nullopt = N/A
  std::string comment;
};

struct TimedNote {
  std::string recording_id;
  std::int64_t offset_ms = 0;
  std::string text;
  std::string author_id;
  TimeMs created_at = 0;
};

struct FeedbackMeeting {
  TimeMs held_at = 0;
  std::string supervisor_id;  // KSF-4.5: the direct supervisor
  std::string summary;
};

struct Evaluation {
  std::string id;
  std::string agent_id;
  std::string monitor_id;
  Purpose purpose = Purpose::kCoaching;
  std::string form_id;
  int form_version = 0;
  std::vector<std::string> recording_ids;
  EvaluationStatus status = EvaluationStatus::kDraft;
  std::vector<Answer> answers;
  std::vector<TimedNote> notes;
  std::optional<double> score;  // 0..100, computed from answers
  std::string summary;
  // AVG-22: an automated score is a suggestion until a person confirms it.
  bool automated_suggestion = false;
  std::string confirmed_by;
  std::string agent_view;  // KSF-2.1-view
  std::optional<TimeMs> agent_view_at;
  TimeMs created_at = 0;
  std::optional<TimeMs> shared_at;        // KSF-3.8
  std::optional<TimeMs> acknowledged_at;  // "voor gezien getekend"
  std::optional<FeedbackMeeting> feedback;
  std::optional<TimeMs> closed_at;
  TimeMs destroy_at = 0;  // RETENTION-split
  std::optional<TimeMs> destroyed_at;
};

// ---------------------------------------------------------------------------
// Agent requests, consents, complaints

struct AgentRequest {
  std::string id;
  std::string agent_id;
  RequestKind kind = RequestKind::kExtraMoment;
  TimeMs created_at = 0;
  std::string evaluation_id;           // kOtherEvaluator: which evaluation
  std::string requested_evaluator_id;  // kOtherEvaluator: who instead
  std::string reason;
  RequestStatus status = RequestStatus::kOpen;
  std::optional<TimeMs> decided_at;
};

struct Consent {
  std::string id;
  std::string agent_id;
  ConsentKind kind = ConsentKind::kRetentionHold;
  std::string recording_id;
  std::string reason;                // KSF-4.9: the urgent reason
  std::optional<TimeMs> hold_until;  // KSF-4.9: how long
  std::string training_use;          // KSF-5.1: the named use
  std::string requested_by;
  TimeMs given_at = 0;
  std::optional<TimeMs> withdrawn_at;
};

struct Complaint {
  std::string id;
  std::string complainant_id;
  std::string subject;
  std::string text;
  TimeMs filed_at = 0;
  TimeMs respond_by = 0;
  std::optional<TimeMs> taken_up_at;
  std::string response;
  std::optional<TimeMs> resolved_at;
  std::optional<TimeMs> appealed_at;
  std::string appeal_decision;
  std::optional<TimeMs> appeal_decided_at;
};

// ---------------------------------------------------------------------------
// Clients (chapter 6)

struct ClientContract {
  std::string id;
  std::string client_id;
  std::string client_name;
  TimeMs signed_at = 0;
  std::optional<TimeMs> valid_until;
  std::set<std::string> team_ids;  // scope
  Purpose purpose = Purpose::kQuality;
  bool individual_level = false;                   // KSF-6.2: written agreement for individual data
  std::string document_sha256;                     // KSF-6.2: fingerprint of the signed document
  LegalGround legal_ground = LegalGround::kUnset;  // KSF-6.3
  std::optional<TimeMs> agents_informed_at;        // KSF-6.2
};

// ---------------------------------------------------------------------------
// Data-subject requests (AVG-12) and live listening

struct DataSubjectRequest {
  std::string id;
  DataSubjectKind subject_kind = DataSubjectKind::kAgent;
  std::string subject_ref;  // employee id, or the contact reference
  DataSubjectRequestKind kind = DataSubjectRequestKind::kAccess;
  TimeMs received_at = 0;
  TimeMs due_at = 0;
  std::optional<TimeMs> extension_told_at;
  std::optional<TimeMs> answered_at;
  std::string notes;
};

struct LiveListenSession {
  std::string id;
  std::string listener_id;
  Role listener_role = Role::kMonitor;
  std::string agent_id;
  std::string contact_id;
  Purpose purpose = Purpose::kCoaching;
  TimeMs started_at = 0;
  std::optional<TimeMs> ended_at;
};

}  // namespace fairqm::domain
