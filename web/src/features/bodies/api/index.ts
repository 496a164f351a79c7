import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap, unwrapWithEtag } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';
import type { AppointInput, PersonOption } from '../components/AppointForm';
import type { EndMembershipInput } from '../components/EndMembershipForm';
import type { BodyView, RelationView, SeatView, WarningView } from '../components/model';

export type Body = components['schemas']['BodiesBodyResponse'];
export type BodyDetail = components['schemas']['BodiesBodyDetailResponse'];
export type GovernanceModel = components['schemas']['GovernanceModelsGovernanceModelResponse'];

export function useBodies(filters: { modelId?: string; q?: string; kind?: string }) {
  return usePagedList<Body>(['bodies', filters], () =>
    unwrap(
      api.GET('/api/bodies', {
        params: {
          query: {
            GovernanceModelId: filters.modelId || undefined,
            Q: filters.q || undefined,
            Kind: filters.kind || undefined,
            Limit: 100,
          },
        },
      }),
    ),
  );
}

export function useModels() {
  return useQuery({
    queryKey: ['governance-models'],
    queryFn: () =>
      readAll<GovernanceModel>(() => unwrap(api.GET('/api/governance-models', { params: { query: { Limit: 100 } } }))),
  });
}

export function useBody(id: string, asOf?: string) {
  return useQuery({
    queryKey: ['body', id, asOf ?? null],
    queryFn: () => unwrapWithEtag(api.GET('/api/bodies/{id}', { params: { path: { id }, query: { asOf } } })),
  });
}

/** Maps the body detail onto what the screens show. */
export function toViews(body: BodyDetail, language: string) {
  const view: BodyView = {
    id: body.id,
    name: (language === 'en' ? body.nameEn : null) ?? body.name,
    kind: body.kind,
    mandate: body.mandate,
    canDecide: body.canDecide,
    hostOrganisation: body.hostOrganisation ?? null,
    establishedOn: body.establishedOn,
    establishedByCaseRef: body.establishedByCaseRef,
  };
  const relations: RelationView[] = [
    ...body.relationsOut.map((r) => ({
      id: r.id,
      kind: r.kind,
      direction: 'out' as const,
      otherBodyId: r.toBodyId,
      otherBodyName: r.toBodyName,
      note: r.note,
    })),
    ...body.relationsIn.map((r) => ({
      id: r.id,
      kind: r.kind,
      direction: 'in' as const,
      otherBodyId: r.fromBodyId,
      otherBodyName: r.fromBodyName,
      note: r.note,
    })),
  ];
  const seats: SeatView[] = [...body.seats]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((s) => ({
      id: s.id,
      label: s.label,
      category: s.category,
      role: s.role,
      voting: s.voting,
      representsOrganisation:
        s.representsOrganisationId && s.representsOrganisationName
          ? { id: s.representsOrganisationId, name: s.representsOrganisationName }
          : null,
      members: s.holder
        ? [
            {
              membershipId: s.holder.membershipId,
              personId: s.holder.personId,
              personName: s.holder.personName,
              validFrom: s.holder.validFrom,
              validTo: s.holder.validTo,
            },
          ]
        : [],
    }));
  const warnings: WarningView[] = body.warnings.map((w) => ({
    code: w.code,
    message: w.message,
    rule: w.rule,
  }));
  return { view, relations, seats, warnings };
}

function useInvalidateBody(bodyId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['body', bodyId] });
    void client.invalidateQueries({ queryKey: ['governance-graph'] });
    void client.invalidateQueries({ queryKey: ['person-memberships'] });
  };
}

export function useAppoint(bodyId: string) {
  const invalidate = useInvalidateBody(bodyId);
  return useMutation({
    mutationFn: ({ seatId, input }: { seatId: string; input: AppointInput }) =>
      unwrap(
        api.POST('/api/bodies/{id}/memberships', {
          params: { path: { id: bodyId } },
          body: {
            personId: input.personId,
            seatId,
            validFrom: input.validFrom,
            appointedByDecisionRef: input.appointedByDecisionRef,
            tiedToElectionTerm: false,
          },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Ending needs the membership's current version: read it, then send it back as If-Match. */
export function useEndMembership(bodyId: string) {
  const invalidate = useInvalidateBody(bodyId);
  return useMutation({
    mutationFn: async ({ membershipId, input }: { membershipId: string; input: EndMembershipInput }) => {
      const { data, etag } = await unwrapWithEtag(
        api.GET('/api/memberships/{id}', { params: { path: { id: membershipId } } }),
      );
      return unwrap(
        api.POST('/api/memberships/{id}/end', {
          params: { path: { id: membershipId } },
          body: { validTo: input.validTo, reason: input.endReason ?? '' },
          headers: { 'If-Match': etag ?? `"${data.version}"` },
        }),
      );
    },
    onSuccess: invalidate,
  });
}

/** People for the appoint form's picker (first 50 matches). */
export function usePeopleSearch() {
  return useCallback(async (q: string): Promise<PersonOption[]> => {
    const page = await unwrap(api.GET('/api/people', { params: { query: { Q: q || undefined, Limit: 50 } } }));
    return page.items
      .filter((p) => !p.deleted)
      .map((p) => ({ id: p.id, name: p.name, detail: p.organisationName ?? p.title ?? null }));
  }, []);
}
