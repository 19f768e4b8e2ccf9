import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Step } from '../../api/types';
import { createLayoutCache } from '../../lib/dagLayout';
import { buildGraph, countStatuses, describeCounts, dominantStatus, findMatrixGroups, groupNodeId } from '../../lib/matrixGroups';
import { statusLook } from '../../lib/status';
import { DagEdges } from './DagEdges';
import { DagGroupNode } from './DagGroupNode';
import { DagSearch } from './DagSearch';
import { DagStepNode } from './DagStepNode';
import { DagToolbar } from './DagToolbar';
import { MatrixGroupToggles } from './MatrixGroupToggles';
import { PanZoomCanvas, type PanZoomHandle } from './PanZoomCanvas';
import { useMatrixCollapse } from './useMatrixCollapse';

interface Props {
  /** The fetched step list; only its shape matters for the layout. */
  structure: readonly Step[];
  /** Live step state by key. */
  steps: Record<string, Step>;
  selectedKey: string | null;
  onSelect: (stepKey: string) => void;
}

const icon = (status: string) => statusLook(status).icon;

export function DagView({ structure, steps, selectedKey, onSelect }: Props) {
  const canvas = useRef<PanZoomHandle>(null);
  const groups = useMemo(() => findMatrixGroups(structure), [structure]);
  const { collapsed, setCollapsed, setAll } = useMatrixCollapse(groups);
  const graph = useMemo(() => buildGraph(structure, groups, collapsed), [structure, groups, collapsed]);
  // One cache per view: dagre runs again only when the graph's structure changes.
  const [layoutFor] = useState(createLayoutCache);
  const layout = useMemo(() => layoutFor(graph), [layoutFor, graph]);
  const contentSize = useMemo(() => ({ width: layout.width, height: layout.height }), [layout]);

  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const matches = useMemo(() => findSteps(structure, query), [structure, query]);

  const nodeOfStep = useCallback(
    (key: string): string => {
      const step = structure.find((s) => s.key === key);
      return step && collapsed.has(step.stepId) && groups.has(step.stepId) ? groupNodeId(step.stepId) : key;
    },
    [structure, collapsed, groups],
  );

  const centreOnStep = (key: string | undefined) => {
    const box = key ? layout.nodes.get(nodeOfStep(key)) : undefined;
    if (box) canvas.current?.centreOn(box);
  };

  const onQueryChange = (value: string) => {
    setQuery(value);
    setMatchIndex(0);
    centreOnStep(findSteps(structure, value)[0]);
  };

  const onNext = () => {
    if (matches.length === 0) return;
    const next = (matchIndex + 1) % matches.length;
    setMatchIndex(next);
    centreOnStep(matches[next]);
  };

  // Node callbacks must keep their identity across renders, or every memoized node would
  // re-render on each event; they read the latest graph and onSelect through a ref.
  const latest = useRef({ graph, onSelect });
  useEffect(() => {
    latest.current = { graph, onSelect };
  });
  const onActivate = useCallback(
    (id: string) => {
      const group = latest.current.graph.nodes.find((node) => node.id === id && node.kind === 'group');
      if (group) setCollapsed(group.stepId, false);
      else latest.current.onSelect(id);
    },
    [setCollapsed],
  );

  const onFocusNode = useCallback(
    (id: string) => {
      const box = layout.nodes.get(id);
      if (box) canvas.current?.ensureVisible(box);
    },
    [layout],
  );

  const highlighted = matches.length > 0 ? nodeOfStep(matches[matchIndex] ?? matches[0]) : null;

  return (
    <div className="dag-view">
      <div className="dag-controls">
        <DagSearch
          query={query}
          matchCount={matches.length}
          matchIndex={matchIndex}
          onQueryChange={onQueryChange}
          onNext={onNext}
          onOpen={() => {
            const key = matches[matchIndex];
            if (key) onSelect(key);
          }}
        />
        <DagToolbar canvas={canvas} />
      </div>
      <MatrixGroupToggles groups={groups} collapsed={collapsed} onToggle={setCollapsed} onAll={setAll} />
      <p className="muted dag-help">
        Drag to pan, use the wheel or the buttons to zoom. Tab to a step and press Enter to open it.
      </p>
      <PanZoomCanvas ref={canvas} content={contentSize} label={`Step graph: ${structure.length} steps, ${graph.nodes.length} nodes`}>
        <DagEdges edges={layout.edges} />
        <g className="dag-nodes">
          {graph.nodes.map((node) => {
            const box = layout.nodes.get(node.id);
            if (!box) return null;
            if (node.kind === 'step') {
              return (
                <DagStepNode
                  key={node.id}
                  id={node.id}
                  box={box}
                  step={steps[node.id]}
                  selected={node.id === selectedKey}
                  highlighted={node.id === highlighted}
                  onActivate={onActivate}
                  onFocusNode={onFocusNode}
                />
              );
            }
            const counts = countStatuses(node.members, steps);
            return (
              <DagGroupNode
                key={node.id}
                id={node.id}
                box={box}
                stepId={node.stepId}
                memberCount={node.members.length}
                countsText={describeCounts(counts, icon)}
                dominant={dominantStatus(counts)}
                highlighted={node.id === highlighted}
                onActivate={onActivate}
                onFocusNode={onFocusNode}
              />
            );
          })}
        </g>
      </PanZoomCanvas>
    </div>
  );
}

function findSteps(structure: readonly Step[], query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  return structure.filter((step) => step.key.toLowerCase().includes(needle)).map((step) => step.key);
}
