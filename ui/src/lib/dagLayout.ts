import dagre from '@dagrejs/dagre';
import type { GraphSpec } from './matrixGroups';

export interface Point {
  x: number;
  y: number;
}

/** A laid-out node; x and y are its top-left corner. */
export interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgePath {
  id: string;
  from: string;
  to: string;
  points: Point[];
}

export interface DagLayout {
  nodes: Map<string, NodeBox>;
  edges: EdgePath[];
  width: number;
  height: number;
}

export const STEP_SIZE = { width: 200, height: 52 };
export const GROUP_SIZE = { width: 220, height: 68 };

// network-simplex gives the tidiest ranks but grows too slow past a few hundred nodes.
const LARGE_GRAPH = 300;

export function layoutGraph(graph: GraphSpec): DagLayout {
  const large = graph.nodes.length > LARGE_GRAPH;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 56, marginx: 24, marginy: 24, ranker: large ? 'longest-path' : 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...(node.kind === 'group' ? GROUP_SIZE : STEP_SIZE) });
  for (const [from, to] of graph.edges) g.setEdge(from, to);
  dagre.layout(g, large ? { disableOptimalOrderHeuristic: true } : undefined);

  const nodes = new Map<string, NodeBox>();
  for (const id of g.nodes()) {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    nodes.set(id, { id, x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height });
  }
  const edges: EdgePath[] = g.edges().map((e) => ({
    id: `${e.v}\u0000${e.w}`,
    from: e.v,
    to: e.w,
    points: ((g.edge(e) as { points?: Point[] }).points ?? []).map((p) => ({ x: p.x, y: p.y })),
  }));
  const label = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: label.width ?? 0, height: label.height ?? 0 };
}

/** A string that changes exactly when the node set, node kinds or edges change. */
export function graphSignature(graph: GraphSpec): string {
  const nodes = graph.nodes.map((n) => `${n.kind[0]}${n.id}`).join('\u0001');
  const edges = graph.edges.map(([from, to]) => `${from}\u0000${to}`).join('\u0001');
  return `${nodes}\u0002${edges}`;
}

/**
 * Returns a layout function that reuses the previous result while the graph structure is
 * unchanged, so refetched step lists and status updates never pay for dagre again.
 */
export function createLayoutCache(layout: (graph: GraphSpec) => DagLayout = layoutGraph) {
  let lastSignature: string | null = null;
  let lastLayout: DagLayout | null = null;
  return (graph: GraphSpec): DagLayout => {
    const signature = graphSignature(graph);
    if (lastLayout && signature === lastSignature) return lastLayout;
    lastLayout = layout(graph);
    lastSignature = signature;
    return lastLayout;
  };
}

export function edgePathData(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  return `M${first.x.toFixed(1)},${first.y.toFixed(1)}` + rest.map((p) => `L${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
}
