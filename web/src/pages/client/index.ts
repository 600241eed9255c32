// The client's pages: aggregate figures only (KSF-6.1) and its agreements.
import { h } from 'preact';
import type { NavItem, PageRoute } from '../../routes';
import { ClientContractsPage } from './contracts';
import { ClientReportPage } from './report';

export const routes: PageRoute[] = [
  { path: '/client', roles: ['client'], render: () => h(ClientReportPage, {}) },
  { path: '/client/contracts', roles: ['client'], render: () => h(ClientContractsPage, {}) },
];

export const nav: NavItem[] = [
  { href: '/client', label: 'client.nav.report', roles: ['client'] },
  { href: '/client/contracts', label: 'client.nav.contracts', roles: ['client'] },
];
