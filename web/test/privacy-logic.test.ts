import { describe, expect, it } from 'vitest';
import {
  actionsSeen,
  auditQuery,
  currentCursor,
  detailText,
  kEmptyFilters,
  kFirstPage,
  olderCursor,
  pageNewer,
  pageOlder,
} from '../src/pages/privacy/audit-data';
import { requestTitleParts, sortByDeadline } from '../src/pages/privacy/requests-data';
import type { AuditEntry, DataSubjectRequest } from '../src/pages/privacy/types';

function entry(seq: number, action = 'recording.listen'): AuditEntry {
  return {
    seq,
    at: '2026-11-28T06:09:45Z',
    actor_id: 'emp-1',
    actor_role: 'monitor',
    action,
    subject_kind: 'recording',
    subject_id: `rec-${seq}`,
    subject_agent_id: 'emp-2',
    purpose: 'coaching',
    decision: 'allowed',
    rule: '',
    detail: {},
    hash: 'h',
  };
}

describe('audit query', () => {
  it('leaves out empty filters', () => {
    expect(auditQuery(kEmptyFilters, null)).toEqual({ limit: 50 });
  });

  it('sends every filter, trimmed, with `to` as the day after', () => {
    const query = auditQuery(
      {
        agent: ' emp-2 ',
        actor: 'emp-1',
        action: 'recording.listen',
        decision: 'refused',
        rule: 'KSF-3.3',
        from: '2026-11-01',
        to: '2026-11-30',
        limit: 25,
      },
      1200,
    );
    expect(query).toEqual({
      agent: 'emp-2',
      actor: 'emp-1',
      action: 'recording.listen',
      decision: 'refused',
      rule: 'KSF-3.3',
      from: '2026-11-01',
      to: '2026-12-01',
      limit: 25,
      before: 1200,
    });
  });
});

describe('audit paging', () => {
  it('offers older entries only after a full page', () => {
    expect(olderCursor([entry(10), entry(9)], 2)).toBe(9);
    expect(olderCursor([entry(10)], 2)).toBeNull();
    expect(olderCursor([], 2)).toBeNull();
  });

  it('goes older and back newer through the cursors', () => {
    const p1 = pageOlder(kFirstPage, 900);
    const p2 = pageOlder(p1, 800);
    expect(currentCursor(p2)).toBe(800);
    const back = pageNewer(p2);
    expect(currentCursor(back)).toBe(900);
    expect(currentCursor(pageNewer(back))).toBeNull();
    expect(pageNewer(kFirstPage).page).toBe(0);
    // Going older from an earlier page forgets the pages after it.
    const branch = pageOlder(back, 850);
    expect(branch.cursors).toEqual([null, 900, 850]);
  });

  it('suggests the actions seen, without repeats', () => {
    expect(actionsSeen([entry(1, 'b'), entry(2, 'a'), entry(3, 'b')], ['c'])).toEqual(['a', 'b', 'c']);
  });

  it('writes details as short text', () => {
    expect(detailText({ from: '2026-10-29', count: 3, list: ['x'] })).toBe('from: 2026-10-29; count: 3; list: ["x"]');
    expect(detailText({})).toBe('');
    expect(detailText(null)).toBe('');
    expect(detailText('plain')).toBe('plain');
  });
});

function request(id: string, due: string, answered: string | null = null): DataSubjectRequest {
  return {
    id,
    subject_kind: 'customer',
    subject_ref: 'cref-1',
    kind: 'access',
    received_at: '2026-11-01T00:00:00Z',
    due_at: due,
    extension_told_at: null,
    answered_at: answered,
    notes: '',
  };
}

describe('data-subject requests', () => {
  it('puts the nearest deadline first and hides answered ones unless asked', () => {
    const a = request('a', '2026-12-19T00:00:00Z');
    const b = request('b', '2026-12-01T00:00:00Z');
    const c = request('c', '2026-11-15T00:00:00Z', '2026-11-10T00:00:00Z');
    const d = request('d', '2026-11-20T00:00:00Z', '2026-11-18T00:00:00Z');
    expect(sortByDeadline([a, b, c, d], false).map((r) => r.id)).toEqual(['b', 'a']);
    expect(sortByDeadline([a, b, c, d], true).map((r) => r.id)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('names a request by its kind and subject', () => {
    expect(requestTitleParts(request('a', '2026-12-19T00:00:00Z'))).toEqual({
      kind: 'privacy.kind.access',
      subject: 'privacy.subject.customer',
    });
  });
});
