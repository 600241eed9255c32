// KSF-6.1: the client's report as the page shows it.
import { describe, expect, it } from 'vitest';
import { type ClientReport, overallOf, rowsOf, weekPeriods } from '../src/pages/client/model';

const hidden = {
  rule: 'KSF-6.1',
  reason_nl: 'Minder dan 5 medewerkers.',
  reason_en: 'Fewer than 5 agents.',
};

const report: ClientReport = {
  report: 'client',
  client_id: 'polderstroom',
  client_name: 'Polderstroom',
  contract_id: 'ctr-1',
  purpose: 'quality',
  from: '2026-10-01T00:00:00Z',
  to: '2026-11-01T00:00:00Z',
  generated_at: '2026-11-01T00:00:00Z',
  min_group_size: 5,
  cells: [
    { team: 'Retentie', shown: true, distinct_agents: 11, recordings: 36, evaluated: 11, mean_score: 78.1 },
    { team: 'Noord', shown: false, suppressed: hidden, mean_score: null },
    { team: 'Webcare', shown: true, distinct_agents: 6, recordings: 6, evaluated: 2, mean_score: null, score_suppressed: hidden },
    { team: 'overall', shown: true, distinct_agents: 17, recordings: 42, evaluated: 13, mean_score: 80 },
  ],
};

describe('rowsOf', () => {
  it('KSF-6.1: hides a small team entirely and says why, in the language asked', () => {
    const rows = rowsOf(report, 'en');
    const noord = rows[1];
    expect(noord.shown).toBe(false);
    expect(noord.agents).toBeNull();
    expect(noord.recordings).toBeNull();
    expect(noord.hiddenWhy).toEqual({ reason: 'Fewer than 5 agents.', rule: 'KSF-6.1' });
    expect(rowsOf(report, 'nl')[1].hiddenWhy?.reason).toBe('Minder dan 5 medewerkers.');
  });

  it('KSF-6.1: hides only the score when too few agents were evaluated', () => {
    const webcare = rowsOf(report, 'nl')[2];
    expect(webcare.shown).toBe(true);
    expect(webcare.recordings).toBe(6);
    expect(webcare.score).toBeNull();
    expect(webcare.scoreHiddenWhy?.rule).toBe('KSF-6.1');
  });

  it('marks the total row', () => {
    const rows = rowsOf(report, 'nl');
    expect(rows.filter((r) => r.overall).map((r) => r.team)).toEqual(['overall']);
    expect(overallOf(report)?.mean_score).toBe(80);
    expect(overallOf({ ...report, cells: [{ team: 'overall', shown: false, suppressed: hidden }] })).toBeNull();
  });
});

describe('periods', () => {
  it('makes consecutive weeks ending at the given moment, oldest first', () => {
    const end = new Date('2026-11-28T00:00:00Z');
    const weeks = weekPeriods(end, 3);
    expect(weeks).toHaveLength(3);
    expect(weeks[2].to.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(weeks[2].from.toISOString()).toBe('2026-11-21T00:00:00.000Z');
    expect(weeks[0].from.toISOString()).toBe('2026-11-07T00:00:00.000Z');
    expect(weeks[1].to.getTime()).toBe(weeks[2].from.getTime());
  });
});
