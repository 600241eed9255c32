import { describe, expect, it } from 'vitest';
import {
  breaches,
  byRuleChart,
  evaluationsChart,
  frequencyChart,
  lastDays,
  onTimeShare,
  periodQuery,
  total,
  type SeriesLabels,
} from '../src/pages/council/dashboard-data';
import { report } from './council-fixtures';

const labels: SeriesLabels = {
  declared: 'Declared',
  mean: 'Mean',
  max: 'Max',
  onTime: 'On time',
  late: 'Late',
  notEvaluated: 'Not evaluated',
  noPurpose: 'No purpose',
};
const purposeLabel = (p: string) => p.toUpperCase();

describe('compliance charts', () => {
  it('puts declared and actual frequency side by side per purpose', () => {
    const chart = frequencyChart(report(), purposeLabel, labels);
    expect(chart.labels).toEqual(['COACHING', 'ASSESSMENT']);
    expect(chart.series).toEqual([
      { label: 'Declared', values: [4, 2] },
      { label: 'Mean', values: [1.9, 1.6] },
      { label: 'Max', values: [4, 3] },
    ]);
  });

  it('shows a purpose the regulation does not declare as a gap', () => {
    const r = report();
    r.purposes[1].declared = { quota: null, period_days: null };
    r.purposes[1].actual.agent_periods = 0;
    const chart = frequencyChart(r, purposeLabel, labels);
    expect(chart.series[0].values).toEqual([4, null]);
    expect(chart.series[1].values[1]).toBe(0);
  });

  it('counts evaluations on time, late and not evaluated', () => {
    const chart = evaluationsChart(report(), purposeLabel, labels);
    expect(chart.series.map((s) => s.values)).toEqual([
      [29, 17],
      [1, 3],
      [89, 26],
    ]);
    expect(onTimeShare(report())).toBeCloseTo(46 / 50);
    const none = report();
    for (const p of none.purposes) p.evaluations = { on_time: 0, late: 0, not_evaluated: 4 };
    expect(onTimeShare(none)).toBeNull();
  });

  it('groups counts by rule, one series per purpose', () => {
    const chart = byRuleChart(report(), (p) => p.destructions_by_rule, purposeLabel);
    expect(chart.labels).toEqual(['KSF-4.9', 'KSF-4.10']);
    expect(chart.series).toEqual([
      { label: 'COACHING', values: [0, 52] },
      { label: 'ASSESSMENT', values: [4, 7] },
    ]);
  });

  it('adds refusals without a purpose as their own series', () => {
    const r = report();
    const chart = byRuleChart(r, (p) => p.capture_refusals_by_rule, purposeLabel, {
      label: 'No purpose',
      counts: r.capture_refusals_without_purpose,
    });
    expect(chart.labels).toEqual(['AVG-21', 'KSF-3.1', 'KSF-3.7']);
    expect(chart.series[2]).toEqual({ label: 'No purpose', values: [0, 2, 0] });
    const bare = byRuleChart(report({ capture_refusals_without_purpose: {} }), (p) => p.capture_refusals_by_rule, purposeLabel, {
      label: 'No purpose',
      counts: {},
    });
    expect(bare.series).toHaveLength(2);
  });

  it('finds periods over the quota and totals counts', () => {
    expect(breaches(report())).toEqual([{ purpose: 'assessment', count: 2 }]);
    expect(total({ a: 2, b: 3 })).toBe(5);
    expect(total({})).toBe(0);
  });
});

describe('period choice', () => {
  it('sends the day after the last day, as the server excludes `to`', () => {
    expect(periodQuery('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(periodQuery('2026-12-31', '2026-12-31')).toEqual({ from: '2026-12-31', to: '2027-01-01' });
  });

  it('refuses a period in the wrong order or with a bad day', () => {
    expect(periodQuery('2026-11-30', '2026-11-01')).toBeNull();
    expect(periodQuery('', '2026-11-01')).toBeNull();
    expect(periodQuery('2026-13-01', '2026-11-01')).toBeNull();
  });

  it('computes the last n days including today', () => {
    expect(lastDays('2026-11-28', 30)).toEqual({ from: '2026-10-30', to: '2026-11-28' });
    expect(lastDays('2026-03-01', 1)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });
});
