import { useCallback, useMemo } from 'react';
import { useApi } from '../auth/authContext';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { useAsync } from '../hooks/useAsync';
import { useNow } from '../hooks/useNow';
import { useReloadOnChange } from '../hooks/useReloadOnChange';
import { formatDuration, formatTimestamp } from '../lib/format';
import { statusLook } from '../lib/status';
import { buildTimeline } from '../lib/timeline';
import { ScrollRegion } from '../components/ScrollRegion';

interface Props {
  runId: string;
  /** Changes whenever run events arrive; attempts are refetched (throttled) then. */
  version: number;
  selectedKey: string | null;
  onSelect: (stepKey: string) => void;
}

/** Gantt chart of step attempts: one bar per attempt, retries side by side on the step's row. */
export function TimelineView({ runId, version, selectedKey, onSelect }: Props) {
  const api = useApi();
  const load = useCallback(() => api.listAttempts(runId), [api, runId]);
  const attempts = useAsync(load);
  useReloadOnChange(version, attempts.reload);
  const anyRunning = attempts.data?.some((a) => !a.finishedAt) ?? false;
  const now = useNow(anyRunning);
  const timeline = useMemo(() => buildTimeline(attempts.data ?? [], now), [attempts.data, now]);

  if (attempts.data === undefined) {
    return attempts.error ? <ProblemMessage error={attempts.error} context="Could not load attempts" /> : <Loading what="attempts" />;
  }
  if (timeline.rows.length === 0) return <p className="muted">No step has started yet.</p>;

  return (
    <div className="timeline">
      <ProblemMessage error={attempts.error} context="Could not refresh attempts" />
      <p className="muted">
        From {formatTimestamp(new Date(timeline.startMs).toISOString())} to{' '}
        {formatTimestamp(new Date(timeline.endMs).toISOString())} ({formatDuration(timeline.endMs - timeline.startMs)}).
        Failed attempts are hatched and marked ✗.
      </p>
      <ScrollRegion label="Attempt timeline">
        <table className="data-table timeline-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Attempts over time</th>
            </tr>
          </thead>
          <tbody>
            {timeline.rows.map((row) => (
              <tr key={row.stepKey} className={row.stepKey === selectedKey ? 'is-selected' : undefined}>
                <th scope="row" className="timeline-step">
                  {row.stepKey}
                </th>
                <td className="timeline-track">
                  {row.bars.map((bar) => {
                    const look = statusLook(bar.attempt.status);
                    const failed = bar.attempt.status === 'FAILED';
                    return (
                      <button
                        key={bar.attempt.attempt}
                        type="button"
                        className={`timeline-bar tone-${look.tone}${failed ? ' is-failed' : ''}${bar.running ? ' is-running' : ''}`}
                        style={{ left: `${bar.offset}%`, width: `${bar.width}%` }}
                        aria-label={`${row.stepKey} attempt ${bar.attempt.attempt}: ${bar.attempt.status}, ${formatDuration(bar.durationMs)}${bar.attempt.reason ? `, ${bar.attempt.reason}` : ''}`}
                        title={`#${bar.attempt.attempt} ${bar.attempt.status} ${formatDuration(bar.durationMs)}${bar.attempt.reason ? ` — ${bar.attempt.reason}` : ''}`}
                        data-testid="timeline-bar"
                        data-status={bar.attempt.status}
                        onClick={() => onSelect(row.stepKey)}
                      >
                        <span aria-hidden="true">
                          {look.icon}
                          {bar.attempt.attempt}
                        </span>
                      </button>
                    );
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
