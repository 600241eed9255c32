// What a submitted regulation changes against the active one, field by field,
// so the works council reads the change instead of two whole documents
// (KSF-3.11, KSF-3.12). Pure functions: labels are message keys, values stay
// raw and are formatted by the view in the reader's language; long texts get
// a word-level diff.
import { toApiTime } from '../../api';
import type { MessageKey } from '../../i18n';
import { dateInputValue, parseDateInput } from '../../i18n/format';
import type { Purpose, PurposeRules, Regulation } from './types';

export type FieldKind = 'text' | 'longtext' | 'number' | 'days' | 'date' | 'bool' | 'channels' | 'legalGround';

export type ChangeStatus = 'same' | 'changed' | 'added' | 'removed';

export interface WordPart {
  op: 'same' | 'ins' | 'del';
  text: string;
}

export interface FieldChange {
  field: string;
  label: MessageKey;
  kind: FieldKind;
  before: unknown;
  after: unknown;
  status: ChangeStatus;
  // Only for changed long texts.
  words?: WordPart[];
}

export interface DiffSection {
  // 'general' or a purpose.
  section: 'general' | Purpose;
  status: ChangeStatus;
  changes: FieldChange[];
}

export interface RegulationDiff {
  sections: DiffSection[];
  changed: number;
}

interface FieldSpec<T> {
  field: keyof T & string;
  label: MessageKey;
  kind: FieldKind;
}

export const kGeneralFields: FieldSpec<Regulation>[] = [
  { field: 'title', label: 'council.field.title', kind: 'text' },
  { field: 'controller_name', label: 'council.field.controller_name', kind: 'text' },
  { field: 'contact_email', label: 'council.field.contact_email', kind: 'text' },
  { field: 'privacy_statement_url', label: 'council.field.privacy_statement_url', kind: 'text' },
  { field: 'client_min_group_size', label: 'council.field.client_min_group_size', kind: 'number' },
  { field: 'extra_moments_per_period', label: 'council.field.extra_moments_per_period', kind: 'number' },
  { field: 'assessment_period_days', label: 'council.field.assessment_period_days', kind: 'days' },
  { field: 'complaint_term_days', label: 'council.field.complaint_term_days', kind: 'days' },
  {
    field: 'assessment_protocol_reference',
    label: 'council.field.assessment_protocol_reference',
    kind: 'text',
  },
  {
    field: 'assessment_protocol_approved_at',
    label: 'council.field.assessment_protocol_approved_at',
    kind: 'date',
  },
  { field: 'dpia_reference', label: 'council.field.dpia_reference', kind: 'text' },
  { field: 'dpia_at', label: 'council.field.dpia_at', kind: 'date' },
  { field: 'change_legal_reason', label: 'council.field.change_legal_reason', kind: 'longtext' },
];

export const kPurposeFields: FieldSpec<PurposeRules>[] = [
  { field: 'enabled', label: 'council.field.enabled', kind: 'bool' },
  { field: 'frequency_quota', label: 'council.field.frequency_quota', kind: 'number' },
  { field: 'frequency_period_days', label: 'council.field.frequency_period_days', kind: 'days' },
  { field: 'min_gap_days', label: 'council.field.min_gap_days', kind: 'days' },
  { field: 'channels', label: 'council.field.channels', kind: 'channels' },
  { field: 'recording_retention_days', label: 'council.field.recording_retention_days', kind: 'days' },
  { field: 'evaluation_retention_days', label: 'council.field.evaluation_retention_days', kind: 'days' },
  {
    field: 'evaluation_term_working_days',
    label: 'council.field.evaluation_term_working_days',
    kind: 'number',
  },
  { field: 'legal_ground', label: 'council.field.legal_ground', kind: 'legalGround' },
  { field: 'legitimate_interest', label: 'council.field.legitimate_interest', kind: 'longtext' },
  {
    field: 'necessity_justification',
    label: 'council.field.necessity_justification',
    kind: 'longtext',
  },
  {
    field: 'proportionality_justification',
    label: 'council.field.proportionality_justification',
    kind: 'longtext',
  },
];

const kPurposeOrder: Purpose[] = ['coaching', 'assessment', 'quality'];

// A text longer than this gets a word-level diff even if its field is short.
const kLongText = 80;
// Above this many token pairs the word diff gives up and shows old and new.
const kMaxCells = 2_000_000;

