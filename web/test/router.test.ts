import { describe, expect, it } from 'vitest';
import { matchPath } from '../src/router';
import { currentItem, homeFor, navFor, routes } from '../src/routes';

describe('matchPath', () => {
  it('matches literal and parameter segments', () => {
    expect(matchPath('/forms', '/forms')).toEqual({});
    expect(matchPath('/forms/:id', '/forms/form-1')).toEqual({ id: 'form-1' });
    expect(matchPath('/forms/:id', '/forms/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/forms/:id', '/forms')).toBeNull();
    expect(matchPath('/forms', '/privacy')).toBeNull();
  });
});

describe('currentItem', () => {
  it('marks the most specific menu item as the current page', () => {
    const hrefs = ['/me', '/me/recordings', '/me/evaluations'];
    expect(currentItem(hrefs, '/me')).toBe('/me');
    expect(currentItem(hrefs, '/me/recordings/rec-1')).toBe('/me/recordings');
    expect(currentItem(hrefs, '/me/access-log')).toBe('/me');
    expect(currentItem(hrefs, '/mentor')).toBeNull();
  });
});

describe('pages and menu', () => {
  it('has no two pages on the same path', () => {
    const paths = routes.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('shows each role only its own menu, and visitors the public one', () => {
    for (const item of navFor(null)) expect(item.roles).toBe('public');
    for (const role of ['agent', 'monitor', 'manager', 'works_council', 'privacy_officer', 'client'] as const) {
      const items = navFor(role);
      expect(items.length, role).toBeGreaterThan(0);
      for (const item of items) expect(item.roles, `${role} ${item.href}`).toContain(role);
      expect(homeFor(role)).toBe(items[0].href);
    }
  });

  it('has a page behind every menu item, open to the same roles', () => {
    const all = ['agent', 'monitor', 'manager', 'works_council', 'privacy_officer', 'client'] as const;
    for (const role of [null, ...all]) {
      for (const item of navFor(role)) {
        const page = routes.find((r) => matchPath(r.path, item.href));
        expect(page, item.href).toBeDefined();
        if (role) expect(page?.roles, item.href).toContain(role);
      }
    }
  });
});
