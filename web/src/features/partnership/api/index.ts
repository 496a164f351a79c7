import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { featureKeys } from '@/lib/api/keys';
import { announce, dependsOn } from '@/lib/api/changes';
import { api, unwrap } from '@/lib/api/client';
import { readAll } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

/** The partnership feature's query keys: every key starts with 'partnership'. */
export const partnershipKeys = featureKeys('partnership');

export type Interest = components['schemas']['InterestsInterestResponse'];
export type CreateInterestBody = components['schemas']['InterestsCreateInterestBody'];
export type UpdateInterestBody = components['schemas']['InterestsUpdateInterestBody'];
export type Payer = components['schemas']['FinancingPayersListPayersPayerResponse'];
export type CreatePayerCommand = components['schemas']['FinancingPayersCreatePayerCommand'];
export type UpdatePayerBody = components['schemas']['FinancingPayersUpdatePayerBody'];
export type Party = components['schemas']['GovernanceModelsPartyResponse'];
export type RoutingRule = components['schemas']['RoutingRoutingRuleResponse'];
export type RuleStep = components['schemas']['RoutingRuleStepResponse'];
export type RuleStepInput = components['schemas']['RoutingCreateRoutingRuleStepInput'];
export type StepRole = components['schemas']['RoutingStepRole'];
export type CreateRuleCommand = components['schemas']['RoutingCreateRoutingRuleCommand'];
export type UpdateRuleBody = components['schemas']['RoutingUpdateRoutingRuleBody'];
export type AllocationKey = components['schemas']['FinancingAllocationKeysAllocationKeyResponse'];
export type AllocationMethod = components['schemas']['FinancingAllocationKeysAllocationMethod'];
export type CreateAllocationKeyCommand = components['schemas']['FinancingAllocationKeysCreateAllocationKeyCommand'];
export type UpdateAllocationKeyBody = components['schemas']['FinancingAllocationKeysUpdateAllocationKeyBody'];
export type ModelDocument = components['schemas']['ModelDocumentsModelDocument'];
export type ImportResult = components['schemas']['ModelDocumentsModelImportResponse'];
export type ModelChange = components['schemas']['ModelDocumentsModelChange'];
export type ElectionTerm = components['schemas']['MembershipsElectionTermResponse'];
export type CreateElectionTermBody = components['schemas']['MembershipsCreateElectionTermBody'];

export const STEP_ROLES: StepRole[] = ['orientation', 'discussion', 'recommendation', 'decision', 'consultation', 'approval'];
export const ALLOCATION_METHODS: AllocationMethod[] = ['fixedShares', 'population', 'equalSplit'];

/** A resource's version as the strong ETag the API compares If-Match with ("3"). */
export const etagOf = (version: number) => `"${version}"`;

/** A change to a model's data refreshes what other screens show of it (cases, bodies, financing). */
function changed(client: QueryClient, ...parts: string[]) {
  for (const part of parts) void client.invalidateQueries({ queryKey: partnershipKeys(part) });
}

// --- interests ------------------------------------------------------------------------

export function useInterests(modelId: string | undefined) {
  return useQuery({
    queryKey: partnershipKeys('interests', modelId),
    enabled: !!modelId,
    meta: dependsOn('governanceModels'),
    queryFn: () =>
      unwrap(
        api.GET('/api/governance-models/{governanceModelId}/interests', {
          params: { path: { governanceModelId: modelId! }, query: { includeRetired: true } },
        }),
      ),
  });
}

export function useCreateInterest(modelId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInterestBody) =>
      unwrap(
        api.POST('/api/governance-models/{governanceModelId}/interests', {
          params: { path: { governanceModelId: modelId } },
          body,
        }),
      ),
    onSuccess: () => {
      changed(client, 'interests');
      void announce(client, 'cases');
    },
  });
}

export function useUpdateInterest(modelId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body, version }: { code: string; body: UpdateInterestBody; version: number }) =>
      unwrap(
        api.PUT('/api/governance-models/{governanceModelId}/interests/{code}', {
          params: { path: { governanceModelId: modelId, code } },
          body,
          headers: { 'If-Match': etagOf(version) },
        }),
      ),
    onSuccess: () => {
      changed(client, 'interests', 'rules');
      void announce(client, 'cases');
    },
  });
}

export function useRetireInterest(modelId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, version }: { code: string; version: number }) =>
      unwrap(
        api.DELETE('/api/governance-models/{governanceModelId}/interests/{code}', {
          params: { path: { governanceModelId: modelId, code } },
          headers: { 'If-Match': etagOf(version) },
        }),
      ),
    onSuccess: () => {
      changed(client, 'interests');
      void announce(client, 'cases');
    },
  });
}

// --- parties and payers ---------------------------------------------------------------

/** The organisations taking part in a model: the only ones a payer of the model may be or hold. */
export function useParties(modelId: string | undefined) {
  return useQuery({
    queryKey: partnershipKeys('parties', modelId),
    enabled: !!modelId,
    meta: dependsOn('governanceModels', 'organisations'),
    queryFn: async () =>
      [
        ...(await unwrap(api.GET('/api/governance-models/{id}/parties', { params: { path: { id: modelId! } } })))
          .items,
      ].sort((a, b) => a.name.localeCompare(b.name, 'da')),
  });
}

export function usePayers(modelId: string | undefined) {
  return useQuery({
    queryKey: partnershipKeys('payers', modelId),
    enabled: !!modelId,
    meta: dependsOn('financing', 'organisations'),
    queryFn: async () =>
      [...(await unwrap(api.GET('/api/financing/payers', { params: { query: { governanceModelId: modelId } } })))].sort(
        (a, b) => a.name.localeCompare(b.name, 'da'),
      ),
  });
}

