import { describe, expect, it } from 'vitest';
import graph from '@/test/fixtures/graph.json';
import { kindGroup, layoutGraph, nameLines, nodeSize, type MapEdge, type MapNode, type Positioned } from './layout';

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
  it('places every node, a steering body above the body it steers', async () => {
    const nodes: MapNode[] = [
      { id: 'board', name: 'BRN-bestyrelsen', kind: 'politicalBoard' },
      { id: 'sec', name: 'Det Fælles Klimasekretariat', kind: 'secretariat' },
      { id: 'loose', name: 'Alone', kind: 'other' },
    ];
    const edges: MapEdge[] = [
      { id: 'e1', source: 'board', target: 'sec', kind: 'steers', label: 'styrer' },
      { id: 'e2', source: 'board', target: 'missing', kind: 'steers', label: 'ignored' },
    ];
    const positions = await layoutGraph(nodes, edges);
    expect(positions.map((p) => p.id).sort()).toEqual(['board', 'loose', 'sec']);
    const board = positions.find((p) => p.id === 'board')!;
    const sec = positions.find((p) => p.id === 'sec')!;
    expect(sec.y).toBeGreaterThan(board.y);
  });
});

describe('layoutGraph on the North Jutland seed graph', () => {
  // The graph the API serves for the seeded model: Figure 1's bodies, the two national bodies and
  // the 11 municipal councils that case routing fans out to (no relations of their own).
  const nodes: MapNode[] = graph.nodes.map((n) => ({
    id: n.id,
    name: n.name,
    kind: n.kind,
    seatsTotal: n.seatsTotal,
    seatsFilled: n.seatsFilled,
  }));
  const edges: MapEdge[] = graph.edges.map((e) => ({
    id: e.id,
    source: e.fromBodyId,
    target: e.toBodyId,
    kind: e.kind,
    label: e.kind,
  }));
  const byName = (positions: Positioned[], name: string) => {
    const node = nodes.find((n) => n.name === name);
    expect(node, name).toBeDefined();
    return positions.find((p) => p.id === node!.id)!;
  };

  it('places every body, and no two boxes overlap', async () => {
    const positions = await layoutGraph(nodes, edges);
    expect(positions).toHaveLength(22);
    expect(new Set(positions.map((p) => p.id)).size).toBe(22);
    const overlaps: string[] = [];
    const name = new Map(nodes.map((n) => [n.id, n.name]));
    for (const [i, a] of positions.entries()) {
      for (const b of positions.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        if (!apart) overlaps.push(`${name.get(a.id)} / ${name.get(b.id)}`);
      }
    }
    expect(overlaps).toEqual([]);
  });

  it('ranks every political body above every administrative one, and those above the secretariats', async () => {
    const positions = await layoutGraph(nodes, edges);
    const group = (g: string) =>
      positions.filter((p) => kindGroup(nodes.find((n) => n.id === p.id)!.kind) === g);
    const political = group('political');
    const administrative = group('administrative');
    const secretariats = group('secretariat');
    expect(political.length).toBe(15);
    const bottom = (ps: Positioned[]) => Math.max(...ps.map((p) => p.y + p.height));
    const top = (ps: Positioned[]) => Math.min(...ps.map((p) => p.y));
    expect(bottom(political)).toBeLessThan(top(administrative));
    expect(bottom(administrative)).toBeLessThan(top(secretariats));
    expect(bottom(group('national'))).toBeLessThan(top(political));

    // The dialogue forum is a political forum: on the political row, not beside T11+.
    const forum = byName(positions, 'Klimapolitisk Dialogforum');
    const board = byName(positions, 'BRN-bestyrelsen');
    expect(forum.y + forum.height / 2).toBeCloseTo(board.y + board.height / 2, 0);
    expect(forum.y + forum.height).toBeLessThan(byName(positions, 'T11+').y);
    // The secretariats share a row below the administrative one.
    expect(byName(positions, 'BRN-sekretariatet').y).toBeGreaterThan(bottom(administrative));
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
