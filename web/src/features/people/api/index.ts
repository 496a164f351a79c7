import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

export type Person = components['schemas']['PeoplePersonResponse'];
export type PersonInput = components['schemas']['PeopleCreatePersonCommand'];
export type Membership = components['schemas']['MembershipsMembershipResponse'];
export type Organisation = components['schemas']['OrganisationsOrganisationResponse'];

export function usePeople(filters: { q?: string; organisationId?: string }) {
  return usePagedList<Person>(['people', filters], () =>
    unwrap(
      api.GET('/api/people', {
        params: { query: { q: filters.q || undefined, organisationId: filters.organisationId || undefined, limit: 50 } },
      }),
    ),
  );
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: ['person', id],
    queryFn: () => unwrapWithEtag(api.GET('/api/people/{id}', { params: { path: { id } } })),
  });
}

export function usePersonMemberships(id: string) {
  return useQuery({
    queryKey: ['person-memberships', id],
    queryFn: () =>
      readAll<Membership>(() =>
        unwrap(api.GET('/api/people/{id}/memberships', { params: { path: { id }, query: { limit: 200 } } })),
      ),
  });
}

/** Organisations for the person form's picker. */
export function useOrganisationOptions() {
  return useQuery({
    queryKey: ['organisations', 'all'],
    queryFn: () =>
      readAll<Organisation>(() => unwrap(api.GET('/api/organisations', { params: { query: { limit: 200 } } }))),
    staleTime: 5 * 60_000,
  });
}

export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonInput) => unwrap(api.POST('/api/people', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['people'] }),
  });
}

export function useUpdatePerson(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: PersonInput; etag: string }) =>
      unwrapWithEtag(api.PUT('/api/people/{id}', { params: { path: { id } }, body, headers: { 'If-Match': etag } })),
    onSuccess: (result) => {
      client.setQueryData(['person', id], result);
      void client.invalidateQueries({ queryKey: ['people'] });
    },
  });
}
