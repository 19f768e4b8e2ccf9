import { useMemo, useState } from 'react';
import type { QueryResult } from '../api/nlCypher';
import { sandboxRule } from '../api/problem';
import { ProblemMessage } from '../components/ProblemMessage';
import { Tabs, type TabSpec } from '../components/Tabs';
import { forceLayout } from '../lib/forceLayout';
import { formatDuration } from '../lib/format';
import { capGraph, graphFromRows } from '../lib/graphFromRows';
import { ResultGraph } from './ResultGraph';
import { ResultTable } from './ResultTable';
import type { Call } from './useConsole';

const MAX_DRAWN_NODES = 200;

type View = 'table' | 'graph';
const TABS: readonly TabSpec<View>[] = [
  { id: 'table', label: 'Table' },
  { id: 'graph', label: 'Graph' },
];

/** The outcome of Run: a failure, or the rows as a table and as a small graph. */
export function ResultView({ result }: { result: Call<QueryResult> }) {
  const [view, setView] = useState<View>('table');
  const rows = result.data?.rows;
  // Once per result: switching tabs must not lay the graph out again.
  const drawing = useMemo(() => {
    if (!rows) return null;
    const graph = capGraph(graphFromRows(rows), MAX_DRAWN_NODES);
    return { graph, layout: forceLayout(graph.nodes.map((node) => node.id), graph.relationships) };
  }, [rows]);
  if (!result.data && !result.error) return null;
  const refused = sandboxRule(result.error) !== undefined;
  return (
    <section className="card" aria-labelledby="result-heading" data-testid="result">
      <h2 id="result-heading">Result</h2>
      <ProblemMessage error={result.error} context={refused ? 'The sandbox stopped this query' : 'The query did not run'} />
      {result.data && (
        <>
          <p role="status" data-testid="result-summary">
            {result.data.rows.length} {result.data.rows.length === 1 ? 'row' : 'rows'} in {formatDuration(result.data.tookMs)}
            {result.data.costClass ? ` · cost ${result.data.costClass.toLowerCase()}` : ''}
          </p>
          {result.data.truncated && (
            <p className="notice" data-testid="truncated-note">
              Truncated at {result.data.rowCap} rows: the query returned more than are shown.
            </p>
          )}
          <Tabs label="Result views" idPrefix="console-result" tabs={TABS} active={view} onChange={setView} />
          <div role="tabpanel" id={`console-result-panel-${view}`} aria-labelledby={`console-result-tab-${view}`}>
            {view === 'table' ? (
              <ResultTable result={result.data} />
            ) : (
              drawing && <ResultGraph graph={drawing.graph} layout={drawing.layout} />
            )}
          </div>
        </>
      )}
    </section>
  );
}
