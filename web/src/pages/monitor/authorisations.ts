// The monitor's own authorisations (GET /api/v1/me/authorisations, the
// manager's authorisation JSON plus `acknowledged` and `active`) and the pure
// logic the confidentiality page and the queue's notice share (KSF-3.3, 3.3.5:
// an authorisation comes into force only after its monitor has acknowledged
// the duty of confidentiality).
import type { MessageKey } from '../../i18n';
import type { Authorisation as MyAuthorisation } from '../../types/api';

// The list's shape is the shared one (src/types/api.ts).
export type { Authorisation as MyAuthorisation } from '../../types/api';

// What the monitor can do with an authorisation now:
// - pending: waits for the acknowledgement (and can be acknowledged);
// - active: in force (the server's word);
// - upcoming: acknowledged, in force from valid_from;
// - expired: its period is over; ended: the manager ended it.
export type AuthorisationState = 'pending' | 'active' | 'upcoming' | 'expired' | 'ended';

const kOrder: AuthorisationState[] = ['pending', 'active', 'upcoming', 'expired', 'ended'];

function passed(time: string | null | undefined, now: number): boolean {
  if (!time) return false;
  const at = Date.parse(time);
  return !Number.isNaN(at) && at <= now;
}

export function authorisationState(a: MyAuthorisation, now: number = Date.now()): AuthorisationState {
  if (a.active) return 'active';
  if (passed(a.ended_at, now)) return 'ended';
  if (passed(a.valid_until, now)) return 'expired';
  if (!a.acknowledged) return 'pending';
  return 'upcoming';
}

// Those that wait for this monitor's acknowledgement, soonest start first.
export function awaitingAcknowledgement(items: MyAuthorisation[], now: number = Date.now()): MyAuthorisation[] {
  return items
    .filter((a) => authorisationState(a, now) === 'pending')
    .sort((a, b) => a.valid_from.localeCompare(b.valid_from) || a.id.localeCompare(b.id));
}

// The list: what needs attention first, then in force, then the past; within
// a state the newest period first.
export function sortAuthorisations(items: MyAuthorisation[], now: number = Date.now()): MyAuthorisation[] {
  return items
    .map((a) => ({ a, rank: kOrder.indexOf(authorisationState(a, now)) }))
    .sort((x, y) => x.rank - y.rank || y.a.valid_from.localeCompare(x.a.valid_from) || x.a.id.localeCompare(y.a.id))
    .map(({ a }) => a);
}

export function stateKey(state: AuthorisationState): MessageKey {
  return `monitor.auth.state.${state}` as MessageKey;
}

export function stateBadge(state: AuthorisationState): string {
  switch (state) {
    case 'active':
      return 'badge badge-ok';
    case 'pending':
      return 'badge badge-warn';
    case 'upcoming':
      return 'badge';
    default:
      return 'badge badge-bad';
  }
}

// Whom it covers, as message keys with counts: teams and named agents.
export function scopeParts(a: MyAuthorisation): { key: MessageKey; count: number }[] {
  const parts: { key: MessageKey; count: number }[] = [];
  if (a.team_ids.length > 0) parts.push({ key: 'monitor.auth.teams', count: a.team_ids.length });
  if (a.agent_ids.length > 0) parts.push({ key: 'monitor.auth.agents', count: a.agent_ids.length });
  return parts;
}
