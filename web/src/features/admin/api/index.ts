import { useMutation, useQueryClient } from '@tanstack/react-query';
import { featureKeys } from '@/lib/api/keys';
import { api, unwrap } from '@/lib/api/client';
import { usePagedList } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

/** The admin feature's query keys: every key starts with 'admin'. */
export const adminKeys = featureKeys('admin');

export type UserAccount = components['schemas']['AccountsUserAccountResponse'];
export type NewUserAccount = components['schemas']['AccountsCreateUserAccountCommand'];
export type ApiKey = components['schemas']['ApiKeysApiKeyResponse'];
export type IssuedApiKey = components['schemas']['ApiKeysIssuedApiKey'];
export type NewApiKey = components['schemas']['ApiKeysCreateApiKeyCommand'];
export type AuditEntry = components['schemas']['AuditListAuditEntriesAuditEntry'];

/** Staff roles, most powerful first (Infrastructure/Auth/Permissions.cs). */
export const ROLES = ['reader', 'member', 'secretariat', 'administrator'] as const;

/** What a key may be given: every permission but `admin` (keys never administer). */
export const SCOPES = [
  'governance:read',
  'governance:write',
  'cases:read',
  'cases:write',
  'budgets:read',
  'budgets:write',
  'personal-data:read',
  'audit:read',
] as const;

export function useUsers() {
  return usePagedList<UserAccount>(adminKeys('admin', 'users'), () =>
    unwrap(api.GET('/api/users', { params: { query: { limit: 100 } } })),
  );
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUserAccount) => unwrap(api.POST('/api/users', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: adminKeys('admin', 'users') }),
  });
}

/** Disables an account (its sessions end at once) or enables it again. */
export function useSetUserDisabled() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      disabled
        ? unwrap(api.POST('/api/users/{id}/disable', { params: { path: { id } } }))
        : unwrap(api.POST('/api/users/{id}/enable', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: adminKeys('admin', 'users') }),
  });
}

export function useApiKeys() {
  return usePagedList<ApiKey>(adminKeys('admin', 'api-keys'), () =>
    unwrap(api.GET('/api/api-keys', { params: { query: { limit: 100 } } })),
  );
}

export function useIssueApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewApiKey) => unwrap(api.POST('/api/api-keys', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: adminKeys('admin', 'api-keys') }),
  });
}

export function useRotateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/api-keys/{id}/rotate', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: adminKeys('admin', 'api-keys') }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/api-keys/{id}/revoke', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: adminKeys('admin', 'api-keys') }),
  });
}

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  actor?: string;
  /** yyyy-mm-dd, from the start of the day (local time). */
  since?: string;
  /** yyyy-mm-dd, up to and including the day (local time). */
  until?: string;
  oldestFirst?: boolean;
}

/** The start of a local calendar day as an instant; `days` moves it (until is inclusive: the next day's start). */
export function startOfDay(date: string, days = 0): string | undefined {
  const d = new Date(`${date}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  d.setDate(d.getDate() + days);
  return d.toISOString();
}

export function useAuditEntries(filters: AuditFilters) {
  return usePagedList<AuditEntry>(adminKeys('admin', 'audit', filters), () =>
    unwrap(
      api.GET('/api/audit', {
        params: {
          query: {
            entityType: filters.entityType || undefined,
            entityId: filters.entityId || undefined,
            actor: filters.actor || undefined,
            since: filters.since ? startOfDay(filters.since) : undefined,
            until: filters.until ? startOfDay(filters.until, 1) : undefined,
            newestFirst: !filters.oldestFirst,
            limit: 50,
          },
        },
      }),
    ),
  );
}
