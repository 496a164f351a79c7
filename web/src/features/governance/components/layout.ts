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
  /**
   * Set on a drawn group: the bodies it stands for (same kind, the same relations to the same bodies), each by the part
   * of its name that differs ("Aalborg") and its full name ("Kommunalbestyrelsen i Aalborg Kommune").
   */
  members?: { id: string; name: string; fullName: string }[];
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  /** The relation in full ("udpeger medlemmer til"): the text list's words, and the drawn label's hover text. */
  label: string;
  /** What the drawing writes on the line ("udpeger"); the full label when not given. */
  short?: string;
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
  short: string;
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
export const NODE_WIDTH = 220;
/** The narrowest a group's box is (its heading wraps in it). */
export const GROUP_WIDTH = 240;
const LINE = FONT * 1.4;
const FRAME = 2 * 2 + 2 * 8;
const CHAR = 9.5;
const CHARS_PER_LINE = Math.floor((NODE_WIDTH - FRAME - 4) / CHAR);
/** An edge label is one line at 1rem with a line height of 1.25 and a 1 px border: 22 px, with room to spare. */
const LABEL_HEIGHT = Math.ceil(FONT * 1.25 + 4);
/** Room for an edge label: its text at 1rem bold-ish, with padding. Wider than the text ever is. */
export function labelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil(text.length * CHAR + 14), height: LABEL_HEIGHT };
}

/** Vertical room between one layer and the next: enough for a label on the lines that cross it. */
export const LEVEL_GAP = 36;
/** Room between boxes side by side. */
export const NODE_GAP = 24;

/** How many columns a group lists its members in: few in one, the 11 councils in three, never more than five. */
export function groupColumns(count: number): number {
  return Math.max(1, Math.min(5, Math.ceil(Math.sqrt(count / 1.5))));
}

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
    // Members side by side in columns as wide as the longest (short) name, so the group is wide rather than tall.
    const columns = groupColumns(node.members.length);
    const column = Math.ceil(Math.max(...node.members.map((m) => m.name.length)) * CHAR + 12);
    const width = Math.max(GROUP_WIDTH, columns * column + FRAME + 4);
    const perLine = Math.floor((width - FRAME - 4) / CHAR);
    const perColumn = Math.floor((column - 12) / CHAR);
    let rows = 0;
    for (let i = 0; i < node.members.length; i += columns) {
      rows += Math.max(...node.members.slice(i, i + columns).map((m) => nameLines(m.name, perColumn)));
    }
    const lines = nameLines(node.name, perLine) + 1 + rows;
    return { width, height: Math.ceil(FRAME + lines * LINE + 8) };
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
  const byKey = new Map<string, MapNode[]>();
  for (const members of candidateGroups(nodes, valid, minimum)) byKey.set(members[0]!.id, members);
  const groupOf = new Map<string, string>();
  const groups: MapNode[] = [];
  for (const members of byKey.values()) {
    const sorted = [...members].sort((a, b) => a.name.localeCompare(b.name, 'da'));
    const prefix = commonPrefix(sorted.map((m) => m.name));
    const suffix = commonSuffix(sorted.map((m) => m.name.slice(prefix.length)));
    const id = `group:${sorted[0]!.id}`;
    for (const m of sorted) groupOf.set(m.id, id);
    const head = prefix.replace(/[\s,:–-]+$/u, '');
    groups.push({
      id,
      kind: sorted[0]!.kind,
      // "Kommunalbestyrelsen i … Kommune": what the names share, with the place of what differs.
      name: suffix ? `${head || ''} … ${suffix.trim()}`.trim() : head || sorted[0]!.name,
      members: sorted.map((m) => ({
        id: m.id,
        name: m.name.slice(prefix.length, m.name.length - suffix.length).trim() || m.name,
        fullName: m.name,
      })),
    });
  }
  const kept = nodes.filter((n) => !groupOf.has(n.id));
  const seen = new Set<string>();
  const merged: MapEdge[] = [];
  for (const e of valid) {
    const source = groupOf.get(e.source) ?? e.source;
    const target = groupOf.get(e.target) ?? e.target;
    const key = `${source}|${e.kind}|${target}`;
    if (source === target || seen.has(key)) continue;
    seen.add(key);
    merged.push({ ...e, source, target, id: source === e.source && target === e.target ? e.id : `group-edge:${key}` });
  }
  return { nodes: [...kept, ...groups], edges: merged };
}

