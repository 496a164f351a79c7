import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';

export interface MapNode {
  id: string;
  name: string;
  kind: string;
  seatsTotal?: number;
  seatsFilled?: number;
  /** The host organisation by name (the text list says where a body is anchored). */
  hostName?: string;
  /** Set on a drawn group: the bodies it stands for (same kind, the same relations to the same bodies). */
  members?: { id: string; name: string }[];
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  label: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface Positioned {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A relation as drawn: its route from the source box to the target box and the box its label sits in. */
export interface RoutedEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  label: string;
  points: Point[];
  labelBox: Positioned | null;
}

export interface Layout {
  nodes: Positioned[];
  edges: RoutedEdge[];
  width: number;
  height: number;
}

// Every text in the drawing is at the page's body size (16 px), so nothing is smaller than the
// text around the map at the default zoom of 1. A box holds: 2px border and 0.5rem padding top
// and bottom, the name in bold 1rem at line-height 1.4, then the kind (and seat count) in 1rem.
// Bold 16 px system-ui runs at most about 9.5 px a character, so a name wraps at about this many
// characters in a box's width; the estimate errs on the side of too few, so a box is never
// shorter than its text.
export const FONT = 16;
export const NODE_WIDTH = 240;
export const GROUP_WIDTH = 260;
const LINE = FONT * 1.4;
const FRAME = 2 * 2 + 2 * 8;
const CHAR = 9.5;
const CHARS_PER_LINE = Math.floor((NODE_WIDTH - FRAME - 4) / CHAR);
/** Room for an edge label: its text at 1rem bold-ish, with padding. Wider than the text ever is. */
export function labelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil(text.length * CHAR + 16), height: Math.ceil(LINE + 6) };
}

/** Vertical room between one layer and the next (labels sit in layers of their own). */
export const LEVEL_GAP = 36;
/** Room between boxes side by side. */
export const NODE_GAP = 28;

/** Lines a name takes when wrapped at word boundaries in a node box. */
export function nameLines(name: string, perLine = CHARS_PER_LINE): number {
  let lines = 1;
  let used = 0;
  for (const word of name.split(/\s+/).filter(Boolean)) {
    // A word longer than a line breaks over as many lines as it needs.
    const length = word.length;
    if (used === 0) {
      lines += Math.floor(Math.max(0, length - 1) / perLine);
      used = length % perLine || perLine;
    } else if (used + 1 + length <= perLine) {
      used += 1 + length;
    } else {
      lines += 1 + Math.floor(Math.max(0, length - 1) / perLine);
      used = length % perLine || perLine;
    }
  }
  return lines;
}

/** The box a body (or a group of bodies) is drawn in: fixed width, as tall as its wrapped text. */
export function nodeSize(node: MapNode): { width: number; height: number } {
  if (node.members) {
    const perLine = Math.floor((GROUP_WIDTH - FRAME - 4) / CHAR);
    const lines =
      nameLines(node.name, perLine) + 1 + node.members.reduce((sum, m) => sum + nameLines(m.name, perLine), 0);
    return { width: GROUP_WIDTH, height: Math.ceil(FRAME + lines * LINE + 16) };
  }
  const small = node.seatsTotal ? 2 : 1;
  return { width: NODE_WIDTH, height: Math.ceil(FRAME + (nameLines(node.name) + small) * LINE + 4) };
}

/**
 * Bodies of one kind that stand in exactly the same relations to the same other bodies (the 11
 * municipal councils, the 5 geographic organisations) are drawn as one box listing them, with
 * each shared relation drawn once: eleven identical arrows and labels say no more than one.
 * The group's heading is what their names have in common ("Kommunalbestyrelsen i"); each name
 * in the box is what is left. Data in, data out: no code names a body.
 */
