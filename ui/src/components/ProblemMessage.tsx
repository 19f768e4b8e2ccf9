import { ProblemError, formatSpecError } from '../api/problem';
import { errorMessage } from '../api/problem';

interface Props {
  error: unknown;
  /** What was being attempted, e.g. "Could not load runs". */
  context?: string;
}

/**
 * Renders an API failure; spec validation errors are listed as `file:line:column field: message (hint)`,
 * and a sandbox refusal names its rule.
 */
export function ProblemMessage({ error, context }: Props) {
  if (!error) return null;
  const problem = error instanceof ProblemError ? error : null;
  return (
    <div className="problem" role="alert" data-testid="problem">
      <p className="problem-title">
        {context ? `${context}: ` : ''}
        {problem ? problem.title : errorMessage(error)}
        {problem && problem.status ? ` (${problem.status})` : ''}
      </p>
      {problem?.detail && <p>{problem.detail}</p>}
      {problem?.rule && (
        <p>
          Rule: <code data-testid="problem-rule">{problem.rule}</code>
        </p>
      )}
      {problem && problem.errors.length > 0 && (
        <ul className="problem-errors" aria-label="Problems found">
          {problem.errors.map((specError, index) => (
            <li key={index}>
              <code>{formatSpecError(specError)}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