/**
 * The sets of bodies that can be drawn as one box. First, bodies alike in structure (colour
 * refinement: same kind, and the same kinds of relation to bodies alike in turn), so that the 29
 * councils that each have a committee of their own are alike, as are the 29 committees. Then only
 * sets whose members stand in exactly the same relations to the same bodies or boxes are kept
 * (a set that differs splits, until none does), so a box's one arrow is true of each body in it.
 */
function candidateGroups(nodes: MapNode[], edges: MapEdge[], minimum: number): MapNode[][] {
  const related = new Set(edges.flatMap((e) => [e.source, e.target]));
  const shown = nodes.filter((n) => related.has(n.id));
  let colour = new Map(shown.map((n) => [n.id, n.kind]));
  for (let round = 0; round < 12; round++) {
    const next = new Map<string, string>();
    for (const n of shown) {
      const parts = new Set<string>();
      for (const e of edges) {
        if (e.source === n.id) parts.add(`out:${e.kind}:${colour.get(e.target)}`);
        if (e.target === n.id) parts.add(`in:${e.kind}:${colour.get(e.source)}`);
      }
      next.set(n.id, `${colour.get(n.id)}(${[...parts].sort().join(',')})`);
    }
    const before = new Set(colour.values()).size;
    // Short names for the classes, so the text does not grow round by round.
    const names = new Map([...new Set(next.values())].sort().map((c, i) => [c, `c${i}`]));
    colour = new Map([...next].map(([id, c]) => [id, names.get(c)!]));
    if (new Set(colour.values()).size === before) break;
  }
  const classes = new Map<string, MapNode[]>();
  for (const n of shown) classes.set(colour.get(n.id)!, [...(classes.get(colour.get(n.id)!) ?? []), n]);
  let groups = [...classes.values()].filter((members) => members.length >= minimum);
  for (;;) {
    const groupOf = new Map(groups.flatMap((members, i) => members.map((m) => [m.id, `group${i}`] as const)));
    const signature = (id: string) => {
      const parts = new Set<string>();
      for (const e of edges) {
        if (e.source === id) parts.add(`out:${e.kind}:${groupOf.get(e.target) ?? e.target}`);
        if (e.target === id) parts.add(`in:${e.kind}:${groupOf.get(e.source) ?? e.source}`);
      }
      return [...parts].sort().join('|');
    };
    if (groups.every((members) => new Set(members.map((m) => signature(m.id))).size === 1)) return groups;
    // A set whose members differ splits by what they relate to; a part too small to draw as a box is drawn body by body.
    groups = groups.flatMap((members) => {
      const parts = new Map<string, MapNode[]>();
      for (const m of members) parts.set(signature(m.id), [...(parts.get(signature(m.id)) ?? []), m]);
      return [...parts.values()].filter((part) => part.length >= minimum);
    });
  }
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

/** The longest common trailing text of the names (each already without the common prefix), from a whole word. */
function commonSuffix(names: string[]): string {
  if (names.length < 2) return '';
  let suffix = names[0]!;
  for (const name of names.slice(1)) {
    let i = 0;
    while (i < suffix.length && i < name.length && suffix[suffix.length - 1 - i] === name[name.length - 1 - i]) i++;
    suffix = suffix.slice(suffix.length - i);
  }
  const cut = suffix.indexOf(' ');
  if (cut < 0) return '';
  const whole = suffix.slice(cut);
  // Never the whole of a name: each member keeps a word of its own.
  return names.some((n) => n.trim().length <= whole.trim().length) ? '' : whole;
}

/** Two relations between the same two bodies in the same direction share one arrow: "styrer, faglig reference for". */
export function mergeParallel(edges: MapEdge[]): MapEdge[] {
  const byPair = new Map<string, MapEdge>();
  for (const e of edges) {
    const key = `${e.source}|${e.target}`;
    const existing = byPair.get(key);
    byPair.set(
      key,
      existing
        ? { ...existing, label: `${existing.label}, ${e.label}`, short: `${existing.short ?? existing.label}, ${e.short ?? e.label}` }
        : e,
    );
  }
  return [...byPair.values()];
}

const elk = new ELK();

/**
 * Automatic layout by ELK's layered algorithm, top-down in level bands: national, political,
 * administrative, secretariats, other (ELK partitions), whatever way a relation reads: "the
 * secretariat serves the board" still puts the board above. ELK routes every relation
 * (orthogonally); each label is then put on its own line (see placeLabels), so it names the line
 * it sits on and no label overlaps another label or a box. Pure data in, positions and routes out.
 */
export async function layoutGraph(nodes: MapNode[], edges: MapEdge[]): Promise<Layout> {
  // The tightest spacing between layers that leaves every label a free place on its line; more room only when needed.
  let layout: Layout | null = null;
  for (const gap of [LEVEL_GAP, LEVEL_GAP + 14, LEVEL_GAP + 30, LEVEL_GAP + 50]) {
    layout = await layoutOnce(nodes, edges, gap);
    if (labelClashes(layout) === 0) return layout;
  }
  return layout!;
}

/** How many label boxes cover another label or a box. */
export function labelClashes(layout: Layout): number {
  const labels = layout.edges.map((e) => e.labelBox).filter((b): b is Positioned => b !== null);
  return (
    labels.reduce((sum, a, i) => sum + labels.slice(i + 1).filter((b) => intersects(a, b)).length, 0) +
    labels.reduce((sum, a) => sum + layout.nodes.filter((n) => intersects(a, n)).length, 0)
  );
}

async function layoutOnce(nodes: MapNode[], edges: MapEdge[], gap: number): Promise<Layout> {
  const ids = new Set(nodes.map((n) => n.id));
  const levelOf = new Map(nodes.map((n) => [n.id, LEVEL[kindGroup(n.kind)]]));
  const sizeOf = new Map(nodes.map((n) => [n.id, nodeSize(n)]));
  const valid = mergeParallel(edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target));
  // Layering follows levels: an edge from a lower band up to a higher one is laid out reversed
  // and its route turned round afterwards, so the arrow still points the way the relation reads.
  // Within a level, a body that appoints members to another sits below it (the councils under the boards they fill),
  // which keeps a level to few layers.
  const reversed = new Set(
    valid
      .filter((e) => {
        const [from, to] = [levelOf.get(e.source)!, levelOf.get(e.target)!];
        return from > to || (from === to && e.kind === 'appointsMembersTo');
      })
      .map((e) => e.id),
  );
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.partitioning.activate': 'true',
      // One layering for the whole graph, so the level bands line up across components.
      'elk.separateConnectedComponents': 'false',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(gap),
      'elk.layered.spacing.edgeNodeBetweenLayers': String(gap / 2),
      'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
      'elk.spacing.nodeNode': String(NODE_GAP),
      'elk.spacing.edgeNode': '14',
      'elk.spacing.edgeEdge': '10',
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
      return { id: e.id, sources: [s], targets: [t] };
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
  const routes = (graph.edges ?? []).map((laid) => {
    const e = byId.get(laid.id)!;
    const section = laid.sections?.[0];
    let points: Point[] = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    if (reversed.has(e.id)) points = [...points].reverse();
    return { ...e, short: e.short ?? e.label, points: points.map((p) => ({ x: p.x, y: p.y })) };
  });
  // Lines of one kind from one body (the councils appointing members to three bodies) share one label: the same
  // words three times over crowd the space between two layers and say no more than the colour already does.
  const labelled = new Map<string, (typeof routes)[number]>();
  for (const r of [...routes].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = `${r.source}|${r.kind}|${r.short}`;
    if (!labelled.has(key)) labelled.set(key, r);
  }
  const boxes = placeLabels([...labelled.values()], placed);
  const routed: RoutedEdge[] = routes.map((r) => ({
    id: r.id,
    source: r.source,
    target: r.target,
    kind: r.kind,
    label: r.label,
    short: r.short,
    points: r.points,
    labelBox: boxes.get(r.id) ?? null,
  }));
  const width = Math.max(graph.width ?? 0, ...[...boxes.values()].map((b) => b.x + b.width + 8));
  const height = Math.max(graph.height ?? 0, ...[...boxes.values()].map((b) => b.y + b.height + 8));
  return { nodes: placed, edges: routed, width, height };
}

