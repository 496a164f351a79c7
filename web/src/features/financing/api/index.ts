import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { featureKeys } from '@/lib/api/keys';
import { announce } from '@/lib/api/changes';
import { usePayerOptions } from '@/lib/lookups';
import { api, unwrap, unwrapWithEtag } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

/** The financing feature's query keys: every key starts with 'financing'. */
export const financeKeys = featureKeys('financing');

export type Rollup = components['schemas']['FinancingReportsRollupResponse'];
export type RollupRow = components['schemas']['FinancingReportsRollupRow'];
export type Grant = components['schemas']['FinancingGrantsGrantResponse'];
export type GrantState = components['schemas']['FinancingGrantState'];
export type Programme = components['schemas']['FinancingProgrammesProgrammeResponse'];

/** Budget and actuals grouped as asked (e.g. "period,payer"), per calendar year; every page read. */
export function useRollup(groupBy: string, programmeId?: string, governanceModelId?: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: financeKeys('rollup', groupBy, programmeId ?? null, governanceModelId ?? null),
    queryFn: async () => {
      // JSON is asked for (Accept: application/json); the same operation also serves CSV.
      const first = (await unwrap(
        api.GET('/api/financing/rollups', {
          params: {
            query: {
              groupBy,
              granularity: 'year',
              programmeId: programmeId || undefined,
              governanceModelId: governanceModelId || undefined,
              limit: 200,
            },
          },
        }),
      )) as Rollup;
      const rows = await readAll<RollupRow>(() => Promise.resolve(first));
      return { ...first, items: rows };
    },
  });
}

export function useBudgetVsActual(programmeId?: string, governanceModelId?: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: financeKeys('budget-vs-actual', programmeId ?? null, governanceModelId ?? null),
    queryFn: async () =>
      (await unwrap(
        api.GET('/api/financing/budget-vs-actual', {
          params: {
            query: {
              byPeriod: true,
              granularity: 'year',
              programmeId: programmeId || undefined,
              governanceModelId: governanceModelId || undefined,
            },
          },
        }),
      )) as Rollup,
  });
}

/** Funding programmes and their phases: of one governance model when it is given, else of every model the caller sees. */
export function useProgrammes(governanceModelId?: string) {
  return useQuery({
    queryKey: financeKeys('programmes', governanceModelId ?? null),
    queryFn: () =>
      readAll<Programme>(() =>
        unwrap(
          api.GET('/api/financing/programmes', {
            params: { query: { limit: 200, governanceModelId: governanceModelId || undefined } },
          }),
        ),
      ),
  });
}

/** The CSV of the allocation table, in Danish spreadsheet conventions. */
export function rollupCsvUrl(groupBy: string, programmeId?: string, governanceModelId?: string): string {
  const q = new URLSearchParams({ groupBy, granularity: 'year', format: 'csv', locale: 'da', bom: 'true' });
  if (programmeId) q.set('ProgrammeId', programmeId);
  if (governanceModelId) q.set('governanceModelId', governanceModelId);
  return `/api/financing/rollups?${q.toString()}`;
}

export type Payer = components['schemas']['FinancingPayersListPayersPayerResponse'];
export type Allocation = components['schemas']['FinancingAllocationsAllocateCoFinancingResponse'];

/** Payers come from the shared look-up (one cache entry for every feature). */
export const usePayers = usePayerOptions;

/** A calculation only (nothing is stored): splits an amount equally over a group payer's members. */
export function useAllocateEqually() {
  return useMutation({
    mutationFn: ({ amount, payerId }: { amount: number; payerId: string }) =>
      unwrap(
        api.POST('/api/financing/allocations', {
          body: { amount: { amount, currency: 'DKK' }, method: 'equal', payerId },
        }),
      ),
  });
}

// ---------------------------------------------------------------------------------------
// Grants, budgets, actuals and staffing: reads and the commands the API offers on them.
// ---------------------------------------------------------------------------------------

export type ProgrammeDetail = components['schemas']['FinancingProgrammesProgrammeDetailResponse'];
export type GrantTotals = components['schemas']['FinancingProgrammesGrantTotals'];
export type GrantEvent = components['schemas']['FinancingGrantsGrantEventResponse'];
export type ReserveGrantCommand = components['schemas']['FinancingGrantsReserveGrantCommand'];
export type GrantTransitionBody = components['schemas']['FinancingGrantsRecordGrantTransitionBody'];
export type Budget = components['schemas']['FinancingBudgetsBudgetResponse'];
export type BudgetVersionSummary = components['schemas']['FinancingBudgetsBudgetVersionSummary'];
export type BudgetVersion = components['schemas']['FinancingBudgetsBudgetVersionResponse'];
export type BudgetVersionStatus = components['schemas']['FinancingBudgetVersionStatus'];
export type BudgetLine = components['schemas']['FinancingBudgetsBudgetLineResponse'];
export type BudgetLineInput = components['schemas']['FinancingBudgetsBudgetLineInput'];
export type ApproveBody = components['schemas']['FinancingBudgetsApproveBudgetVersionBody'];
export type CostType = components['schemas']['FinancingSharedCostType'];
export type Actual = components['schemas']['FinancingActualsActualResponse'];
export type RecordActualCommand = components['schemas']['FinancingActualsRecordActualCommand'];
export type FundedPosition = components['schemas']['FinancingStaffingFundedPositionResponse'];
export type PositionFundingBody = components['schemas']['FinancingStaffingSetPositionFundingBody'];

export const COST_TYPES: CostType[] = ['salaries', 'operations', 'other'];

