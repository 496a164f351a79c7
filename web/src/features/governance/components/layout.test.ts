import { describe, expect, it } from 'vitest';
import graph from '@/test/fixtures/graph.json';
import {
  collapseGroups,
  intersects,
  kindGroup,
  labelClashes,
  labelSize,
  layoutGraph,
  levelView,
  nameLines,
  nodeSize,
  type MapEdge,
  type MapNode,
  type Positioned,
} from './layout';

describe('kindGroup', () => {
  it('groups the seed kinds by level', () => {
    expect(kindGroup('politicalBoard')).toBe('political');
    expect(kindGroup('politicalForum')).toBe('political');
    expect(kindGroup('council')).toBe('political');
    expect(kindGroup('dialogueForum')).toBe('political');
    expect(kindGroup('administrativeSteeringGroup')).toBe('administrative');
    expect(kindGroup('projectSteeringGroup')).toBe('administrative');
    expect(kindGroup('secretariat')).toBe('secretariat');
    expect(kindGroup('nationalBody')).toBe('national');
    expect(kindGroup('somethingNew')).toBe('other');
  });
});

describe('layoutGraph', () => {
  it('places every node, a steering body above the body it steers, and routes the edge between them', async () => {
    const nodes: MapNode[] = [
      { id: 'board', name: 'BRN-bestyrelsen', kind: 'politicalBoard' },
      { id: 'sec', name: 'Det Fælles Klimasekretariat', kind: 'secretariat' },
      { id: 'loose', name: 'Alone', kind: 'other' },
    ];
    const edges: MapEdge[] = [
      { id: 'e1', source: 'board', target: 'sec', kind: 'steers', label: 'styrer' },
      { id: 'e2', source: 'board', target: 'missing', kind: 'steers', label: 'ignored' },
      { id: 'e3', source: 'sec', target: 'board', kind: 'serves', label: 'betjener' },
    ];
    const layout = await layoutGraph(nodes, edges);
    expect(layout.nodes.map((p) => p.id).sort()).toEqual(['board', 'loose', 'sec']);
    const board = layout.nodes.find((p) => p.id === 'board')!;
    const sec = layout.nodes.find((p) => p.id === 'sec')!;
    expect(sec.y).toBeGreaterThan(board.y);
    expect(layout.edges.map((e) => e.id).sort()).toEqual(['e1', 'e3']);
    // "serves" reads upwards: its route starts at the secretariat and ends at the board.
    const serves = layout.edges.find((e) => e.id === 'e3')!;
    expect(serves.points[0]!.y).toBeGreaterThan(serves.points.at(-1)!.y);
    const steers = layout.edges.find((e) => e.id === 'e1')!;
    expect(steers.points[0]!.y).toBeLessThan(steers.points.at(-1)!.y);
    expect(steers.labelBox).not.toBeNull();
  });
});

