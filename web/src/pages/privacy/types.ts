// The shapes the privacy pages read from /api/v1 (see
// src/api/openapi/privacy.json, routes_privacy.cc and service/register.cc).
// The shapes other areas read too are in src/types/api.ts.
import type { Purpose } from '../../types/api';

export type {
  DataSubjectKind,
  DataSubjectRequest,
  DataSubjectRequestItem,
  DataSubjectRequestKind,
  Items,
} from '../../types/api';

export interface AuditEntry {
  seq: number;
  at: string;
  actor_id: string;
  actor_role: string;
  action: string;
  subject_kind: string;
  subject_id: string;
  subject_agent_id: string;
  purpose: Purpose | null;
  decision: 'allowed' | 'refused';
  rule: string;
  detail: unknown;
  hash: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  first_bad_seq: number | null;
  problem: string;
}

export interface Bilingual {
  nl: string;
  en: string;
}

export interface Recipient {
  who: Bilingual;
  count: number | null;
  receives: Bilingual;
}

export interface Activity {
  purpose: Purpose;
  description: Bilingual;
  legal_ground: string;
  legitimate_interest: string;
  necessity: string;
  proportionality: string;
  data_subjects: Bilingual[];
  data_categories: Bilingual[];
  recipients: Recipient[];
  transfers?: Bilingual;
  frequency: { quota: number; period_days: number };
  retention: {
    recordings_days: number;
    evaluations_days: number;
    evaluation_term_working_days: number;
  };
}

export interface Controller {
  name: string;
  contact_email: string;
  privacy_statement_url: string;
}

export interface RegulationRef {
  id: string;
  version: number;
  title: string;
  activated_at: string | null;
}

export interface ClientContractRow {
  client_name: string;
  purpose: Purpose;
  individual_level: boolean;
  legal_ground: string;
  signed_at: string;
  valid_until: string | null;
  teams: number;
}

export interface Register {
  record: 'art30';
  controller: Controller;
  regulation: RegulationRef;
  activities: Activity[];
  client_contracts: ClientContractRow[];
  client_min_group_size: number;
  security_measures: Bilingual[];
  dpia: { reference: string; date: string | null };
  works_council_consent: { reference: string; date: string | null };
  assessment_protocol: { reference: string; approved_at: string | null };
  generated_at: string;
}

export interface Dpia {
  record: 'dpia';
  regulation: RegulationRef;
  controller: Controller;
  dpia: { reference: string; date: string | null; recorded: boolean };
  processing: Activity[];
  measures: Bilingual[];
  client_min_group_size: number;
  works_council_consent: { reference: string; date: string | null };
  assessment_protocol: { reference: string; approved_at: string | null };
  generated_at: string;
}
