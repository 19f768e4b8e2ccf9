import { useCallback } from 'react';
import { useApi } from '../auth/authContext';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { useAsync } from '../hooks/useAsync';
import { useReloadOnChange } from '../hooks/useReloadOnChange';
import { ArtifactsTable } from './ArtifactsTable';
import { OutputsTable } from './OutputsTable';

export function OutputsArtifactsView({ runId, version }: { runId: string; version: number }) {
  const api = useApi();
  const loadOutputs = useCallback(() => api.outputs(runId), [api, runId]);
  const loadArtifacts = useCallback(() => api.listArtifacts(runId), [api, runId]);
  const outputs = useAsync(loadOutputs);
  const artifacts = useAsync(loadArtifacts);
  useReloadOnChange(version, outputs.reload, 2000);
  useReloadOnChange(version, artifacts.reload, 2000);

  const stepsWithOutputs = Object.entries(outputs.data ?? {}).filter(([, values]) => Object.keys(values).length > 0);
  return (
    <div className="outputs-view">
      <h2>Outputs</h2>
      <ProblemMessage error={outputs.error} context="Could not load outputs" />
      {outputs.data === undefined ? (
        !outputs.error && <Loading what="outputs" />
      ) : stepsWithOutputs.length === 0 ? (
        <p className="muted">No step has produced outputs.</p>
      ) : (
        stepsWithOutputs.map(([stepKey, values]) => (
          <section key={stepKey} aria-label={`Outputs of ${stepKey}`}>
            <h3>
              <code>{stepKey}</code>
            </h3>
            <OutputsTable outputs={values} caption={`Outputs of ${stepKey}`} />
          </section>
        ))
      )}
      <h2>Artifacts</h2>
      <ProblemMessage error={artifacts.error} context="Could not load artifacts" />
      {artifacts.data === undefined ? (
        !artifacts.error && <Loading what="artifacts" />
      ) : (
        <ArtifactsTable runId={runId} artifacts={artifacts.data} />
      )}
    </div>
  );
}
