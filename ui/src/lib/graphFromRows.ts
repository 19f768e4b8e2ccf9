import { isNode, isRelationship, type GraphNode, type GraphRelationship } from './resultValues';

export interface ResultGraph {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
}

export interface CappedGraph extends ResultGraph {
  /** How many nodes the full graph has; more than `nodes.length` when capped. */
  totalNodes: number;
  totalRelationships: number;
}

/**
 * The nodes and relationships found anywhere in the result values (also inside lists, e.g. paths, and maps).
 * Nodes are deduplicated by id, keeping the first seen; relationships are kept only when both ends are known.
 */
export function graphFromRows(rows: readonly Record<string, unknown>[]): ResultGraph {
  const nodes = new Map<string, GraphNode>();
  const relationships = new Map<string, GraphRelationship>();
  const visit = (value: unknown): void => {
    if (isNode(value)) {
      if (!nodes.has(value.id)) nodes.set(value.id, value);
    } else if (isRelationship(value)) {
      if (!relationships.has(value.id)) relationships.set(value.id, value);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(visit);
    }
  };
  rows.forEach(visit);
  return {
    nodes: [...nodes.values()],
    relationships: [...relationships.values()].filter((rel) => nodes.has(rel.start) && nodes.has(rel.end)),
  };
}

/** Keeps the first `maxNodes` nodes and the relationships between them. */
export function capGraph(graph: ResultGraph, maxNodes: number): CappedGraph {
  const totals = { totalNodes: graph.nodes.length, totalRelationships: graph.relationships.length };
  if (graph.nodes.length <= maxNodes) return { ...graph, ...totals };
  const nodes = graph.nodes.slice(0, maxNodes);
  const kept = new Set(nodes.map((node) => node.id));
  const relationships = graph.relationships.filter((rel) => kept.has(rel.start) && kept.has(rel.end));
  return { nodes, relationships, ...totals };
}
