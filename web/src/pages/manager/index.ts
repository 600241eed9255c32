// The manager pages and their menu entries.
import { h } from 'preact';
import type { NavItem, PageRoute } from '../../routes';
import '../../styles/manager.css';
import { AuthorisationsPage } from './authorisations';
import { ClientsPage } from './clients';
import { ComplaintsPage } from './complaints';
import { EmployeesPage } from './employees';
import { FormsPage } from './forms';
import { HoldsPage } from './holds';
import { NewRegulationPage, RegulationPage } from './regulation';
import { RegulationsPage } from './regulations';
import { RequestsPage } from './requests';

const manager: ['manager'] = ['manager'];

// '/manager/regulations/new' comes before '/manager/regulations/:id'.
export const routes: PageRoute[] = [
  { path: '/manager/authorisations', roles: manager, render: () => h(AuthorisationsPage, {}) },
  { path: '/manager/employees', roles: manager, render: () => h(EmployeesPage, {}) },
  { path: '/manager/regulations', roles: manager, render: () => h(RegulationsPage, {}) },
  { path: '/manager/regulations/new', roles: manager, render: () => h(NewRegulationPage, {}) },
  {
    path: '/manager/regulations/:id',
    roles: manager,
    render: (params) => h(RegulationPage, { id: params.id, key: params.id }),
  },
  { path: '/manager/forms', roles: manager, render: () => h(FormsPage, {}) },
  { path: '/manager/complaints', roles: manager, render: () => h(ComplaintsPage, {}) },
  { path: '/manager/holds', roles: manager, render: () => h(HoldsPage, {}) },
  { path: '/manager/requests', roles: manager, render: () => h(RequestsPage, {}) },
  { path: '/manager/clients', roles: manager, render: () => h(ClientsPage, {}) },
];

export const nav: NavItem[] = [
  { href: '/manager/authorisations', label: 'manager.nav.authorisations', roles: manager },
  { href: '/manager/employees', label: 'manager.nav.employees', roles: manager },
  { href: '/manager/regulations', label: 'manager.nav.regulations', roles: manager },
  { href: '/manager/forms', label: 'manager.nav.forms', roles: manager },
  { href: '/manager/complaints', label: 'manager.nav.complaints', roles: manager },
  { href: '/manager/holds', label: 'manager.nav.holds', roles: manager },
  { href: '/manager/requests', label: 'manager.nav.requests', roles: manager },
  { href: '/manager/clients', label: 'manager.nav.clients', roles: manager },
];
