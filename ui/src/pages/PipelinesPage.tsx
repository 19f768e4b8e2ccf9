import { useCallback } from 'react';
import { useApi } from '../auth/authContext';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { useAsync } from '../hooks/useAsync';
import { usePageTitle } from '../hooks/usePageTitle';
import { PipelinesTable } from '../pipelines/PipelinesTable';
import { SubmitPipelineForm } from '../pipelines/SubmitPipelineForm';

export function PipelinesPage() {
  usePageTitle('Pipelines');
  const api = useApi();
  const load = useCallback(() => api.listPipelines(), [api]);
  const pipelines = useAsync(load);

  return (
    <>
      <h1>Pipelines</h1>
      <SubmitPipelineForm onSubmitted={pipelines.reload} />
      <section aria-labelledby="registered-heading">
        <h2 id="registered-heading">Registered pipelines</h2>
        <ProblemMessage error={pipelines.error} context="Could not load pipelines" />
        {pipelines.data ? <PipelinesTable pipelines={pipelines.data} /> : !pipelines.error && <Loading what="pipelines" />}
      </section>
    </>
  );
}
