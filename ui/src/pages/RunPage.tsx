import { useCallback } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { Tabs, type TabSpec } from '../components/Tabs';
import { ConnectionNote } from '../components/ConnectionNote';
import { usePageTitle } from '../hooks/usePageTitle';
import { DagView } from '../run/dag/DagView';
import { OutputsArtifactsView } from '../run/OutputsArtifactsView';
import { RunHeader } from '../run/RunHeader';
import { StepPanel } from '../run/StepPanel';
import { TimelineView } from '../run/TimelineView';
import { TraceView } from '../run/TraceView';
import { useRunLive } from '../run/useRunLive';

type TabId = 'graph' | 'timeline' | 'outputs' | 'trace';

const TABS: readonly TabSpec<TabId>[] = [
  { id: 'graph', label: 'Graph' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'outputs', label: 'Outputs & artifacts' },
  { id: 'trace', label: 'Trace' },
];

export default function RunPage() {
  const { runId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const live = useRunLive(runId);
  const run = live.live.run;
  usePageTitle(run ? `${run.pipeline} ${run.status}` : 'Run');

  const tabParam = params.get('tab');
  const tab: TabId = TABS.some((t) => t.id === tabParam) ? (tabParam as TabId) : 'graph';
  const selectedKey = params.get('step');

  const setParam = useCallback(
    (name: string, value: string | null) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value === null) next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const selectStep = useCallback((key: string) => setParam('step', key), [setParam]);

  if (!run || !live.structure) {
    return (
      <>
        <h1>Run {runId}</h1>
        {live.error ? (
          <>
            <ProblemMessage error={live.error} context="Could not load the run" />
            <p>
              <Link to="/runs">Back to runs</Link>
            </p>
          </>
        ) : (
          <Loading what="run" />
        )}
      </>
    );
  }

  const selected = selectedKey ? live.live.steps[selectedKey] : undefined;
  const version = live.live.lastSeq;
  return (
    <>
      <RunHeader run={run} steps={live.live.steps} onRunChanged={live.acceptRun} onSelectStep={selectStep} />
      <ConnectionNote state={live.connection} />
      <ProblemMessage error={live.error} context="Could not refresh the run" />
      <div className={selected ? 'run-body has-panel' : 'run-body'}>
        <section className="run-main" aria-label="Run views">
          <Tabs label="Run views" idPrefix="run" tabs={TABS} active={tab} onChange={(id) => setParam('tab', id === 'graph' ? null : id)} />
          {/* The graph stays mounted while hidden so its layout is not recomputed on every tab switch. */}
          <div role="tabpanel" id="run-panel-graph" aria-labelledby="run-tab-graph" hidden={tab !== 'graph'}>
            <DagView structure={live.structure} steps={live.live.steps} selectedKey={selectedKey} onSelect={selectStep} />
          </div>
          {tab !== 'graph' && (
            <div role="tabpanel" id={`run-panel-${tab}`} aria-labelledby={`run-tab-${tab}`}>
              {tab === 'timeline' && (
                <TimelineView runId={run.id} version={version} selectedKey={selectedKey} onSelect={selectStep} />
              )}
              {tab === 'outputs' && <OutputsArtifactsView runId={run.id} version={version} />}
              {tab === 'trace' && <TraceView runId={run.id} version={version} />}
            </div>
          )}
        </section>
        {selected && <StepPanel run={run} step={selected} onClose={() => setParam('step', null)} />}
      </div>
    </>
  );
}
