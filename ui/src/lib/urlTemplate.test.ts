import { describe, expect, it } from 'vitest';
import { fillUrlTemplate, templateNeeds } from './urlTemplate';

describe('fillUrlTemplate', () => {
  it('substitutes every known placeholder', () => {
    const url = fillUrlTemplate(
      'http://logs/?run={runId}&step={stepKey}&trace={traceId}&span={spanId}&from={startMs}&to={endMs}',
      { runId: 'r1', stepKey: 'build', traceId: 'abc', spanId: 'def', startMs: 1000, endMs: 2000 },
    );
    expect(url).toBe('http://logs/?run=r1&step=build&trace=abc&span=def&from=1000&to=2000');
  });

  it('URL-encodes values', () => {
    const url = fillUrlTemplate('http://x/{stepKey}?q={runId}', { stepKey: 'test[jdk=21]', runId: 'a b&c/d' });
    expect(url).toBe('http://x/test%5Bjdk%3D21%5D?q=a%20b%26c%2Fd');
  });

  it('replaces repeated placeholders', () => {
    expect(fillUrlTemplate('{traceId}-{traceId}', { traceId: 't' })).toBe('t-t');
  });

  it('empties known placeholders without a value and keeps unknown ones', () => {
    expect(fillUrlTemplate('a={traceId}&b={other}', { traceId: null })).toBe('a=&b={other}');
  });

  it('leaves a template without placeholders untouched', () => {
    expect(fillUrlTemplate('http://static/', { runId: 'r' })).toBe('http://static/');
  });

  it('tells whether a placeholder is used', () => {
    expect(templateNeeds('http://t/{traceId}', 'traceId')).toBe(true);
    expect(templateNeeds('http://t/{traceId}', 'spanId')).toBe(false);
  });
});
