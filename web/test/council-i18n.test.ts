// The works council's and privacy officer's strings: both languages have the
// same keys (the type checks that) and the same placeholders, and no string
// is left empty.
import { describe, expect, it } from 'vitest';
import * as council from '../src/i18n/messages/council';
import * as privacy from '../src/i18n/messages/privacy';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

for (const [name, catalogue] of [
  ['council', council],
  ['privacy', privacy],
] as const) {
  describe(`${name} messages`, () => {
    const nl = catalogue.nl as Record<string, string>;
    const en = catalogue.en as Record<string, string>;

    it('has the same keys in both languages, all with the area prefix', () => {
      expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
      for (const key of Object.keys(nl)) expect(key.startsWith(`${name}.`)).toBe(true);
    });

    it('has the same placeholders in both languages and no empty string', () => {
      for (const key of Object.keys(nl)) {
        expect(nl[key].trim(), key).not.toBe('');
        expect(en[key].trim(), key).not.toBe('');
        expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
      }
    });

    it('has a plural form only next to its base key', () => {
      for (const key of Object.keys(nl).filter((k) => k.endsWith('_one'))) {
        expect(nl[key.slice(0, -4)], key).toBeDefined();
      }
    });
  });
}
