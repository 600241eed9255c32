// Regulations and a compliance report shaped like the demo's, for the works
// council's unit tests.
import type { ComplianceReport, PurposeRules, Regulation } from '../src/pages/council/types';

export function purpose(name: PurposeRules['purpose'], extra: Partial<PurposeRules> = {}): PurposeRules {
  return {
    purpose: name,
    enabled: true,
    frequency_quota: 4,
    frequency_period_days: 30,
    recording_retention_days: 30,
    evaluation_retention_days: 365,
    evaluation_term_working_days: 10,
    min_gap_days: 3,
    legitimate_interest: 'Medewerkers gericht ondersteunen in hun ontwikkeling met echte gesprekken.',
    legal_ground: 'legitimate_interest',
    necessity_justification: 'Trainingen laten niet zien hoe een medewerker in de praktijk werkt.',
    proportionality_justification: 'Ten hoogste vier gesprekken per 30 dagen, willekeurig gekozen.',
    channels: ['voice', 'screen'],
    ...extra,
  };
}

export function regulation(extra: Partial<Regulation> = {}): Regulation {
  return {
    id: 'reg-1',
    version: 1,
    title: 'Reglement monitoring',
    status: 'active',
    controller_name: 'Klantcontact B.V.',
    contact_email: 'privacy@example.nl',
    privacy_statement_url: 'https://example.nl/privacy',
    client_min_group_size: 5,
    extra_moments_per_period: 3,
    assessment_period_days: 365,
    complaint_term_days: 30,
    assessment_protocol_reference: 'BP-2026-01',
    assessment_protocol_approved_at: '2026-04-16T00:00:00Z',
    dpia_reference: 'DPIA-2026-03',
    dpia_at: '2026-03-02T00:00:00Z',
    change_legal_reason: '',
    works_council_consent_at: '2026-05-11T00:00:00Z',
    works_council_consent_reference: 'OR-besluit 2026-05-11',
    works_council_rejected_at: null,
    works_council_rejection_reference: '',
    works_council_rejection_reason: '',
    created_at: '2026-03-27T00:00:00Z',
    submitted_at: '2026-04-01T00:00:00Z',
    activated_at: '2026-05-26T00:00:00Z',
    superseded_at: null,
    purposes: [purpose('coaching'), purpose('assessment', { frequency_quota: 2, frequency_period_days: 90, legal_ground: 'contract', channels: ['voice'] })],
    ...extra,
  };
}

export function report(extra: Partial<ComplianceReport> = {}): ComplianceReport {
  return {
    report: 'works_council',
    from: '2026-10-29T00:00:00Z',
    to: '2026-11-28T00:00:00Z',
    generated_at: '2026-11-28T06:09:41Z',
    regulation: { id: 'reg-1', version: 1 },
    purposes: [
      {
        purpose: 'coaching',
        declared: { quota: 4, period_days: 30 },
        actual: {
          recordings: 118,
          extra_moment_recordings: 0,
          agents_recorded: 48,
          agent_periods: 63,
          mean_per_agent_period: 1.873015873015873,
          max_per_agent_period: 4,
          agent_periods_over_quota: 0,
        },
        evaluations: { on_time: 29, late: 1, not_evaluated: 89 },
        destructions_by_rule: { 'KSF-4.10': 52 },
        active_holds: 1,
        capture_refusals_by_rule: { 'KSF-3.7': 1, 'AVG-21': 1 },
      },
      {
        purpose: 'assessment',
        declared: { quota: 2, period_days: 90 },
        actual: {
          recordings: 43,
          extra_moment_recordings: 0,
          agents_recorded: 25,
          agent_periods: 27,
          mean_per_agent_period: 1.59,
          max_per_agent_period: 3,
          agent_periods_over_quota: 2,
        },
        evaluations: { on_time: 17, late: 3, not_evaluated: 26 },
        destructions_by_rule: { 'KSF-4.10': 7, 'KSF-4.9': 4 },
        active_holds: 0,
        capture_refusals_by_rule: {},
      },
    ],
    capture_refusals_without_purpose: { 'KSF-3.1': 2 },
    complaints: { filed: 1, taken_up_late: 1, appealed: 1, resolved: 0, overdue: 1 },
    ...extra,
  };
}