describe('collapseGroups', () => {
  it('draws bodies of one kind with the same relations to the same bodies as one box, each shared relation once', () => {
    const nodes: MapNode[] = [
      { id: 'kkr', name: 'KKR Nordjylland', kind: 'politicalForum' },
      { id: 'a', name: 'Kommunalbestyrelsen i Aalborg Kommune', kind: 'council' },
      { id: 'b', name: 'Kommunalbestyrelsen i Brønderslev Kommune', kind: 'council' },
      { id: 'c', name: 'Kommunalbestyrelsen i Læsø Kommune', kind: 'council' },
      { id: 'r', name: 'Regionsrådet', kind: 'council' },
    ];
    const edges: MapEdge[] = ['a', 'b', 'c', 'r'].flatMap((c) => [
      { id: `${c}1`, source: c, target: 'kkr', kind: 'appointsMembersTo', label: 'udpeger medlemmer til' },
      ...(c === 'r' ? [] : [{ id: `${c}2`, source: 'kkr', target: c, kind: 'refersCasesTo', label: 'sender sager videre til' }]),
    ]);
    const drawn = collapseGroups(nodes, edges);
    expect(drawn.nodes.map((n) => n.name).sort()).toEqual(['KKR Nordjylland', 'Kommunalbestyrelsen i … Kommune', 'Regionsrådet']);
    const group = drawn.nodes.find((n) => n.members)!;
    // In Danish order, where "Aa" is "Å" and comes last; each by what differs, with its full name kept.
    expect(group.members!.map((m) => m.name)).toEqual(['Brønderslev', 'Læsø', 'Aalborg']);
    expect(group.members!.map((m) => m.fullName)).toEqual([
      'Kommunalbestyrelsen i Brønderslev Kommune',
      'Kommunalbestyrelsen i Læsø Kommune',
      'Kommunalbestyrelsen i Aalborg Kommune',
    ]);
    expect(group.members!.map((m) => m.id)).toEqual(['b', 'c', 'a']);
    expect(drawn.edges.map((e) => `${e.source}>${e.kind}>${e.target}`).sort()).toEqual([
      `${group.id}>appointsMembersTo>kkr`,
      `kkr>refersCasesTo>${group.id}`,
      'r>appointsMembersTo>kkr',
    ]);
  });

  it('keeps a word of its own for every member when one name is all suffix', () => {
    const nodes: MapNode[] = ['Region Nord', 'Nord', 'Syd Nord'].map((name, i) => ({ id: `n${i}`, name, kind: 'other' }));
    const edges: MapEdge[] = nodes.map((n) => ({ id: `e${n.id}`, source: n.id, target: 'x', kind: 'serves', label: 'betjener' }));
    const drawn = collapseGroups([...nodes, { id: 'x', name: 'X', kind: 'secretariat' }], edges);
    expect(drawn.nodes.find((n) => n.members)!.members!.map((m) => m.name).sort()).toEqual(['Nord', 'Region Nord', 'Syd Nord']);
  });

  it('draws parallel families as boxes: councils that each have a committee of their own, and the committees', () => {
    const towns = ['Albertslund', 'Ballerup', 'Dragør', 'Egedal'];
    const nodes: MapNode[] = [
      { id: 'hub', name: 'Politisk styregruppe', kind: 'politicalBoard' },
      ...towns.map((t) => ({ id: `k-${t}`, name: `Kommunalbestyrelsen, ${t} Kommune`, kind: 'council' })),
      ...towns.map((t) => ({ id: `u-${t}`, name: `Klimaudvalget, ${t} Kommune`, kind: 'workingGroup' })),
    ];
    const edges: MapEdge[] = towns.flatMap((t) => [
      { id: `a-${t}`, source: `k-${t}`, target: 'hub', kind: 'appointsMembersTo', label: 'udpeger medlemmer til' },
      { id: `p-${t}`, source: `u-${t}`, target: `k-${t}`, kind: 'preparesCasesFor', label: 'forbereder sager for' },
    ]);
    const drawn = collapseGroups(nodes, edges);
    expect(drawn.nodes.map((n) => [n.name, n.members?.length ?? 1])).toEqual([
      ['Politisk styregruppe', 1],
      ['Kommunalbestyrelsen … Kommune', 4],
      ['Klimaudvalget … Kommune', 4],
    ]);
    const [, councils, committees] = drawn.nodes;
    expect(drawn.edges.map((e) => `${e.source}>${e.kind}>${e.target}`).sort()).toEqual(
      [`${committees!.id}>preparesCasesFor>${councils!.id}`, `${councils!.id}>appointsMembersTo>hub`].sort(),
    );
  });

  it('splits alike bodies by the bodies they relate to: three to one board, three to another', () => {
    const nodes: MapNode[] = [
      { id: 'h1', name: 'Nord', kind: 'politicalBoard' },
      { id: 'h2', name: 'Syd', kind: 'politicalBoard' },
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, name: `Råd ${id}`, kind: 'council' })),
    ];
    const edges: MapEdge[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({
      id: `e${id}`,
      source: id,
      target: i < 3 ? 'h1' : 'h2',
      kind: 'appointsMembersTo',
      label: 'udpeger medlemmer til',
    }));
    const drawn = collapseGroups(nodes, edges);
    expect(drawn.nodes.filter((n) => n.members).map((n) => n.members!.map((m) => m.id))).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(drawn.edges).toHaveLength(2);
  });

  it('leaves fewer than three alike bodies alone', () => {
    const nodes: MapNode[] = [
      { id: 'x', name: 'X', kind: 'other' },
      { id: 'a', name: 'Gruppe A', kind: 'workingGroup' },
      { id: 'b', name: 'Gruppe B', kind: 'workingGroup' },
    ];
    const edges: MapEdge[] = [
      { id: '1', source: 'x', target: 'a', kind: 'serves', label: 'betjener' },
      { id: '2', source: 'x', target: 'b', kind: 'serves', label: 'betjener' },
    ];
    expect(collapseGroups(nodes, edges).nodes).toHaveLength(3);
  });
});

