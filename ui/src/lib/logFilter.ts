import type { LogLine } from '../api/types';

export interface LogMatch {
  line: LogLine;
  /** [start, end) character ranges of the query inside line.line. */
  ranges: ReadonlyArray<[number, number]>;
}

const NO_RANGES: ReadonlyArray<[number, number]> = Object.freeze([]) as ReadonlyArray<[number, number]>;

/** Lines containing the query (case-insensitive) with the ranges to highlight; all lines when it is blank. */
export function filterLogLines(lines: readonly LogLine[], query: string): LogMatch[] {
  const needle = query.trim().toLowerCase();
  // One shared empty array keeps memoized rows from re-rendering when nothing is searched.
  if (!needle) return lines.map((line) => ({ line, ranges: NO_RANGES }));
  const matches: LogMatch[] = [];
  for (const line of lines) {
    const haystack = line.line.toLowerCase();
    const ranges: Array<[number, number]> = [];
    let from = haystack.indexOf(needle);
    while (from !== -1) {
      ranges.push([from, from + needle.length]);
      from = haystack.indexOf(needle, from + needle.length);
    }
    if (ranges.length > 0) matches.push({ line, ranges });
  }
  return matches;
}

/** Splits text into plain and highlighted parts following the ranges. */
export function splitByRanges(text: string, ranges: ReadonlyArray<[number, number]>): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (start > cursor) parts.push({ text: text.slice(cursor, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    cursor = end;
  }
  if (cursor < text.length || parts.length === 0) parts.push({ text: text.slice(cursor), match: false });
  return parts;
}

/** Appends lines in seq order, dropping ones already held (a stream may replay what a ranged read returned). */
export function mergeLogLines(existing: readonly LogLine[], incoming: readonly LogLine[]): LogLine[] {
  let last = existing.length > 0 ? existing[existing.length - 1].seq : -Infinity;
  const merged = existing.slice();
  for (const line of [...incoming].sort((a, b) => a.seq - b.seq)) {
    if (line.seq <= last) continue;
    merged.push(line);
    last = line.seq;
  }
  return merged;
}
