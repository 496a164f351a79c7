import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { featureKeys } from '@/lib/api/keys';
import { announce, dependsOn } from '@/lib/api/changes';
import { useBodyOptions as useSharedBodyOptions } from '@/lib/lookups';
import { api, unwrap, unwrapWithEtag } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';
import type { AppointInput, PersonOption } from '../components/AppointForm';
import type { BodyInput } from '../components/BodyForm';
import type { EndMembershipInput } from '../components/EndMembershipForm';
import type { BodyView, Option, RelationView, RuleView, SeatView, WarningView } from '../components/model';
import type { RelationInput } from '../components/RelationForm';
import type { RuleInput } from '../components/RuleForm';
import type { SeatInput } from '../components/SeatForm';

/** The bodies feature's query keys: every key starts with 'bodies'. */
export const bodyKeys = featureKeys('bodies');

export type Body = components['schemas']['BodiesBodyResponse'];
export type BodyDetail = components['schemas']['BodiesBodyDetailResponse'];
export type GovernanceModel = components['schemas']['GovernanceModelsGovernanceModelResponse'];
export type CompositionRule = components['schemas']['BodiesCompositionRuleResponse'];
type BodyKind = components['schemas']['BodiesBodyKind'];
type RelationKind = components['schemas']['BodiesRelationKind'];

export function useBodies(filters: { modelId?: string; q?: string; kind?: string }) {
  return usePagedList<Body>(bodyKeys('bodies', filters), () =>
    unwrap(
      api.GET('/api/bodies', {
        params: {
          query: {
            governanceModelId: filters.modelId || undefined,
            q: filters.q || undefined,
            kind: filters.kind || undefined,
            limit: 100,
          },
        },
      }),
    ),
    dependsOn('bodies'),
  );
}

export function useModels() {
  return useQuery({
    queryKey: bodyKeys('governance-models'),
    queryFn: () =>
      readAll<GovernanceModel>(() => unwrap(api.GET('/api/governance-models', { params: { query: { limit: 100 } } }))),
  });
}

export function useBody(id: string, asOf?: string) {
  return useQuery({
    queryKey: bodyKeys('body', id, asOf ?? null),
    meta: dependsOn('bodies', 'memberships'),
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
      version: r.version,
    })),
    ...body.relationsIn.map((r) => ({
      id: r.id,
      kind: r.kind,
      direction: 'in' as const,
      otherBodyId: r.fromBodyId,
      otherBodyName: r.fromBodyName,
      note: r.note,
      version: r.version,
    })),
  ];
  const seats: SeatView[] = [...body.seats]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((s) => ({
      id: s.id,
      version: s.version,
      ordinal: s.ordinal,
      label: s.label,
      category: s.category,
      role: s.role,
      voting: s.voting,
      representsOrganisation:
        s.representsOrganisationId && s.representsOrganisationName
          ? { id: s.representsOrganisationId, name: s.representsOrganisationName }
          : null,
      appointedByOrganisationId: s.appointedByOrganisationId ?? null,
      appointedByBodyId: s.appointedByBodyId ?? null,
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
    void client.invalidateQueries({ queryKey: bodyKeys('body', bodyId) });
    void client.invalidateQueries({ queryKey: bodyKeys('bodies') });
    // Other features' screens (the map, a person's or an organisation's page) refetch what depends on these.
    void announce(client, 'bodies', 'memberships');
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
    const page = await unwrap(api.GET('/api/people', { params: { query: { q: q || undefined, limit: 50 } } }));
    return page.items
      .filter((p) => !p.deleted)
      .map((p) => ({ id: p.id, name: p.name, detail: p.organisationName ?? p.title ?? null }));
  }, []);
}

/** The body's own fields as the edit form starts from them. */
export function toBodyInput(body: BodyDetail): BodyInput {
  return {
    code: body.code,
    name: body.name,
    nameEn: body.nameEn ?? null,
    kind: body.kind,
    mandate: body.mandate ?? null,
    canDecide: body.canDecide,
    hostOrganisationId: body.hostOrganisationId ?? null,
    establishedOn: body.establishedOn ?? null,
    establishedByCaseRef: body.establishedByCaseRef ?? null,
    dissolvedOn: body.dissolvedOn ?? null,
    dissolvedByCaseRef: body.dissolvedByCaseRef ?? null,
    servedByBodyId: body.servedByBodyId ?? null,
    servedByOrganisationId: body.servedByOrganisationId ?? null,
  };
}

