// The JSON shapes of the management API (src/api/routes_management.cc,
// codec/json.cc), as the manager's pages read them. The shapes several areas
// read are in types/api.ts; only the manager's own are written here.
import type {
  Consent,
  Decision,
  Purpose,
  Recording,
  AgentRequest as SharedAgentRequest,
} from '../../types/api';

export type {
  Authorisation,
  AuthorisationRecord,
  Channel,
  ClientContract,
  Complaint,
  Consent,
  Decision,
  EvaluationForm,
  FormQuestion,
  FormSection,
  Items,
  LegalGround,
  Purpose,
  PurposeRules,
  Recording,
  Regulation,
  RegulationMissing,
  RegulationStatus,
} from '../../types/api';
export { kChannels, kPurposes } from '../../types/api';
export interface Employee {
  id: string;
  employee_number: string;
  name: string;
  function: string;
  contract: string;
  customer_contact: boolean;
  team_id: string;
  team_name: string;
  start_date: string;
  leave_date: string | null;
  informed_at: string | null;
  monitorable: boolean;
  not_monitorable?: Decision;
}

export interface Team {
  id: string;
  name: string;
  site: string;
  supervisor_id: string;
  supervisor_name: string;
  members: number;
}

export interface AuthorisationInput {
  monitor_id: string;
  purposes: Purpose[];
  team_ids: string[];
  agent_ids: string[];
  valid_from: string;
  valid_until?: string;
}

export interface Hold {
  consent: Consent;
  recording: Recording;
  agent_name: string;
  days_left: number;
}

// An agent's request as management sees it: with the agent's name.
export interface AgentRequest extends SharedAgentRequest {
  agent_name: string;
}
