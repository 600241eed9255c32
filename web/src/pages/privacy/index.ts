// The privacy officer's pages and their menu entries: the audit log with
// chain verification, data-subject requests, the art. 30 register and the
// DPIA record.
import { h } from 'preact';
import type { NavItem, PageRoute } from '../../routes';
import { AuditPage } from './audit';
import { DpiaPage, RegisterPage } from './records';
import { RequestsPage } from './requests';
import '../../styles/privacy.css';

const kRoles: PageRoute['roles'] = ['privacy_officer'];

export const routes: PageRoute[] = [
  { path: '/privacy-officer/audit', roles: kRoles, render: () => h(AuditPage, {}) },
  { path: '/privacy-officer/requests', roles: kRoles, render: () => h(RequestsPage, {}) },
  { path: '/privacy-officer/register', roles: kRoles, render: () => h(RegisterPage, {}) },
  { path: '/privacy-officer/dpia', roles: kRoles, render: () => h(DpiaPage, {}) },
];

export const nav: NavItem[] = [
  { href: '/privacy-officer/audit', label: 'privacy.nav.audit', roles: kRoles },
  { href: '/privacy-officer/requests', label: 'privacy.nav.requests', roles: kRoles },
  { href: '/privacy-officer/register', label: 'privacy.nav.register', roles: kRoles },
  { href: '/privacy-officer/dpia', label: 'privacy.nav.dpia', roles: kRoles },
];
