import { describe, expect, it } from 'vitest';
import type { StepStatus } from '../api/types';
import {
  buildGraph,
  countStatuses,
  describeCounts,
  dominantStatus,
  findMatrixGroups,
  groupNodeId,
  initiallyCollapsed,
  type StepShape,
} from './matrixGroups';

const step = (key: string, stepId: string, matrix: Record<string, string> = {}, needs: string[] = []): StepShape => ({
  key,
  stepId,
  matrix,
  needs,
});

function fanOut(count: number): StepShape[] {
  const tests = Array.from({ length: count }, (_, i) => step(`test[n=${i}]`, 'test', { n: String(i) }, ['build']));
  return [step('build', 'build'), ...tests, step('publish', 'publish', {}, tests.map((t) => t.key))];
}

describe('matrix grouping', () => {
  it('groups matrix instances sharing a stepId and ignores plain steps', () => {
    const groups = findMatrixGroups(fanOut(3));
    expect([...groups.keys()]).toEqual(['test']);
    expect(groups.get('test')).toEqual(['test[n=0]', 'test[n=1]', 'test[n=2]']);
  });

  it('does not group a single matrix instance', () => {
    expect(findMatrixGroups([step('a[x=1]', 'a', { x: '1' })]).size).toBe(0);
  });

  it('starts groups of more than 8 instances collapsed', () => {
    const steps = [...fanOut(9), step('lint[os=a]', 'lint', { os: 'a' }), step('lint[os=b]', 'lint', { os: 'b' })];
    expect([...initiallyCollapsed(findMatrixGroups(steps))]).toEqual(['test']);
    expect(initiallyCollapsed(findMatrixGroups(fanOut(8))).size).toBe(0);
  });

  it('collapses a group into one node with merged, deduplicated edges', () => {
    const steps = fanOut(10);
    const groups = findMatrixGroups(steps);
    const graph = buildGraph(steps, groups, new Set(['test']));
    expect(graph.nodes.map((n) => n.id)).toEqual(['build', groupNodeId('test'), 'publish']);
    expect(graph.nodes[1]).toMatchObject({ kind: 'group', members: groups.get('test') });
    expect(graph.edges).toEqual([
      ['build', groupNodeId('test')],
      [groupNodeId('test'), 'publish'],
    ]);
  });

  it('expands a group into its instances', () => {
    const steps = fanOut(3);
    const graph = buildGraph(steps, findMatrixGroups(steps), new Set());
    expect(graph.nodes).toHaveLength(5);
    expect(graph.edges).toHaveLength(6);
  });

  it('ignores needs on unknown steps', () => {
    const graph = buildGraph([step('a', 'a', {}, ['ghost'])], new Map(), new Set());
    expect(graph.edges).toEqual([]);
  });

  it('counts statuses per group and picks the most urgent', () => {
    const statuses: Record<string, { status: StepStatus }> = {
      a: { status: 'SUCCEEDED' },
      b: { status: 'FAILED' },
      c: { status: 'SUCCEEDED' },
    };
    const counts = countStatuses(['a', 'b', 'c', 'missing'], statuses);
    expect(counts).toEqual({ SUCCEEDED: 2, FAILED: 1 });
    expect(dominantStatus(counts)).toBe('FAILED');
    expect(dominantStatus({})).toBe('PENDING');
    expect(describeCounts(counts, (s) => s[0])).toBe('1 F failed · 2 S succeeded');
  });
});
