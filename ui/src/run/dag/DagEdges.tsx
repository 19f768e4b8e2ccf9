import { memo } from 'react';
import { edgePathData, type EdgePath } from '../../lib/dagLayout';

/** Edges depend on the layout only, so status updates never re-render them. */
export const DagEdges = memo(function DagEdges({ edges }: { edges: readonly EdgePath[] }) {
  return (
    <g className="dag-edges" aria-hidden="true">
      {edges.map((edge) => (
        <path key={edge.id} d={edgePathData(edge.points)} markerEnd="url(#dag-arrow)" />
      ))}
    </g>
  );
});
