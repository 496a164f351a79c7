import type { QueryClient } from '@tanstack/react-query';

/**
 * What a query's data depends on, and what a change touched. A feature never names another
 * feature's query keys: its queries say which kinds of data they show (`meta: dependsOn(...)`),
 * and a mutation announces which kinds it changed (`announce(client, ...)`); every query that
 * depends on one of them is refetched, whichever feature owns it.
 */
export type Topic =
  | 'organisations'
  | 'people'
  | 'bodies'
  | 'memberships'
  | 'governanceModels'
  | 'cases'
  | 'meetings'
  | 'financing'
  | 'workPlan'
  | 'reports';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { topics?: readonly Topic[] };
  }
}

export function dependsOn(...topics: Topic[]): { topics: readonly Topic[] } {
  return { topics };
}

/** Refetches every query that depends on one of the changed topics. */
export function announce(client: QueryClient, ...changed: Topic[]): Promise<void> {
  return client.invalidateQueries({
    predicate: (query) => query.meta?.topics?.some((topic) => changed.includes(topic)) ?? false,
  });
}
