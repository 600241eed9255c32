// Dates, numbers and durations in the user's locale (nl-NL or en-GB). Pure
// functions of their inputs, so they are unit-tested without a browser.
import type { Lang } from '../api';

export function localeOf(lang: Lang): string {
  return lang === 'en' ? 'en-GB' : 'nl-NL';
}

function toDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(lang: Lang, value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = toDate(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium' }).format(date);
}

export function formatDateTime(
  lang: Lang,
  value: string | number | Date | null | undefined,
): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = toDate(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

export function formatNumber(lang: Lang, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(localeOf(lang), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

// `ratio` is 0..1.
export function formatPercent(lang: Lang, ratio: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(localeOf(lang), {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}

export function formatBytes(lang: Lang, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(localeOf(lang), {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

// A clock position for the player: m:ss or h:mm:ss.
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

// A length of time in words: "4 min 05 s" style with the locale's units.
export function formatDuration(lang: Lang, seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(localeOf(lang), { style: 'unit', unit: name, unitDisplay: 'short' }).format(
      value,
    );
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h) parts.push(unit(h, 'hour'));
  if (m || h) parts.push(unit(m, 'minute'));
  if (!h) parts.push(unit(s, 'second'));
  return parts.join(' ');
}

const kDayMs = 24 * 60 * 60 * 1000;

// Whole days from `now` until `deadline`; negative when it has passed.
export function daysUntil(deadline: string | number | Date, now: number = Date.now()): number {
  const date = toDate(deadline);
  if (!date) return NaN;
  return Math.ceil((date.getTime() - now) / kDayMs);
}

// ---------------------------------------------------------------------------
// Values of <input type="date"> (YYYY-MM-DD) and <input type="datetime-local">
// (YYYY-MM-DDTHH:MM), in the user's own time zone. The server wants moments
// as toApiTime (src/api.ts) gives them.

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

// The value of a date input for the day `date` falls on, in local time.
export function dateInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

// The value of a datetime-local input for `date`, to the minute, local time.
export function dateTimeInputValue(date: Date): string {
  return `${dateInputValue(date)}T${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

// The start of the local day a date input names; with `inclusiveEnd` the
// start of the next day, so that "to 12 March" includes 12 March. Null for
// anything that is not a real day.
export function parseDateInput(value: string, inclusiveEnd = false): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(date.getTime()) || dateInputValue(date) !== value) return null;
  if (inclusiveEnd) date.setDate(date.getDate() + 1);
  return date;
}

// The moment a datetime-local input names (seconds allowed), local time;
// null when it names none.
export function parseDateTimeInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
  if (!match) return null;
  const day = parseDateInput(`${match[1]}-${match[2]}-${match[3]}`);
  const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  if (!day || hours > 23 || minutes > 59 || seconds > 59) return null;
  day.setHours(hours, minutes, seconds);
  return day;
}

// A calendar day `days` after the day `day` (both YYYY-MM-DD, no time zone
// involved); null when `day` is not a real day.
export function addDays(day: string, days: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return null;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
