import { describe, expect, it } from 'vitest';
import { kindGroup, layoutGraph, type MapEdge, type MapNode } from './layout';

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
