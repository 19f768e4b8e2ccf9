import { memo } from 'react';
import type { StepStatus } from '../../api/types';
import type { NodeBox } from '../../lib/dagLayout';
import { statusLook } from '../../lib/status';
import { activateOnKey } from './DagStepNode';
import { fitText } from './nodeText';

interface Props {
  id: string;
  box: NodeBox;
  stepId: string;
  memberCount: number;
  /** e.g. `3 ✓ succeeded · 1 ✗ failed`; a string so memo compares it cheaply. */
  countsText: string;
  dominant: StepStatus;
  highlighted: boolean;
  onActivate: (id: string) => void;
  onFocusNode: (id: string) => void;
}

/** A collapsed matrix group: one node with per-status counts; activating it expands the group. */
export const DagGroupNode = memo(function DagGroupNode(props: Props) {
  const { id, box, stepId, memberCount, countsText, dominant, highlighted, onActivate, onFocusNode } = props;
  const look = statusLook(dominant);
  return (
    <g
      className={`dag-node dag-group tone-${look.tone}${highlighted ? ' is-highlighted' : ''}`}
      transform={`translate(${box.x},${box.y})`}
      role="button"
      tabIndex={0}
      aria-expanded={false}
      aria-label={`Matrix group ${stepId}, ${memberCount} instances: ${countsText || 'no status yet'}. Activate to expand.`}
      data-testid={`dag-group-${stepId}`}
      data-status={dominant}
      onClick={() => onActivate(id)}
      onKeyDown={(event) => activateOnKey(event, () => onActivate(id))}
      onFocus={() => onFocusNode(id)}
    >
      <rect className="dag-node-highlight" x={-5} y={-5} width={box.width + 10} height={box.height + 10} rx={10} />
      <rect className="dag-node-stack" x={6} y={6} width={box.width} height={box.height} rx={6} />
      <rect className="dag-node-box" width={box.width} height={box.height} rx={6} />
      <text className="dag-node-title" x={10} y={20}>
        {fitText(`${stepId} ×${memberCount}`, box.width - 20)}
      </text>
      <text className="dag-node-status" x={10} y={39}>
        <tspan aria-hidden="true">{look.icon}</tspan> {dominant}
      </text>
      <text className="dag-node-counts" x={10} y={57}>
        {fitText(countsText, box.width - 20, 6.4)}
      </text>
    </g>
  );
});
