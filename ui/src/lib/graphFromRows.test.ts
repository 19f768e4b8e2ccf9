import { describe, expect, it } from 'vitest';
import { capGraph, graphFromRows } from './graphFromRows';

const person = (id: string, name: string) => ({ id, labels: ['Person'], properties: { name } });
const knows = (id: string, start: string, end: string) => ({ id, type: 'KNOWS', start, end, properties: {} });

describe('graphFromRows', () => {
  it('deduplicates nodes by id, keeping the first seen', () => {
    const graph = graphFromRows([
      { p: person('1', 'Ann'), q: person('2', 'Bob') },
      { p: person('1', 'Ann again'), q: person('3', 'Cy') },
    ]);
    expect(graph.nodes.map((n) => [n.id, n.properties.name])).toEqual([
      ['1', 'Ann'],
      ['2', 'Bob'],
      ['3', 'Cy'],
    ]);
  });

  it('keeps relationships only when both ends are known, whatever the column order', () => {
    const graph = graphFromRows([
      { k: knows('r1', '1', '2'), p: person('1', 'Ann') },
      { q: person('2', 'Bob'), k: knows('r2', '1', '9') },
      { k: knows('r1', '1', '2') },
    ]);
    expect(graph.relationships.map((r) => r.id)).toEqual(['r1']);
  });

  it('finds nodes and relationships in paths (lists) and maps', () => {
    const path = [person('1', 'Ann'), knows('r1', '1', '2'), person('2', 'Bob'), knows('r2', '2', '3'), person('3', 'Cy')];
    const graph = graphFromRows([{ path, extra: { friend: person('4', 'Di'), nested: [[person('5', 'Ed')]] } }]);
    expect(graph.nodes.map((n) => n.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(graph.relationships.map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('ignores scalars and look-alikes that are not nodes or relationships', () => {
    const graph = graphFromRows([{ n: 42, s: 'x', b: null, m: { id: 'x', labels: 'Person', properties: {} }, r: { id: 7, type: 'T' } }]);
    expect(graph).toEqual({ nodes: [], relationships: [] });
  });
});

describe('capGraph', () => {
  it('keeps the first nodes and the relationships among them, with the totals', () => {
    const graph = graphFromRows([{ path: [person('1', 'A'), knows('r1', '1', '2'), person('2', 'B'), knows('r2', '2', '3'), person('3', 'C')] }]);
    const capped = capGraph(graph, 2);
    expect(capped.nodes.map((n) => n.id)).toEqual(['1', '2']);
    expect(capped.relationships.map((r) => r.id)).toEqual(['r1']);
    expect([capped.totalNodes, capped.totalRelationships]).toEqual([3, 2]);
    expect(capGraph(graph, 200).nodes).toHaveLength(3);
  });
});