/** Whether a route (a polyline) passes through a box. */
function onRoute(box: Positioned, points: { x: number; y: number }[]): boolean {
  return points.slice(1).some((b, i) => {
    const a = points[i]!;
    for (let t = 0; t <= 1; t += 1 / 64) {
      const x = a.x + (b.x - a.x) * t;
      const y = a.y + (b.y - a.y) * t;
      if (x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height) return true;
    }
    return false;
  });
}

describe('layoutGraph on the North Jutland seed graph', () => {
  // The graph the API serves for the seeded model: Figures 1 and 2, the 11 municipal councils
  // (connected by the seats they fill and the cases routed to them) and the 5 geographic organisations.
  const labels: Record<string, string> = {
    serves: 'betjener',
    steers: 'styrer',
    referenceFor: 'faglig reference for',
    reportsTo: 'rapporterer til',
    preparesCasesFor: 'forbereder sager for',
    coordinatesWith: 'koordinerer med',
    appointsMembersTo: 'udpeger medlemmer til',
    refersCasesTo: 'sender sager videre til',
  };
  const all = {
    nodes: graph.nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind, seatsTotal: n.seatsTotal, seatsFilled: n.seatsFilled })),
    edges: graph.edges.map((e) => ({
      id: e.id,
      source: e.fromBodyId,
      target: e.toBodyId,
      kind: e.kind,
      label: labels[e.kind]!,
      short: labels[e.kind]!.split(' ')[0]!,
    })),
  };
  const { nodes, edges } = collapseGroups(all.nodes, all.edges);
  const byName = (positions: Positioned[], name: string) => {
    const node = nodes.find((n) => n.name === name);
    expect(node, name).toBeDefined();
    return positions.find((p) => p.id === node!.id)!;
  };

  it('draws the councils and the geographic organisations as one box each', () => {
    const groups = nodes.filter((n) => n.members);
    expect(groups.map((g) => [g.name, g.members!.length])).toEqual(
      expect.arrayContaining([
        ['Kommunalbestyrelsen i … Kommune', 11],
        ['Klimaalliancen – geografisk organisering', 5],
      ]),
    );
    expect(nodes).toHaveLength(27 - 11 - 5 + 2);
  });

  it('places every body, no two boxes overlap, no two labels overlap, no label covers a box, and each label sits on its line', async () => {
    const layout = await layoutGraph(nodes, edges);
    expect(layout.nodes).toHaveLength(nodes.length);
    const name = new Map(nodes.map((n) => [n.id, n.name]));
    const pairs = (boxes: Positioned[]) =>
      boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => intersects(a, b)).map((b) => `${name.get(a.id) ?? a.id} / ${name.get(b.id) ?? b.id}`));
    expect(pairs(layout.nodes)).toEqual([]);
    const labelled = layout.edges.filter((e) => e.labelBox);
    // Every kind of line from a body has its label once (the councils' three appointments share one).
    const kinds = new Set(layout.edges.map((e) => `${e.source}|${e.kind}`));
    expect(labelled).toHaveLength(kinds.size);
    const labelBoxes = labelled.map((e) => e.labelBox!);
    expect(pairs(labelBoxes)).toEqual([]);
    expect(labelBoxes.flatMap((l) => layout.nodes.filter((n) => intersects(l, n)).map((n) => `${l.id} / ${name.get(n.id)}`))).toEqual([]);
    expect(labelClashes(layout)).toBe(0);
    for (const e of labelled) {
      // As wide as its text needs at the body text size, and its own route runs through it.
      expect(e.labelBox!.width).toBeGreaterThanOrEqual(labelSize(e.short).width - 1);
      expect(onRoute(e.labelBox!, e.points), e.label).toBe(true);
    }
  });

  it('shows one level with the bodies directly related to it, and fits each level in a 1400 × 900 window at full size', async () => {
    const view = levelView(all.nodes, all.edges, 'political');
    const drawn = collapseGroups(view.nodes, view.edges);
    const names = drawn.nodes.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['BRN-bestyrelsen', 'KKR Nordjylland', 'Kommunalbestyrelsen i … Kommune', 'T11+']));
    // Not related to a political body: not in the political picture.
    expect(names).not.toContain('Projektstyregruppen');
    expect(view.edges.every((e) => [e.source, e.target].some((id) => kindGroup(all.nodes.find((n) => n.id === id)!.kind) === 'political'))).toBe(true);
    for (const level of ['national', 'political', 'administrative', 'secretariat', 'other'] as const) {
      const v = levelView(all.nodes, all.edges, level);
      const d = collapseGroups(v.nodes, v.edges);
      const layout = await layoutGraph(d.nodes, d.edges);
      // The frame is about 1230 × 868 px at 1400 × 900 (the page's margins, 16 px around the drawing).
      expect(layout.width, level).toBeLessThanOrEqual(1230 - 32);
      expect(layout.height, level).toBeLessThanOrEqual(868 - 34);
      expect(labelClashes(layout), level).toBe(0);
    }
    expect(levelView(all.nodes, all.edges, 'all').nodes).toHaveLength(all.nodes.length);
  });

  it('ranks the national level above the political, that above the administrative, and those above the secretariats', async () => {
    const layout = await layoutGraph(nodes, edges);
    const positions = layout.nodes;
    const group = (g: string) => positions.filter((p) => kindGroup(nodes.find((n) => n.id === p.id)!.kind) === g);
    const bottom = (ps: Positioned[]) => Math.max(...ps.map((p) => p.y + p.height));
    const top = (ps: Positioned[]) => Math.min(...ps.map((p) => p.y));
    expect(bottom(group('national'))).toBeLessThan(top(group('political')));
    expect(bottom(group('political'))).toBeLessThan(top(group('administrative')));
    expect(bottom(group('administrative'))).toBeLessThan(top(group('secretariat')));
    expect(byName(positions, 'Klimapolitisk Dialogforum').y + 1).toBeLessThan(byName(positions, 'T11+').y);
  });

  it('sizes each box to its wrapped name, kind and seat count', () => {
    expect(nameLines('T11+')).toBe(1);
    expect(nameLines('Kommunalbestyrelsen i Vesthimmerland Kommune')).toBe(3);
    expect(nameLines('Forholdsvisuforståeligtlangtordsomikkekanbrydes')).toBe(3);
    const council = nodeSize({ id: 'c', name: 'Kommunalbestyrelsen i Vesthimmerland Kommune', kind: 'council', seatsTotal: 31 });
    const t11 = nodeSize({ id: 't', name: 'T11+', kind: 'administrativeSteeringGroup' });
    expect(council.width).toBe(t11.width);
    expect(council.height).toBeGreaterThan(t11.height + 2 * 20);
  });
});
