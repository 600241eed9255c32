import { describe, expect, it } from 'vitest';
import {
  awaiting,
  baseline,
  consentTimestamp,
  diffRegulation,
  tokenize,
  wordDiff,
  type WordPart,
} from '../src/pages/council/diff';
import { dateInputValue } from '../src/i18n/format';
import { purpose, regulation } from './council-fixtures';

const side = (parts: WordPart[], keep: 'del' | 'ins') =>
  parts.filter((p) => p.op === 'same' || p.op === keep).map((p) => p.text).join('');

describe('wordDiff', () => {
  it('keeps the text on both sides', () => {
    const before = 'Ten hoogste vier gesprekken per 30 dagen, willekeurig gekozen.';
    const after = 'Ten hoogste drie gesprekken per 30 dagen, willekeurig en eerlijk gekozen.';
    const parts = wordDiff(before, after);
    expect(side(parts, 'del')).toBe(before);
    expect(side(parts, 'ins')).toBe(after);
  });

  it('marks only the changed words', () => {
    const parts = wordDiff('een twee drie', 'een vier drie');
    expect(parts).toEqual([
      { op: 'same', text: 'een ' },
      { op: 'del', text: 'twee' },
      { op: 'ins', text: 'vier' },
      { op: 'same', text: ' drie' },
    ]);
  });

  it('handles empty texts and additions at the end', () => {
    expect(wordDiff('', 'nieuw')).toEqual([{ op: 'ins', text: 'nieuw' }]);
    expect(wordDiff('oud', '')).toEqual([{ op: 'del', text: 'oud' }]);
    expect(wordDiff('a b', 'a b c')).toEqual([
      { op: 'same', text: 'a b' },
      { op: 'ins', text: ' c' },
    ]);
    expect(wordDiff('gelijk', 'gelijk')).toEqual([{ op: 'same', text: 'gelijk' }]);
  });

  it('tokenizes words and spaces so they join back', () => {
    expect(tokenize('a  b\nc')).toEqual(['a', '  ', 'b', '\n', 'c']);
    expect(tokenize('')).toEqual([]);
  });

  it('stays correct on long texts', () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
    const before = words.join(' ');
    const after = words.map((w, i) => (i % 50 === 0 ? `${w}x` : w)).join(' ');
    const parts = wordDiff(before, after);
    expect(side(parts, 'del')).toBe(before);
    expect(side(parts, 'ins')).toBe(after);
    expect(parts.filter((p) => p.op === 'ins')).toHaveLength(8);
  });
});

