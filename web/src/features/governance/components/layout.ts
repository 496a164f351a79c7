import ELK from 'elkjs/lib/elk.bundled.js';

export interface MapNode {
  id: string;
  name: string;
  kind: string;
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
    },
    children: nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({
        id: e.id,
        sources: [e.source],
        targets: [e.target],
        labels: [{ text: e.label, width: Math.min(160, 7 * e.label.length), height: 16 }],
      })),
  });
  return (graph.children ?? []).map((c) => ({
    id: c.id,
    x: c.x ?? 0,
    y: c.y ?? 0,
    width: c.width ?? NODE_WIDTH,
    height: c.height ?? NODE_HEIGHT,
  }));
}

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
