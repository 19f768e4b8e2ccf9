import { useMemo } from 'react';
import type { Run, Step } from '../api/types';
import { useUiConfig } from '../auth/authContext';
import { ExternalLink } from '../components/ExternalLink';
import { StatusBadge } from '../components/StatusBadge';
import { useNow } from '../hooks/useNow';
import { durationBetween, formatDuration, formatTimestamp } from '../lib/format';
import { countStatuses, describeCounts } from '../lib/matrixGroups';
import { statusLook } from '../lib/status';
import { fillUrlTemplate } from '../lib/urlTemplate';
import { FailedSteps } from './FailedSteps';
import { RunActions } from './RunActions';

interface Props {
  run: Run;
  steps: Record<string, Step>;
  onRunChanged: (run: Run) => void;
  onSelectStep: (stepKey: string) => void;
}

export function RunHeader({ run, steps, onRunChanged, onSelectStep }: Props) {
  const { traceLink } = useUiConfig();
  const running = run.status === 'RUNNING';
  const now = useNow(running);
  const counts = useMemo(() => describeCounts(countStatuses(Object.keys(steps), steps), (s) => statusLook(s).icon), [steps]);
  const startMs = run.startedAt ? Date.parse(run.startedAt) : null;
  const endMs = run.finishedAt ? Date.parse(run.finishedAt) : null;

  return (
    <div className="run-header">
      <div className="page-heading">
        <h1>
          {run.pipeline} <span className="run-id">run {run.id}</span>
        </h1>
        <p className="run-status" aria-live="polite">
          <span className="visually-hidden">Run status: </span>
          <StatusBadge status={run.status} testId="run-status" />
          {run.reason && <span className="run-reason"> {run.reason}</span>}
        </p>
      </div>
      <dl className="facts">
        <div>
          <dt>Created</dt>
          <dd>{formatTimestamp(run.createdAt)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatTimestamp(run.startedAt)}</dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>{formatTimestamp(run.finishedAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(run.durationMillis ?? durationBetween(run.startedAt, run.finishedAt, now))}</dd>
        </div>
        {run.region ? (
          <div>
            <dt>Region</dt>
            <dd data-testid="run-region">{run.region}</dd>
          </div>
        ) : null}
        <div>
          <dt>Trace</dt>
          <dd>
            {run.traceId ? <code data-testid="trace-id">{run.traceId}</code> : '—'}
            {traceLink && run.traceId && (
              <>
                {' '}
                <ExternalLink
                  testId="trace-link"
                  href={fillUrlTemplate(traceLink.urlTemplate, { traceId: run.traceId, runId: run.id, startMs, endMs: endMs ?? now })}
                >
                  Open in {traceLink.name}
                </ExternalLink>
              </>
            )}
          </dd>
        </div>
        <div className="wide">
          <dt>Steps</dt>
          <dd>{counts || '—'}</dd>
        </div>
      </dl>
      <RunActions run={run} onRunChanged={onRunChanged} />
      <FailedSteps steps={steps} onSelect={onSelectStep} />
    </div>
  );
}
