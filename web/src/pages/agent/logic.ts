// The agent pages' logic as pure functions of the API's answers, so that it
// is unit-tested without a browser or a server.
import type {
  AccessEntry,
  Complaint,
  Consent,
  Evaluation,
  EvaluationForm,
  ExtraMoments,
  MonitorListing,
  Recording,
} from './types';

// --- KSF-4.7: extra moments ---------------------------------------------------

export interface ExtraMomentCounter {
  left: number;
  allowed: number;
  used: number;
  // No assessment purpose in the active regulation: nothing to request.
  available: boolean;
  exhausted: boolean;
}

export function extraMomentCounter(extra: ExtraMoments | null | undefined): ExtraMomentCounter {
  const allowed = Math.max(0, extra?.allowed ?? 0);
  const used = Math.max(0, Math.min(allowed, extra?.requested ?? 0));
  const left = Math.max(0, Math.min(allowed, extra?.left ?? allowed - used));
  return { left, allowed, used, available: allowed > 0, exhausted: allowed > 0 && left === 0 };
}

// --- evaluations ----------------------------------------------------------------

export type EvaluationStage = 'draft' | 'to_acknowledge' | 'acknowledged' | 'closed' | 'destroyed';

export function evaluationStage(e: Evaluation): EvaluationStage {
  if (e.destroyed_at) return 'destroyed';
  if (e.status === 'draft') return 'draft';
  if (e.status === 'closed') return 'closed';
  return e.acknowledged_at ? 'acknowledged' : 'to_acknowledge';
}

// What the agent may still do with an evaluation (the server decides; this
// only offers the buttons that can succeed).
export function evaluationActions(e: Evaluation): {
  giveView: boolean;
  acknowledge: boolean;
  otherEvaluator: boolean;
} {
  const live = !e.destroyed_at;
  const shared = e.status !== 'draft';
  return {
    giveView: live && shared,
    acknowledge: live && shared && !e.acknowledged_at,
    otherEvaluator: live && e.status !== 'closed',
  };
}

export function stageBadge(stage: EvaluationStage): 'badge-ok' | 'badge-warn' | 'badge-bad' | '' {
  switch (stage) {
    case 'to_acknowledge':
      return 'badge-warn';
    case 'acknowledged':
    case 'closed':
      return 'badge-ok';
    case 'destroyed':
      return 'badge-bad';
    default:
      return '';
  }
}

export interface ScoreRow {
  section: string;
  questionId: string;
  question: string;
  weight: number | null;
  critical: boolean;
  score: number | null;
  maxScore: number | null;
  notApplicable: boolean;
  comment: string;
}

// The evaluation's answers beside the form's questions, in the form's
// order; answers to questions the form does not (or no longer) list come
// last under their id.
export function scoreRows(e: Evaluation, form: EvaluationForm | null | undefined): ScoreRow[] {
  const answers = new Map(e.answers.map((a) => [a.question_id, a]));
  const rows: ScoreRow[] = [];
  const seen = new Set<string>();
  for (const section of form?.sections ?? []) {
    for (const q of section.questions) {
      const a = answers.get(q.id);
      if (!a) continue;
      seen.add(q.id);
      rows.push({
        section: section.title,
        questionId: q.id,
        question: q.text,
        weight: q.weight,
        critical: q.critical,
        score: a.score,
        maxScore: q.max_score,
        notApplicable: a.score === null,
        comment: a.comment,
      });
    }
  }
  for (const a of e.answers) {
    if (seen.has(a.question_id)) continue;
    rows.push({
      section: '',
      questionId: a.question_id,
      question: a.question_id,
      weight: null,
      critical: false,
      score: a.score,
      maxScore: null,
      notApplicable: a.score === null,
      comment: a.comment,
    });
  }
  return rows;
}

// The server keeps the overall score as a percentage (0..100).
export function scoreRatio(score: number | null | undefined): number | null {
  if (score === null || score === undefined || !Number.isFinite(score)) return null;
  return Math.max(0, Math.min(100, score)) / 100;
}

