import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { featureKeys } from '@/lib/api/keys';
import { announce } from '@/lib/api/changes';
import { api, unwrap } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import { useGovernanceModelOptions } from '@/lib/lookups';
import type { components } from '@/lib/api/schema';
import type { CaseFilters } from '../components/caseFilters';

/** The cases feature's query keys: every key starts with 'cases'. */
export const caseKeys = featureKeys('cases');

export type CaseSummary = components['schemas']['CasesListCasesCaseSummary'];
export type Case = components['schemas']['CasesCaseResponse'];
export type CaseStep = components['schemas']['CasesCaseStepResponse'];
export type Interest = components['schemas']['RoutingInterestResponse'];
export type Outcome = components['schemas']['RoutingDecisionOutcome'];
export type CreateCase = components['schemas']['CasesCreateCaseBody'];
export type DecisionInput = components['schemas']['CasesRecordDecisionBody'];
export type Meeting = components['schemas']['MeetingsMeetingResponse'];
export type GovernanceModel = components['schemas']['GovernanceModelsGovernanceModelResponse'];
export type Body = components['schemas']['BodiesBodyResponse'];
export type StepRef = components['schemas']['RoutingStepRef'];

export const OUTCOMES: Outcome[] = ['approved', 'approvedWithChanges', 'rejected', 'postponed', 'referred', 'noted'];

export function useCases(filters: CaseFilters) {
  return usePagedList<CaseSummary>(caseKeys('cases', filters), () =>
    unwrap(
      api.GET('/api/cases', {
        params: {
          query: {
            q: filters.q || undefined,
            interest: filters.interest || undefined,
            status: filters.status,
            bodyId: filters.bodyId,
            currentBodyId: filters.currentBodyId,
            overdue: filters.overdue ? true : undefined,
            limit: 50,
          },
        },
      }),
    ),
  );
}

/**
 * The case interests of one partnership, or without a model those of every partnership the session may read (a case
 * list spans partnerships; an interest's code is unique within its own). With a single partnership the API needs no model.
 */
export function useInterests(modelId?: string | null) {
  const models = useGovernanceModelOptions(!modelId);
  const ids = modelId ? [modelId] : (models.data ?? []).map((m) => m.id);
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: caseKeys('interests', id),
      queryFn: () => unwrap(api.GET('/api/routing/interests', { params: { query: { governanceModelId: id } } })),
      staleTime: 5 * 60_000,
    })),
    combine: (results): { data: Interest[] | undefined; isPending: boolean } => ({
      data:
        ids.length === 0 || results.some((r) => r.data === undefined)
          ? undefined
          : results.flatMap((r) => r.data ?? []),
      isPending: models.isPending && !modelId ? true : results.some((r) => r.isPending),
    }),
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys('case', id),
    queryFn: () => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } } })),
  });
}

export function useCaseTimeline(id: string) {
  return useQuery({
    queryKey: caseKeys('case-timeline', id),
    queryFn: () => unwrap(api.GET('/api/cases/{id}/timeline', { params: { path: { id } } })),
  });
}

export function useCreateCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCase) =>
      unwrap(
        api.POST('/api/cases', {
          body,
          // The same submit sent twice (a double click, a retry) creates one case.
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKeys('cases') });
      void announce(client, 'cases');
    },
  });
}

function useCaseChanged(caseId: string) {
  const client = useQueryClient();
  return (updated: Case) => {
    client.setQueryData(caseKeys('case', caseId), updated);
    void client.invalidateQueries({ queryKey: caseKeys('case-timeline', caseId) });
    void client.invalidateQueries({ queryKey: caseKeys('cases') });
    void client.invalidateQueries({ queryKey: caseKeys('meetings') });
    void announce(client, 'cases', 'meetings');
  };
}

export function useRecordRecommendation(caseId: string) {
  const changed = useCaseChanged(caseId);
  return useMutation({
    mutationFn: ({ stepId, text }: { stepId: string; text: string }) =>
      unwrap(
        api.POST('/api/cases/{caseId}/steps/{stepId}/recommendation', {
          params: { path: { caseId, stepId } },
          body: { text },
        }),
      ),
    onSuccess: changed,
  });
}

export function useRecordDecision(caseId: string) {
  const changed = useCaseChanged(caseId);
  return useMutation({
    mutationFn: ({ stepId, body }: { stepId: string; body: DecisionInput }) =>
      unwrap(
        api.POST('/api/cases/{caseId}/steps/{stepId}/decision', {
          params: { path: { caseId, stepId } },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

export function useMeetings(bodyId?: string) {
  return usePagedList<Meeting>(caseKeys('meetings', bodyId ?? null), () =>
    unwrap(api.GET('/api/meetings', { params: { query: { bodyId: bodyId || undefined, limit: 50 } } })),
  );
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: caseKeys('meeting', id),
    queryFn: () => unwrap(api.GET('/api/meetings/{id}', { params: { path: { id } } })),
  });
}

export function useModels() {
  return useQuery({
    queryKey: caseKeys('governance-models'),
    queryFn: () =>
      readAll<GovernanceModel>(() => unwrap(api.GET('/api/governance-models', { params: { query: { limit: 100 } } }))),
  });
}

export function useScheduleStep(caseId: string) {
  const changed = useCaseChanged(caseId);
  return useMutation({
    mutationFn: ({ stepId, meetingId }: { stepId: string; meetingId: string }) =>
      unwrap(
        api.POST('/api/cases/{caseId}/steps/{stepId}/scheduling', {
          params: { path: { caseId, stepId } },
          body: { meetingId },
        }),
      ),
    onSuccess: changed,
  });
}

export function useCreateMeeting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['MeetingsCreateMeetingCommand']) =>
      unwrap(api.POST('/api/meetings', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: caseKeys('meetings') }),
  });
}
