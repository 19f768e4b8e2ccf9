import type { Step } from '../api/types';

const SHOWN = 10;

interface Props {
  steps: Record<string, Step>;
  onSelect: (stepKey: string) => void;
}

/** Shortcuts to the failed steps, the usual first stop after a failure. */
export function FailedSteps({ steps, onSelect }: Props) {
  const failed = Object.values(steps).filter((step) => step.status === 'FAILED');
  if (failed.length === 0) return null;
  return (
    <div className="failed-steps">
      <span>Failed steps:</span>
      <ul>
        {failed.slice(0, SHOWN).map((step) => (
          <li key={step.key}>
            <button type="button" className="button-quiet" data-testid="failed-step-link" onClick={() => onSelect(step.key)}>
              <span aria-hidden="true">✗ </span>
              {step.key}
            </button>
          </li>
        ))}
        {failed.length > SHOWN && <li className="muted">and {failed.length - SHOWN} more</li>}
      </ul>
    </div>
  );
}
