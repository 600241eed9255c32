// The shapes of the API answers that more than one area of the app reads,
// written once and complete. Field names and nullability follow the server:
// codec::ToJson(...) in src/codec/json.cc and the handlers that add to it in
// src/api/routes_*.cc (named at each type). Area-specific answers stay in the
// area's own types.

// ---------------------------------------------------------------------------
// Names (domain/names.cc)

export type Purpose = 'coaching' | 'assessment' | 'quality';
export type Channel = 'voice' | 'screen' | 'chat' | 'email';
export type LegalGround = 'unset' | 'contract' | 'legitimate_interest';
export type RegulationStatus = 'draft' | 'submitted' | 'rejected' | 'active' | 'superseded';

export const kPurposes: Purpose[] = ['coaching', 'assessment', 'quality'];
export const kChannels: Channel[] = ['voice', 'screen', 'chat', 'email'];

// A list answer: {"items": [...]}.
export interface Items<T> {
  items: T[];
}

// A decision of the regulation as the server explains it: the rule and the
// reason in both languages. Refusals and gaps (routes_management.cc
// DecisionJson, reports.cc DecisionJson) leave `allowed` out.
export interface Decision {
  rule: string;
  reason_nl: string;
  reason_en: string;
  allowed?: boolean;
}

// ---------------------------------------------------------------------------
// The regulation (ToJson(PurposeRules), ToJson(Regulation))

export interface PurposeRules {
  purpose: Purpose;
  enabled: boolean;
  frequency_quota: number;
  frequency_period_days: number;
  recording_retention_days: number;
  evaluation_retention_days: number;
  evaluation_term_working_days: number;
  min_gap_days: number;
  legitimate_interest: string;
  legal_ground: LegalGround;
  necessity_justification: string;
  proportionality_justification: string;
  channels: Channel[];
}

export interface Regulation {
  id: string;
  version: number;
  title: string;
  status: RegulationStatus;
  controller_name: string;
  contact_email: string;
  privacy_statement_url: string;
  client_min_group_size: number;
  extra_moments_per_period: number;
  assessment_period_days: number;
  complaint_term_days: number;
  assessment_protocol_reference: string;
  assessment_protocol_approved_at: string | null;
  dpia_reference: string;
  dpia_at: string | null;
  change_legal_reason: string;
  works_council_consent_at: string | null;
  works_council_consent_reference: string;
  // KSF-3.11: a refusal is recorded with its date, reference and reason.
  works_council_rejected_at: string | null;
  works_council_rejection_reference: string;
  works_council_rejection_reason: string;
  created_at: string;
  submitted_at: string | null;
  activated_at: string | null;
  superseded_at: string | null;
  purposes: PurposeRules[];
}

// GET /api/v1/regulations/{id}/missing (routes_management.cc).
export interface RegulationMissing {
  regulation_id: string;
  version: number;
  status: RegulationStatus;
  complete: boolean;
  missing: Decision[];
}

// ---------------------------------------------------------------------------
// Authorisations to monitor (ToJson(Authorisation); KSF-3.3)

// As granting and acknowledging return it.
export interface AuthorisationRecord {
  id: string;
  monitor_id: string;
  purposes: Purpose[];
  team_ids: string[];
  agent_ids: string[];
  valid_from: string;
  valid_until: string | null;
  confidentiality_acknowledged_at: string | null;
  granted_by: string;
  granted_at: string;
  ended_at: string | null;
  client_id: string;
}

// In a list (GET /api/v1/authorisations, /api/v1/me/authorisations;
// handler_util.cc AuthorisationItemJson): with the monitor's name, whether
// the duty of confidentiality is acknowledged (KSF-3.3, 3.3.5) and whether
// it is in force now.
export interface Authorisation extends AuthorisationRecord {
  monitor_name: string;
  acknowledged: boolean;
  active: boolean;
}

// ---------------------------------------------------------------------------
// Evaluation forms (ToJson(EvaluationForm))

export interface FormQuestion {
  id: string;
  text: string;
  weight: number;
  critical: boolean;
  allow_na: boolean;
  comment_required: boolean;
  max_score: number;
}

export interface FormSection {
  title: string;
  questions: FormQuestion[];
}

export interface EvaluationForm {
  id: string;
  name: string;
  version: number;
  purpose: Purpose;
  published_at: string | null;
  sections: FormSection[];
}

// ---------------------------------------------------------------------------
// Recordings (ToJson(Recording); GET /api/v1/recordings/{id} in
// routes_monitor.cc)

export interface Recording {
  id: string;
  contact_id: string;
  agent_id: string;
  purpose: Purpose;
  channel: Channel;
  media_type: string;
  regulation_id: string;
  created_at: string;
  duration_ms: number;
  size_bytes: number;
  evaluate_by: string;
  destroy_at: string;
  evaluated_at: string | null;
  destroyed_at: string | null;
  destroyed_rule: string;
  extra_moment: boolean;
  may_contain_card_data: boolean;
  client_id: string;
}

// A stretch of the contact that was not recorded (KSF-5.3).
export interface PausedSegment {
  reason: string;
  paused_at: string;
  resumed_at: string | null;
  start_offset_ms: number;
  end_offset_ms: number | null;
  note: string;
}

