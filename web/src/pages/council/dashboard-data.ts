// From the compliance report (GET /api/v1/reports/compliance) to the figures
// the works council's charts show. Pure functions; labels come in through
// `label` so that they stay in the reader's language.
import type { Series } from '../../components/chart';
import { addDays, dateInputValue } from '../../i18n/format';
import type { ComplianceReport, Purpose } from './types';

export interface ChartData {
  labels: string[];
  series: Series[];
}

export interface SeriesLabels {
  declared: string;
  mean: string;
  max: string;
  onTime: string;
  late: string;
  notEvaluated: string;
  noPurpose: string;
}

// Declared against actual frequency per purpose: the quota the regulation
// declares per period, and the mean and highest number of recordings of one
// agent in one period.
export function frequencyChart(
  report: ComplianceReport,
  purposeLabel: (p: Purpose) => string,
  labels: SeriesLabels,
): ChartData {
  const purposes = report.purposes;
  return {
    labels: purposes.map((p) => purposeLabel(p.purpose)),
    series: [
      { label: labels.declared, values: purposes.map((p) => p.declared.quota ?? null) },
      {
        label: labels.mean,
        values: purposes.map((p) =>
          p.actual.agent_periods > 0 ? Math.round(p.actual.mean_per_agent_period * 10) / 10 : 0,
        ),
      },
      { label: labels.max, values: purposes.map((p) => p.actual.max_per_agent_period) },
    ],
  };
}

// Evaluations on time, late and not evaluated, per purpose.
export function evaluationsChart(
  report: ComplianceReport,
  purposeLabel: (p: Purpose) => string,
  labels: SeriesLabels,
): ChartData {
  const purposes = report.purposes;
  return {
    labels: purposes.map((p) => purposeLabel(p.purpose)),
    series: [
      { label: labels.onTime, values: purposes.map((p) => p.evaluations.on_time) },
      { label: labels.late, values: purposes.map((p) => p.evaluations.late) },
      { label: labels.notEvaluated, values: purposes.map((p) => p.evaluations.not_evaluated) },
    ],
  };
}

// The share of evaluations done on time, of those done (on time + late);
// null when none was done.
export function onTimeShare(report: ComplianceReport): number | null {
  let onTime = 0;
  let done = 0;
  for (const p of report.purposes) {
    onTime += p.evaluations.on_time;
    done += p.evaluations.on_time + p.evaluations.late;
  }
  return done === 0 ? null : onTime / done;
}

// Counts by rule per purpose as a chart with one bar group per rule (sorted)
// and one series per purpose; `extra` adds a series (e.g. refusals that
// name no purpose) when it has any figure.
export function byRuleChart(
  report: ComplianceReport,
  pick: (p: ComplianceReport['purposes'][number]) => Record<string, number>,
  purposeLabel: (p: Purpose) => string,
  extra?: { label: string; counts: Record<string, number> },
): ChartData {
  const rules = new Set<string>();
  for (const p of report.purposes) for (const rule of Object.keys(pick(p))) rules.add(rule);
  const extraRules = extra ? Object.keys(extra.counts) : [];
  for (const rule of extraRules) rules.add(rule);
  const sorted = [...rules].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const series: Series[] = report.purposes.map((p) => ({
    label: purposeLabel(p.purpose),
    values: sorted.map((rule) => pick(p)[rule] ?? 0),
  }));
  if (extra && extraRules.length > 0) {
    series.push({ label: extra.label, values: sorted.map((rule) => extra.counts[rule] ?? 0) });
  }
  return { labels: sorted, series };
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

// Agent-periods with more recordings than the declared quota (KSF-3.6): the
// breaches the works council looks for first.
export function breaches(report: ComplianceReport): { purpose: Purpose; count: number }[] {
  return report.purposes
    .filter((p) => p.actual.agent_periods_over_quota > 0)
    .map((p) => ({ purpose: p.purpose, count: p.actual.agent_periods_over_quota }));
}

// The query for a period chosen as two days, both included; the server's
// `to` is exclusive, so it gets the day after. Null when the days are not
// valid or in the wrong order.
export function periodQuery(from: string, to: string): { from: string; to: string } | null {
  const after = addDays(to, 1);
  if (!addDays(from, 0) || !after || to < from) return null;
  return { from, to: after };
}

// The last `days` days up to and including `today` ('YYYY-MM-DD').
export function lastDays(today: string, days: number): { from: string; to: string } {
  const end = addDays(today, 0) ?? dateInputValue(new Date());
  return { from: addDays(end, 1 - days) ?? end, to: end };
}
