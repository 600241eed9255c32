// The audit search's logic: the filters as the query GET /api/v1/audit
// understands, and paging by sequence number (newest first; `before` asks
// for older entries). Pure functions, unit-tested.
import type { Query } from '../../api';
import { addDays } from '../../i18n/format';
import type { AuditEntry } from './types';

export interface AuditFilters {
  agent: string;
  actor: string;
  action: string;
  decision: '' | 'allowed' | 'refused';
  rule: string;
  from: string;
  to: string;
  limit: number;
}

export const kEmptyFilters: AuditFilters = {
  agent: '',
  actor: '',
  action: '',
  decision: '',
  rule: '',
  from: '',
  to: '',
  limit: 50,
};

export const kLimits = [25, 50, 100, 250];

// The query for the search; empty filters are left out. `to` is a day the
// reader includes, the server's `to` is exclusive: it gets the next day.
export function auditQuery(filters: AuditFilters, before: number | null): Query {
  const query: Query = {};
  const text = (value: string) => value.trim() || undefined;
  query.agent = text(filters.agent);
  query.actor = text(filters.actor);
  query.action = text(filters.action);
  query.rule = text(filters.rule);
  query.decision = filters.decision || undefined;
  query.from = text(filters.from);
  query.to = filters.to ? (addDays(filters.to, 1) ?? filters.to) : undefined;
  query.limit = filters.limit;
  if (before !== null) query.before = before;
  for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];
  return query;
}

// The `before` for the next (older) page; null when this page was the last.
export function olderCursor(items: AuditEntry[], limit: number): number | null {
  if (items.length < limit || items.length === 0) return null;
  return items[items.length - 1].seq;
}

// Paging keeps the cursors of the pages seen so the reader can go back.
export interface Paging {
  // cursors[i] is the `before` of page i; page 0 has null (the newest).
  cursors: (number | null)[];
  page: number;
}

export const kFirstPage: Paging = { cursors: [null], page: 0 };

export function pageOlder(paging: Paging, cursor: number): Paging {
  const cursors = paging.cursors.slice(0, paging.page + 1);
  cursors.push(cursor);
  return { cursors, page: paging.page + 1 };
}

export function pageNewer(paging: Paging): Paging {
  return { cursors: paging.cursors, page: Math.max(0, paging.page - 1) };
}

export function currentCursor(paging: Paging): number | null {
  return paging.cursors[paging.page] ?? null;
}

// The distinct actions on a page, for the action filter's suggestions.
export function actionsSeen(items: AuditEntry[], known: string[] = []): string[] {
  return [...new Set([...known, ...items.map((e) => e.action)])].sort();
}

// The detail object as short "key: value" text.
export function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  const entries = Object.entries(detail as Record<string, unknown>);
  return entries
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('; ');
}
