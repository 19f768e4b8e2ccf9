import { memo, type KeyboardEvent } from 'react';
import type { Step } from '../../api/types';
import type { NodeBox } from '../../lib/dagLayout';
import { statusLook } from '../../lib/status';
import { fitText } from './nodeText';

interface Props {
  id: string;
  box: NodeBox;
  step: Step | undefined;
  selected: boolean;
  highlighted: boolean;
  onActivate: (id: string) => void;
  onFocusNode: (id: string) => void;
}

export function activateOnKey(event: KeyboardEvent, action: () => void): void {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    action();
  }
}

/** One step instance; memoized so an event re-renders only the node whose step changed. */
export const DagStepNode = memo(function DagStepNode({ id, box, step, selected, highlighted, onActivate, onFocusNode }: Props) {
  const status = step?.status ?? 'PENDING';
  const look = statusLook(status);
  const attempts = step && step.attempts > 1 ? ` · ${step.attempts} attempts` : '';
  return (
    <g
      className={`dag-node tone-${look.tone}${selected ? ' is-selected' : ''}${highlighted ? ' is-highlighted' : ''}`}
      transform={`translate(${box.x},${box.y})`}
      role="button"
      tabIndex={0}
      aria-label={`Step ${id}: ${status}${attempts}`}
      aria-pressed={selected}
      data-testid={`dag-node-${id}`}
      data-status={status}
      onClick={() => onActivate(id)}
      onKeyDown={(event) => activateOnKey(event, () => onActivate(id))}
      onFocus={() => onFocusNode(id)}
    >
      <rect className="dag-node-highlight" x={-5} y={-5} width={box.width + 10} height={box.height + 10} rx={10} />
      <rect
        className="dag-node-box"
        width={box.width}
        height={box.height}
        rx={6}
        fill={status === 'FAILED' ? 'url(#dag-hatch)' : undefined}
      />
      <text className="dag-node-title" x={10} y={20}>
        {fitText(id, box.width - 20)}
      </text>
      <text className="dag-node-status" x={10} y={39}>
        <tspan aria-hidden="true">{look.icon}</tspan> {status}
        {attempts}
      </text>
    </g>
  );
});
