import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '@/lib/api/client';
import { usePagedList } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

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
  return usePagedList<Organisation>(['organisations', filters], () =>
    unwrap(
      api.GET('/api/organisations', {
        params: { query: { kind: filters.kind, q: filters.q || undefined, limit: 50 } },
      }),
    ),
  );
}

export function useOrganisation(id: string) {
  return useQuery({
    queryKey: ['organisation', id],
    queryFn: () => unwrapWithEtag(api.GET('/api/organisations/{id}', { params: { path: { id } } })),
  });
}

export function useCreateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationUpdate) => unwrap(api.POST('/api/organisations', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['organisations'] }),
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
      client.setQueryData(['organisation', id], result);
      void client.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
}
