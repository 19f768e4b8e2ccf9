import type { Span } from '../api/types';

export interface SpanRow {
  span: Span;
  depth: number;
}

/** Spans in depth-first order under their parents (siblings by start), each with its depth. */
export function orderSpans(spans: readonly Span[]): SpanRow[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string | null, Span[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    const list = children.get(parent) ?? [];
    list.push(span);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.startOffsetMicros - b.startOffsetMicros);

  const rows: SpanRow[] = [];
  const visited = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const span of children.get(parent) ?? []) {
      if (visited.has(span.spanId)) continue;
      visited.add(span.spanId);
      rows.push({ span, depth });
      visit(span.spanId, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

export function traceExtentMicros(spans: readonly Span[]): number {
  return Math.max(1, ...spans.map((span) => span.startOffsetMicros + span.durationMicros));
}
