// The client's report as the page shows it: pure functions over the API's
// answer (GET /api/v1/reports/client), unit-tested in test/client.test.ts.
import type { Lang } from '../../api';
import type { Decision, Purpose } from '../../types/api';

export interface ReportCell {
  team: string; // 'overall' for the total row
  shown: boolean;
  distinct_agents?: number;
  recordings?: number;
  evaluated?: number;
  suppressed?: Decision;
  mean_score?: number | null;
  score_suppressed?: Decision;
}

export interface ClientReport {
  report: 'client';
  client_id: string;
  client_name: string;
  contract_id: string;
  purpose: Purpose;
  from: string;
  to: string;
  generated_at: string;
  min_group_size: number;
  cells: ReportCell[];
}

export interface Row {
  team: string;
  overall: boolean;
  shown: boolean;
  agents: number | null;
  recordings: number | null;
  evaluated: number | null;
  score: number | null;
  // Why the cell (or only its score) is hidden, in the user's language.
  hiddenWhy: { reason: string; rule: string } | null;
  scoreHiddenWhy: { reason: string; rule: string } | null;
}

function why(decision: Decision | undefined, lang: Lang) {
  if (!decision) return null;
  return { reason: lang === 'en' ? decision.reason_en : decision.reason_nl, rule: decision.rule };
}

// Teams first (as the server orders them), the total last.
export function rowsOf(report: ClientReport, lang: Lang): Row[] {
  return report.cells.map((cell) => ({
    team: cell.team,
    overall: cell.team === 'overall',
    shown: cell.shown,
    agents: cell.shown ? (cell.distinct_agents ?? 0) : null,
    recordings: cell.shown ? (cell.recordings ?? 0) : null,
    evaluated: cell.shown ? (cell.evaluated ?? 0) : null,
    score: cell.mean_score ?? null,
    hiddenWhy: cell.shown ? null : why(cell.suppressed, lang),
    scoreHiddenWhy: cell.mean_score == null ? why(cell.score_suppressed, lang) : null,
  }));
}

const kDayMs = 24 * 60 * 60 * 1000;

// `weeks` consecutive seven-day periods ending at `end`, oldest first.
export function weekPeriods(end: Date, weeks: number): { from: Date; to: Date }[] {
  const periods: { from: Date; to: Date }[] = [];
  for (let i = weeks; i >= 1; i -= 1) {
    const to = new Date(end.getTime() - (i - 1) * 7 * kDayMs);
    periods.push({ from: new Date(to.getTime() - 7 * kDayMs), to });
  }
  return periods;
}

// The total row of a report, or null when it is hidden.
export function overallOf(report: ClientReport): ReportCell | null {
  const cell = report.cells.find((c) => c.team === 'overall');
  return cell && cell.shown ? cell : null;
}