// Words and the white space between them, so that joining gives the text back.
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function push(parts: WordPart[], op: WordPart['op'], text: string): void {
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

// A word-level diff (longest common subsequence over words). Joining the
// 'same' and 'del' parts gives `before`; 'same' and 'ins' give `after`.
export function wordDiff(before: string, after: string): WordPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const parts: WordPart[] = [];
  // Common head and tail are cheap and keep the table small.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail += 1;
  }
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (head > 0) push(parts, 'same', a.slice(0, head).join(''));
  const n = midA.length;
  const m = midB.length;
  if (n * m > kMaxCells) {
    if (n) push(parts, 'del', midA.join(''));
    if (m) push(parts, 'ins', midB.join(''));
  } else {
    // lcs[i][j]: the common length of midA[i..] and midB[j..].
    const lcs: Uint32Array[] = [];
    for (let i = 0; i <= n; i += 1) lcs.push(new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lcs[i][j] =
          midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(parts, 'same', midA[i]);
        i += 1;
        j += 1;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        push(parts, 'del', midA[i]);
        i += 1;
      } else {
        push(parts, 'ins', midB[j]);
        j += 1;
      }
    }
    while (i < n) push(parts, 'del', midA[i++]);
    while (j < m) push(parts, 'ins', midB[j++]);
  }
  if (tail > 0) push(parts, 'same', a.slice(a.length - tail).join(''));
  return parts;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const sa = [...a].map(String).sort();
    const sb = [...b].map(String).sort();
    return sa.length === sb.length && sa.every((v, i) => v === sb[i]);
  }
  // An absent value and an empty one mean the same to a reader.
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  if (blank(a) && blank(b)) return true;
  return a === b;
}

function compareField<T>(spec: FieldSpec<T>, before: T | null, after: T | null): FieldChange {
  const b = before ? before[spec.field as keyof T] : undefined;
  const a = after ? after[spec.field as keyof T] : undefined;
  let status: ChangeStatus;
  if (before === null) status = 'added';
  else if (after === null) status = 'removed';
  else status = sameValue(b, a) ? 'same' : 'changed';
  const change: FieldChange = { field: spec.field, label: spec.label, kind: spec.kind, before: b, after: a, status };
  const long =
    spec.kind === 'longtext' ||
    (spec.kind === 'text' && (String(a ?? '').length > kLongText || String(b ?? '').length > kLongText));
  if (status === 'changed' && long && typeof a === 'string' && typeof b === 'string') {
    change.words = wordDiff(b, a);
  }
  return change;
}

function sectionStatus(changes: FieldChange[], fallback?: ChangeStatus): ChangeStatus {
  if (fallback) return fallback;
  return changes.some((c) => c.status !== 'same') ? 'changed' : 'same';
}

// Compares `proposed` with `active` (null: there is no active version, so
// everything is new).
export function diffRegulation(active: Regulation | null, proposed: Regulation): RegulationDiff {
  const sections: DiffSection[] = [];
  const general = kGeneralFields.map((spec) => compareField(spec, active, proposed));
  sections.push({
    section: 'general',
    status: active ? sectionStatus(general) : 'added',
    changes: general,
  });
  const purposes = new Set<Purpose>([
    ...(active?.purposes ?? []).map((p) => p.purpose),
    ...proposed.purposes.map((p) => p.purpose),
  ]);
  for (const purpose of kPurposeOrder.filter((p) => purposes.has(p))) {
    const before = active ? (active.purposes.find((p) => p.purpose === purpose) ?? null) : null;
    const after = proposed.purposes.find((p) => p.purpose === purpose) ?? null;
    const changes = kPurposeFields.map((spec) => compareField(spec, before, after));
    let fallback: ChangeStatus | undefined;
    if (!before) fallback = 'added';
    else if (!after) fallback = 'removed';
    sections.push({ section: purpose, status: sectionStatus(changes, fallback), changes });
  }
  const changed = sections.reduce(
    (sum, s) => sum + s.changes.filter((c) => c.status !== 'same').length,
    0,
  );
  return { sections, changed };
}

// The active version to compare a submitted one with: the active regulation,
// else the newest superseded one; null when there is none.
export function baseline(regulations: Regulation[]): Regulation | null {
  const active = regulations.find((r) => r.status === 'active');
  if (active) return active;
  const older = regulations
    .filter((r) => r.status === 'superseded')
    .sort((x, y) => y.version - x.version);
  return older[0] ?? null;
}

// Submitted versions split by whether the works council has decided.
export function awaiting(regulations: Regulation[]): {
  open: Regulation[];
  consented: Regulation[];
  rejected: Regulation[];
} {
  const byVersion = (x: Regulation, y: Regulation) => y.version - x.version;
  return {
    open: regulations
      .filter((r) => r.status === 'submitted' && !r.works_council_consent_at)
      .sort(byVersion),
    consented: regulations
      .filter((r) => r.status === 'submitted' && Boolean(r.works_council_consent_at))
      .sort(byVersion),
    rejected: regulations.filter((r) => r.status === 'rejected').sort(byVersion),
  };
}

// The consent date as the server wants it (KSF-3.11: not in the future, not
// before submission). A date input gives 'YYYY-MM-DD' in the reader's day;
// today becomes the present moment, an earlier day its last second, both in
// UTC ISO form.
export function consentTimestamp(day: string, now: Date = new Date()): string | null {
  const end = parseDateInput(day);
  if (!end) return null;
  end.setHours(23, 59, 59);
  // A later day is sent as it is: the server refuses it with its rule.
  return toApiTime(dateInputValue(now) === day ? now : end);
}
