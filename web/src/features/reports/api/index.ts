import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { featureKeys } from '@/lib/api/keys';
import { api, unwrap } from '@/lib/api/client';
import { readAll, usePagedList } from '@/lib/api/paging';
import { dependsOn } from '@/lib/api/changes';
import { humanise } from '@/lib/codes';
import { useSession } from '@/lib/session';
import type { components } from '@/lib/api/schema';

/** The reports feature's query keys: every key starts with 'reports'. */
export const reportKeys = featureKeys('reports');

export type StatusReport = components['schemas']['ReportsStatusReport'];
export type WorkPlanProgress = components['schemas']['WorkPlanGetWorkPlanProgressWorkPlanProgress'];
export type WorkStatus = components['schemas']['WorkPlanWorkStatus'];
export type IssuedReport = components['schemas']['ReportsIssuedReportResponse'];
export type IssuedReportSummary = components['schemas']['ReportsIssuedReportSummary'];
export type ReportComparison = components['schemas']['ReportsCompareReportsReportComparison'];

/** North Jutland's governance model from the seed; the page takes ?model= for any other. */
export const DEFAULT_MODEL = '01000000-0000-0000-0000-000000000001';

export interface Period {
  model: string;
  from: string;
  to: string;
}

export function reportQuery(p: Period): string {
  return new URLSearchParams({ governanceModelId: p.model, from: p.from, to: p.to }).toString();
}

export function useStatusReport(p: Period) {
  return useQuery({
    queryKey: reportKeys('statusReport', p),
    queryFn: () =>
      unwrap(api.GET('/api/reports/status', { params: { query: { governanceModelId: p.model, from: p.from, to: p.to } } })),
  });
}

export function useIssuedReports(model: string) {
  return usePagedList<IssuedReportSummary>(reportKeys('issuedReports', model), () =>
    unwrap(api.GET('/api/reports', { params: { query: { governanceModelId: model, limit: 50 } } })),
  );
}

export function useIssuedReport(id: string) {
  return useQuery({
    queryKey: reportKeys('issuedReport', id),
    // Issued reports never change: cache them for good.
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/reports/{id}', { params: { path: { id } } })),
  });
}

export function useComparison(id: string, withId: string | null) {
  return useQuery({
    queryKey: reportKeys('reportComparison', id, withId),
    enabled: withId !== null,
    queryFn: () =>
      unwrap(api.GET('/api/reports/{id}/comparison', { params: { path: { id }, query: { with: withId ?? 'live' } } })),
  });
}

export function useIssueReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (p: Period & { title?: string }) =>
      unwrap(api.POST('/api/reports', { body: { governanceModelId: p.model, from: p.from, to: p.to, title: p.title ?? null } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: reportKeys('issuedReports') }),
  });
}

/** Programmes and payers of a report's model by their names, for the codes the report's rows carry. */
export interface ReportNames {
  programme: (code: string) => string;
  payer: (code: string) => string;
}

export function useReportNames(modelId: string): ReportNames {
  const { can } = useSession();
  const enabled = can('budgets:read');
  const programmes = useQuery({
    queryKey: reportKeys('programmeNames', modelId),
    enabled,
    meta: dependsOn('financing'),
    queryFn: () =>
      readAll(() => unwrap(api.GET('/api/financing/programmes', { params: { query: { governanceModelId: modelId, limit: 200 } } }))),
  });
  const payers = useQuery({
    queryKey: reportKeys('payerNames', modelId),
    enabled,
    meta: dependsOn('financing'),
    queryFn: () => unwrap(api.GET('/api/financing/payers', { params: { query: { governanceModelId: modelId } } })),
  });
  // A code not (yet) known is made readable rather than shown raw.
  const name = (list: readonly { code: string; name: string }[] | undefined) => (code: string) =>
    list?.find((x) => x.code === code)?.name ?? humanise(code);
  return { programme: name(programmes.data), payer: name(payers.data) };
}
