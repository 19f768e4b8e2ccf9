import { describe, expect, it } from 'vitest';
import { forceLayout } from './forceLayout';

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('forceLayout', () => {
  it('keeps nodes apart and linked nodes near the link distance, the same way every time', () => {
    const ids = ['hub', 'a', 'b', 'c', 'd', 'alone'];
    const links = [
      ...['a', 'b', 'c', 'd'].map((leaf) => ({ start: 'hub', end: leaf })),
      { start: 'a', end: 'not drawn' },
      { start: 'd', end: 'd' },
    ];
    const layout = forceLayout(ids, links);
    const at = (id: string) => layout.positions.get(id)!;
    for (const [index, first] of ids.entries()) {
      expect(Number.isFinite(at(first).x) && Number.isFinite(at(first).y)).toBe(true);
      for (const second of ids.slice(index + 1)) expect(distance(at(first), at(second))).toBeGreaterThan(40);
    }
    for (const leaf of ['a', 'b', 'c', 'd']) expect(distance(at('hub'), at(leaf))).toBeLessThan(200);
    expect(layout.minX).toBeLessThan(layout.maxX);
    expect(forceLayout(ids, links).positions).toEqual(layout.positions);
  });

  it('handles an empty graph and a single node', () => {
    expect(forceLayout([], []).positions.size).toBe(0);
    const one = forceLayout(['x'], []);
    expect(one.positions.size).toBe(1);
    const x = one.positions.get('x')!;
    expect(Number.isFinite(x.x) && Number.isFinite(x.y)).toBe(true);
    expect([one.minX, one.minY]).toEqual([x.x, x.y]);
    expect(one.minX).toBe(one.maxX);
    expect(one.minY).toBe(one.maxY);
  });
});
