import { useQuery } from '@tanstack/react-query';

// Shapes assumed until the graph operation appears in openapi.yaml; replaced by generated types then.
export interface GovernanceModel {
  id: string;
  code: string;
  name: string;
}
export interface Graph {
  model?: GovernanceModel;
  nodes: { id: string; code: string; name: string; nameEn?: string | null; kind: string }[];
  edges: { id: string; fromBodyId: string; toBodyId: string; kind: string; note?: string | null }[];
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(String(res.status));
  return (await res.json()) as T;
}

export function useGovernanceModels() {
  return useQuery({
    queryKey: ['governance-models'],
    queryFn: async () => (await getJson<{ items: GovernanceModel[] }>('/api/governance-models')).items,
  });
}

export function useGovernanceGraph(id: string) {
  return useQuery({
    queryKey: ['governance-graph', id],
    queryFn: () => getJson<Graph>(`/api/governance-models/${id}/graph`),
  });
}
