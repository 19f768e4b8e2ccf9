import { useEffect, useRef, useState } from 'react';
import { ProblemMessage } from './ProblemMessage';

interface Props {
  label: string;
  question: string;
  confirmLabel: string;
  busyLabel: string;
  onConfirm: () => Promise<unknown>;
  testId: string;
  danger?: boolean;
}

type Phase = 'idle' | 'asking' | 'busy';

/** A button that asks for confirmation inline, shows progress while the request runs, and reports failure. */
export function ConfirmAction({ label, question, confirmLabel, busyLabel, onConfirm, testId, danger }: Props) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<unknown>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (phase === 'asking') confirmRef.current?.focus();
  }, [phase]);

  const confirm = async () => {
    setPhase('busy');
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failure);
    }
    setPhase('idle');
  };

  const dismiss = () => {
    setPhase('idle');
    triggerRef.current?.focus();
  };

  return (
    <div className="confirm-action">
      {phase !== 'asking' && (
        <button
          ref={triggerRef}
          type="button"
          className={danger ? 'button-danger' : 'button-primary'}
          disabled={phase === 'busy'}
          aria-busy={phase === 'busy'}
          data-testid={testId}
          onClick={() => setPhase('asking')}
        >
          {phase === 'busy' ? busyLabel : label}
        </button>
      )}
      {phase === 'asking' && (
        <div className="confirm-box" role="group" aria-label={question}>
          <span>{question}</span>
          <button
            ref={confirmRef}
            type="button"
            className={danger ? 'button-danger' : 'button-primary'}
            data-testid={`${testId}-confirm`}
            onClick={confirm}
          >
            {confirmLabel}
          </button>
          <button type="button" className="button-quiet" onClick={dismiss}>
            Keep as is
          </button>
        </div>
      )}
      <ProblemMessage error={error} context={`${label} failed`} />
    </div>
  );
}
