import { describe, expect, it } from 'vitest';
import type { LogLine } from '../api/types';
import { filterLogLines, mergeLogLines, splitByRanges } from './logFilter';

const line = (seq: number, text: string, stream: LogLine['stream'] = 'OUT'): LogLine => ({
  seq,
  attempt: 1,
  stream,
  line: text,
  at: '2024-01-01T00:00:00Z',
});

describe('log search', () => {
  const lines = [line(1, 'Compiling module'), line(2, 'ERROR: boom error', 'ERR'), line(3, 'done')];

  it('keeps every line for a blank query', () => {
    expect(filterLogLines(lines, '  ')).toHaveLength(3);
  });

  it('filters case-insensitively and reports every match range', () => {
    const result = filterLogLines(lines, 'error');
    expect(result).toHaveLength(1);
    expect(result[0].line.seq).toBe(2);
    expect(result[0].ranges).toEqual([
      [0, 5],
      [12, 17],
    ]);
  });

  it('returns nothing when no line matches', () => {
    expect(filterLogLines(lines, 'absent')).toEqual([]);
  });

  it('splits text into highlighted parts', () => {
    expect(splitByRanges('ERROR: boom error', [[0, 5], [12, 17]])).toEqual([
      { text: 'ERROR', match: true },
      { text: ': boom ', match: false },
      { text: 'error', match: true },
    ]);
    expect(splitByRanges('', [])).toEqual([{ text: '', match: false }]);
  });

  it('merges streamed lines without duplicates and in order', () => {
    const merged = mergeLogLines([line(1, 'a'), line(2, 'b')], [line(2, 'b'), line(4, 'd'), line(3, 'c')]);
    expect(merged.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
  });
});
