import ELK from 'elkjs/lib/elk.bundled.js';

export interface MapNode {
  id: string;
  name: string;
  kind: string;
  seatsTotal?: number;
  seatsFilled?: number;
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  label: string;
}

export interface Positioned {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 64;

const elk = new ELK();

/**
 * Automatic layered layout (top-down: political level above administrative above
 * secretariats, following the edge directions). Pure data in, positions out.
 */
export async function layoutGraph(nodes: MapNode[], edges: MapEdge[]): Promise<Positioned[]> {
  const ids = new Set(nodes.map((n) => n.id));
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '50',
      'elk.spacing.edgeLabel': '8',
      'elk.edgeLabels.inline': 'true',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    },
    children: nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    // Layering follows levels, not the way a relation reads: "secretariat serves board"
    // still puts the board above. Relations within one level do not shape the layers.
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .flatMap((e) => {
        const from = LEVEL[kindGroup(kindOf.get(e.source) ?? '')];
        const to = LEVEL[kindGroup(kindOf.get(e.target) ?? '')];
        if (from === to) return [];
        const [s, t] = from < to ? [e.source, e.target] : [e.target, e.source];
        return [{ id: e.id, sources: [s], targets: [t] }];
      }),
  });
  return (graph.children ?? []).map((c) => ({
    id: c.id,
    x: c.x ?? 0,
    y: c.y ?? 0,
    width: c.width ?? NODE_WIDTH,
    height: c.height ?? NODE_HEIGHT,
  }));
}

const LEVEL: Record<KindGroup, number> = {
  national: 0,
  political: 1,
  administrative: 2,
  secretariat: 3,
  other: 4,
};

export type KindGroup = 'political' | 'administrative' | 'secretariat' | 'national' | 'other';

/** Bodies are coloured by the level they work at; unknown kinds still draw. */
export function kindGroup(kind: string): KindGroup {
  const k = kind.toLowerCase();
  if (k.includes('secretariat')) return 'secretariat';
  if (k.includes('national')) return 'national';
  if (k.includes('administrative') || k.includes('steering') || k.includes('project')) {
    return 'administrative';
  }
  if (k.includes('political') || k.includes('council') || k.includes('forum') || k.includes('board')) {
    return 'political';
  }
  return 'other';
}
