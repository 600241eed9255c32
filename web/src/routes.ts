// The app's pages and menu, gathered from each area (pages/<area>/index.ts).
// A page lists the roles that may open it; the server still decides every
// request (the role table and the regulation), this only keeps the menu
// honest and sends a stranger to a clear "not for your role" page.
import type { JSX } from 'preact';
import type { MessageKey } from './i18n';
import type { Role } from './session';
import * as publicPages from './pages/public';
import * as agent from './pages/agent';
import * as monitor from './pages/monitor';
import * as manager from './pages/manager';
import * as council from './pages/council';
import * as privacy from './pages/privacy';
import * as client from './pages/client';
import { RecordingPage } from './pages/shared/recording';
import { h } from 'preact';

export interface PageRoute {
  // '/monitor/evaluations/:id'
  path: string;
  // 'public': readable without logging in.
  roles: Role[] | 'public';
  render: (params: Record<string, string>) => JSX.Element;
}

export interface NavItem {
  href: string;
  label: MessageKey;
  roles: Role[] | 'public';
}

export interface Area {
  routes: PageRoute[];
  nav: NavItem[];
}

// Pages more than one role opens, each deciding nothing itself.
const shared: Area = {
  routes: [
    {
      path: '/recordings/:id',
      roles: ['agent', 'monitor', 'privacy_officer', 'client'],
      render: (p) => h(RecordingPage, { id: p.id }),
    },
  ],
  nav: [],
};

const areas: Area[] = [publicPages, agent, monitor, manager, council, privacy, client, shared];

export const routes: PageRoute[] = areas.flatMap((area) => area.routes);
export const nav: NavItem[] = areas.flatMap((area) => area.nav);

export function navFor(role: Role | null): NavItem[] {
  return nav.filter((item) =>
    item.roles === 'public' ? role === null : role !== null && item.roles.includes(role),
  );
}

// The menu item the page at `path` belongs to: the longest href that is the
// path or a parent of it ('/me' for '/me' only when no '/me/…' item fits).
export function currentItem(hrefs: string[], path: string): string | null {
  let best: string | null = null;
  for (const href of hrefs) {
    const fits = path === href || path.startsWith(href.endsWith('/') ? href : `${href}/`);
    if (fits && (best === null || href.length > best.length)) best = href;
  }
  return best;
}

// Where a role lands after logging in: its first menu item.
export function homeFor(role: Role): string {
  const first = nav.find((item) => item.roles !== 'public' && item.roles.includes(role));
  return first ? first.href : '/regulation';
}
