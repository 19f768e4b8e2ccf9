import { Link } from 'react-router';
import type { PipelineSummary } from '../api/types';
import { formatTimestamp } from '../lib/format';
import { ScrollRegion } from '../components/ScrollRegion';

export function PipelinesTable({ pipelines }: { pipelines: readonly PipelineSummary[] }) {
  if (pipelines.length === 0) return <p className="muted">No pipelines yet. Submit one above.</p>;
  return (
    <ScrollRegion label="Pipelines">
      <table className="data-table" data-testid="pipelines-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Revision</th>
            <th scope="col">Steps</th>
            <th scope="col">Params</th>
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          {pipelines.map((pipeline) => (
            <tr key={pipeline.name}>
              <td>
                <Link to={`/pipelines/${encodeURIComponent(pipeline.name)}`}>{pipeline.name}</Link>
              </td>
              <td>{pipeline.revision}</td>
              <td>{pipeline.stepCount}</td>
              <td>{pipeline.params.map((param) => param.name).join(', ') || '—'}</td>
              <td>{formatTimestamp(pipeline.submittedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