// --- recordings and notes --------------------------------------------------------

export interface NoteMarker {
  id: string;
  atMs: number;
  text: string;
  author?: string;
}

// The evaluators' notes on one recording, from every evaluation that cites
// it, in time order; authors by name where the agent knows it.
export function notesForRecording(
  evaluations: Evaluation[],
  recordingId: string,
  names: Map<string, string>,
): NoteMarker[] {
  const notes: NoteMarker[] = [];
  for (const e of evaluations) {
    e.notes.forEach((n, index) => {
      if (n.recording_id !== recordingId) return;
      notes.push({
        id: `${e.id}-${index}`,
        atMs: Math.max(0, n.offset_ms),
        text: n.text,
        author: names.get(n.author_id) ?? (n.author_id || undefined),
      });
    });
  }
  return notes.sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id));
}

export function monitorNames(monitors: MonitorListing[] | undefined): Map<string, string> {
  return new Map((monitors ?? []).map((m) => [m.monitor_id, m.monitor_name]));
}

export type RecordingState = 'destroyed' | 'evaluated' | 'awaiting';

export function recordingState(r: Recording): RecordingState {
  if (r.destroyed_at) return 'destroyed';
  if (r.evaluated_at) return 'evaluated';
  return 'awaiting';
}

// Newest first, by an ISO time field.
export function newestFirst<T>(items: T[], at: (item: T) => string | null | undefined): T[] {
  return [...items].sort((a, b) => (at(b) ?? '').localeCompare(at(a) ?? ''));
}

// The address of a recording's content for listening within its purpose.
export function contentUrl(r: Pick<Recording, 'id' | 'purpose'>): string {
  return `/api/v1/recordings/${encodeURIComponent(r.id)}/content?purpose=${encodeURIComponent(
    r.purpose,
  )}&access=listen`;
}

export function isAudio(r: Pick<Recording, 'media_type'>): boolean {
  return r.media_type.startsWith('audio/');
}

// --- consents --------------------------------------------------------------------

export function activeConsents(consents: Consent[]): Consent[] {
  return consents.filter((c) => !c.withdrawn_at);
}

// --- complaints (KSF-3.10) --------------------------------------------------------

export type ComplaintStage =
  | 'filed'
  | 'overdue'
  | 'taken_up'
  | 'answered'
  | 'appealed'
  | 'appeal_decided';

export function complaintStage(c: Complaint): ComplaintStage {
  if (c.appeal_decided_at) return 'appeal_decided';
  if (c.appealed_at) return 'appealed';
  if (c.resolved_at || c.response) return 'answered';
  if (c.taken_up_at) return 'taken_up';
  return c.overdue ? 'overdue' : 'filed';
}

// --- access log (AVG-5) -----------------------------------------------------------

export type AccessFilter = 'all' | 'others' | 'refused';

export function filterAccess(
  entries: AccessEntry[],
  filter: AccessFilter,
  selfId: string | undefined,
): AccessEntry[] {
  switch (filter) {
    case 'refused':
      return entries.filter((e) => !e.allowed);
    case 'others':
      return entries.filter((e) => !selfId || e.actor_id !== selfId);
    default:
      return entries;
  }
}

// The access log's action codes ("view.my_recordings", "recording.listen")
// grouped by what happened; unknown ones keep their code.
export type AccessKind = 'viewed' | 'listened' | 'downloaded' | 'changed' | 'other';

export function accessKind(action: string): AccessKind {
  const a = action.toLowerCase();
  if (a.includes('listen') || a.includes('content')) return 'listened';
  if (a.includes('download') || a.includes('export')) return 'downloaded';
  if (a.startsWith('view.') || a.endsWith('.read') || a.endsWith('.info') || a.includes('view')) {
    return 'viewed';
  }
  if (/(create|add|score|share|close|give|withdraw|destroy|start|stop|record|answer|ack|capture)/.test(a)) {
    return 'changed';
  }
  return 'other';
}
