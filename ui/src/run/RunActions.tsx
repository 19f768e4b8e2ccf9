import type { Run } from '../api/types';
import { useApi } from '../auth/authContext';
import { ConfirmAction } from '../components/ConfirmAction';

interface Props {
  run: Run;
  onRunChanged: (run: Run) => void;
}

export function RunActions({ run, onRunChanged }: Props) {
  const api = useApi();
  const cancellable = run.status === 'RUNNING' || run.status === 'SUBMITTED';
  const resumable = run.status === 'FAILED' || run.status === 'CANCELLED';
  if (!cancellable && !resumable) return null;
  return (
    <div className="run-actions">
      {cancellable && (
        <ConfirmAction
          label="Cancel run"
          question="Cancel this run? Running steps will be stopped."
          confirmLabel="Yes, cancel the run"
          busyLabel="Cancelling…"
          testId="cancel-button"
          danger
          onConfirm={async () => onRunChanged(await api.cancelRun(run.id))}
        />
      )}
      {resumable && (
        <ConfirmAction
          label="Resume from failed steps"
          question="Resume this run? Failed and cancelled steps run again; succeeded steps are kept."
          confirmLabel="Yes, resume"
          busyLabel="Resuming…"
          testId="resume-button"
          onConfirm={async () => onRunChanged(await api.resumeRun(run.id))}
        />
      )}
    </div>
  );
}
