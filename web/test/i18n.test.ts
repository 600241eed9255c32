// Every string exists in both languages, is not empty, and keeps the same
// placeholders, so no page shows a raw key or an unfilled {name}.
import { describe, expect, it } from 'vitest';
import { messages, translate } from '../src/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  const keys = Object.keys(messages.nl) as (keyof typeof messages.nl)[];

  it('have the same keys in Dutch and English', () => {
    expect(Object.keys(messages.en).sort()).toEqual([...keys].sort());
    expect(keys.length).toBeGreaterThan(100);
  });

  it('have no empty string', () => {
    for (const key of keys) {
      expect(messages.nl[key].trim(), `nl ${key}`).not.toBe('');
      expect(messages.en[key].trim(), `en ${key}`).not.toBe('');
    }
  });

  it('keep the same placeholders in both languages', () => {
    for (const key of keys) {
      expect(placeholders(messages.en[key]), key).toEqual(placeholders(messages.nl[key]));
    }
  });

  it('have a plural key for every _one variant', () => {
    for (const key of keys.filter((k) => k.endsWith('_one'))) {
      expect(keys, key).toContain(key.slice(0, -4));
    }
  });

  it('keep each area in its own key prefix', () => {
    const areas = ['common', 'public', 'agent', 'monitor', 'manager', 'council', 'privacy', 'client'];
    for (const key of keys) expect(areas, key).toContain(key.split('.')[0]);
  });
});

describe('translate', () => {
  it('fills placeholders and picks the singular for one', () => {
    expect(translate('nl', 'common.days.left', { count: 3 })).toBe('nog 3 dagen');
    expect(translate('nl', 'common.days.left', { count: 1 })).toBe('nog 1 dag');
    expect(translate('en', 'common.days.late', { count: 2 })).toBe('2 days late');
    expect(translate('en', 'common.days.late', { count: 1 })).toBe('1 day late');
  });

  it('leaves an unknown placeholder visible rather than inventing a value', () => {
    expect(translate('en', 'common.loggedInAs', { name: 'Ada' })).toBe('Logged in as Ada ({role})');
  });
});
