// Who is logged in. The session itself lives in an HttpOnly cookie; this
// store keeps the account and the CSRF token the server handed out, and
// notices when the server ends the session (idle time-out).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, onUnauthorised, setCsrfToken } from './api';

export type Role =
  | 'agent'
  | 'monitor'
  | 'manager'
  | 'works_council'
  | 'privacy_officer'
  | 'client'
  | 'admin'
  | 'capture_source';

export interface Account {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  employee_id: string;
  client_id: string;
  lang: string;
}

interface SessionBody {
  account: Account;
  csrf_token?: string;
}

export interface SessionState {
  // undefined while the first check runs.
  account: Account | null | undefined;
  expired: boolean;
}

let state: SessionState = { account: undefined, expired: false };
const listeners = new Set<(next: SessionState) => void>();

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener(state);
}

onUnauthorised(() => {
  if (state.account) {
    setCsrfToken(null);
    set({ account: null, expired: true });
  }
});

export async function loadSession(): Promise<void> {
  try {
    const body = await api.get<SessionBody>('/api/v1/session');
    setCsrfToken(body.csrf_token ?? null);
    set({ account: body.account, expired: false });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      set({ account: null, expired: false });
      return;
    }
    set({ account: null, expired: false });
    throw error;
  }
}

export async function login(username: string, password: string): Promise<Account> {
  const body = await api.post<SessionBody>('/api/v1/session', { username, password });
  setCsrfToken(body.csrf_token ?? null);
  set({ account: body.account, expired: false });
  return body.account;
}

export async function logout(): Promise<void> {
  try {
    await api.del('/api/v1/session');
  } finally {
    setCsrfToken(null);
    set({ account: null, expired: false });
  }
}

export function getSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  const [value, setValue] = useState<SessionState>(state);
  useEffect(() => {
    listeners.add(setValue);
    setValue(state);
    return () => {
      listeners.delete(setValue);
    };
  }, []);
  return value;
}
