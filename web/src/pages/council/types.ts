// The shapes the works council's pages read from /api/v1 (see
// src/api/openapi/management.json and routes_management.cc). The shapes
// other areas read too are in src/types/api.ts and re-exported here.
import type { Purpose } from '../../types/api';

export type {
  Channel,
  Complaint,
  Decision,
  Items,
  LegalGround,
  Purpose,
  PurposeRules,
  Regulation,
  RegulationMissing,
  RegulationStatus,
} from '../../types/api';

export interface PurposeReport {
  purpose: Purpose;
  declared: { quota: number | null; period_days: number | null };
  actual: {
    recordings: number;
    extra_moment_recordings: number;
    agents_recorded: number;
    agent_periods: number;
    mean_per_agent_period: number;
    max_per_agent_period: number;
    agent_periods_over_quota: number;
  };
  evaluations: { on_time: number; late: number; not_evaluated: number };
  destructions_by_rule: Record<string, number>;
  active_holds: number;
  capture_refusals_by_rule: Record<string, number>;
}

export interface ComplianceReport {
  report: 'works_council';
  from: string;
  to: string;
  generated_at: string;
  regulation: { id: string; version: number };
  purposes: PurposeReport[];
  capture_refusals_without_purpose: Record<string, number>;
  complaints: {
    filed: number;
    taken_up_late: number;
    appealed: number;
    resolved: number;
    overdue: number;
  };
}
