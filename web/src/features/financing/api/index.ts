import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

export type Rollup = components['schemas']['FinancingReportsRollupResponse'];
export type RollupRow = components['schemas']['FinancingReportsRollupRow'];
export type Grant = components['schemas']['FinancingGrantsGrantResponse'];
export type GrantState = components['schemas']['FinancingGrantState'];
export type Programme = components['schemas']['FinancingProgrammesProgrammeResponse'];

/** Budget and actuals grouped as asked (e.g. "period,payer"), per calendar year; every page read. */
export function useRollup(groupBy: string, programmeId?: string) {
  return useQuery({
    queryKey: ['rollup', groupBy, programmeId ?? null],
    queryFn: async () => {
      // JSON is asked for (Accept: application/json); the same operation also serves CSV.
      const first = (await unwrap(
        api.GET('/api/financing/rollups', {
          params: {
            query: { GroupBy: groupBy, Granularity: 'year', ProgrammeId: programmeId || undefined, Limit: 200 },
          },
        }),
      )) as Rollup;
      const rows = await readAll<RollupRow>(() => Promise.resolve(first));
      return { ...first, items: rows };
    },
  });
}

export function useBudgetVsActual(programmeId?: string) {
  return useQuery({
    queryKey: ['budget-vs-actual', programmeId ?? null],
    queryFn: async () =>
      (await unwrap(
        api.GET('/api/financing/budget-vs-actual', {
          params: { query: { ByPeriod: true, Granularity: 'year', ProgrammeId: programmeId || undefined } },
        }),
      )) as Rollup,
  });
}

export function useGrants(state?: string) {
  return usePagedList<Grant>(['grants', state ?? null], () =>
    unwrap(api.GET('/api/financing/grants', { params: { query: { State: state || undefined, Limit: 100 } } })),
  );
}

export function useProgrammes() {
  return useQuery({
    queryKey: ['programmes'],
    queryFn: () =>
      readAll<Programme>(() => unwrap(api.GET('/api/financing/programmes', { params: { query: { Limit: 200 } } }))),
  });
}

/** The CSV of the allocation table, in Danish spreadsheet conventions. */
export function rollupCsvUrl(groupBy: string, programmeId?: string): string {
  const q = new URLSearchParams({ GroupBy: groupBy, Granularity: 'year', Format: 'csv', Locale: 'da', Bom: 'true' });
  if (programmeId) q.set('ProgrammeId', programmeId);
  return `/api/financing/rollups?${q.toString()}`;
}

export type Payer = components['schemas']['FinancingPayersListPayersPayerResponse'];
export type Allocation = components['schemas']['FinancingAllocationsAllocateCoFinancingResponse'];

export function usePayers() {
  return useQuery({
    queryKey: ['payers'],
    queryFn: () => unwrap(api.GET('/api/financing/payers')),
    staleTime: 5 * 60_000,
  });
}

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