/**
 * Puts each relation's label on its own line: centred on a point of its route, so the line runs
 * through the label, at the first place (middles of the longest segments first, then along them)
 * where it covers no box and no label placed before it. A label with no free place at all goes
 * where it covers the fewest. The longest labels are placed first, while there is most room.
 */
export function placeLabels(
  routes: { id: string; short: string; points: Point[] }[],
  nodes: Positioned[],
): Map<string, Positioned> {
  const placed = new Map<string, Positioned>();
  const taken: Positioned[] = [];
  const margin = 2;
  const grown = (b: Positioned): Positioned => ({ ...b, x: b.x - margin, y: b.y - margin, width: b.width + 2 * margin, height: b.height + 2 * margin });
  const order = [...routes].filter((r) => r.points.length >= 2).sort((a, b) => b.short.length - a.short.length || a.id.localeCompare(b.id));
  for (const route of order) {
    const size = labelSize(route.short);
    const segments = route.points.slice(1).map((p, i) => ({ a: route.points[i]!, b: p }));
    const length = (s: { a: Point; b: Point }) => Math.abs(s.a.x - s.b.x) + Math.abs(s.a.y - s.b.y);
    const candidates: Positioned[] = [];
    for (const s of [...segments].sort((x, y) => length(y) - length(x))) {
      if (length(s) === 0) continue;
      const steps = Math.max(2, Math.floor(length(s) / 4));
      // 0.5, then outwards from the middle in both directions.
      const ts = [0.5];
      for (let k = 1; k <= steps / 2; k++) ts.push(0.5 - k / steps, 0.5 + k / steps);
      for (const t of ts) {
        const cx = s.a.x + (s.b.x - s.a.x) * t;
        const cy = s.a.y + (s.b.y - s.a.y) * t;
        candidates.push({ id: `${route.id}:label`, x: cx - size.width / 2, y: cy - size.height / 2, ...size });
      }
    }
    if (candidates.length === 0) continue;
    const cost = (c: Positioned) => {
      const g = grown(c);
      return nodes.filter((n) => intersects(g, n)).length * 2 + taken.filter((t) => intersects(g, t)).length;
    };
    let best = candidates[0]!;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const k = cost(c);
      if (k < bestCost) {
        best = c;
        bestCost = k;
        if (k === 0) break;
      }
    }
    placed.set(route.id, best);
    taken.push(best);
  }
  return placed;
}

/**
 * One level's part of the model: its bodies, the bodies directly related to them, and the
 * relations that touch the level (a relation between two of the neighbours belongs to another
 * level's picture). 'all' is the whole model.
 */
export function levelView(nodes: MapNode[], edges: MapEdge[], level: KindGroup | 'all'): { nodes: MapNode[]; edges: MapEdge[] } {
  if (level === 'all') return { nodes, edges };
  const ids = new Set(nodes.map((n) => n.id));
  const inLevel = new Set(nodes.filter((n) => kindGroup(n.kind) === level).map((n) => n.id));
  const kept = edges.filter((e) => ids.has(e.source) && ids.has(e.target) && (inLevel.has(e.source) || inLevel.has(e.target)));
  const shown = new Set([...inLevel, ...kept.flatMap((e) => [e.source, e.target])]);
  return { nodes: nodes.filter((n) => shown.has(n.id)), edges: kept };
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
