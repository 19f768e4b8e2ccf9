import { ProblemError, problemFromResponse } from './problem';
import { openEventStream, type StreamMessage, type StreamState } from './sse';
import type {
  Artifact,
  Attempt,
  JsonValue,
  LogPage,
  Me,
  PipelineDetail,
  PipelineSummary,
  Plugin,
  Run,
  RunFilters,
  RunOutputs,
  RunPage,
  Step,
  Trace,
  UiConfig,
} from './types';

export interface ApiOptions {
  getToken: () => string | null;
  onUnauthorized: () => void;
  /** Injected in tests; defaults to the global fetch looked up at call time. */
  fetch?: typeof fetch;
}

interface RequestOptions {
  body?: unknown;
  /** Use this token instead of the stored one and do not treat 401 as a lost session. */
  token?: string;
}

export interface StreamHandlers {
  onMessage: (message: StreamMessage) => void;
  onState?: (state: StreamState) => void;
  lastEventId?: string | null;
}

const enc = encodeURIComponent;

/** Typed client for the Maestro API; every call sends the bearer token. */
export class MaestroApi {
  private readonly options: ApiOptions;

  constructor(options: ApiOptions) {
    this.options = options;
  }

  private readonly doFetch: typeof fetch = (input, init) =>
    (this.options.fetch ?? globalThis.fetch)(input, init);

  private authHeaders(token?: string): Record<string, string> {
    const value = token ?? this.options.getToken();
    return value ? { Authorization: `Bearer ${value}` } : {};
  }

  private async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.authHeaders(options.token) };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await this.doFetch(path, { method, headers, body });
    if (!response.ok) {
      if (response.status === 401 && options.token === undefined) this.options.onUnauthorized();
      throw await problemFromResponse(response);
    }
    return response;
  }

  private async json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** A JSON call to any API path; used by the API areas kept in their own modules (e.g. ./nlCypher.ts). */
  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.json(method, path, { body });
  }

  me(token?: string): Promise<Me> {
    return this.json('GET', '/api/v1/me', { token });
  }

  uiConfig(): Promise<UiConfig> {
    return this.json('GET', '/api/v1/ui-config');
  }

  async listPipelines(): Promise<PipelineSummary[]> {
    return (await this.json<{ items: PipelineSummary[] }>('GET', '/api/v1/pipelines')).items;
  }

  getPipeline(name: string): Promise<PipelineDetail> {
    return this.json('GET', `/api/v1/pipelines/${enc(name)}`);
  }

  submitPipeline(file: string, spec: string): Promise<PipelineDetail> {
    return this.json('POST', '/api/v1/pipelines', { body: { file, spec } });
  }

  startRun(pipeline: string, params: Record<string, JsonValue>): Promise<Run> {
    return this.json('POST', `/api/v1/pipelines/${enc(pipeline)}/runs`, { body: { params } });
  }

  listRuns(filters: RunFilters, cursor: string | null, limit = 50): Promise<RunPage> {
    const query = new URLSearchParams();
    if (filters.pipeline) query.set('pipeline', filters.pipeline);
    if (filters.status) query.set('status', filters.status);
    if (filters.since) query.set('since', filters.since);
    if (filters.until) query.set('until', filters.until);
    query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    return this.json('GET', `/api/v1/runs?${query.toString()}`);
  }

  getRun(runId: string): Promise<Run> {
    return this.json('GET', `/api/v1/runs/${enc(runId)}`);
  }

  cancelRun(runId: string): Promise<Run> {
    return this.json('POST', `/api/v1/runs/${enc(runId)}/cancel`);
  }

  resumeRun(runId: string): Promise<Run> {
    return this.json('POST', `/api/v1/runs/${enc(runId)}/resume`);
  }

  async listSteps(runId: string): Promise<Step[]> {
    return (await this.json<{ items: Step[] }>('GET', `/api/v1/runs/${enc(runId)}/steps`)).items;
  }

  async listAttempts(runId: string): Promise<Attempt[]> {
    return (await this.json<{ items: Attempt[] }>('GET', `/api/v1/runs/${enc(runId)}/attempts`)).items;
  }

  readLogs(runId: string, stepKey: string, after: number | null, limit: number): Promise<LogPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (after !== null) query.set('after', String(after));
    return this.json('GET', `${this.stepPath(runId, stepKey)}/logs?${query.toString()}`);
  }

  async outputs(runId: string): Promise<RunOutputs> {
    return (await this.json<{ outputs: RunOutputs }>('GET', `/api/v1/runs/${enc(runId)}/outputs`)).outputs;
  }

  async listArtifacts(runId: string): Promise<Artifact[]> {
    return (await this.json<{ items: Artifact[] }>('GET', `/api/v1/runs/${enc(runId)}/artifacts`)).items;
  }

  async downloadArtifact(runId: string, name: string): Promise<Blob> {
    const response = await this.send('GET', `/api/v1/runs/${enc(runId)}/artifacts/${enc(name)}`);
    return response.blob();
  }

  trace(runId: string): Promise<Trace> {
    return this.json('GET', `/api/v1/runs/${enc(runId)}/trace`);
  }

  async listPlugins(): Promise<Plugin[]> {
    return (await this.json<{ items: Plugin[] }>('GET', '/api/v1/plugins')).items;
  }

  setPluginEnabled(id: string, enabled: boolean): Promise<Plugin> {
    return this.json('POST', `/api/v1/plugins/${enc(id)}/${enabled ? 'enable' : 'disable'}`);
  }

  streamAllEvents(handlers: StreamHandlers): () => void {
    return this.stream('/api/v1/events', handlers);
  }

  streamRunEvents(runId: string, handlers: StreamHandlers): () => void {
    return this.stream(`/api/v1/runs/${enc(runId)}/events`, handlers);
  }

  streamLogs(runId: string, stepKey: string, handlers: StreamHandlers): () => void {
    return this.stream(`${this.stepPath(runId, stepKey)}/logs/stream`, handlers);
  }

  private stepPath(runId: string, stepKey: string): string {
    return `/api/v1/runs/${enc(runId)}/steps/${enc(stepKey)}`;
  }

  private stream(url: string, handlers: StreamHandlers): () => void {
    return openEventStream({
      url,
      headers: this.authHeaders(),
      lastEventId: handlers.lastEventId,
      onMessage: handlers.onMessage,
      onState: handlers.onState,
      onUnauthorized: this.options.onUnauthorized,
      fetch: this.doFetch,
    });
  }
}

export { ProblemError };
export type { StreamMessage, StreamState };
