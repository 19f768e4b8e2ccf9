import { describe, expect, it, vi } from 'vitest';
import { buildGraph, findMatrixGroups, initiallyCollapsed, type StepShape } from './matrixGroups';
import { createLayoutCache, edgePathData, graphSignature, layoutGraph } from './dagLayout';

/** 2,000 steps in 20 layers of 100; each step needs two steps of the previous layer. */
function syntheticSteps(count = 2000, width = 100): StepShape[] {
  return Array.from({ length: count }, (_, i) => {
    const layer = Math.floor(i / width);
    const needs = layer === 0 ? [] : [`s${(layer - 1) * width + (i % width)}`, `s${(layer - 1) * width + ((i * 7) % width)}`];
    return { key: `s${i}`, stepId: `s${i}`, matrix: {}, needs: [...new Set(needs)] };
  });
}

describe('DAG layout', () => {
  it('lays out 2,000 steps with every node placed and edges routed', () => {
    const steps = syntheticSteps();
    const graph = buildGraph(steps, findMatrixGroups(steps), new Set());
    const layout = layoutGraph(graph);
    expect(layout.nodes.size).toBe(2000);
    expect(layout.edges.length).toBe(graph.edges.length);
    for (const box of layout.nodes.values()) {
      expect(Number.isFinite(box.x) && Number.isFinite(box.y)).toBe(true);
    }
    // left-to-right layering: a step sits right of what it needs
    const first = layout.nodes.get('s0')!;
    const later = layout.nodes.get('s1999')!;
    expect(later.x).toBeGreaterThan(first.x);
    expect(layout.width).toBeGreaterThan(0);
  }, 30_000);

  it('re-lays out only when the structure changes', () => {
    const layout = vi.fn(layoutGraph);
    const cached = createLayoutCache(layout);
    const steps: StepShape[] = [
      { key: 'a', stepId: 'a', matrix: {}, needs: [] },
      { key: 'b', stepId: 'b', matrix: {}, needs: ['a'] },
    ];
    const first = cached(buildGraph(steps, new Map(), new Set()));
    // a refetch that yields equal structure (new objects, e.g. after status updates)
    const again = cached(buildGraph(steps.map((s) => ({ ...s })), new Map(), new Set()));
    expect(again).toBe(first);
    expect(layout).toHaveBeenCalledTimes(1);

    const grown = cached(buildGraph([...steps, { key: 'c', stepId: 'c', matrix: {}, needs: ['b'] }], new Map(), new Set()));
    expect(grown).not.toBe(first);
    expect(grown.nodes.size).toBe(3);
    expect(layout).toHaveBeenCalledTimes(2);
  });

  it('changes the signature when a group collapses', () => {
    const steps: StepShape[] = Array.from({ length: 10 }, (_, i) => ({ key: `t[i=${i}]`, stepId: 't', matrix: { i }, needs: [] }));
    const groups = findMatrixGroups(steps);
    const collapsed = buildGraph(steps, groups, initiallyCollapsed(groups));
    const expanded = buildGraph(steps, groups, new Set());
    expect(collapsed.nodes).toHaveLength(1);
    expect(graphSignature(collapsed)).not.toBe(graphSignature(expanded));
  });

  it('builds SVG path data from points', () => {
    expect(edgePathData([{ x: 0, y: 0 }, { x: 10, y: 5.55 }])).toBe('M0.0,0.0L10.0,5.5');
    expect(edgePathData([])).toBe('');
  });
});