export function useCreatePayer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePayerCommand) => unwrap(api.POST('/api/financing/payers', { body })),
    onSuccess: () => {
      changed(client, 'payers');
      void announce(client, 'financing');
    },
  });
}

export function useUpdatePayer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, version }: { id: string; body: UpdatePayerBody; version: number }) =>
      unwrap(
        api.PUT('/api/financing/payers/{id}', {
          params: { path: { id } },
          body,
          headers: { 'If-Match': etagOf(version) },
        }),
      ),
    onSuccess: () => {
      changed(client, 'payers', 'allocation-keys');
      void announce(client, 'financing');
    },
  });
}

export function useDeletePayer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.DELETE('/api/financing/payers/{id}', { params: { path: { id } }, headers: { 'If-Match': etagOf(version) } })),
    onSuccess: () => {
      changed(client, 'payers');
      void announce(client, 'financing');
    },
  });
}

// --- routing rules --------------------------------------------------------------------

/** Every rule of a model, retired ones too (they stay in the history of the cases they routed). */
export function useRules(modelId: string | undefined) {
  return useQuery({
    queryKey: partnershipKeys('rules', modelId),
    enabled: !!modelId,
    meta: dependsOn('governanceModels'),
    queryFn: () =>
      unwrap(api.GET('/api/routing/rules', { params: { query: { governanceModelId: modelId, includeRetired: true } } })),
  });
}

export function useCreateRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRuleCommand) => unwrap(api.POST('/api/routing/rules', { body })),
    onSuccess: () => {
      changed(client, 'rules', 'interests');
      void announce(client, 'cases');
    },
  });
}

export function useUpdateRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, version }: { id: string; body: UpdateRuleBody; version: number }) =>
      unwrap(
        api.PUT('/api/routing/rules/{id}', { params: { path: { id } }, body, headers: { 'If-Match': etagOf(version) } }),
      ),
    onSuccess: () => {
      changed(client, 'rules', 'interests');
      void announce(client, 'cases');
    },
  });
}

export function useRetireRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(
        api.POST('/api/routing/rules/{id}/retirement', {
          params: { path: { id } },
          headers: { 'If-Match': etagOf(version) },
        }),
      ),
    onSuccess: () => {
      changed(client, 'rules', 'interests');
      void announce(client, 'cases');
    },
  });
}

// --- allocation keys ------------------------------------------------------------------

export function useAllocationKeys(modelId: string | undefined) {
  return useQuery({
    queryKey: partnershipKeys('allocation-keys', modelId),
    enabled: !!modelId,
    meta: dependsOn('financing'),
    queryFn: () =>
      readAll<AllocationKey>(() =>
        unwrap(api.GET('/api/financing/allocation-keys', { params: { query: { governanceModelId: modelId, limit: 200 } } })),
      ),
  });
}

export function useCreateAllocationKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAllocationKeyCommand) => unwrap(api.POST('/api/financing/allocation-keys', { body })),
    onSuccess: () => {
      changed(client, 'allocation-keys');
      void announce(client, 'financing');
    },
  });
}

export function useUpdateAllocationKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, version }: { id: string; body: UpdateAllocationKeyBody; version: number }) =>
      unwrap(
        api.PUT('/api/financing/allocation-keys/{id}', {
          params: { path: { id } },
          body,
          headers: { 'If-Match': etagOf(version) },
        }),
      ),
    onSuccess: () => {
      changed(client, 'allocation-keys');
      void announce(client, 'financing');
    },
  });
}

export function useDeleteAllocationKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(
        api.DELETE('/api/financing/allocation-keys/{id}', {
          params: { path: { id } },
          headers: { 'If-Match': etagOf(version) },
        }),
      ),
    onSuccess: () => {
      changed(client, 'allocation-keys');
      void announce(client, 'financing');
    },
  });
}

// --- model documents ------------------------------------------------------------------

/** The export's URL (a plain GET, downloaded as a file). */
export const exportUrl = (modelId: string) => `/api/governance-models/${modelId}/document`;

/** Imports a model document; with dryRun nothing is kept and the answer lists what would change. */
export function useImportDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ document, dryRun }: { document: ModelDocument; dryRun: boolean }) =>
      unwrap(api.POST('/api/model-documents', { params: { query: { dryRun } }, body: document })),
    onSuccess: (_result, { dryRun }) => {
      if (dryRun) return;
      void client.invalidateQueries({ queryKey: partnershipKeys.all });
      void announce(client, 'governanceModels', 'bodies', 'organisations', 'financing', 'cases');
    },
  });
}

// --- election terms -------------------------------------------------------------------

/** The terms a model follows (half-open periods, oldest first): its own if it has any, else the national ones. */
export function useElectionTerms(modelId: string | undefined) {
  return useQuery({
    queryKey: partnershipKeys('election-terms', modelId),
    enabled: !!modelId,
    meta: dependsOn('governanceModels'),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/election-terms', {
            params: { query: { governanceModelId: modelId! } },
          }),
        )
      ).items,
  });
}

export function useCreateElectionTerm(modelId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateElectionTermBody) =>
      unwrap(
        api.POST('/api/governance-models/{governanceModelId}/election-terms', {
          params: { path: { governanceModelId: modelId } },
          body,
        }),
      ),
    onSuccess: () => {
      changed(client, 'election-terms');
      void announce(client, 'memberships');
    },
  });
}
