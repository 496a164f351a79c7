import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from './api/client';
import type { components } from './api/schema';
import { onUnauthorized, setCsrfToken } from './csrf';

export type Session = components['schemas']['AccountsSessionResponse'];

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<Session> {
  const session = await unwrap(api.GET('/api/auth/session'));
  setCsrfToken(session.csrfToken);
  return session;
}

/** The browser's session: who is signed in, what they may do; keeps the CSRF token current. */
export function useSession() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });

  useEffect(
    () =>
      onUnauthorized(() => {
        setCsrfToken(null);
        void client.invalidateQueries({ queryKey: SESSION_KEY });
      }),
    [client],
  );

  const session = query.data;
  return {
    ...query,
    session,
    authenticated: session?.authenticated === true,
    can: (permission: string) => session?.permissions?.includes(permission) ?? false,
  };
}

export function rememberSession(client: ReturnType<typeof useQueryClient>, session: Session) {
  setCsrfToken(session.csrfToken);
  client.setQueryData(SESSION_KEY, session);
  // Everything read before signing in may have been refused; read it again.
  void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}

export function forgetSession(client: ReturnType<typeof useQueryClient>) {
  setCsrfToken(null);
  // Drop everything read as the old user, but keep the session query itself and say plainly that no one
  // is signed in: clearing it would leave its mounted observers (the navigation among them) on a removed
  // copy, still showing the old user's permissions after someone else signs in.
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  client.setQueryData<Session>(SESSION_KEY, { authenticated: false, permissions: [], governanceModelIds: [] });
}
