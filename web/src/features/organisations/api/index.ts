import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import { announce, dependsOn } from '@/lib/api/changes';
import type { components } from '@/lib/api/schema';

/** The organisations feature's query keys (the one place they are spelled). */
export const organisationKeys = {
  all: ['organisations'] as const,
  lists: () => [...organisationKeys.all, 'list'] as const,
  list: (filters: OrganisationFilters) => [...organisationKeys.lists(), filters] as const,
  detail: (id: string) => [...organisationKeys.all, 'detail', id] as const,
  people: (id: string) => [...organisationKeys.all, 'people', id] as const,
};

export type Organisation = components['schemas']['OrganisationsOrganisationResponse'];
export type OrganisationKind = components['schemas']['OrganisationsOrganisationKind'];
export type OrganisationUpdate = components['schemas']['OrganisationsUpdateOrganisationBody'];

export const ORGANISATION_KINDS: OrganisationKind[] = [
  'municipality',
  'region',
  'association',
  'foundation',
  'knowledgePartner',
  'other',
];

export interface OrganisationFilters {
  kind?: OrganisationKind;
  q?: string;
}

export function useOrganisations(filters: OrganisationFilters) {
  return usePagedList<Organisation>(organisationKeys.list(filters), () =>
    unwrap(
      api.GET('/api/organisations', {
        params: { query: { kind: filters.kind, q: filters.q || undefined, limit: 50 } },
      }),
    ),
    dependsOn('organisations'),
  );
}

export function useOrganisation(id: string) {
  return useQuery({
    queryKey: organisationKeys.detail(id),
    meta: dependsOn('organisations'),
    queryFn: () => unwrapWithEtag(api.GET('/api/organisations/{id}', { params: { path: { id } } })),
  });
}

export function useCreateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationUpdate) => unwrap(api.POST('/api/organisations', { body })),
    onSuccess: () => void announce(client, 'organisations'),
  });
}

export function useUpdateOrganisation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: OrganisationUpdate; etag: string }) =>
      unwrapWithEtag(
        api.PUT('/api/organisations/{id}', {
          params: { path: { id } },
          body,
          headers: { 'If-Match': etag },
        }),
      ),
    onSuccess: (result) => {
      client.setQueryData(organisationKeys.detail(id), result);
      void announce(client, 'organisations');
    },
  });
}

/** The people who belong to the organisation (every page; an organisation has tens, not thousands). */
export function useOrganisationPeople(id: string) {
  return useQuery({
    queryKey: organisationKeys.people(id),
    meta: dependsOn('people'),
    queryFn: () =>
      readAll(() => unwrap(api.GET('/api/people', { params: { query: { organisationId: id, limit: 200 } } }))).then((people) =>
        people.filter((p) => !p.deleted).sort((a, b) => a.name.localeCompare(b.name, 'da')),
      ),
  });
}
