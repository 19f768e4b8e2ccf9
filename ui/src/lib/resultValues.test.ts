import { describe, expect, it } from 'vitest';
import { formatResultValue, nodeCaption } from './resultValues';

const person = (id: string, name: string) => ({ id, labels: ['Person'], properties: { name } });
const knows = (id: string, start: string, end: string) => ({ id, type: 'KNOWS', start, end, properties: {} });

describe('result values', () => {
  it('formats nodes, relationships, lists, maps and scalars', () => {
    expect(formatResultValue(person('1', 'Ann'))).toBe('(:Person {name: "Ann"})');
    expect(formatResultValue(knows('r', '1', '2'))).toBe('[:KNOWS]');
    expect(formatResultValue([1, 'a', null])).toBe('[1, "a", null]');
    expect(formatResultValue({ n: 3 })).toBe('{n: 3}');
    expect(formatResultValue(12)).toBe('12');
  });

  it('captions nodes by a name-like property, else label and id', () => {
    expect(nodeCaption(person('1', 'Ann'))).toBe('Ann');
    expect(nodeCaption({ id: '7', labels: ['City'], properties: {} })).toBe('City 7');
  });
});
