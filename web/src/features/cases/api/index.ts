import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';
import type { CaseFilters } from '../components/caseFilters';

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
  return usePagedList<CaseSummary>(['cases', filters], () =>
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

/** Every body of every governance model, for the list's body pickers (a few dozen at most). */
export function useBodyOptions() {
  return useQuery({
    queryKey: ['bodies', 'options'],
    queryFn: () => readAll<Body>(() => unwrap(api.GET('/api/bodies', { params: { query: { limit: 200 } } }))),
    staleTime: 5 * 60_000,
  });
}

export function useInterests() {
  return useQuery({
    queryKey: ['interests'],
    queryFn: () => unwrap(api.GET('/api/routing/interests', { params: { query: {} } })),
    staleTime: 5 * 60_000,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: ['case', id],
    queryFn: () => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } } })),
  });
}

export function useCaseTimeline(id: string) {
  return useQuery({
    queryKey: ['case-timeline', id],
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
    onSuccess: () => void client.invalidateQueries({ queryKey: ['cases'] }),
  });
}

function useCaseChanged(caseId: string) {
  const client = useQueryClient();
  return (updated: Case) => {
    client.setQueryData(['case', caseId], updated);
    void client.invalidateQueries({ queryKey: ['case-timeline', caseId] });
    void client.invalidateQueries({ queryKey: ['cases'] });
    void client.invalidateQueries({ queryKey: ['meetings'] });
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
  return usePagedList<Meeting>(['meetings', bodyId ?? null], () =>
    unwrap(api.GET('/api/meetings', { params: { query: { bodyId: bodyId || undefined, limit: 50 } } })),
  );
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: ['meeting', id],
    queryFn: () => unwrap(api.GET('/api/meetings/{id}', { params: { path: { id } } })),
  });
}

export function useModels() {
  return useQuery({
    queryKey: ['governance-models'],
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
    onSuccess: () => void client.invalidateQueries({ queryKey: ['meetings'] }),
  });
}
