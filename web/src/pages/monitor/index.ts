// The monitor pages and their menu entries: the queue by deadline, the
// evaluations written, one evaluation with the player beside the form, one
// recording, and the confidentiality acknowledgement (KSF-3.3).
import { h } from 'preact';
import type { NavItem, PageRoute } from '../../routes';
import '../../styles/monitor.css';
import { ConfidentialityPage } from './confidentiality';
import { EvaluationPage } from './evaluation';
import { EvaluationsPage } from './evaluations';
import { QueuePage } from './queue';
import { RecordingPage } from './recording';

export const routes: PageRoute[] = [
  { path: '/monitor', roles: ['monitor'], render: () => h(QueuePage, {}) },
  { path: '/monitor/evaluations', roles: ['monitor'], render: () => h(EvaluationsPage, {}) },
  {
    path: '/monitor/evaluations/:id',
    roles: ['monitor'],
    render: (params) => h(EvaluationPage, { id: params.id, key: params.id }),
  },
  {
    path: '/monitor/recordings/:id',
    roles: ['monitor'],
    render: (params) => h(RecordingPage, { id: params.id, key: params.id }),
  },
  { path: '/monitor/confidentiality', roles: ['monitor'], render: () => h(ConfidentialityPage, {}) },
];

export const nav: NavItem[] = [
  { href: '/monitor', label: 'monitor.nav.queue', roles: ['monitor'] },
  { href: '/monitor/evaluations', label: 'monitor.nav.evaluations', roles: ['monitor'] },
  { href: '/monitor/confidentiality', label: 'monitor.nav.confidentiality', roles: ['monitor'] },
];
