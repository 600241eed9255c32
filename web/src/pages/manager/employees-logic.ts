// The employee list and the HR import, as pure functions: filter and count
// the list (KSF-3.2: every agent, whatever the contract; KSF-2.1-confidential:
// protected persons are never monitored; KSF-3.7: only once informed), and
// read the server's answer to an import.
import type { Employee } from './types';

export type MonitoringFilter = 'all' | 'monitorable' | 'not_monitorable' | 'not_informed';

export interface EmployeeFilter {
  text: string;
  // '' : every team.
  teamId: string;
  monitoring: MonitoringFilter;
}

export const kNoFilter: EmployeeFilter = { text: '', teamId: '', monitoring: 'all' };

// Case and accents do not matter: "Zoe" finds "Zoë", "renee" finds "Renée".
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

// The words of the search each appear in the name, HR number or team.
export function matchesText(e: Employee, text: string): boolean {
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(`${e.name} ${e.employee_number} ${e.team_name}`);
  return words.every((w) => haystack.includes(w));
}

export function matchesMonitoring(e: Employee, monitoring: MonitoringFilter): boolean {
  switch (monitoring) {
    case 'monitorable':
      return e.monitorable;
    case 'not_monitorable':
      return !e.monitorable;
    case 'not_informed':
      return !e.informed_at;
    default:
      return true;
  }
}

export function filterEmployees(items: Employee[], filter: EmployeeFilter): Employee[] {
  return items
    .filter((e) => !filter.teamId || e.team_id === filter.teamId)
    .filter((e) => matchesMonitoring(e, filter.monitoring))
    .filter((e) => matchesText(e, filter.text))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.employee_number.localeCompare(b.employee_number));
}

export interface EmployeeCounts {
  total: number;
  monitorable: number;
  notMonitorable: number;
  // KSF-2.1-confidential: company doctor, confidential adviser, works council.
  confidential: number;
  notInformed: number;
  left: number;
}

export function countEmployees(items: Employee[], today: string = todayIso()): EmployeeCounts {
  const counts: EmployeeCounts = {
    total: items.length,
    monitorable: 0,
    notMonitorable: 0,
    confidential: 0,
    notInformed: 0,
    left: 0,
  };
  for (const e of items) {
    if (e.monitorable) counts.monitorable += 1;
    else counts.notMonitorable += 1;
    if (e.not_monitorable?.rule === 'KSF-2.1-confidential') counts.confidential += 1;
    if (!e.informed_at) counts.notInformed += 1;
    if (hasLeft(e, today)) counts.left += 1;
  }
  return counts;
}

export interface TeamOption {
  id: string;
  name: string;
  count: number;
}

// The teams that have employees, by name, with how many each has.
export function teamOptions(items: Employee[]): TeamOption[] {
  const byId = new Map<string, TeamOption>();
  for (const e of items) {
    const option = byId.get(e.team_id) ?? { id: e.team_id, name: e.team_name || e.team_id, count: 0 };
    option.count += 1;
    byId.set(e.team_id, option);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Left on or before today (the leave date is the last day or the day after,
// as HR writes it: either way no longer in service).
export function hasLeft(e: Employee, today: string = todayIso()): boolean {
  return !!e.leave_date && e.leave_date.slice(0, 10) <= today;
}

// The answer to POST /api/v1/employees/import.
export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  teams_created: number;
  lines_created: number;
}

export interface ImportProblem {
  line: number | null;
  column: string | null;
}

// The server names the problem as "content: line N: column 'x': …" (or
// "line N: …" for a row with the wrong number of fields): the line and the
// column are picked out so the page can say them in the user's language.
export function importProblem(message: string): ImportProblem {
  const line = /\bline (\d+)\b/.exec(message);
  const column = /\bcolumn '([^']+)'/.exec(message);
  return { line: line ? Number(line[1]) : null, column: column ? column[1] : null };
}

export interface ImportColumn {
  // The Dutch and the English header; either is accepted, in any order and case.
  nl: string;
  en: string;
  required: boolean;
}

// The headers the HR export may have (codec/employees_csv.h).
export const kImportColumns: ImportColumn[] = [
  { nl: 'personeelsnummer', en: 'employee_number', required: true },
  { nl: 'naam', en: 'name', required: true },
  { nl: 'functie', en: 'function', required: true },
  { nl: 'team', en: 'team', required: true },
  { nl: 'vestiging', en: 'site', required: false },
  { nl: 'contract', en: 'contract', required: false },
  { nl: 'in_dienst', en: 'start_date', required: false },
  { nl: 'uit_dienst', en: 'leave_date', required: false },
  { nl: 'geinformeerd_op', en: 'informed_at', required: false },
  { nl: 'klantcontact', en: 'customer_contact', required: false },
  { nl: 'or_lid', en: 'works_council_member', required: false },
  { nl: 'toestel', en: 'extension', required: false },
  { nl: 'prive_toestel', en: 'private_line', required: false },
  { nl: 'email', en: 'email', required: false },
];

// A file the server can read: a CSV export. The server checks the content;
// this only catches the wrong kind of file before it is sent.
export function looksLikeCsv(file: { name: string; type: string }): boolean {
  return /\.(csv|txt)$/i.test(file.name) || file.type === 'text/csv' || file.type === 'text/plain';
}
