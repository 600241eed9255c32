// The agent pages ("Mijn monitoring") and their menu entries. Every page
// reads the logged-in agent's own data from /api/v1/me/…; the server decides
// and audits each request.
import { h } from 'preact';
import type { NavItem, PageRoute } from '../../routes';
import '../../styles/agent.css';
import { AccessLogPage } from './access-log';
import { ComplaintsPage } from './complaints';
import { ConsentsPage } from './consents';
import { EvaluationPage, EvaluationsPage } from './evaluations';
import { ExportPage } from './export';
import { MonitorsPage } from './monitors';
import { OverviewPage } from './overview';
import { RecordingPage, RecordingsPage } from './recordings';
import { RequestsPage } from './requests';

const agent: PageRoute['roles'] = ['agent'];

export const routes: PageRoute[] = [
  { path: '/me', roles: agent, render: () => h(OverviewPage, {}) },
  { path: '/me/monitors', roles: agent, render: () => h(MonitorsPage, {}) },
  { path: '/me/recordings', roles: agent, render: () => h(RecordingsPage, {}) },
  {
    path: '/me/recordings/:id',
    roles: agent,
    render: ({ id }) => h(RecordingPage, { id, key: id }),
  },
  { path: '/me/evaluations', roles: agent, render: () => h(EvaluationsPage, {}) },
  {
    path: '/me/evaluations/:id',
    roles: agent,
    render: ({ id }) => h(EvaluationPage, { id, key: id }),
  },
  { path: '/me/requests', roles: agent, render: () => h(RequestsPage, {}) },
  { path: '/me/consents', roles: agent, render: () => h(ConsentsPage, {}) },
  { path: '/me/complaints', roles: agent, render: () => h(ComplaintsPage, {}) },
  { path: '/me/access-log', roles: agent, render: () => h(AccessLogPage, {}) },
  { path: '/me/export', roles: agent, render: () => h(ExportPage, {}) },
];

export const nav: NavItem[] = [
  { href: '/me', label: 'agent.nav.overview', roles: agent },
  { href: '/me/recordings', label: 'agent.nav.recordings', roles: agent },
  { href: '/me/evaluations', label: 'agent.nav.evaluations', roles: agent },
  { href: '/me/requests', label: 'agent.nav.requests', roles: agent },
  { href: '/me/consents', label: 'agent.nav.consents', roles: agent },
  { href: '/me/complaints', label: 'agent.nav.complaints', roles: agent },
  { href: '/me/monitors', label: 'agent.nav.monitors', roles: agent },
  { href: '/me/access-log', label: 'agent.nav.access', roles: agent },
  { href: '/me/export', label: 'agent.nav.export', roles: agent },
];