export interface RecordingDetails {
  recording: Recording;
  agent_name: string;
  // Days until the evaluation term ends; null once evaluated or destroyed.
  days_left: number | null;
  paused: PausedSegment[];
}

// ---------------------------------------------------------------------------
// Evaluations (ToJson(Evaluation))

export type EvaluationStatus = 'draft' | 'shared' | 'closed';

// An answer as the server stores it (score null: not applicable).
export interface EvaluationAnswer {
  question_id: string;
  score: number | null;
  comment: string;
}

// A note at a moment of a recording.
export interface EvaluationNote {
  recording_id: string;
  offset_ms: number;
  text: string;
  author_id: string;
  created_at: string;
}

// The feedback meeting (KSF-4.5).
export interface EvaluationFeedback {
  held_at: string;
  supervisor_id: string;
  summary: string;
}

export interface Evaluation {
  id: string;
  agent_id: string;
  monitor_id: string;
  purpose: Purpose;
  form_id: string;
  form_version: number;
  recording_ids: string[];
  status: EvaluationStatus;
  answers: EvaluationAnswer[];
  notes: EvaluationNote[];
  score: number | null;
  summary: string;
  automated_suggestion: boolean;
  confirmed_by: string;
  agent_view: string;
  agent_view_at: string | null;
  created_at: string;
  shared_at: string | null;
  acknowledged_at: string | null;
  feedback: EvaluationFeedback | null;
  closed_at: string | null;
  destroy_at: string;
  destroyed_at: string | null;
}

// ---------------------------------------------------------------------------
// Agents' requests, consents, complaints (ToJson(AgentRequest), (Consent),
// (Complaint))

export type AgentRequestKind = 'extra_moment' | 'other_evaluator' | 'access';
export type AgentRequestStatus = 'open' | 'granted' | 'refused' | 'fulfilled';

export interface AgentRequest {
  id: string;
  agent_id: string;
  kind: AgentRequestKind;
  created_at: string;
  evaluation_id: string;
  requested_evaluator_id: string;
  reason: string;
  status: AgentRequestStatus;
  decided_at: string | null;
}

export type ConsentKind = 'retention_hold' | 'named_training';

export interface Consent {
  id: string;
  agent_id: string;
  kind: ConsentKind;
  recording_id: string;
  reason: string;
  hold_until: string | null;
  training_use: string;
  requested_by: string;
  given_at: string;
  withdrawn_at: string | null;
}

// A complaint as filing, answering and appealing return it.
export interface ComplaintRecord {
  id: string;
  complainant_id: string;
  subject: string;
  text: string;
  filed_at: string;
  respond_by: string;
  taken_up_at: string | null;
  response: string;
  resolved_at: string | null;
  appealed_at: string | null;
  appeal_decision: string;
  appeal_decided_at: string | null;
}

// A complaint in a list (GET /api/v1/complaints, /api/v1/me/complaints):
// with the days left of the term (KSF-3.10), whether it is past it, and
// whether it may still be appealed.
export interface Complaint extends ComplaintRecord {
  days_left: number;
  overdue: boolean;
  appealable: boolean;
}

// ---------------------------------------------------------------------------
// Data-subject requests (ToJson(DataSubjectRequest); AVG-12)

export type DataSubjectKind = 'agent' | 'customer';
export type DataSubjectRequestKind = 'access' | 'erasure' | 'objection' | 'rectification';

export interface DataSubjectRequest {
  id: string;
  subject_kind: DataSubjectKind;
  subject_ref: string;
  kind: DataSubjectRequestKind;
  received_at: string;
  due_at: string;
  extension_told_at: string | null;
  answered_at: string | null;
  notes: string;
}

// In the privacy officer's list (routes_privacy.cc RequestItemJson): with
// the days left until due_at and whether it is past it.
export interface DataSubjectRequestItem extends DataSubjectRequest {
  days_left: number;
  overdue: boolean;
}

// ---------------------------------------------------------------------------
// Client agreements (ToJson(ClientContract); KSF-6.2, KSF-6.3)

export interface ClientContract {
  id: string;
  client_id: string;
  client_name: string;
  signed_at: string;
  valid_until: string | null;
  team_ids: string[];
  purpose: Purpose;
  individual_level: boolean;
  document_sha256: string;
  legal_ground: LegalGround;
  agents_informed_at: string | null;
}

// ---------------------------------------------------------------------------
// The public privacy statement (GET /api/v1/public/privacy-statement,
// routes_public.cc)

export interface PrivacyStatement {
  lang: string;
  controller: { name: string; contact_email: string; privacy_statement_url: string };
  regulation: { id: string; version: number; title: string; activated_at: string | null };
  data_subjects: string[];
  data_categories: string[];
  recipients: string[];
  transfers: string;
  rights: { rule: string; title: string; text: string }[];
  answer_term: string;
  who_to_ask: string;
  purposes: {
    purpose: Purpose;
    description: string;
    legal_ground: string;
    legal_ground_text: string;
    legitimate_interest: string;
    channels: Channel[];
    frequency: { quota: number; period_days: number };
    retention: { recording_days: number; evaluation_days: number };
  }[];
}