/** What changes when money moves: every financing read that sums or lists it. */
function invalidateFigures(client: QueryClient) {
  for (const key of ['grants', 'programme', 'rollup', 'budget-vs-actual', 'budgets', 'budget', 'actuals']) {
    void client.invalidateQueries({ queryKey: financeKeys(key) });
  }
  // An organisation's page shows what it pays and receives.
  void announce(client, 'financing');
}

/** A programme with its phases, commitments and grant totals by state (over it and its phases). */
export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: financeKeys('programme', id),
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/financing/programmes/{id}', { params: { path: { id: id! } } })),
  });
}

export function useProgrammeGrants(programmeId: string | undefined, state?: string) {
  return usePagedList<Grant>(financeKeys('grants', state ?? null, programmeId ?? null), () =>
    unwrap(
      api.GET('/api/financing/grants', {
        params: { query: { programmeId: programmeId || undefined, state: state || undefined, limit: 100 } },
      }),
    ),
  );
}

export function useGrant(id: string) {
  return useQuery({
    queryKey: financeKeys('grant', id),
    queryFn: () => unwrapWithEtag(api.GET('/api/financing/grants/{id}', { params: { path: { id } } })),
  });
}

export type GrantAction = 'release' | 'spend' | 'close';

/** Moves a grant on (release, spend, close) with the ETag it was read with. */
export function useGrantTransition(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body, etag }: { action: GrantAction; body: GrantTransitionBody; etag: string }) => {
      const init = { params: { path: { id } }, body, headers: { 'If-Match': etag } };
      switch (action) {
        case 'release':
          return unwrapWithEtag(api.POST('/api/financing/grants/{id}/release', init));
        case 'spend':
          return unwrapWithEtag(api.POST('/api/financing/grants/{id}/spend', init));
        case 'close':
          return unwrapWithEtag(api.POST('/api/financing/grants/{id}/close', init));
      }
    },
    onSuccess: (result) => {
      client.setQueryData(financeKeys('grant', id), result);
      invalidateFigures(client);
    },
  });
}

export function useReserveGrant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReserveGrantCommand) => unwrap(api.POST('/api/financing/grants', { body })),
    onSuccess: () => invalidateFigures(client),
  });
}

export function useBudgets(programmeId?: string) {
  return usePagedList<Budget>(financeKeys('budgets', programmeId ?? null), () =>
    unwrap(api.GET('/api/financing/budgets', { params: { query: { programmeId: programmeId || undefined, limit: 100 } } })),
  );
}

/** Every budget (for pickers). */
export function useAllBudgets() {
  return useQuery({
    queryKey: financeKeys('budgets', 'all'),
    queryFn: () => readAll<Budget>(() => unwrap(api.GET('/api/financing/budgets', { params: { query: { limit: 200 } } }))),
  });
}

export function useBudget(id: string | undefined) {
  return useQuery({
    queryKey: financeKeys('budget', id),
    enabled: !!id,
    queryFn: () => unwrapWithEtag(api.GET('/api/financing/budgets/{id}', { params: { path: { id: id! } } })),
  });
}

export function useBudgetVersion(id: string | undefined, number: number | undefined) {
  return useQuery({
    queryKey: financeKeys('budget', id, 'version', number),
    enabled: !!id && !!number,
    queryFn: () =>
      unwrapWithEtag(
        api.GET('/api/financing/budgets/{id}/versions/{number}', { params: { path: { id: id!, number: number! } } }),
      ),
  });
}

export type CreateBudgetCommand = components['schemas']['FinancingBudgetsCreateBudgetCommand'];

/** A new budget with its first version (a draft) from the lines given. */
export function useCreateBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBudgetCommand) => unwrap(api.POST('/api/financing/budgets', { body })),
    onSuccess: () => invalidateFigures(client),
  });
}

export function useCreateBudgetVersion(budgetId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { note?: string | null; lines: BudgetLineInput[] }) =>
      unwrap(api.POST('/api/financing/budgets/{id}/versions', { params: { path: { id: budgetId } }, body })),
    onSuccess: () => invalidateFigures(client),
  });
}

export function useApproveBudgetVersion(budgetId: string, number: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: ApproveBody; etag: string }) =>
      unwrapWithEtag(
        api.POST('/api/financing/budgets/{id}/versions/{number}/approve', {
          params: { path: { id: budgetId, number } },
          body,
          headers: { 'If-Match': etag },
        }),
      ),
    onSuccess: (result) => {
      client.setQueryData(financeKeys('budget', budgetId, 'version', number), result);
      invalidateFigures(client);
    },
  });
}

export function useActuals(budgetId?: string) {
  return usePagedList<Actual>(financeKeys('actuals', budgetId ?? null), () =>
    unwrap(api.GET('/api/financing/actuals', { params: { query: { budgetId: budgetId || undefined, limit: 50 } } })),
  );
}

export function useRecordActual() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordActualCommand) => unwrap(api.POST('/api/financing/actuals', { body })),
    onSuccess: () => invalidateFigures(client),
  });
}

/** The secretariat's positions with their funding; small, so every page is read. */
export function useStaffing() {
  return useQuery({
    queryKey: financeKeys('staffing'),
    queryFn: () =>
      readAll<FundedPosition>(() => unwrap(api.GET('/api/financing/staffing', { params: { query: { limit: 200 } } }))),
  });
}

/** A position's version is its ETag (the API has no single-position read; the list carries it). */
export function positionEtag(position: FundedPosition): string {
  return `"${position.version}"`;
}

export function useSetPositionFunding(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: PositionFundingBody; etag: string }) =>
      unwrap(
        api.PUT('/api/financing/staffing/{id}/funding', {
          params: { path: { id } },
          body,
          headers: { 'If-Match': etag },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: financeKeys('staffing') }),
  });
}
