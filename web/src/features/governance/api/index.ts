import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { readAll } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

export type GovernanceModel = components['schemas']['GovernanceModelsGovernanceModelResponse'];
export type Graph = components['schemas']['GovernanceModelsGraphResponse'];

export function useGovernanceModels() {
  return useQuery({
    queryKey: ['governance-models'],
    queryFn: () =>
      readAll<GovernanceModel>(() => unwrap(api.GET('/api/governance-models', { params: { query: { limit: 100 } } }))),
  });
}

export function useGovernanceGraph(id: string, asOf?: string) {
  return useQuery({
    queryKey: ['governance-graph', id, asOf ?? null],
    queryFn: () =>
      unwrap(api.GET('/api/governance-models/{id}/graph', { params: { path: { id }, query: { asOf } } })),
  });
}
