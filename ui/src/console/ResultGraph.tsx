import { useMemo } from 'react';
import type { ForceLayout } from '../lib/forceLayout';
import type { CappedGraph } from '../lib/graphFromRows';
import { nodeCaption } from '../lib/resultValues';

const RADIUS = 16;
const MARGIN = 70;
const PALETTE = 6;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * A small picture of the nodes and relationships in the result; the table stays the accessible view.
 * The graph and its layout come from the caller so that they are computed once per result, not per visit to the tab.
 */
export function ResultGraph({ graph, layout }: { graph: CappedGraph; layout: ForceLayout }) {
  const labelIndex = useMemo(() => {
    const labels = [...new Set(graph.nodes.map((node) => node.labels[0] ?? ''))];
    return new Map(labels.map((label, index) => [label, index % PALETTE]));
  }, [graph]);

  if (graph.nodes.length === 0) {
    return <p className="muted">The result holds no nodes to draw; the Table tab shows every value.</p>;
  }
  const at = (id: string) => layout.positions.get(id)!;
  const width = layout.maxX - layout.minX + 2 * MARGIN;
  const height = layout.maxY - layout.minY + 2 * MARGIN;
  const summary = `${plural(graph.nodes.length, 'node')}, ${plural(graph.relationships.length, 'relationship')}`;

  return (
    <>
      {graph.totalNodes > graph.nodes.length && (
        <p className="notice" data-testid="graph-capped">
          Showing the first {graph.nodes.length} of {graph.totalNodes} nodes; the Table tab lists every value.
        </p>
      )}
      <svg
        className="result-graph"
        role="img"
        aria-label={summary}
        data-testid="result-graph"
        viewBox={`${layout.minX - MARGIN} ${layout.minY - MARGIN} ${width} ${height}`}
      >
        <defs>
          <marker id="console-graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="graph-arrow" />
          </marker>
        </defs>
        <g className="graph-links">
          {graph.relationships.map((rel) => {
            const [from, to] = [at(rel.start), at(rel.end)];
            if (rel.start === rel.end) {
              return <circle key={rel.id} className="graph-loop" cx={from.x + RADIUS} cy={from.y - RADIUS} r={RADIUS * 0.8} />;
            }
            const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
            const [dx, dy] = [((to.x - from.x) / length) * RADIUS, ((to.y - from.y) / length) * RADIUS];
            return (
              <g key={rel.id} data-testid="graph-relationship">
                <line x1={from.x + dx} y1={from.y + dy} x2={to.x - dx} y2={to.y - dy} markerEnd="url(#console-graph-arrow)" />
                <text x={(from.x + to.x) / 2} y={(from.y + to.y) / 2 - 4} textAnchor="middle">
                  {rel.type}
                </text>
              </g>
            );
          })}
        </g>
        <g className="graph-nodes">
          {graph.nodes.map((node) => {
            const point = at(node.id);
            return (
              <g key={node.id} data-testid="graph-node" transform={`translate(${point.x} ${point.y})`}>
                <circle r={RADIUS} className={`graph-node-${labelIndex.get(node.labels[0] ?? '') ?? 0}`} />
                <text y={RADIUS + 14} textAnchor="middle">
                  {truncate(nodeCaption(node))}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <ul className="graph-legend" aria-label="Node colours by label">
        {[...labelIndex].map(([label, colour]) => (
          <li key={label}>
            <span className={`swatch graph-node-${colour}`} aria-hidden="true" /> {label || 'no label'}
          </li>
        ))}
      </ul>
    </>
  );
}

function truncate(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
