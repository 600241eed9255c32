// The works council's pages and their menu entries: what awaits its
// consent, the compliance dashboard, appeals, and the register and DPIA
// (the privacy pages' own components, readable by the council too).
import { h } from 'preact';
import type { NavItem, PageRoute } from '../../routes';
import { DpiaPage, RegisterPage } from '../privacy/records';
import { AppealsPage } from './appeals';
import { ConsentPage } from './consent';
import { DashboardPage } from './dashboard';
import '../../styles/council.css';

const kRoles: PageRoute['roles'] = ['works_council'];

export const routes: PageRoute[] = [
  // '/council' is the address the works council may know; the menu uses
  // '/council/consent' so that only one menu item is marked current.
  { path: '/council', roles: kRoles, render: () => h(ConsentPage, {}) },
  { path: '/council/consent', roles: kRoles, render: () => h(ConsentPage, {}) },
  { path: '/council/dashboard', roles: kRoles, render: () => h(DashboardPage, {}) },
  { path: '/council/appeals', roles: kRoles, render: () => h(AppealsPage, {}) },
  { path: '/council/register', roles: kRoles, render: () => h(RegisterPage, {}) },
  { path: '/council/dpia', roles: kRoles, render: () => h(DpiaPage, {}) },
];

export const nav: NavItem[] = [
  { href: '/council/consent', label: 'council.nav.consent', roles: kRoles },
  { href: '/council/dashboard', label: 'council.nav.dashboard', roles: kRoles },
  { href: '/council/appeals', label: 'council.nav.appeals', roles: kRoles },
  { href: '/council/register', label: 'council.nav.register', roles: kRoles },
  { href: '/council/dpia', label: 'council.nav.dpia', roles: kRoles },
];
