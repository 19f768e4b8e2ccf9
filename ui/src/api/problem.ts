import type { ProblemDetails, SpecError } from './types';

/** An API failure carrying the server's RFC 9457 problem details (or a synthesized one). */
export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly instance: string | undefined;
  readonly errors: SpecError[];
  /** The sandbox rule that refused a query, when the server names one. */
  readonly rule: string | undefined;

  constructor(problem: ProblemDetails, fallbackStatus: number) {
    const title = problem.title ?? `Request failed (${fallbackStatus})`;
    super(problem.detail ? `${title}: ${problem.detail}` : title);
    this.name = 'ProblemError';
    this.status = problem.status ?? fallbackStatus;
    this.title = title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.instance = problem.instance;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.rule = typeof problem.rule === 'string' && problem.rule ? problem.rule : undefined;
  }
}

export async function problemFromResponse(response: Response): Promise<ProblemError> {
  let problem: ProblemDetails = { title: response.statusText || undefined };
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      problem = (await response.json()) as ProblemDetails;
    } catch {
      // a malformed body still leaves the status code to report
    }
  }
  return new ProblemError(problem, response.status);
}

/** One line per error: `file:line:column field: message (hint)`, or `field: reason` for request errors. */
export function formatSpecError(error: SpecError): string {
  const message = error.message ?? error.reason ?? '';
  const hint = error.hint ? ` (${error.hint})` : '';
  if (!error.file) return `${error.field ? `${error.field}: ` : ''}${message}${hint}`;
  const where = `${error.file}:${error.line ?? '?'}:${error.column ?? '?'}`;
  const field = error.field ? ` ${error.field}` : '';
  return `${where}${field}: ${message}${hint}`;
}

/** The sandbox rule named by a refusal, or undefined when the error is not one. */
export function sandboxRule(error: unknown): string | undefined {
  return error instanceof ProblemError ? error.rule : undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
