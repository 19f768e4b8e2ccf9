import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../auth/authContext';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { useAsync } from '../hooks/useAsync';
import { usePageTitle } from '../hooks/usePageTitle';
import { formatTimestamp } from '../lib/format';
import { StartRunForm } from '../pipelines/StartRunForm';

export function PipelineDetailPage() {
  const { name = '' } = useParams();
  usePageTitle(`Pipeline ${name}`);
  const api = useApi();
  const load = useCallback(() => api.getPipeline(name), [api, name]);
  const pipeline = useAsync(load);
  const detail = pipeline.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/pipelines">Pipelines</Link> /
      </p>
      <h1>Pipeline {name}</h1>
      <ProblemMessage error={pipeline.error} context="Could not load the pipeline" />
      {!detail ? (
        !pipeline.error && <Loading what="pipeline" />
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>Revision</dt>
              <dd>{detail.revision}</dd>
            </div>
            <div>
              <dt>Steps</dt>
              <dd>{detail.stepCount}</dd>
            </div>
            <div>
              <dt>Submitted</dt>
              <dd>{formatTimestamp(detail.submittedAt)}</dd>
            </div>
            <div>
              <dt>Tenant</dt>
              <dd>{detail.tenant}</dd>
            </div>
          </dl>
          <StartRunForm key={`${detail.name}@${detail.revision}`} pipeline={detail} />
          <section aria-labelledby="spec-heading">
            <h2 id="spec-heading">Spec</h2>
            <pre className="spec" tabIndex={0} role="region" aria-label={`Spec of ${detail.name}`}>
              {detail.spec}
            </pre>
          </section>
          <p>
            <Link to={`/runs?pipeline=${encodeURIComponent(detail.name)}`}>Runs of this pipeline</Link>
          </p>
        </>
      )}
    </>
  );
}
