import type { ApiKey } from '../api';

export type KeyState = 'active' | 'revoked' | 'replaced' | 'expired';

/** Whether a key still works, and if not, why: revoked, replaced by a rotation, or past its expiry. */
export function keyState(key: Pick<ApiKey, 'revokedAt' | 'replacedById' | 'expiresAt'>, now = new Date()): KeyState {
  if (key.revokedAt) return key.replacedById ? 'replaced' : 'revoked';
  if (key.expiresAt && new Date(key.expiresAt) <= now) return 'expired';
  return 'active';
}

/** i18next reads ':' as a namespace separator; scope message keys use '_' instead. */
export const scopeKey = (scope: string) => `scopeNames.${scope.replace(':', '_')}`;
