import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateInputValue,
  dateTimeInputValue,
  daysUntil,
  formatBytes,
  formatClock,
  formatDate,
  formatDuration,
  formatNumber,
  formatPercent,
  parseDateInput,
  parseDateTimeInput,
} from '../src/i18n/format';

describe('locale formats', () => {
  it('writes dates per language', () => {
    const date = new Date(2026, 2, 5, 12, 0);
    expect(formatDate('nl', date)).toBe('5 mrt 2026');
    expect(formatDate('en', date)).toBe('5 Mar 2026');
    expect(formatDate('nl', null)).toBe('—');
    expect(formatDate('en', 'not a date')).toBe('not a date');
  });

  it('writes numbers with the locale separators', () => {
    expect(formatNumber('nl', 1234.5, 1)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5, 1)).toBe('1,234.5');
    expect(formatPercent('nl', 0.825, 1)).toMatch(/^82,5\s?%$/);
    expect(formatPercent('en', 0.5)).toBe('50%');
  });

  it('writes durations and sizes', () => {
    expect(formatClock(65)).toBe('1:05');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(-3)).toBe('0:00');
    expect(formatDuration('en', 125)).toBe('2 mins 5 secs');
    expect(formatDuration('nl', 3600 + 120)).toBe('1 uur 2 min');
    expect(formatDuration('nl', 42)).toBe('42 sec');
    expect(formatBytes('en', 512)).toBe('512 byte');
    expect(formatBytes('en', 1536)).toBe('1.5 kB');
  });
});

describe('daysUntil', () => {
  const now = Date.UTC(2026, 10, 27, 12);
  it('counts whole days up, and negative when passed', () => {
    expect(daysUntil('2026-11-30T12:00:00Z', now)).toBe(3);
    expect(daysUntil('2026-11-27T18:00:00Z', now)).toBe(1);
    expect(daysUntil('2026-11-27T12:00:00Z', now)).toBe(0);
    expect(daysUntil('2026-11-25T12:00:00Z', now)).toBe(-2);
    expect(daysUntil('nonsense', now)).toBeNaN();
  });
});

describe('date and datetime-local inputs', () => {
  it('writes the local day and minute', () => {
    expect(dateInputValue(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(dateTimeInputValue(new Date(2026, 10, 27, 14, 5, 30))).toBe('2026-11-27T14:05');
  });

  it('reads a date field as the local start of day, the end inclusive', () => {
    expect(parseDateInput('2026-03-12')?.getTime()).toBe(new Date(2026, 2, 12).getTime());
    expect(parseDateInput('2026-03-12', true)?.getTime()).toBe(new Date(2026, 2, 13).getTime());
    expect(parseDateInput('2026-12-31', true)?.getTime()).toBe(new Date(2027, 0, 1).getTime());
    expect(parseDateInput('2026-02-30')).toBeNull();
    expect(parseDateInput('2026-13-01')).toBeNull();
    expect(parseDateInput('12-03-2026')).toBeNull();
    expect(parseDateInput('')).toBeNull();
  });

  it('reads a datetime-local field as a local moment', () => {
    const local = dateTimeInputValue(new Date(2026, 10, 27, 14, 5));
    expect(parseDateTimeInput(local)?.getTime()).toBe(new Date(2026, 10, 27, 14, 5).getTime());
    expect(parseDateTimeInput('2026-11-27T14:05:09')?.getTime()).toBe(new Date(2026, 10, 27, 14, 5, 9).getTime());
    expect(parseDateTimeInput('2026-11-27T24:00')).toBeNull();
    expect(parseDateTimeInput('2026-11-31T10:00')).toBeNull();
    expect(parseDateTimeInput('nonsense')).toBeNull();
  });

  it('counts calendar days without a time zone', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-10-25', 0)).toBe('2026-10-25');
    expect(addDays('2026-02-30', 1)).toBeNull();
    expect(addDays('', 1)).toBeNull();
  });
});
