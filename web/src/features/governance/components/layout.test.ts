import { describe, expect, it } from 'vitest';
import graph from '@/test/fixtures/graph.json';
import {
  collapseGroups,
  intersects,
  kindGroup,
  labelSize,
  layoutGraph,
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
    expect(drawn.nodes.map((n) => n.name).sort()).toEqual(['KKR Nordjylland', 'Kommunalbestyrelsen i', 'Regionsrådet']);
    const group = drawn.nodes.find((n) => n.members)!;
    // In Danish order, where "Aa" is "Å" and comes last.
    expect(group.members!.map((m) => m.name)).toEqual(['Brønderslev Kommune', 'Læsø Kommune', 'Aalborg Kommune']);
    expect(group.members!.map((m) => m.id)).toEqual(['b', 'c', 'a']);
    expect(drawn.edges.map((e) => `${e.source}>${e.kind}>${e.target}`).sort()).toEqual([
      `${group.id}>appointsMembersTo>kkr`,
      `kkr>refersCasesTo>${group.id}`,
      'r>appointsMembersTo>kkr',
    ]);
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
    edges: graph.edges.map((e) => ({ id: e.id, source: e.fromBodyId, target: e.toBodyId, kind: e.kind, label: labels[e.kind]! })),
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
        ['Kommunalbestyrelsen i', 11],
        ['Klimaalliancen – geografisk organisering', 5],
      ]),
    );
    expect(nodes).toHaveLength(27 - 11 - 5 + 2);
  });

  it('places every body, no two boxes overlap, no two labels overlap, and no label covers a box', async () => {
    const layout = await layoutGraph(nodes, edges);
    expect(layout.nodes).toHaveLength(nodes.length);
    const name = new Map(nodes.map((n) => [n.id, n.name]));
    const pairs = (boxes: Positioned[]) =>
      boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => intersects(a, b)).map((b) => `${name.get(a.id) ?? a.id} / ${name.get(b.id) ?? b.id}`));
    expect(pairs(layout.nodes)).toEqual([]);
    const labelBoxes = layout.edges.map((e) => e.labelBox!);
    expect(labelBoxes.every(Boolean)).toBe(true);
    expect(pairs(labelBoxes)).toEqual([]);
    expect(labelBoxes.flatMap((l) => layout.nodes.filter((n) => intersects(l, n)).map((n) => `${l.id} / ${name.get(n.id)}`))).toEqual([]);
    // Every label is as wide as its text needs at the body text size.
    for (const e of layout.edges) expect(e.labelBox!.width).toBeGreaterThanOrEqual(labelSize(e.label).width - 1);
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
    expect(nameLines('Kommunalbestyrelsen i Vesthimmerland Kommune')).toBe(2);
    expect(nameLines('Forholdsvisuforståeligtlangtordsomikkekanbrydes')).toBe(3);
    const council = nodeSize({ id: 'c', name: 'Kommunalbestyrelsen i Vesthimmerland Kommune', kind: 'council', seatsTotal: 31 });
    const t11 = nodeSize({ id: 't', name: 'T11+', kind: 'administrativeSteeringGroup' });
    expect(council.width).toBe(t11.width);
    expect(council.height).toBeGreaterThan(t11.height + 2 * 20);
  });
});
