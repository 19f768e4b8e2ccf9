import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Step } from '../../api/types';
import { stepsByKey } from '../../lib/runEvents';
import { makeStep } from '../../test/fixtures';
import { DagView } from './DagView';

const counters = vi.hoisted(() => ({ nodeRenders: 0, layouts: 0 }));

vi.mock('./DagStepNode', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./DagStepNode')>();
  const { memo } = await import('react');
  const inner = (actual.DagStepNode as unknown as { type: (props: object) => React.ReactNode }).type;
  const Counted = memo((props: Parameters<typeof actual.DagStepNode>[0]) => {
    counters.nodeRenders += 1;
    return inner(props);
  });
  return { ...actual, DagStepNode: Counted };
});

vi.mock('../../lib/dagLayout', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/dagLayout')>();
  return {
    ...actual,
    createLayoutCache: () =>
      actual.createLayoutCache((graph) => {
        counters.layouts += 1;
        return actual.layoutGraph(graph);
      }),
  };
});

function syntheticSteps(count: number, width = 100): Step[] {
  return Array.from({ length: count }, (_, i) => {
    const layer = Math.floor(i / width);
    return makeStep(`s${i}`, { needs: layer === 0 ? [] : [`s${(layer - 1) * width + (i % width)}`] });
  });
}

describe('DagView at 2,000 steps', () => {
  it('re-renders only the changed node on a status update and never re-lays out for it', () => {
    const structure = syntheticSteps(2000);
    let steps = stepsByKey(structure);
    const view = (s: Record<string, Step>) => <DagView structure={structure} steps={s} selectedKey={null} onSelect={() => {}} />;
    const { rerender } = render(view(steps));
    expect(screen.getAllByRole('button', { name: /^Step s\d+: PENDING$/ })).toHaveLength(2000);
    expect(counters.layouts).toBe(1);
    const initialRenders = counters.nodeRenders;
    expect(initialRenders).toBeGreaterThanOrEqual(2000);

    steps = { ...steps, s1500: { ...steps.s1500, status: 'RUNNING' } };
    act(() => rerender(view(steps)));
    expect(screen.getByTestId('dag-node-s1500').getAttribute('data-status')).toBe('RUNNING');
    expect(counters.nodeRenders - initialRenders).toBe(1);

    // a refetched step list with the same shape keeps the layout too
    act(() => rerender(<DagView structure={structure.map((s) => ({ ...s }))} steps={steps} selectedKey={null} onSelect={() => {}} />));
    expect(counters.layouts).toBe(1);
  }, 30_000);
});
