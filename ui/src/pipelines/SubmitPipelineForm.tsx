import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { PipelineDetail } from '../api/types';
import { useApi } from '../auth/authContext';
import { ProblemMessage } from '../components/ProblemMessage';

interface Props {
  onSubmitted: (pipeline: PipelineDetail) => void;
}

export function SubmitPipelineForm({ onSubmitted }: Props) {
  const api = useApi();
  const [file, setFile] = useState('pipeline.yaml');
  const [spec, setSpec] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitted, setSubmitted] = useState<PipelineDetail | null>(null);

  const loadFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    setFile(chosen.name);
    setSpec(await chosen.text());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSubmitted(null);
    try {
      const pipeline = await api.submitPipeline(file.trim(), spec);
      setSubmitted(pipeline);
      onSubmitted(pipeline);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-stack" onSubmit={submit} aria-labelledby="submit-heading">
      <h2 id="submit-heading">Submit a pipeline</h2>
      <div className="field">
        <label htmlFor="spec-file-name">File name</label>
        <input id="spec-file-name" required value={file} onChange={(event) => setFile(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="spec-upload">Load YAML from a file (optional)</label>
        <input id="spec-upload" type="file" accept=".yaml,.yml,text/yaml" onChange={loadFile} />
      </div>
      <div className="field">
        <label htmlFor="spec-text">Pipeline spec (YAML)</label>
        <textarea
          id="spec-text"
          required
          rows={14}
          spellCheck={false}
          value={spec}
          onChange={(event) => setSpec(event.target.value)}
        />
      </div>
      <div>
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Submitting…' : 'Submit pipeline'}
        </button>
      </div>
      <ProblemMessage error={error} context="The pipeline was not accepted" />
      {submitted && (
        <p className="success" role="status" data-testid="submit-result">
          Submitted{' '}
          <Link to={`/pipelines/${encodeURIComponent(submitted.name)}`}>{submitted.name}</Link> revision{' '}
          {submitted.revision}.
        </p>
      )}
    </form>
  );
}