describe('diffRegulation', () => {
  it('finds nothing when a version repeats the active one', () => {
    const active = regulation();
    const proposed = regulation({ id: 'reg-2', version: 2, status: 'submitted' });
    const diff = diffRegulation(active, proposed);
    expect(diff.changed).toBe(0);
    expect(diff.sections.map((s) => s.section)).toEqual(['general', 'coaching', 'assessment']);
    expect(diff.sections.every((s) => s.status === 'same')).toBe(true);
  });

  it('ignores the decision and status fields: they are not content', () => {
    const active = regulation();
    const proposed = regulation({
      id: 'reg-2',
      version: 2,
      status: 'rejected',
      submitted_at: '2026-11-20T00:00:00Z',
      works_council_consent_at: null,
      works_council_consent_reference: '',
      works_council_rejected_at: '2026-11-25T10:00:00Z',
      works_council_rejection_reference: 'OR-2026-15',
      works_council_rejection_reason: 'De frequentie is te hoog.',
      activated_at: null,
    });
    const diff = diffRegulation(active, proposed);
    expect(diff.changed).toBe(0);
    const fields = diff.sections.flatMap((s) => s.changes.map((c) => c.field));
    for (const status of [
      'status',
      'submitted_at',
      'activated_at',
      'works_council_consent_at',
      'works_council_consent_reference',
      'works_council_rejected_at',
      'works_council_rejection_reference',
      'works_council_rejection_reason',
    ]) {
      expect(fields, status).not.toContain(status);
    }
  });

  it('lists changed fields with plain-language labels', () => {
    const active = regulation();
    const proposed = regulation({
      id: 'reg-2',
      version: 2,
      status: 'submitted',
      complaint_term_days: 20,
      purposes: [
        purpose('coaching', {
          frequency_quota: 3,
          channels: ['voice'],
          proportionality_justification: 'Ten hoogste drie gesprekken per 30 dagen, willekeurig gekozen.',
        }),
        purpose('assessment', { frequency_quota: 2, frequency_period_days: 90, legal_ground: 'contract', channels: ['voice'] }),
      ],
    });
    const diff = diffRegulation(active, proposed);
    expect(diff.changed).toBe(4);
    const general = diff.sections[0];
    const term = general.changes.find((c) => c.field === 'complaint_term_days');
    expect(term).toMatchObject({ status: 'changed', before: 30, after: 20, label: 'council.field.complaint_term_days', kind: 'days' });
    const coaching = diff.sections[1];
    expect(coaching.status).toBe('changed');
    const quota = coaching.changes.find((c) => c.field === 'frequency_quota');
    expect(quota).toMatchObject({ status: 'changed', before: 4, after: 3 });
    expect(quota?.words).toBeUndefined();
    const text = coaching.changes.find((c) => c.field === 'proportionality_justification');
    expect(text?.status).toBe('changed');
    expect(text?.words).toContainEqual({ op: 'del', text: 'vier' });
    expect(text?.words).toContainEqual({ op: 'ins', text: 'drie' });
    expect(coaching.changes.find((c) => c.field === 'channels')?.status).toBe('changed');
    expect(diff.sections[2].status).toBe('same');
  });

  it('treats channel order and blank values as no change', () => {
    const active = regulation({ change_legal_reason: '' });
    const proposed = regulation({
      version: 2,
      status: 'submitted',
      change_legal_reason: undefined as unknown as string,
      purposes: [purpose('coaching', { channels: ['screen', 'voice'] }), active.purposes[1]],
    });
    expect(diffRegulation(active, proposed).changed).toBe(0);
  });

  it('marks a purpose that is new or dropped', () => {
    const active = regulation();
    const proposed = regulation({
      version: 2,
      status: 'submitted',
      purposes: [purpose('coaching'), purpose('quality')],
    });
    const diff = diffRegulation(active, proposed);
    const status = Object.fromEntries(diff.sections.map((s) => [s.section, s.status]));
    expect(status).toEqual({ general: 'same', coaching: 'same', assessment: 'removed', quality: 'added' });
    expect(diff.sections.find((s) => s.section === 'quality')?.changes.every((c) => c.status === 'added')).toBe(true);
  });

  it('shows everything as new without an active version', () => {
    const diff = diffRegulation(null, regulation({ status: 'submitted' }));
    expect(diff.sections[0].status).toBe('added');
    expect(diff.sections[0].changes.every((c) => c.status === 'added')).toBe(true);
  });
});

describe('baseline and awaiting', () => {
  const active = regulation();
  const open = regulation({ id: 'reg-3', version: 3, status: 'submitted', works_council_consent_at: null });
  const consented = regulation({ id: 'reg-2', version: 2, status: 'submitted' });
  const rejected = regulation({ id: 'reg-4', version: 4, status: 'rejected', works_council_consent_at: null });
  const draft = regulation({ id: 'reg-5', version: 5, status: 'draft', works_council_consent_at: null });

  it('compares with the active version, else the newest superseded one', () => {
    expect(baseline([open, active])).toBe(active);
    const old1 = regulation({ id: 'a', version: 1, status: 'superseded' });
    const old2 = regulation({ id: 'b', version: 2, status: 'superseded' });
    expect(baseline([old1, old2, open])).toBe(old2);
    expect(baseline([open])).toBeNull();
  });

  it('splits submitted versions by the council decision', () => {
    const groups = awaiting([active, open, consented, rejected, draft]);
    expect(groups.open).toEqual([open]);
    expect(groups.consented).toEqual([consented]);
    expect(groups.rejected).toEqual([rejected]);
  });
});

describe('consentTimestamp', () => {
  const now = new Date(2026, 10, 28, 14, 30, 0);

  it('uses the present moment for today', () => {
    expect(consentTimestamp(dateInputValue(now), now)).toBe(now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });

  it('uses the last second of an earlier day', () => {
    const expected = new Date(2026, 10, 20, 23, 59, 59).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(consentTimestamp('2026-11-20', now)).toBe(expected);
  });

  it('refuses what is not a date', () => {
    expect(consentTimestamp('', now)).toBeNull();
    expect(consentTimestamp('2026-02-30', now)).toBeNull();
    expect(consentTimestamp('28-11-2026', now)).toBeNull();
  });
});
