import { describe, expect, it } from 'vitest';
import type { Span } from '../api/types';
import { orderSpans, traceExtentMicros } from './traceTree';

const span = (spanId: string, parentSpanId: string | null, start: number, duration: number): Span => ({
  spanId,
  parentSpanId,
  name: spanId,
  startedAt: '2024-01-01T00:00:00Z',
  startOffsetMicros: start,
  durationMicros: duration,
  status: 'OK',
  attributes: {},
});

describe('trace tree', () => {
  it('orders spans depth-first with their depth', () => {
    const rows = orderSpans([span('b', 'root', 500, 10), span('root', null, 0, 1000), span('a', 'root', 100, 10), span('a1', 'a', 120, 5)]);
    expect(rows.map((r) => `${r.span.spanId}@${r.depth}`)).toEqual(['root@0', 'a@1', 'a1@2', 'b@1']);
  });

  it('treats spans with a missing parent as roots', () => {
    expect(orderSpans([span('x', 'gone', 0, 1)])[0].depth).toBe(0);
  });

  it('measures the trace extent', () => {
    expect(traceExtentMicros([span('a', null, 0, 100), span('b', 'a', 50, 80)])).toBe(130);
  });
});
