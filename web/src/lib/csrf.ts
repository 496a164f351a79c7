/**
 * The session's CSRF token (from GET /api/auth/session or the login answer). The API wants
 * it back as X-CSRF-TOKEN on every unsafe request; the cookie alone is not enough.
 */
let token: string | null = null;
const listeners = new Set<() => void>();

export function setCsrfToken(value: string | null | undefined) {
  token = value ?? null;
}

export function csrfToken(): string | null {
  return token;
}

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Called when the API answers 401: the session has ended (or never began). */
export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyUnauthorized() {
  for (const l of listeners) l();
}
