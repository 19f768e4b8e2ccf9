import { useEffect, useRef, type Ref } from 'react';
import { formatResultValue } from '../lib/resultValues';
import { CypherCode } from './CypherCode';
import type { ConsoleState } from './useConsole';

interface Props {
  state: ConsoleState;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
  headingRef: Ref<HTMLHeadingElement>;
}

/** The current query: highlighted or edited by hand, its parameters, and the Preview and Run actions. */
export function QueryPanel({ state, editing, onEditingChange, headingRef }: Props) {
  const { query, checked, setChecked, preview, result, runBlocker, hasQuery } = state;
  const parameters = Object.entries(query.parameters);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) textarea.current?.focus();
  }, [editing]);

  return (
    <section className="card" aria-labelledby="query-heading" data-testid="query">
      <div className="section-head">
        <h2 id="query-heading" ref={headingRef} tabIndex={-1}>
          Cypher
        </h2>
        <button type="button" className="button-quiet" aria-pressed={editing} onClick={() => onEditingChange(!editing)}>
          {editing ? 'Done editing' : 'Edit'}
        </button>
      </div>
      {query.question && <p className="muted">Answers: “{query.question}”</p>}
      {query.candidate && <p data-testid="query-explanation">{query.candidate.explanation}</p>}
      {editing ? (
        <div className="field">
          <label htmlFor="console-cypher">Cypher query</label>
          <textarea
            id="console-cypher"
            ref={textarea}
            rows={6}
            spellCheck={false}
            value={query.cypher}
            onChange={(event) => state.editQuery({ cypher: event.target.value })}
          />
        </div>
      ) : hasQuery ? (
        <CypherCode cypher={query.cypher} />
      ) : (
        <p className="muted">
          No query yet: ask a question above, or{' '}
          <button type="button" className="button-secondary" onClick={() => onEditingChange(true)}>
            Write Cypher by hand
          </button>
        </p>
      )}
      {parameters.length > 0 && (
        <dl className="facts query-parameters" aria-label="Parameters" data-testid="query-parameters">
          {parameters.map(([name, value]) => (
            <div key={name}>
              <dt>${name}</dt>
              <dd>
                <code>{formatResultValue(value)}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {query.needsCheck && (
        <div className="notice unsure" data-testid="unsure-notice">
          <p>
            <strong>Not sure — check this guess before running.</strong>
          </p>
          <label className="check-label">
            <input type="checkbox" checked={checked} onChange={(event) => setChecked(event.target.checked)} />
            <span>I checked this query</span>
          </label>
        </div>
      )}
      <div className="toolbar query-actions">
        <button
          type="button"
          className="button-secondary"
          disabled={!hasQuery || preview.busy}
          aria-busy={preview.busy}
          onClick={state.runPreview}
        >
          {preview.busy ? 'Previewing…' : 'Preview cost'}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={runBlocker !== null || result.busy}
          aria-busy={result.busy}
          aria-describedby={runBlocker ? 'run-blocker' : undefined}
          data-testid="run-query"
          onClick={state.run}
        >
          {result.busy ? 'Running…' : 'Run'}
        </button>
        {runBlocker && (
          <span id="run-blocker" className="muted">
            {runBlocker}
          </span>
        )}
      </div>
    </section>
  );
}
