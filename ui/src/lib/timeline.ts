import type { Attempt } from '../api/types';

export interface TimelineBar {
  attempt: Attempt;
  /** Percentages of the whole time span. */
  offset: number;
  width: number;
  durationMs: number;
  running: boolean;
}

export interface TimelineRow {
  stepKey: string;
  bars: TimelineBar[];
}

export interface Timeline {
  rows: TimelineRow[];
  startMs: number;
  endMs: number;
}

const MIN_WIDTH = 0.4;

/** One row per step (ordered by first start), one bar per attempt; unfinished attempts run to `now`. */
export function buildTimeline(attempts: readonly Attempt[], now: number): Timeline {
  const timed = attempts
    .map((attempt) => {
      const start = Date.parse(attempt.startedAt);
      const end = attempt.finishedAt ? Date.parse(attempt.finishedAt) : now;
      return { attempt, start, end: Math.max(start, end), running: !attempt.finishedAt };
    })
    .filter((item) => !Number.isNaN(item.start));
  if (timed.length === 0) return { rows: [], startMs: now, endMs: now };

  const startMs = Math.min(...timed.map((item) => item.start));
  const endMs = Math.max(...timed.map((item) => item.end));
  const span = Math.max(1, endMs - startMs);

  const rows = new Map<string, TimelineRow & { first: number }>();
  for (const item of timed.sort((a, b) => a.start - b.start || a.attempt.attempt - b.attempt.attempt)) {
    const row = rows.get(item.attempt.stepKey) ?? { stepKey: item.attempt.stepKey, bars: [], first: item.start };
    const offset = ((item.start - startMs) / span) * 100;
    row.bars.push({
      attempt: item.attempt,
      offset,
      width: Math.min(100 - offset, Math.max(MIN_WIDTH, ((item.end - item.start) / span) * 100)),
      durationMs: item.end - item.start,
      running: item.running,
    });
    rows.set(item.attempt.stepKey, row);
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.first - b.first).map(({ stepKey, bars }) => ({ stepKey, bars })),
    startMs,
    endMs,
  };
}
