// The shapes of the agent's API answers (src/api/routes_agent.cc and
// codec/json.cc on the server). The shapes other areas read too are in
// src/types/api.ts and re-exported here; the agent's own follow.
import type { AgentRequest, Channel, DataSubjectRequest, LegalGround, Purpose } from '../../types/api';

export type {
  AgentRequest,
  AgentRequestKind as RequestKind,
  AgentRequestStatus as RequestStatus,
  Channel,
  Complaint,
  Consent,
  ConsentKind,
  DataSubjectRequest,
  DataSubjectRequestKind,
  Evaluation,
  EvaluationAnswer,
  EvaluationForm,
  EvaluationNote,
  EvaluationStatus,
  FormQuestion,
  Items,
  PausedSegment,
  Purpose,
  Recording,
  RecordingDetails,
} from '../../types/api';

export interface PurposeFrequency {
  purpose: Purpose;
  channels: Channel[];
  frequency_quota: number;
  frequency_period_days: number;
  period_start: string;
  period_end: string;
  recorded_in_period: number;
  left_in_period: number;
  recording_retention_days: number;
  evaluation_retention_days: number;
  evaluation_term_working_days: number;
  legal_ground: LegalGround;
  legitimate_interest: string;
}

export interface ExtraMoments {
  allowed: number;
  requested: number;
  left: number;
  period_start: string | null;
  period_end: string | null;
}

export interface Overview {
  regulation_active: boolean;
  regulation: { id: string; version: number; title: string } | null;
  informed: boolean;
  informed_at: string | null;
  purposes: PurposeFrequency[];
  extra_moments: ExtraMoments;
}

export interface MonitorListing {
  monitor_id: string;
  monitor_name: string;
  purposes: Purpose[];
  valid_from: string;
  valid_until: string | null;
  client_id: string;
}

export interface MyRequests {
  items: AgentRequest[];
  data_subject_requests: DataSubjectRequest[];
}

export interface AccessEntry {
  seq: number;
  at: string;
  actor_id: string;
  actor_role: string;
  action: string;
  subject_kind: string;
  subject_id: string;
  purpose: Purpose | null;
  allowed: boolean;
  rule: string;
}

export interface LiveListen {
  id: string;
  listener_id: string;
  listener_role: string;
  agent_id: string;
  contact_id: string;
  purpose: Purpose;
  started_at: string;
  ended_at: string | null;
  active: boolean;
  listener_name: string;
  client_name: string;
}

export interface Reminder {
  id: string;
  kind: string;
  subject_id: string;
  due_at: string;
  rule: string;
  purpose: Purpose | null;
  sent_at: string;
  text: string;
  text_nl: string;
  text_en: string;
}
