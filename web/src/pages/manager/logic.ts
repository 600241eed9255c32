// The manager pages' logic as pure functions: states of authorisations,
// whether a limit really narrows, regulation documents to and from the form
// the editor edits, the form designer's validation and preview score, and
// the order of complaints. No I/O, so all of it is unit-tested.
import type {
  Authorisation,
  AuthorisationInput,
  Channel,
  Complaint,
  EvaluationForm,
  FormQuestion,
  FormSection,
  LegalGround,
  Purpose,
  PurposeRules,
  Regulation,
  RegulationStatus,
} from './types';
import { kPurposes } from './types';

const kDayMs = 24 * 60 * 60 * 1000;

// 'YYYY-MM-DD' for an <input type=date> from an API time (or '' for none).
export function toDateInput(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return match ? match[1] : '';
}

export function todayInput(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

function time(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : t;
}

// ---------------------------------------------------------------------------
// Authorisations (KSF-3.3)

export type AuthorisationState = 'active' | 'awaiting' | 'future' | 'expired' | 'ended';

export function authorisationState(a: Authorisation, now: number = Date.now()): AuthorisationState {
  if (a.ended_at) return 'ended';
  const until = time(a.valid_until);
  if (until !== null && until <= now) return 'expired';
  const from = time(a.valid_from);
  if (from !== null && from > now) return 'future';
  if (!a.acknowledged) return 'awaiting';
  return 'active';
}

// Whether an authorisation may still be limited or ended.
export function isCurrent(state: AuthorisationState): boolean {
  return state === 'active' || state === 'awaiting' || state === 'future';
}

const kStateOrder: Record<AuthorisationState, number> = {
  awaiting: 0,
  active: 1,
  future: 2,
  expired: 3,
  ended: 4,
};

export function sortAuthorisations(items: Authorisation[], now: number = Date.now()): Authorisation[] {
  return [...items].sort((a, b) => {
    const byState = kStateOrder[authorisationState(a, now)] - kStateOrder[authorisationState(b, now)];
    if (byState !== 0) return byState;
    return a.monitor_name.localeCompare(b.monitor_name, 'nl');
  });
}

export interface AuthorisationFilter {
  text: string;
  showEnded: boolean;
}

export function filterAuthorisations(
  items: Authorisation[],
  filter: AuthorisationFilter,
  now: number = Date.now(),
): Authorisation[] {
  const text = filter.text.trim().toLowerCase();
  return items.filter((a) => {
    if (!filter.showEnded && !isCurrent(authorisationState(a, now))) return false;
    if (text && !a.monitor_name.toLowerCase().includes(text)) return false;
    return true;
  });
}

// Why a proposed limit is not narrower than the authorisation it replaces;
// empty when it is. A limit may drop purposes, teams or agents, start later
// or end sooner, never add anything (that is a new grant).
export type WidenProblem = 'purposes' | 'teams' | 'agents' | 'from' | 'until' | 'empty';

export function widenings(
  old: Authorisation,
  next: AuthorisationInput,
  teamOfAgent: Record<string, string> = {},
): WidenProblem[] {
  const problems: WidenProblem[] = [];
  if (next.purposes.some((p) => !old.purposes.includes(p))) problems.push('purposes');
  if (next.team_ids.some((t) => !old.team_ids.includes(t))) problems.push('teams');
  if (
    next.agent_ids.some(
      (id) => !old.agent_ids.includes(id) && !old.team_ids.includes(teamOfAgent[id] ?? ''),
    )
  ) {
    problems.push('agents');
  }
  const oldFrom = toDateInput(old.valid_from);
  if (next.valid_from && oldFrom && next.valid_from < oldFrom) problems.push('from');
  const oldUntil = toDateInput(old.valid_until);
  if (oldUntil && (!next.valid_until || next.valid_until > oldUntil)) problems.push('until');
  const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((v) => b.includes(v));
  const same =
    sameSet(next.purposes, old.purposes) &&
    sameSet(next.team_ids, old.team_ids) &&
    sameSet(next.agent_ids, old.agent_ids) &&
    next.valid_from === oldFrom &&
    (next.valid_until ?? '') === oldUntil;
  if (same) problems.push('empty');
  return problems;
}

// What the grant form checks before sending (the server checks again).
export type GrantProblem = 'monitor' | 'purposes' | 'scope' | 'from' | 'until';

export function grantProblems(input: AuthorisationInput): GrantProblem[] {
  const problems: GrantProblem[] = [];
  if (!input.monitor_id) problems.push('monitor');
  if (input.purposes.length === 0) problems.push('purposes');
  if (input.team_ids.length === 0 && input.agent_ids.length === 0) problems.push('scope');
  if (!input.valid_from) problems.push('from');
  if (input.valid_until && input.valid_from && input.valid_until <= input.valid_from) {
    problems.push('until');
  }
  return problems;
}

// The grant body: no empty valid_until.
export function grantBody(input: AuthorisationInput): AuthorisationInput {
  const body: AuthorisationInput = {
    monitor_id: input.monitor_id,
    purposes: [...input.purposes],
    team_ids: [...input.team_ids],
    agent_ids: [...input.agent_ids],
    valid_from: input.valid_from,
  };
  if (input.valid_until) body.valid_until = input.valid_until;
  return body;
}

// The people who can be made monitors (glossary: team lead, coach, QA
// analyst, trainer; KSF-2.1-confidential keeps the company doctor and the
// confidential adviser out).
export const kMonitorFunctions = ['team_lead', 'coach', 'qa_analyst', 'trainer'];

export function monitorCandidates<T extends { function: string; leave_date: string | null; name: string }>(
  employees: T[],
): T[] {
  return employees
    .filter((e) => kMonitorFunctions.includes(e.function) && !e.leave_date)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

// ---------------------------------------------------------------------------
// The regulation (KSF-3.5, 3.6, 3.10 … 3.12, 4.1, 4.7, 6.1, AVG-30, AVG-35)

// What the editor edits: every field the server reads (createRegulationDraft),
// dates as 'YYYY-MM-DD', all three purposes present.
export interface RegulationDraft {
  title: string;
  controller_name: string;
  contact_email: string;
  privacy_statement_url: string;
  client_min_group_size: number;
  extra_moments_per_period: number;
  assessment_period_days: number;
  complaint_term_days: number;
  assessment_protocol_reference: string;
  assessment_protocol_approved_at: string;
  dpia_reference: string;
  dpia_at: string;
  change_legal_reason: string;
  purposes: PurposeRules[];
}

export function defaultPurposeRules(purpose: Purpose): PurposeRules {
  // The server's defaults (domain::PurposeRules), not enabled.
  return {
    purpose,
    enabled: false,
    frequency_quota: 0,
    frequency_period_days: 30,
    recording_retention_days: 30,
    evaluation_retention_days: 365,
    evaluation_term_working_days: 10,
    min_gap_days: 0,
    legitimate_interest: '',
    legal_ground: 'unset',
    necessity_justification: '',
    proportionality_justification: '',
    channels: ['voice'],
  };
}

export function emptyDraft(): RegulationDraft {
  return {
    title: '',
    controller_name: '',
    contact_email: '',
    privacy_statement_url: '',
    client_min_group_size: 5,
    extra_moments_per_period: 3,
    assessment_period_days: 365,
    complaint_term_days: 30,
    assessment_protocol_reference: '',
    assessment_protocol_approved_at: '',
    dpia_reference: '',
    dpia_at: '',
    change_legal_reason: '',
    purposes: kPurposes.map(defaultPurposeRules),
  };
}

export function draftFrom(source: Regulation | null | undefined): RegulationDraft {
  if (!source) return emptyDraft();
  return {
    title: source.title,
    controller_name: source.controller_name,
    contact_email: source.contact_email,
    privacy_statement_url: source.privacy_statement_url,
    client_min_group_size: source.client_min_group_size,
    extra_moments_per_period: source.extra_moments_per_period,
    assessment_period_days: source.assessment_period_days,
    complaint_term_days: source.complaint_term_days,
    assessment_protocol_reference: source.assessment_protocol_reference,
    assessment_protocol_approved_at: toDateInput(source.assessment_protocol_approved_at),
    dpia_reference: source.dpia_reference,
    dpia_at: toDateInput(source.dpia_at),
    change_legal_reason: source.change_legal_reason,
    purposes: kPurposes.map((purpose) => {
      const found = source.purposes.find((p) => p.purpose === purpose);
      return found ? { ...found, channels: [...found.channels] } : defaultPurposeRules(purpose);
    }),
  };
}

// The POST /api/v1/regulations (new draft) and PUT /api/v1/regulations/{id}
// (changed draft) body. Dates left empty are not sent;
// purposes that are off and were never filled in are left out.
export function draftBody(draft: RegulationDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    title: draft.title.trim(),
    controller_name: draft.controller_name.trim(),
    contact_email: draft.contact_email.trim(),
    privacy_statement_url: draft.privacy_statement_url.trim(),
    client_min_group_size: draft.client_min_group_size,
    extra_moments_per_period: draft.extra_moments_per_period,
    assessment_period_days: draft.assessment_period_days,
    complaint_term_days: draft.complaint_term_days,
    assessment_protocol_reference: draft.assessment_protocol_reference.trim(),
    dpia_reference: draft.dpia_reference.trim(),
    change_legal_reason: draft.change_legal_reason.trim(),
    purposes: draft.purposes
      .filter((p) => p.enabled || JSON.stringify(p) !== JSON.stringify(defaultPurposeRules(p.purpose)))
      .map((p) => ({
        ...p,
        legitimate_interest: p.legitimate_interest.trim(),
        necessity_justification: p.necessity_justification.trim(),
        proportionality_justification: p.proportionality_justification.trim(),
      })),
  };
  if (draft.assessment_protocol_approved_at) {
    body.assessment_protocol_approved_at = draft.assessment_protocol_approved_at;
  }
  if (draft.dpia_at) body.dpia_at = draft.dpia_at;
  return body;
}

// Fields the editor can check itself before saving (numbers the server
// would refuse outright); what is merely missing is the server's list.
export function draftRangeProblems(draft: RegulationDraft): string[] {
  const problems: string[] = [];
  const whole = (value: number, min: number, max: number, path: string) => {
    if (!Number.isInteger(value) || value < min || value > max) problems.push(path);
  };
  whole(draft.client_min_group_size, 1, 100000, 'client_min_group_size');
  whole(draft.extra_moments_per_period, 0, 3, 'extra_moments_per_period');
  whole(draft.assessment_period_days, 1, 3660, 'assessment_period_days');
  whole(draft.complaint_term_days, 1, 365, 'complaint_term_days');
  draft.purposes.forEach((p) => {
    whole(p.frequency_quota, 0, 100000, `${p.purpose}.frequency_quota`);
    whole(p.frequency_period_days, 0, 3660, `${p.purpose}.frequency_period_days`);
    whole(p.recording_retention_days, 0, 3660, `${p.purpose}.recording_retention_days`);
    whole(p.evaluation_retention_days, 0, 36600, `${p.purpose}.evaluation_retention_days`);
    whole(p.evaluation_term_working_days, 0, 365, `${p.purpose}.evaluation_term_working_days`);
    whole(p.min_gap_days, 0, 3660, `${p.purpose}.min_gap_days`);
  });
  if (!draft.title.trim()) problems.push('title');
  return problems;
}

export function statusLevel(status: RegulationStatus): 'ok' | 'warn' | 'bad' | '' {
  switch (status) {
    case 'active':
      return 'ok';
    case 'submitted':
    case 'draft':
      return 'warn';
    case 'rejected':
      return 'bad';
    default:
      return '';
  }
}

export function canSubmit(status: RegulationStatus): boolean {
  return status === 'draft' || status === 'rejected';
}

// Only a draft is changed in place (PUT); what the works council has seen
// (submitted, rejected, active, superseded) stays as it was (KSF-3.11) and
// is revised through a new draft.
export function canEdit(status: RegulationStatus): boolean {
  return status === 'draft';
}

export interface SaveRequest {
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
}

// Saving an existing draft replaces its content (same id and version);
// anything else starts a new draft version.
export function saveRequest(draftId: string | null, draft: RegulationDraft): SaveRequest {
  const body = draftBody(draft);
  if (draftId) return { method: 'PUT', path: `/api/v1/regulations/${encodeURIComponent(draftId)}`, body };
  return { method: 'POST', path: '/api/v1/regulations', body };
}

export interface Rejection {
  at: string | null;
  reference: string;
  reason: string;
}

// The works council's refusal of a version (KSF-3.11), if it refused it.
export function rejectionOf(regulation: Regulation): Rejection | null {
  if (regulation.status !== 'rejected' && !regulation.works_council_rejected_at) return null;
  return {
    at: regulation.works_council_rejected_at ?? null,
    reference: (regulation.works_council_rejection_reference ?? '').trim(),
    reason: (regulation.works_council_rejection_reason ?? '').trim(),
  };
}

export function canActivate(regulation: Regulation): boolean {
  return regulation.status === 'submitted' && Boolean(regulation.works_council_consent_at);
}

// Newest version first.
export function sortRegulations(items: Regulation[]): Regulation[] {
  return [...items].sort((a, b) => b.version - a.version);
}

export function activeOf(items: Regulation[]): Regulation | undefined {
  return items.find((r) => r.status === 'active');
}

// KSF-3.12: a new version within twelve months of the active one's start
// needs a recorded legal reason. Returns the date from which none is needed,
// or null when that date has passed (or nothing is active).
export function legalReasonNeededUntil(active: Regulation | undefined, now: number = Date.now()): string | null {
  if (!active?.activated_at) return null;
  const start = new Date(active.activated_at);
  if (Number.isNaN(start.getTime())) return null;
  const until = new Date(start);
  until.setUTCMonth(until.getUTCMonth() + 12);
  return until.getTime() > now ? until.toISOString() : null;
}

// The rules a regulation field serves, shown beside its label.
export const kRegulationFieldRules: Record<string, string> = {
  title: 'KSF-3.10',
  controller_name: 'AVG-30',
  contact_email: 'KSF-3.10',
  privacy_statement_url: 'KSF-6.6',
  change_legal_reason: 'KSF-3.12',
  assessment_protocol_reference: 'KSF-4.1',
  assessment_protocol_approved_at: 'KSF-4.1',
  extra_moments_per_period: 'KSF-4.7',
  assessment_period_days: 'KSF-4.7',
  complaint_term_days: 'KSF-3.10',
  client_min_group_size: 'KSF-6.1',
  dpia_reference: 'AVG-35',
  dpia_at: 'AVG-35',
  enabled: 'KSF-1.2',
  channels: 'KSF-1.3',
  frequency_quota: 'KSF-3.6',
  frequency_period_days: 'KSF-3.6',
  min_gap_days: 'KSF-2.1-feedback',
  evaluation_term_working_days: 'KSF-4.4',
  recording_retention_days: 'AVG-5-storage',
  evaluation_retention_days: 'RETENTION-split',
  legal_ground: 'KSF-2.1-interest',
  legitimate_interest: 'KSF-2.1-interest',
  necessity_justification: 'KSF-3.5',
  proportionality_justification: 'KSF-3.5',
};

export const kLegalGrounds: LegalGround[] = ['unset', 'contract', 'legitimate_interest'];

export function toggle<T>(list: T[], value: T, on: boolean): T[] {
  const without = list.filter((v) => v !== value);
  return on ? [...without, value] : without;
}

export function sortChannels(list: Channel[]): Channel[] {
  const order: Channel[] = ['voice', 'screen', 'chat', 'email'];
  return [...list].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

// ---------------------------------------------------------------------------
// Evaluation forms (KSF-4.2)

export interface FormDraft {
  // Empty: a new form; else a new version of that form.
  id: string;
  name: string;
  purpose: Purpose;
  sections: FormSection[];
}

export function newQuestion(id: string): FormQuestion {
  return {
    id,
    text: '',
    weight: 1,
    critical: false,
    allow_na: false,
    comment_required: false,
    max_score: 5,
  };
}

// A question code not yet used on the form: q1, q2, …
export function nextQuestionId(form: FormDraft): string {
  const used = new Set(form.sections.flatMap((s) => s.questions.map((q) => q.id)));
  let n = used.size + 1;
  while (used.has(`q${n}`)) n += 1;
  return `q${n}`;
}

export function emptyFormDraft(): FormDraft {
  return { id: '', name: '', purpose: 'coaching', sections: [{ title: '', questions: [newQuestion('q1')] }] };
}

export function formDraftFrom(form: EvaluationForm): FormDraft {
  return {
    id: form.id,
    name: form.name,
    purpose: form.purpose,
    sections: form.sections.map((s) => ({ title: s.title, questions: s.questions.map((q) => ({ ...q })) })),
  };
}

export type FormProblem =
  | 'name'
  | 'sectionTitle'
  | 'noQuestions'
  | 'questionText'
  | 'questionId'
  | 'duplicateId'
  | 'weight'
  | 'maxScore';

// Problems by field path (as the server names them: 'name',
// 'sections[0].title', 'sections[0].questions[1].weight'); empty: publishable.
export function validateForm(form: FormDraft): Record<string, FormProblem> {
  const problems: Record<string, FormProblem> = {};
  if (!form.name.trim()) problems.name = 'name';
  const seen = new Set<string>();
  let questions = 0;
  form.sections.forEach((section, s) => {
    const base = `sections[${s}]`;
    if (!section.title.trim()) problems[`${base}.title`] = 'sectionTitle';
    if (section.questions.length === 0) problems[`${base}.questions`] = 'noQuestions';
    section.questions.forEach((q, i) => {
      questions += 1;
      const path = `${base}.questions[${i}]`;
      if (!q.text.trim()) problems[`${path}.text`] = 'questionText';
      const id = q.id.trim();
      if (!id) problems[`${path}.id`] = 'questionId';
      else if (seen.has(id)) problems[`${path}.id`] = 'duplicateId';
      seen.add(id);
      if (!(Number.isFinite(q.weight) && q.weight > 0 && q.weight <= 1000)) problems[`${path}.weight`] = 'weight';
      if (!(Number.isInteger(q.max_score) && q.max_score >= 1 && q.max_score <= 100)) {
        problems[`${path}.max_score`] = 'maxScore';
      }
    });
  });
  if (questions === 0) problems.sections = 'noQuestions';
  return problems;
}

// The POST /api/v1/forms body.
export function formBody(form: FormDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: form.name.trim(),
    purpose: form.purpose,
    sections: form.sections.map((s) => ({
      title: s.title.trim(),
      questions: s.questions.map((q) => ({
        id: q.id.trim(),
        text: q.text.trim(),
        weight: q.weight,
        critical: q.critical,
        allow_na: q.allow_na,
        comment_required: q.comment_required,
        max_score: q.max_score,
      })),
    })),
  };
  if (form.id) body.id = form.id;
  return body;
}

// The server names the field of an invalid input at the start of its
// message ("sections[0].questions[0].weight must be greater than zero").
export function serverFieldOf(message: string): { path: string; text: string } | null {
  const match = /^((?:name|purpose|id|sections)(?:\[\d+\])?(?:\.\w+(?:\[\d+\])?)*)\s+(.+)$/.exec(message);
  if (!match) return null;
  return { path: match[1], text: match[2] };
}

export function moveItem<T>(list: T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (target < 0 || target >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item);
  return copy;
}

// The preview's running score, as the server scores (policy
// ScoreEvaluation): the weighted mean of score / max_score times 100; N/A
// drops out; a zero on a critical question makes the total zero.
// answers: question id → score, 'na', or absent (not answered yet).
export interface PreviewScore {
  score: number | null;
  autoFailed: boolean;
  answered: number;
  total: number;
}

export function previewScore(
  sections: FormSection[],
  answers: Record<string, number | 'na' | undefined>,
): PreviewScore {
  let weighted = 0;
  let weights = 0;
  let answered = 0;
  let total = 0;
  let autoFailed = false;
  for (const section of sections) {
    for (const q of section.questions) {
      total += 1;
      const answer = answers[q.id];
      if (answer === undefined) continue;
      answered += 1;
      if (answer === 'na') continue;
      if (q.critical && answer === 0) autoFailed = true;
      if (q.max_score > 0 && q.weight > 0) {
        weighted += (q.weight * answer) / q.max_score;
        weights += q.weight;
      }
    }
  }
  if (autoFailed) return { score: 0, autoFailed, answered, total };
  return { score: weights > 0 ? (100 * weighted) / weights : null, autoFailed, answered, total };
}

// ---------------------------------------------------------------------------
// Complaints (KSF-3.10)

export type ComplaintState = 'open' | 'taken_up' | 'resolved' | 'appealed' | 'decided';

export function complaintState(c: Complaint): ComplaintState {
  if (c.appeal_decided_at) return 'decided';
  if (c.appealed_at) return 'appealed';
  if (c.resolved_at) return 'resolved';
  if (c.taken_up_at) return 'taken_up';
  return 'open';
}

// What still needs the manager first, soonest deadline first.
export function sortComplaints(items: Complaint[]): Complaint[] {
  const waiting = (c: Complaint) => {
    const s = complaintState(c);
    return s === 'open' || s === 'taken_up' ? 0 : 1;
  };
  return [...items].sort((a, b) => waiting(a) - waiting(b) || a.days_left - b.days_left);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((new Date(toIso).getTime() - new Date(fromIso).getTime()) / kDayMs);
}
