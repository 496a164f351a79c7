import { useQuery } from '@tanstack/react-query';
import { featureKeys } from '@/lib/api/keys';
import { dependsOn } from '@/lib/api/changes';
import { api, unwrap } from '@/lib/api/client';
import { readAll } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

/** The governance feature's query keys: every key starts with 'governance'. */
export const governanceKeys = featureKeys('governance');

export type GovernanceModel = components['schemas']['GovernanceModelsGovernanceModelResponse'];
export type Graph = components['schemas']['GovernanceModelsGraphResponse'];

export function useGovernanceModels() {
  return useQuery({
    queryKey: governanceKeys('governance-models'),
    queryFn: () =>
      readAll<GovernanceModel>(() => unwrap(api.GET('/api/governance-models', { params: { query: { limit: 100 } } }))),
  });
}

export function useGovernanceGraph(id: string, asOf?: string) {
  return useQuery({
    queryKey: governanceKeys('governance-graph', id, asOf ?? null),
    meta: dependsOn('bodies', 'memberships', 'governanceModels'),
    queryFn: () =>
      unwrap(api.GET('/api/governance-models/{id}/graph', { params: { path: { id }, query: { asOf } } })),
  });
}
