import type { CostPreview } from '../api/nlCypher';
import { sandboxRule } from '../api/problem';
import { ProblemMessage } from '../components/ProblemMessage';
import { ScrollRegion } from '../components/ScrollRegion';
import { StatusBadge } from '../components/StatusBadge';
import { CONSOLE_LOOKS } from '../lib/status';
import type { Call } from './useConsole';

const rowsFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** The planner's estimate: cost class, largest row estimate, operators by depth and notices; or the refusal. */
export function PreviewView({ preview }: { preview: Call<CostPreview> }) {
  const refused = sandboxRule(preview.error) !== undefined;
  if (!preview.data && !preview.error) return null;
  return (
    <section className="card" aria-labelledby="preview-heading" data-testid="preview">
      <h2 id="preview-heading">Cost preview</h2>
      <ProblemMessage error={preview.error} context={refused ? 'The sandbox refused this query' : 'Could not preview the query'} />
      {preview.data && <PreviewDetails preview={preview.data} />}
    </section>
  );
}

function PreviewDetails({ preview }: { preview: CostPreview }) {
  return (
    <>
      <p className="preview-summary">
        <StatusBadge status={preview.costClass} looks={CONSOLE_LOOKS} testId="cost-badge" /> Up to {rowsFormat.format(preview.maxEstimatedRows)}{' '}
        estimated rows at the largest step.
      </p>
      {preview.costClass === 'BLOCKED' && (
        <p className="notice" data-testid="blocked-notice">
          This query is blocked: the sandbox will not run it.
        </p>
      )}
      {(preview.labels.length > 0 || preview.relationshipTypes.length > 0) && (
        <p className="muted">
          Labels: {preview.labels.join(', ') || '—'} · Relationship types: {preview.relationshipTypes.join(', ') || '—'}
        </p>
      )}
      {preview.operators.length > 0 && (
        <ScrollRegion label="Plan operators">
          <table className="data-table compact plan-table" data-testid="plan-operators">
            <caption className="visually-hidden">Plan operators, nested by depth</caption>
            <thead>
              <tr>
                <th scope="col">Operator</th>
                <th scope="col">Estimated rows</th>
              </tr>
            </thead>
            <tbody>
              {preview.operators.map((operator, index) => (
                <tr key={index} data-depth={operator.depth}>
                  <td style={{ paddingLeft: `${0.6 + operator.depth * 1.25}rem` }}>
                    {operator.depth > 0 && <span aria-hidden="true">└ </span>}
                    <code>{operator.name}</code>
                  </td>
                  <td className="num">{rowsFormat.format(operator.estimatedRows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {preview.notices.length > 0 && (
        <>
          <h3>Planner notices</h3>
          <ul className="plan-notices" data-testid="plan-notices">
            {preview.notices.map((notice, index) => (
              <li key={index}>
                <code>{notice.code}</code> {notice.title}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