/** Saves the body's own fields with the ETag it was read with (If-Match); a 412 means someone else saved first. */
export function useUpdateBody(bodyId: string) {
  const invalidate = useInvalidateBody(bodyId);
  return useMutation({
    mutationFn: ({ input, etag }: { input: BodyInput; etag: string }) =>
      unwrapWithEtag(
        api.PUT('/api/bodies/{id}', {
          params: { path: { id: bodyId } },
          body: { ...input, kind: input.kind as BodyKind },
          headers: { 'If-Match': etag },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCreateSeat(bodyId: string) {
  const invalidate = useInvalidateBody(bodyId);
  return useMutation({
    mutationFn: (input: SeatInput) =>
      unwrap(api.POST('/api/bodies/{id}/seats', { params: { path: { id: bodyId } }, body: input })),
    onSuccess: invalidate,
  });
}

/** Saves a seat with the version the page read (If-Match); a 412 means someone else changed it first. */
export function useUpdateSeat(bodyId: string) {
  const invalidate = useInvalidateBody(bodyId);
  return useMutation({
    mutationFn: ({ seat, input }: { seat: SeatView; input: SeatInput }) =>
      unwrap(
        api.PUT('/api/bodies/{id}/seats/{seatId}', {
          params: { path: { id: bodyId, seatId: seat.id } },
          body: {
            ...input,
            ordinal: input.ordinal ?? seat.ordinal ?? 1,
            appointedByOrganisationId: seat.appointedByOrganisationId ?? null,
            appointedByBodyId: seat.appointedByBodyId ?? null,
          },
          headers: { 'If-Match': `"${seat.version}"` },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCreateRelation(bodyId: string) {
  const invalidate = useInvalidateBody(bodyId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RelationInput) =>
      unwrap(
        api.POST('/api/bodies/{id}/relations', {
          params: { path: { id: bodyId } },
          body: { ...input, kind: input.kind as RelationKind },
        }),
      ),
    onSuccess: (created) => {
      invalidate();
      void client.invalidateQueries({ queryKey: bodyKeys('body', created.toBodyId) });
    },
  });
}

/** Removes a relation (from either end) with the version the page read. */
export function useDeleteRelation(bodyId: string) {
  const invalidate = useInvalidateBody(bodyId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (relation: RelationView) =>
      unwrap(
        api.DELETE('/api/bodies/{id}/relations/{relationId}', {
          params: { path: { id: bodyId, relationId: relation.id } },
          headers: { 'If-Match': `"${relation.version}"` },
        }),
      ),
    onSuccess: (_, relation) => {
      invalidate();
      void client.invalidateQueries({ queryKey: bodyKeys('body', relation.otherBodyId) });
    },
  });
}

/** Removes a vacant seat with the version the page read. */
export function useDeleteSeat(bodyId: string) {
  const invalidate = useInvalidateBody(bodyId);
  return useMutation({
    mutationFn: async (seat: SeatView) => {
      const version =
        seat.version ??
        (await unwrap(api.GET('/api/bodies/{id}/seats/{seatId}', { params: { path: { id: bodyId, seatId: seat.id } } })))
          .version;
      return unwrap(
        api.DELETE('/api/bodies/{id}/seats/{seatId}', {
          params: { path: { id: bodyId, seatId: seat.id } },
          headers: { 'If-Match': `"${version}"` },
        }),
      );
    },
    onSuccess: invalidate,
  });
}

export function useCompositionRules(bodyId: string) {
  return useQuery({
    queryKey: bodyKeys('composition-rules', bodyId),
    queryFn: () =>
      readAll<CompositionRule>(() =>
        unwrap(api.GET('/api/bodies/{id}/composition-rules', { params: { path: { id: bodyId }, query: { limit: 200 } } })),
      ),
    select: toRuleViews,
  });
}

export function toRuleViews(rules: CompositionRule[]): RuleView[] {
  return rules
    .filter((r) => !r.deleted)
    .map((r) => ({
      id: r.id,
      code: r.code,
      kind: r.kind,
      severity: r.severity,
      value: r.value,
      category: r.category,
      refBodyId: r.refBodyId,
      description: r.description,
      version: r.version,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function useInvalidateRules(bodyId: string) {
  const client = useQueryClient();
  const invalidateBody = useInvalidateBody(bodyId);
  return () => {
    void client.invalidateQueries({ queryKey: bodyKeys('composition-rules', bodyId) });
    // The body's warnings are judged against its rules.
    invalidateBody();
  };
}

export function useCreateRule(bodyId: string) {
  const invalidate = useInvalidateRules(bodyId);
  return useMutation({
    mutationFn: (input: RuleInput) =>
      unwrap(api.POST('/api/bodies/{id}/composition-rules', { params: { path: { id: bodyId } }, body: input })),
    onSuccess: invalidate,
  });
}

export function useUpdateRule(bodyId: string) {
  const invalidate = useInvalidateRules(bodyId);
  return useMutation({
    mutationFn: ({ rule, input }: { rule: RuleView; input: RuleInput }) =>
      unwrap(
        api.PUT('/api/bodies/{id}/composition-rules/{ruleId}', {
          params: { path: { id: bodyId, ruleId: rule.id } },
          body: input,
          headers: { 'If-Match': `"${rule.version}"` },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteRule(bodyId: string) {
  const invalidate = useInvalidateRules(bodyId);
  return useMutation({
    mutationFn: (rule: RuleView) =>
      unwrap(
        api.DELETE('/api/bodies/{id}/composition-rules/{ruleId}', {
          params: { path: { id: bodyId, ruleId: rule.id } },
          headers: { 'If-Match': `"${rule.version}"` },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The other bodies of the same model (for the chair rule's "holds a seat in"), from the shared look-up. */
export function useBodyOptions(modelId: string | undefined, exceptId: string) {
  const bodies = useSharedBodyOptions(modelId, !!modelId);
  return { ...bodies, data: bodies.data?.filter((b) => b.id !== exceptId).map((b): Option => ({ id: b.id, name: b.name })) };
}
