import type { Run, Step } from '../api/types';
import { useUiConfig } from '../auth/authContext';
import { ExternalLink } from '../components/ExternalLink';
import { StatusBadge } from '../components/StatusBadge';
import { useNow } from '../hooks/useNow';
import { formatDuration, formatTimestamp } from '../lib/format';
import { TERMINAL_RUN_STATUSES } from '../lib/status';
import { fillUrlTemplate } from '../lib/urlTemplate';
import { LogView } from './log/LogView';
import { OutputsTable } from './OutputsTable';

const TERMINAL_STEP: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED']);

interface Props {
  run: Run;
  step: Step;
  onClose: () => void;
}

export function StepPanel({ run, step, onClose }: Props) {
  const { logLink, traceLink } = useUiConfig();
  const startMs = step.startedAt ? Date.parse(step.startedAt) : null;
  const endMs = step.finishedAt ? Date.parse(step.finishedAt) : null;
  const now = useNow(endMs === null, 5000);
  const values = { runId: run.id, stepKey: step.key, traceId: run.traceId, startMs, endMs: endMs ?? now };
  // A finished step of a finished run writes no more lines; a resume makes both live again.
  const live = !TERMINAL_STEP.has(step.status) && !TERMINAL_RUN_STATUSES.has(run.status);

  return (
    <section className="step-panel card" aria-labelledby="step-panel-title" data-testid="step-panel">
      <div className="step-panel-head">
        <h2 id="step-panel-title">
          Step <code>{step.key}</code>
        </h2>
        <button type="button" className="button-quiet" onClick={onClose}>
          Close step
        </button>
      </div>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd aria-live="polite">
            <StatusBadge status={step.status} testId="step-status" />
          </dd>
        </div>
        <div>
          <dt>Uses</dt>
          <dd>{step.uses}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{step.attempts}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatTimestamp(step.startedAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(step.durationMillis)}</dd>
        </div>
        {step.reason && (
          <div className="wide">
            <dt>Reason</dt>
            <dd data-testid="step-reason">{step.reason}</dd>
          </div>
        )}
      </dl>
      <p className="link-row">
        {logLink && (
          <ExternalLink href={fillUrlTemplate(logLink.urlTemplate, values)} testId="log-link">
            View in {logLink.name}
          </ExternalLink>
        )}
        {traceLink && run.traceId && (
          <ExternalLink href={fillUrlTemplate(traceLink.urlTemplate, values)} testId="step-trace-link">
            Trace in {traceLink.name}
          </ExternalLink>
        )}
      </p>
      <h3>Outputs</h3>
      <OutputsTable outputs={step.outputs} caption={`Outputs of ${step.key}`} />
      <h3>Log</h3>
      <LogView key={step.key} runId={run.id} stepKey={step.key} live={live} />
    </section>
  );
}
