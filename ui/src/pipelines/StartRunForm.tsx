import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { PipelineDetail } from '../api/types';
import { useApi } from '../auth/authContext';
import { ProblemMessage } from '../components/ProblemMessage';
import { buildRunParams, initialParamText } from '../lib/params';
import { ParamField } from './ParamField';

export function StartRunForm({ pipeline }: { pipeline: PipelineDetail }) {
  const api = useApi();
  const navigate = useNavigate();
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(pipeline.params.map((def) => [def.name, initialParamText(def)])),
  );
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildRunParams(pipeline.params, texts);
    setInvalid(built.invalid);
    if (Object.keys(built.invalid).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const run = await api.startRun(pipeline.name, built.params);
      navigate(`/runs/${encodeURIComponent(run.id)}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <form className="card form-stack" onSubmit={submit} aria-labelledby="start-heading" noValidate>
      <h2 id="start-heading">Start a run</h2>
      {pipeline.params.length === 0 && <p className="muted">This pipeline takes no parameters.</p>}
      {pipeline.params.map((def) => (
        <ParamField
          key={def.name}
          def={def}
          value={texts[def.name] ?? ''}
          error={invalid[def.name]}
          onChange={(value) => setTexts((previous) => ({ ...previous, [def.name]: value }))}
        />
      ))}
      <div>
        <button type="submit" className="button-primary" disabled={busy} data-testid="start-run">
          {busy ? 'Starting…' : 'Start run'}
        </button>
      </div>
      <ProblemMessage error={error} context="The run was not started" />
    </form>
  );
}
