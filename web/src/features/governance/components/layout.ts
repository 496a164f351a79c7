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
/** Vertical room between one level (row band) and the next. */
export const LEVEL_GAP = 90;
/** Room between nodes side by side, and around the band of unrelated bodies. */
export const NODE_GAP = 40;

// What a node box holds (see .map-node in styles.css): 2px border and 0.5rem padding top and
// bottom, the name in bold 0.85rem at line-height 1.5, then the kind and the seat count in
// 0.72rem. The name wraps at about this many characters in the box's width; the estimate errs
// on the side of too few, so a box is never shorter than its text.
const FRAME = 2 * 2 + 2 * 8;
const NAME_LINE = 0.85 * 16 * 1.5;
const SMALL_LINE = 0.72 * 16 * 1.5;
const CHARS_PER_LINE = 21;

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

/** The box a body is drawn in: fixed width, as tall as its wrapped name, kind and seat lines. */
export function nodeSize(node: MapNode): { width: number; height: number } {
  const small = node.seatsTotal ? 2 : 1;
  return { width: NODE_WIDTH, height: Math.ceil(FRAME + nameLines(node.name) * NAME_LINE + small * SMALL_LINE + 4) };
}

const elk = new ELK();

/**
 * Automatic layout in level bands, top-down: national, political, administrative,
 * secretariats, other. Every band holds only its own level (ELK partitions), whatever the
 * relations say: "the secretariat serves the dialogue forum" must not pull the forum down to
 * the administrative row. Bodies without any relation (the member municipalities' councils,
 * which only case routing uses) are set in a compact grid beside their band instead of
 * widening it. Pure data in, positions out; no two boxes overlap.
 */
export async function layoutGraph(nodes: MapNode[], edges: MapEdge[]): Promise<Positioned[]> {
  const ids = new Set(nodes.map((n) => n.id));
  const levelOf = new Map(nodes.map((n) => [n.id, LEVEL[kindGroup(n.kind)]]));
  const sizeOf = new Map(nodes.map((n) => [n.id, nodeSize(n)]));
  const valid = edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target);
  const related = new Set(valid.flatMap((e) => [e.source, e.target]));
  const connected = nodes.filter((n) => related.has(n.id));
  const loose = nodes.filter((n) => !related.has(n.id));

  const laidOut = new Map<string, Positioned>();
  if (connected.length > 0) {
    const graph = await elk.layout({
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'DOWN',
        'elk.partitioning.activate': 'true',
        // One layering for the whole graph, so the level bands line up across components.
        'elk.separateConnectedComponents': 'false',
        'elk.layered.spacing.nodeNodeBetweenLayers': String(LEVEL_GAP),
        // Room for a relation's label between two bodies side by side ("koordinerer med").
        'elk.spacing.nodeNode': String(NODE_GAP * 2.5),
        'elk.spacing.edgeNode': String(NODE_GAP * 1.5),
        'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
        'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      },
      children: connected.map((n) => ({
        id: n.id,
        ...sizeOf.get(n.id)!,
        layoutOptions: { 'elk.partitioning.partition': String(levelOf.get(n.id)), 'elk.alignment': 'CENTER' },
      })),
      // Layering follows levels, not the way a relation reads: "secretariat serves board"
      // still puts the board above. Relations within one level do not shape the layers.
      edges: valid.flatMap((e) => {
        const from = levelOf.get(e.source)!;
        const to = levelOf.get(e.target)!;
        if (from === to) return [];
        const [s, t] = from < to ? [e.source, e.target] : [e.target, e.source];
        return [{ id: e.id, sources: [s], targets: [t] }];
      }),
    });
    for (const c of graph.children ?? []) {
      const size = sizeOf.get(c.id)!;
      laidOut.set(c.id, { id: c.id, x: c.x ?? 0, y: c.y ?? 0, ...size });
    }
  }

  // Stack the level bands: each band starts LEVEL_GAP below the bottom of the one above, and
  // is as tall as its laid-out nodes or its grid of unrelated bodies, whichever is taller.
  const placed = [...laidOut.values()];
  const left = placed.length ? Math.min(...placed.map((p) => p.x)) : 0;
  const right = placed.length ? Math.max(...placed.map((p) => p.x + p.width)) : 0;
  const levels = [...new Set(nodes.map((n) => levelOf.get(n.id)!))].sort((a, b) => a - b);
  const result: Positioned[] = [];
  let top = 0;
  for (const level of levels) {
    const band = connected.filter((n) => levelOf.get(n.id) === level).map((n) => laidOut.get(n.id)!);
    let bottom = top;
    if (band.length > 0) {
      const bandTop = Math.min(...band.map((p) => p.y));
      for (const p of band) {
        const moved = { ...p, y: p.y - bandTop + top };
        result.push(moved);
        bottom = Math.max(bottom, moved.y + moved.height);
      }
    }
    const grid = loose.filter((n) => levelOf.get(n.id) === level).sort((a, b) => a.name.localeCompare(b.name, 'da'));
    if (grid.length > 0) {
      const columns = Math.min(grid.length, Math.max(2, Math.ceil(Math.sqrt(grid.length)) - 1));
      const gridLeft = band.length > 0 ? right + NODE_GAP * 2 : left;
      const rowHeights: number[] = [];
      grid.forEach((n, i) => {
        const row = Math.floor(i / columns);
        rowHeights[row] = Math.max(rowHeights[row] ?? 0, sizeOf.get(n.id)!.height);
      });
      const rowTops = rowHeights.map((_, r) => top + rowHeights.slice(0, r).reduce((sum, h) => sum + h + NODE_GAP / 2, 0));
      grid.forEach((n, i) => {
        const size = sizeOf.get(n.id)!;
        const row = Math.floor(i / columns);
        const p = { id: n.id, x: gridLeft + (i % columns) * (NODE_WIDTH + NODE_GAP / 2), y: rowTops[row]!, ...size };
        result.push(p);
        bottom = Math.max(bottom, p.y + p.height);
      });
    }
    top = bottom + LEVEL_GAP;
  }
  return result;
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
