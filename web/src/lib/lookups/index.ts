import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { dependsOn } from '@/lib/api/changes';
import { readAll } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

/**
 * Look-ups every feature shares (organisations, bodies, payers, an organisation's overview):
 * one hook and one cache entry each, instead of a copy per feature.
 */
export interface Option {
  id: string;
  name: string;
}

export type OrganisationOption = components['schemas']['OrganisationsOrganisationResponse'];
export type BodyOption = components['schemas']['BodiesBodyResponse'];
export type PayerOption = components['schemas']['FinancingPayersListPayersPayerResponse'];

export type OrganisationOverview = components['schemas']['OrganisationsGetOrganisationOverviewOverview'];

export const lookupKeys = {
  all: ['lookups'] as const,
  organisations: () => [...lookupKeys.all, 'organisations'] as const,
  bodies: (modelId?: string) => [...lookupKeys.all, 'bodies', modelId ?? null] as const,
  payers: () => [...lookupKeys.all, 'payers'] as const,
  organisationOverview: (id: string) => [...lookupKeys.all, 'organisation-overview', id] as const,
  governanceModels: () => [...lookupKeys.all, 'governance-models'] as const,
};

const FIVE_MINUTES = 5 * 60_000;

/** Every organisation that is not deleted, by Danish name order. */
export function useOrganisationOptions(enabled = true) {
  return useQuery({
    queryKey: lookupKeys.organisations(),
    enabled,
    staleTime: FIVE_MINUTES,
    meta: dependsOn('organisations'),
    queryFn: async (): Promise<OrganisationOption[]> =>
      (await readAll(() => unwrap(api.GET('/api/organisations', { params: { query: { limit: 200 } } }))))
        .filter((o) => !o.deleted)
        .sort((a, b) => a.name.localeCompare(b.name, 'da')),
  });
}

/** The bodies of one governance model, or of every model when none is given. */
export function useBodyOptions(modelId?: string, enabled = true) {
  return useQuery({
    queryKey: lookupKeys.bodies(modelId),
    enabled,
    staleTime: FIVE_MINUTES,
    meta: dependsOn('bodies'),
    queryFn: async (): Promise<BodyOption[]> =>
      (
        await readAll(() =>
          unwrap(api.GET('/api/bodies', { params: { query: { governanceModelId: modelId || undefined, limit: 200 } } })),
        )
      )
        .filter((b) => !b.deleted),
  });
}

/** Payers (single organisations and groups paying jointly), by name. */
export function usePayerOptions(enabled = true) {
  return useQuery({
    queryKey: lookupKeys.payers(),
    enabled,
    staleTime: FIVE_MINUTES,
    meta: dependsOn('financing', 'organisations'),
    queryFn: async (): Promise<PayerOption[]> =>
      // The API lists payers by code; every dropdown shows their names, so they come in Danish alphabetical order.
      [...(await unwrap(api.GET('/api/financing/payers')))].sort((a, b) => a.name.localeCompare(b.name, 'da')),
  });
}

/** An organisation's seats, cases and what it pays and receives per year. */
export function useOrganisationOverview(id: string | null | undefined) {
  return useQuery({
    queryKey: lookupKeys.organisationOverview(id ?? ''),
    enabled: !!id,
    meta: dependsOn('organisations', 'bodies', 'memberships', 'cases', 'financing'),
    queryFn: () => unwrap(api.GET('/api/organisations/{id}/overview', { params: { path: { id: id! } } })),
  });
}

export type GovernanceModelOption = components['schemas']['GovernanceModelsGovernanceModelResponse'];

/**
 * The governance models (partnerships) this session may read, by Danish name order: the choices of every model
 * picker (partnership screens, financing). The API leaves out models outside a limited caller's partnerships.
 */
export function useGovernanceModelOptions(enabled = true) {
  return useQuery({
    queryKey: lookupKeys.governanceModels(),
    enabled,
    staleTime: FIVE_MINUTES,
    meta: dependsOn('governanceModels'),
    queryFn: async (): Promise<GovernanceModelOption[]> =>
      (await readAll(() => unwrap(api.GET('/api/governance-models', { params: { query: { limit: 200 } } }))))
        .filter((m) => !m.deleted)
        .sort((a, b) => a.name.localeCompare(b.name, 'da')),
  });
}
