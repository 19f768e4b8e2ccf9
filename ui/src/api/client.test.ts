import { describe, expect, it, vi } from 'vitest';
import { json, problem } from '../test/fakeFetch';
import { MaestroApi } from './client';
import { ProblemError } from './problem';

function api(fetch: typeof globalThis.fetch, onUnauthorized = vi.fn()) {
  return { client: new MaestroApi({ getToken: () => 'mst_abc', onUnauthorized, fetch }), onUnauthorized };
}

describe('MaestroApi', () => {
  it('sends the bearer token and encodes path segments', async () => {
    const fetch = vi.fn(async () => json({ items: [] }));
    await api(fetch).client.readLogs('r 1', 'test[jdk=21]', 5, 100);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/runs/r%201/steps/test%5Bjdk%3D21%5D/logs?limit=100&after=5');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer mst_abc');
  });

  it('throws a ProblemError from problem details', async () => {
    const { client } = api(async () => problem(409, 'Run cannot be resumed', { detail: 'status is RUNNING' }));
    const error = await client.resumeRun('r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ status: 409, title: 'Run cannot be resumed', detail: 'status is RUNNING' });
  });

  it('synthesizes a problem when the body is not JSON', async () => {
    const { client } = api(async () => new Response('boom', { status: 502, statusText: 'Bad Gateway' }));
    await expect(client.listPlugins()).rejects.toMatchObject({ status: 502, title: 'Bad Gateway' });
  });

  it('reports a 401 as a lost session, except while checking a new token', async () => {
    const { client, onUnauthorized } = api(async () => problem(401, 'Unauthorized'));
    await expect(client.listRuns({}, null)).rejects.toBeInstanceOf(ProblemError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(client.me('mst_new')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('resumes an event stream with Last-Event-ID after the server closes it', async () => {
    const seen: Array<string | null> = [];
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      seen.push(headers.get('last-event-id'));
      const body = seen.length === 1 ? 'event: StepStarted\nid: 7\ndata: {}\n\n' : '';
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    });
    const messages: string[] = [];
    const close = api(fetch).client.streamRunEvents('r1', { lastEventId: '3', onMessage: (m) => messages.push(`${m.event}#${m.id}`) });
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2), { timeout: 4000 });
    close();
    expect(messages).toEqual(['StepStarted#7']);
    expect(seen.slice(0, 2)).toEqual(['3', '7']);
  });
});
