import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ConnectionNote } from '../../components/ConnectionNote';
import { ProblemMessage } from '../../components/ProblemMessage';
import { filterLogLines } from '../../lib/logFilter';
import { LogLineRow } from './LogLineRow';
import { useStepLog } from './useStepLog';

const MAX_RENDERED = 5000;

interface Props {
  runId: string;
  stepKey: string;
  live: boolean;
}

export function LogView({ runId, stepKey, live }: Props) {
  const log = useStepLog(runId, stepKey, live);
  const [query, setQuery] = useState('');
  const matches = useMemo(() => filterLogLines(log.lines, query), [log.lines, query]);
  const shown = matches.length > MAX_RENDERED ? matches.slice(-MAX_RENDERED) : matches;
  const boxRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  // Follow new lines like `tail -f`, unless the reader has scrolled up.
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (box && stickToBottom.current) box.scrollTop = box.scrollHeight;
  }, [log.lines.length, shown.length]);

  const searchId = `log-search-${stepKey}`;
  return (
    <section className="log-view" aria-label={`Log of ${stepKey}`}>
      <div className="log-toolbar">
        <div className="field">
          <label htmlFor={searchId}>Search log</label>
          <input id={searchId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </div>
        <p className="muted" aria-live="polite">
          {query.trim()
            ? `${matches.length} of ${log.lines.length} lines match`
            : `${log.lines.length} line${log.lines.length === 1 ? '' : 's'}`}
          {matches.length > MAX_RENDERED ? ` (showing the last ${MAX_RENDERED})` : ''}
          {log.truncated ? ' — the log is longer than the read limit; later lines are not shown' : ''}
        </p>
        {log.connection && <ConnectionNote state={log.connection} />}
      </div>
      <ProblemMessage error={log.error} context="Could not read the log" />
      <div
        ref={boxRef}
        className="log-box"
        role="log"
        aria-live="off"
        aria-label={`Log lines of ${stepKey}`}
        tabIndex={0}
        data-testid="log-view"
        onScroll={(event) => {
          const box = event.currentTarget;
          stickToBottom.current = box.scrollHeight - box.scrollTop - box.clientHeight < 24;
        }}
      >
        {!log.loaded ? (
          <p className="muted">Loading log…</p>
        ) : shown.length === 0 ? (
          <p className="muted">{log.lines.length === 0 ? 'No output yet.' : 'No line matches.'}</p>
        ) : (
          <ol className="log-lines">
            {shown.map((match) => (
              <LogLineRow key={match.line.seq} line={match.line} ranges={match.ranges} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
