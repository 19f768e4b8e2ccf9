import { describe, expect, it } from 'vitest';
import type { Attempt } from '../api/types';
import { buildTimeline } from './timeline';

const attempt = (stepKey: string, n: number, start: number, end: number | null, status: Attempt['status']): Attempt => ({
  stepKey,
  attempt: n,
  status,
  startedAt: new Date(start * 1000).toISOString(),
  finishedAt: end === null ? null : new Date(end * 1000).toISOString(),
  reason: null,
});

describe('timeline', () => {
  it('puts retries of a step on one row in order', () => {
    const timeline = buildTimeline(
      [attempt('test', 2, 50, 100, 'SUCCEEDED'), attempt('build', 1, 0, 40, 'SUCCEEDED'), attempt('test', 1, 40, 50, 'FAILED')],
      0,
    );
    expect(timeline.rows.map((r) => r.stepKey)).toEqual(['build', 'test']);
    const test = timeline.rows[1];
    expect(test.bars.map((b) => [b.attempt.attempt, b.offset, b.width])).toEqual([
      [1, 40, 10],
      [2, 50, 50],
    ]);
  });

  it('extends running attempts to now', () => {
    const timeline = buildTimeline([attempt('a', 1, 0, null, 'RUNNING')], 10_000);
    expect(timeline.rows[0].bars[0]).toMatchObject({ running: true, durationMs: 10_000, width: 100 });
  });

  it('is empty without attempts', () => {
    expect(buildTimeline([], 5).rows).toEqual([]);
  });
});
