import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import { announce, dependsOn } from '@/lib/api/changes';
import type { components } from '@/lib/api/schema';

/** The people feature's query keys (the one place they are spelled). */
export const peopleKeys = {
  all: ['people'] as const,
  list: (filters: { q?: string; organisationId?: string }) => [...peopleKeys.all, 'list', filters] as const,
  detail: (id: string) => [...peopleKeys.all, 'detail', id] as const,
  memberships: (id: string) => [...peopleKeys.all, 'memberships', id] as const,
};

export type Person = components['schemas']['PeoplePersonResponse'];
export type PersonInput = components['schemas']['PeopleCreatePersonCommand'];
export type Membership = components['schemas']['MembershipsMembershipResponse'];
export type Organisation = components['schemas']['OrganisationsOrganisationResponse'];

export function usePeople(filters: { q?: string; organisationId?: string }) {
  return usePagedList<Person>(peopleKeys.list(filters), () =>
    unwrap(
      api.GET('/api/people', {
        params: { query: { q: filters.q || undefined, organisationId: filters.organisationId || undefined, limit: 50 } },
      }),
    ),
    dependsOn('people'),
  );
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: peopleKeys.detail(id),
    meta: dependsOn('people'),
    queryFn: () => unwrapWithEtag(api.GET('/api/people/{id}', { params: { path: { id } } })),
  });
}

export function usePersonMemberships(id: string) {
  return useQuery({
    queryKey: peopleKeys.memberships(id),
    meta: dependsOn('memberships'),
    queryFn: () =>
      readAll<Membership>(() =>
        unwrap(api.GET('/api/people/{id}/memberships', { params: { path: { id }, query: { limit: 200 } } })),
      ),
  });
}

export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonInput) => unwrap(api.POST('/api/people', { body })),
    onSuccess: () => void announce(client, 'people'),
  });
}

export function useUpdatePerson(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: PersonInput; etag: string }) =>
      unwrapWithEtag(api.PUT('/api/people/{id}', { params: { path: { id } }, body, headers: { 'If-Match': etag } })),
    onSuccess: (result) => {
      client.setQueryData(peopleKeys.detail(id), result);
      void announce(client, 'people');
    },
  });
}

/** Appoints the person to a vacant seat; every screen showing seats or memberships refetches. */
export function useAppointPerson(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { bodyId: string; seatId: string; validFrom: string; appointedByDecisionRef: string | null }) =>
      unwrap(
        api.POST('/api/bodies/{id}/memberships', {
          params: { path: { id: input.bodyId } },
          body: {
            personId,
            seatId: input.seatId,
            validFrom: input.validFrom,
            appointedByDecisionRef: input.appointedByDecisionRef,
            tiedToElectionTerm: false,
          },
        }),
      ),
    onSuccess: () => void announce(client, 'memberships', 'bodies'),
  });
}
