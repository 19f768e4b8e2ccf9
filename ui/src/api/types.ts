// Wire types of the Maestro HTTP API (/api/v1). Timestamps are ISO-8601 strings.

export type RunStatus = 'SUBMITTED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export type StepStatus =
  | 'PENDING'
  | 'SCHEDULED'
  | 'HELD'
  | 'RUNNING'
  | 'RETRYING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'SKIPPED'
  | 'CANCELLED';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Me {
  tenant: string;
  role: string;
  tokenName: string;
}

export interface LinkTemplate {
  name: string;
  urlTemplate: string;
}

export interface UiConfig {
  traceLink: LinkTemplate | null;
  logLink: LinkTemplate | null;
}

export interface ParamDefinition {
  name: string;
  type: string;
  required: boolean;
  default: JsonValue | null;
  description: string | null;
}

export interface PipelineSummary {
  name: string;
  tenant: string;
  revision: number;
  submittedAt: string;
  stepCount: number;
  params: ParamDefinition[];
}

export interface PipelineDetail extends PipelineSummary {
  spec: string;
}

export interface Run {
  id: string;
  tenant: string;
  pipeline: string;
  status: RunStatus;
  reason: string | null;
  params: Record<string, JsonValue>;
  traceId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMillis: number | null;
  stepCounts: Partial<Record<StepStatus, number>>;
  /** Where the run's workspace, logs and artifacts are kept; absent when the server has no region. */
  region?: string | null;
}

export interface RunPage {
  items: Run[];
  nextCursor: string | null;
}

export interface RunFilters {
  pipeline?: string;
  status?: RunStatus | '';
  since?: string;
  until?: string;
}

export interface Step {
  key: string;
  stepId: string;
  uses: string;
  matrix: Record<string, JsonValue>;
  needs: string[];
  status: StepStatus;
  attempts: number;
  reason: string | null;
  outputs: Record<string, JsonValue>;
  startedAt: string | null;
  finishedAt: string | null;
  durationMillis: number | null;
}

export interface Attempt {
  stepKey: string;
  attempt: number;
  status: StepStatus;
  startedAt: string;
  finishedAt: string | null;
  reason: string | null;
}

export type LogStream = 'OUT' | 'ERR';

export interface LogLine {
  seq: number;
  attempt: number;
  stream: LogStream;
  line: string;
  at: string;
}

export interface LogPage {
  items: LogLine[];
  next: number;
}

export interface Artifact {
  name: string;
  stepKey: string;
  attempt: number;
  sha256: string;
  sizeBytes: number;
  at: string;
}

export type RunOutputs = Record<string, Record<string, JsonValue>>;

export interface RunEvent {
  seq: number;
  runId: string;
  stepKey: string | null;
  attempt: number;
  type: string;
  at: string;
  payload: Record<string, JsonValue>;
}

export type SpanStatus = 'OK' | 'ERROR' | 'UNSET';

export interface Span {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  startedAt: string;
  startOffsetMicros: number;
  durationMicros: number;
  status: SpanStatus;
  attributes: Record<string, JsonValue>;
}

export interface Trace {
  traceId: string;
  spans: Span[];
}

export interface Plugin {
  id: string;
  version: string;
  state: string;
  extensions: string[];
  requires: JsonValue;
  problem: string | null;
}

/** A spec validation problem (file, line, column…) or, for other requests, `{field, reason}`. */
export interface SpecError {
  file?: string;
  line?: number;
  column?: number;
  field?: string;
  message?: string;
  hint?: string | null;
  reason?: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: SpecError[];
  /** The sandbox rule that refused a query, e.g. `cypher.write` (NL→Cypher console). */
  rule?: string;
}

export const RUN_STATUSES: readonly RunStatus[] = ['SUBMITTED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
