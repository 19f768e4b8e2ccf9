import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';

export interface Point {
  x: number;
  y: number;
}

export interface ForceLayout {
  positions: Map<string, Point>;
  /** Bounds of the node centres. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface LayoutNode extends SimulationNodeDatum {
  id: string;
}

/**
 * Places nodes with d3-force, run to rest synchronously (no animation, so the picture is stable and
 * deterministic: d3 seeds its starting positions and jiggles the same way every time).
 */
export function forceLayout(nodeIds: readonly string[], links: readonly { start: string; end: string }[]): ForceLayout {
  const nodes: LayoutNode[] = nodeIds.map((id) => ({ id }));
  const known = new Set(nodeIds);
  const linkData: SimulationLinkDatum<LayoutNode>[] = links
    .filter((link) => known.has(link.start) && known.has(link.end) && link.start !== link.end)
    .map((link) => ({ source: link.start, target: link.end }));
  const simulation = forceSimulation(nodes)
    .force('link', forceLink<LayoutNode, SimulationLinkDatum<LayoutNode>>(linkData).id((node) => node.id).distance(90))
    .force('charge', forceManyBody().strength(-260))
    .force('collide', forceCollide(34))
    .force('center', forceCenter(0, 0))
    .stop();
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  simulation.tick(ticks);

  const positions = new Map<string, Point>();
  let [minX, minY, maxX, maxY] = [0, 0, 0, 0];
  nodes.forEach((node, index) => {
    const point = { x: node.x ?? 0, y: node.y ?? 0 };
    positions.set(node.id, point);
    if (index === 0) [minX, minY, maxX, maxY] = [point.x, point.y, point.x, point.y];
    minX = Math.min(minX, point.x);
    minY = Math.min(minY, point.y);
    maxX = Math.max(maxX, point.x);
    maxY = Math.max(maxY, point.y);
  });
  return { positions, minX, minY, maxX, maxY };
}
