import { useCallback, useMemo } from 'react';
import type { Span } from '../api/types';
import { useApi, useUiConfig } from '../auth/authContext';
import { ExternalLink } from '../components/ExternalLink';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { StatusBadge } from '../components/StatusBadge';
import { useAsync } from '../hooks/useAsync';
import { useReloadOnChange } from '../hooks/useReloadOnChange';
import { formatDuration } from '../lib/format';
import { orderSpans, traceExtentMicros } from '../lib/traceTree';
import { fillUrlTemplate } from '../lib/urlTemplate';
import { ScrollRegion } from '../components/ScrollRegion';

function spanWindow(span: Span): { startMs: number | null; endMs: number | null } {
  const start = Date.parse(span.startedAt);
  if (Number.isNaN(start)) return { startMs: null, endMs: null };
  return { startMs: start, endMs: start + Math.ceil(span.durationMicros / 1000) };
}

/** Built-in waterfall of the run's trace: bars offset by start, sized by duration, indented by parent. */
export function TraceView({ runId, version }: { runId: string; version: number }) {
  const api = useApi();
  const { traceLink } = useUiConfig();
  const load = useCallback(() => api.trace(runId), [api, runId]);
  const trace = useAsync(load);
  useReloadOnChange(version, trace.reload, 2000);
  const rows = useMemo(() => orderSpans(trace.data?.spans ?? []), [trace.data]);
  const extent = useMemo(() => traceExtentMicros(trace.data?.spans ?? []), [trace.data]);

  if (trace.data === undefined) {
    return trace.error ? <ProblemMessage error={trace.error} context="Could not load the trace" /> : <Loading what="trace" />;
  }
  if (rows.length === 0) return <p className="muted">No spans recorded for this run.</p>;
  const traceId = trace.data.traceId;

  return (
    <div className="trace-view">
      <ProblemMessage error={trace.error} context="Could not refresh the trace" />
      <p className="muted">
        Trace <code>{traceId}</code>, {rows.length} spans over {formatDuration(extent / 1000)}.
      </p>
      <ScrollRegion label="Trace waterfall">
        <table className="data-table trace-table">
          <thead>
            <tr>
              <th scope="col">Span</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">Waterfall</th>
              {traceLink && <th scope="col">{traceLink.name}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ span, depth }) => (
              <tr key={span.spanId}>
                <th scope="row" className="span-name" style={{ paddingLeft: `${0.5 + depth * 1.1}rem` }}>
                  {span.name}
                </th>
                <td>
                  <StatusBadge status={span.status} />
                </td>
                <td>{formatDuration(span.durationMicros / 1000)}</td>
                <td className="waterfall-track">
                  <span
                    className={`waterfall-bar status-${span.status.toLowerCase()}`}
                    style={{
                      left: `${(span.startOffsetMicros / extent) * 100}%`,
                      width: `${Math.max(0.4, (span.durationMicros / extent) * 100)}%`,
                    }}
                    title={`${span.name}: starts at +${formatDuration(span.startOffsetMicros / 1000)}, lasts ${formatDuration(span.durationMicros / 1000)}`}
                  />
                </td>
                {traceLink && (
                  <td>
                    <ExternalLink
                      href={fillUrlTemplate(traceLink.urlTemplate, { traceId, spanId: span.spanId, runId, ...spanWindow(span) })}
                    >
                      Open{' '}
                      <span className="visually-hidden">span {span.name}</span>
                    </ExternalLink>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
