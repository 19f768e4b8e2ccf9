import { Link } from 'react-router';
import type { Run } from '../api/types';
import { StatusBadge } from '../components/StatusBadge';
import { durationBetween, formatDuration, formatTimestamp, shortId } from '../lib/format';
import { useNow } from '../hooks/useNow';
import { ScrollRegion } from '../components/ScrollRegion';

export function RunsTable({ runs }: { runs: readonly Run[] }) {
  const anyRunning = runs.some((run) => run.status === 'RUNNING');
  const now = useNow(anyRunning);
  return (
    <ScrollRegion label="Runs">
      <table className="data-table" data-testid="runs-table">
        <caption className="visually-hidden">Runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Pipeline</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Trace</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
              <td>
                <Link to={`/runs/${encodeURIComponent(run.id)}`} title={run.id}>
                  <code>{shortId(run.id, 12)}</code>
                </Link>
              </td>
              <td>{run.pipeline}</td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td title={`created ${formatTimestamp(run.createdAt)}`}>{formatTimestamp(run.startedAt)}</td>
              <td>{formatDuration(run.durationMillis ?? durationBetween(run.startedAt, run.finishedAt, now))}</td>
              <td>
                <code title={run.traceId ?? undefined}>{shortId(run.traceId)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