export function collapseGroups(
  nodes: MapNode[],
  edges: MapEdge[],
  minimum = 3,
): { nodes: MapNode[]; edges: MapEdge[] } {
  const ids = new Set(nodes.map((n) => n.id));
  const valid = edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target);
  const signature = new Map<string, string[]>();
  for (const e of valid) {
    signature.set(e.source, [...(signature.get(e.source) ?? []), `out:${e.kind}:${e.target}`]);
    signature.set(e.target, [...(signature.get(e.target) ?? []), `in:${e.kind}:${e.source}`]);
  }
  const byKey = new Map<string, MapNode[]>();
  for (const n of nodes) {
    const parts = signature.get(n.id);
    if (!parts) continue;
    const key = `${n.kind}|${[...parts].sort().join('|')}`;
    byKey.set(key, [...(byKey.get(key) ?? []), n]);
  }
  const groupOf = new Map<string, string>();
  const groups: MapNode[] = [];
  for (const members of byKey.values()) {
    if (members.length < minimum) continue;
    const sorted = [...members].sort((a, b) => a.name.localeCompare(b.name, 'da'));
    const prefix = commonPrefix(sorted.map((m) => m.name));
    const id = `group:${sorted[0]!.id}`;
    for (const m of sorted) groupOf.set(m.id, id);
    groups.push({
      id,
      kind: sorted[0]!.kind,
      name: prefix.replace(/[\s,:–-]+$/u, '') || sorted[0]!.name,
      members: sorted.map((m) => ({ id: m.id, name: m.name.slice(prefix.length).trim() || m.name })),
    });
  }
  const kept = nodes.filter((n) => !groupOf.has(n.id));
  const seen = new Set<string>();
  const merged: MapEdge[] = [];
  for (const e of valid) {
    const source = groupOf.get(e.source) ?? e.source;
    const target = groupOf.get(e.target) ?? e.target;
    const key = `${source}|${e.kind}|${target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push({ ...e, source, target, id: source === e.source && target === e.target ? e.id : `group-edge:${key}` });
  }
  return { nodes: [...kept, ...groups], edges: merged };
}

/** The longest common leading text of the names, cut back to a whole word. */
function commonPrefix(names: string[]): string {
  if (names.length < 2) return '';
  let prefix = names[0]!;
  for (const name of names.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const cut = prefix.lastIndexOf(' ');
  return cut < 0 ? '' : prefix.slice(0, cut + 1);
}

/** Two relations between the same two bodies in the same direction share one arrow: "styrer, faglig reference for". */
export function mergeParallel(edges: MapEdge[]): MapEdge[] {
  const byPair = new Map<string, MapEdge>();
  for (const e of edges) {
    const key = `${e.source}|${e.target}`;
    const existing = byPair.get(key);
    byPair.set(key, existing ? { ...existing, label: `${existing.label}, ${e.label}` } : e);
  }
  return [...byPair.values()];
}

const elk = new ELK();

/**
 * Automatic layout by ELK's layered algorithm, top-down in level bands: national, political,
 * administrative, secretariats, other (ELK partitions), whatever way a relation reads: "the
 * secretariat serves the board" still puts the board above. ELK also routes every relation
 * (orthogonally) and places its label in a slot of its own, so no label overlaps another label
 * or a box. Pure data in, positions and routes out; the drawing is used at zoom 1 as laid out.
 */
export async function layoutGraph(nodes: MapNode[], edges: MapEdge[]): Promise<Layout> {
  const ids = new Set(nodes.map((n) => n.id));
  const levelOf = new Map(nodes.map((n) => [n.id, LEVEL[kindGroup(n.kind)]]));
  const sizeOf = new Map(nodes.map((n) => [n.id, nodeSize(n)]));
  const valid = mergeParallel(edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target));
  // Layering follows levels: an edge from a lower band up to a higher one is laid out reversed
  // and its route turned round afterwards, so the arrow still points the way the relation reads.
  const reversed = new Set(valid.filter((e) => levelOf.get(e.source)! > levelOf.get(e.target)!).map((e) => e.id));
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.partitioning.activate': 'true',
      // One layering for the whole graph, so the level bands line up across components.
      'elk.separateConnectedComponents': 'false',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.edgeLabels.inline': 'true',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(LEVEL_GAP),
      'elk.layered.spacing.edgeNodeBetweenLayers': String(LEVEL_GAP / 2),
      'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
      'elk.spacing.nodeNode': String(NODE_GAP),
      'elk.spacing.edgeNode': '16',
      'elk.spacing.edgeEdge': '12',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.labelLabel': '6',
      'elk.padding': '[top=8,left=8,bottom=8,right=8]',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((n) => ({
      id: n.id,
      ...sizeOf.get(n.id)!,
      layoutOptions: { 'elk.partitioning.partition': String(levelOf.get(n.id)) },
    })),
    edges: valid.map((e) => {
      const [s, t] = reversed.has(e.id) ? [e.target, e.source] : [e.source, e.target];
      return {
        id: e.id,
        sources: [s],
        targets: [t],
        labels: [
          { id: `${e.id}:label`, text: e.label, ...labelSize(e.label), layoutOptions: { 'elk.edgeLabels.placement': 'CENTER' } },
        ],
      };
    }),
  };
  const graph = await elk.layout(input);
  const placed: Positioned[] = (graph.children ?? []).map((c) => ({
    id: c.id,
    x: c.x ?? 0,
    y: c.y ?? 0,
    ...sizeOf.get(c.id)!,
  }));
  const byId = new Map(valid.map((e) => [e.id, e]));
  const routed: RoutedEdge[] = (graph.edges ?? []).map((laid) => {
    const e = byId.get(laid.id)!;
    const section = laid.sections?.[0];
    let points: Point[] = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    if (reversed.has(e.id)) points = [...points].reverse();
    const label = laid.labels?.[0];
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      kind: e.kind,
      label: e.label,
      points: points.map((p) => ({ x: p.x, y: p.y })),
      labelBox:
        label && label.x !== undefined && label.y !== undefined
          ? { id: label.id ?? e.id, x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 }
          : null,
    };
  });
  return { nodes: placed, edges: routed, width: graph.width ?? 0, height: graph.height ?? 0 };
}

/** Whether two boxes share any area (touching edges do not count). */
export function intersects(a: Positioned, b: Positioned): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const LEVEL: Record<KindGroup, number> = {
  national: 0,
  political: 1,
  administrative: 2,
  secretariat: 3,
  other: 4,
};

export type KindGroup = 'political' | 'administrative' | 'secretariat' | 'national' | 'other';

export const GROUPS: KindGroup[] = ['national', 'political', 'administrative', 'secretariat', 'other'];

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
