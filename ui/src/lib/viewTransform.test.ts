import { describe, expect, it } from 'vitest';
import { centreOn, ensureVisible, fitView, zoomAt } from './viewTransform';

describe('view transform', () => {
  it('fits large content into the viewport and centres it', () => {
    const view = fitView({ width: 2000, height: 1000 }, { width: 1032, height: 632 });
    expect(view.k).toBeCloseTo(0.5);
    expect(view.x).toBeCloseTo(16);
    expect(view.y).toBeCloseTo(66);
  });

  it('never enlarges small content beyond 1:1', () => {
    expect(fitView({ width: 100, height: 50 }, { width: 800, height: 600 }).k).toBe(1);
  });

  it('zooms around the pointer', () => {
    const view = zoomAt({ x: 0, y: 0, k: 1 }, 2, 100, 50);
    expect(view).toEqual({ k: 2, x: -100, y: -50 });
  });

  it('centres a box', () => {
    expect(centreOn({ x: 0, y: 0, k: 1 }, { x: 900, y: 400, width: 200, height: 100 }, { width: 400, height: 300 })).toEqual({
      k: 1,
      x: -800,
      y: -300,
    });
  });

  it('pans only when a box is off screen', () => {
    const view = { x: 0, y: 0, k: 1 };
    expect(ensureVisible(view, { x: 50, y: 50, width: 100, height: 40 }, { width: 800, height: 600 })).toBe(view);
    expect(ensureVisible(view, { x: 900, y: 50, width: 100, height: 40 }, { width: 800, height: 600 }).x).toBe(-224);
  });
});
