// The public pages: readable without logging in (KSF-3.10, KSF-4.2, AVG-13).
// The regulation comes first: it is the start page for a visitor.
import { h } from 'preact';
import type { NavItem, PageRoute } from '../../routes';
import { FormPage, FormsPage } from './forms';
import { PrivacyPage } from './privacy';
import { RegulationPage } from './regulation';

export const routes: PageRoute[] = [
  { path: '/regulation', roles: 'public', render: () => h(RegulationPage, {}) },
  { path: '/forms', roles: 'public', render: () => h(FormsPage, {}) },
  { path: '/forms/:id', roles: 'public', render: (p) => h(FormPage, { id: p.id }) },
  { path: '/privacy', roles: 'public', render: () => h(PrivacyPage, {}) },
];

export const nav: NavItem[] = [
  { href: '/regulation', label: 'public.nav.regulation', roles: 'public' },
  { href: '/forms', label: 'public.nav.forms', roles: 'public' },
  { href: '/privacy', label: 'public.nav.privacy', roles: 'public' },
];
