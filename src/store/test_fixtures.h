// Test support for the store tests: equality over every field of the domain
// types (so round-trip tests compare whole values) and sample values with
// every field set. Tests only; never include from production code.
#pragma once

#include <tuple>

#include "domain/types.h"

namespace fairqm::domain {

// Field-by-field equality, declared here (in the types' namespace, for ADL)
// because the domain types are plain aggregates without comparisons.
inline auto Fields(const Line& x) { return std::tie(x.id, x.number, x.kind, x.owner_id); }
inline auto Fields(const Team& x) { return std::tie(x.id, x.name, x.site, x.supervisor_id); }
inline auto Fields(const Employee& x) {
  return std::tie(x.id, x.external_id, x.name, x.email, x.function, x.contract, x.customer_contact,
                  x.team_id, x.protected_role, x.line_ids, x.start_date, x.leave_date,
                  x.informed_at);
}
inline auto Fields(const Authorisation& x) {
  return std::tie(x.id, x.monitor_id, x.purposes, x.team_ids, x.agent_ids, x.valid_from,
                  x.valid_until, x.confidentiality_acknowledged_at, x.granted_by, x.granted_at,
                  x.ended_at, x.client_id);
}
inline auto Fields(const PurposeRules& x) {
  return std::tie(x.purpose, x.enabled, x.frequency_quota, x.frequency_period_days,
                  x.recording_retention_days, x.evaluation_retention_days,
                  x.evaluation_term_working_days, x.min_gap_days, x.legitimate_interest,
                  x.legal_ground, x.necessity_justification, x.proportionality_justification,
                  x.channels);
}
inline bool operator==(const PurposeRules& a, const PurposeRules& b) {
  return Fields(a) == Fields(b);
}
inline auto Fields(const Regulation& x) {
  return std::tie(x.id, x.version, x.title, x.status, x.purposes, x.works_council_consent_at,
                  x.works_council_consent_reference, x.dpia_at, x.dpia_reference,
                  x.assessment_protocol_reference, x.assessment_protocol_approved_at,
                  x.client_min_group_size, x.extra_moments_per_period, x.assessment_period_days,
                  x.complaint_term_days, x.privacy_statement_url, x.controller_name,
                  x.contact_email, x.change_legal_reason, x.created_at, x.submitted_at,
                  x.activated_at, x.superseded_at, x.works_council_rejected_at,
                  x.works_council_rejection_reference, x.works_council_rejection_reason);
}
inline auto Fields(const FormQuestion& x) {
  return std::tie(x.id, x.text, x.weight, x.critical, x.allow_na, x.comment_required, x.max_score);
}
inline bool operator==(const FormQuestion& a, const FormQuestion& b) {
  return Fields(a) == Fields(b);
}
inline auto Fields(const FormSection& x) { return std::tie(x.title, x.questions); }
inline bool operator==(const FormSection& a, const FormSection& b) {
  return Fields(a) == Fields(b);
}
inline auto Fields(const EvaluationForm& x) {
  return std::tie(x.id, x.name, x.version, x.purpose, x.published_at, x.sections);
}
inline auto Fields(const Contact& x) {
  return std::tie(x.id, x.channel, x.agent_id, x.line_id, x.started_at, x.customer_ref, x.client_id,
                  x.announced, x.customer_informed_by_contract, x.do_not_record);
}
inline auto Fields(const Recording& x) {
  return std::tie(x.id, x.contact_id, x.agent_id, x.purpose, x.channel, x.media_type,
                  x.regulation_id, x.created_at, x.duration_ms, x.size_bytes, x.evaluate_by,
                  x.destroy_at, x.evaluated_at, x.destroyed_at, x.destroyed_rule, x.extra_moment,
                  x.may_contain_card_data, x.client_id);
}
inline auto Fields(const Answer& x) { return std::tie(x.question_id, x.score, x.comment); }
inline bool operator==(const Answer& a, const Answer& b) { return Fields(a) == Fields(b); }
inline auto Fields(const TimedNote& x) {
  return std::tie(x.recording_id, x.offset_ms, x.text, x.author_id, x.created_at);
}
inline bool operator==(const TimedNote& a, const TimedNote& b) { return Fields(a) == Fields(b); }
inline auto Fields(const FeedbackMeeting& x) {
  return std::tie(x.held_at, x.supervisor_id, x.summary);
}
inline bool operator==(const FeedbackMeeting& a, const FeedbackMeeting& b) {
  return Fields(a) == Fields(b);
}
inline auto Fields(const Evaluation& x) {
  return std::tie(x.id, x.agent_id, x.monitor_id, x.purpose, x.form_id, x.form_version,
                  x.recording_ids, x.status, x.answers, x.notes, x.score, x.summary,
                  x.automated_suggestion, x.confirmed_by, x.agent_view, x.agent_view_at,
                  x.created_at, x.shared_at, x.acknowledged_at, x.feedback, x.closed_at,
                  x.destroy_at, x.destroyed_at);
}
inline auto Fields(const AgentRequest& x) {
  return std::tie(x.id, x.agent_id, x.kind, x.created_at, x.evaluation_id, x.requested_evaluator_id,
                  x.reason, x.status, x.decided_at);
}
inline auto Fields(const Consent& x) {
  return std::tie(x.id, x.agent_id, x.kind, x.recording_id, x.reason, x.hold_until, x.training_use,
                  x.requested_by, x.given_at, x.withdrawn_at);
}
inline auto Fields(const Complaint& x) {
  return std::tie(x.id, x.complainant_id, x.subject, x.text, x.filed_at, x.respond_by,
                  x.taken_up_at, x.response, x.resolved_at, x.appealed_at, x.appeal_decision,
                  x.appeal_decided_at);
}
inline auto Fields(const ClientContract& x) {
  return std::tie(x.id, x.client_id, x.client_name, x.signed_at, x.valid_until, x.team_ids,
                  x.purpose, x.individual_level, x.document_sha256, x.legal_ground,
                  x.agents_informed_at);
}
inline auto Fields(const DataSubjectRequest& x) {
  return std::tie(x.id, x.subject_kind, x.subject_ref, x.kind, x.received_at, x.due_at,
                  x.extension_told_at, x.answered_at, x.notes);
}
inline auto Fields(const LiveListenSession& x) {
  return std::tie(x.id, x.listener_id, x.listener_role, x.agent_id, x.contact_id, x.purpose,
                  x.started_at, x.ended_at);
}

template <typename T>
auto operator==(const T& a, const T& b) -> decltype(Fields(a) == Fields(b)) {
  return Fields(a) == Fields(b);
}

}  // namespace fairqm::domain

namespace fairqm::store::testing {

inline constexpr TimeMs kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

inline domain::Recording SampleRecording(std::string id, std::string agent_id,
                                         domain::Purpose purpose, TimeMs created_at) {
  domain::Recording r;
  r.id = std::move(id);
  r.contact_id = "con-" + r.id;
  r.agent_id = std::move(agent_id);
  r.purpose = purpose;
  r.channel = domain::Channel::kVoice;
  r.media_type = "audio/ogg; codecs=opus";
  r.regulation_id = "reg-1";
  r.created_at = created_at;
  r.duration_ms = 180'000;
  r.size_bytes = 1'000'000;
  r.evaluate_by = created_at + Days(14);
  r.destroy_at = created_at + Days(30);
  return r;
}

}  // namespace fairqm::store::testing
