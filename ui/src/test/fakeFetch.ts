// Test double for the Maestro API: routes keyed by "METHOD /path" (":name" matches one segment).

export interface FakeRequest {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: Headers;
  body: unknown;
  signal: AbortSignal | null | undefined;
}

type Handler = ((request: FakeRequest) => unknown) | object;

export function json(body: unknown, status = 200): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Response {
  return json({ type: 'about:blank', title, status, ...extra }, status);
}

/** An SSE endpoint whose connections stay open; send() pushes an event to every open connection. */
export function sseChannel() {
  const encoder = new TextEncoder();
  const open = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const requests: FakeRequest[] = [];
  const handler = (request: FakeRequest) => {
    requests.push(request);
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        open.add(c);
      },
    });
    request.signal?.addEventListener('abort', () => {
      open.delete(controller);
      try {
        controller.error(new DOMException('aborted', 'AbortError'));
      } catch {
        // already closed
      }
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  const send = (event: string, id: string | number, data: unknown) => {
    const chunk = encoder.encode(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
    for (const controller of open) controller.enqueue(chunk);
  };
  return { handler, send, requests, get connections() { return open.size; } };
}

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

export function fakeFetch(routes: Record<string, Handler>) {
  const calls: FakeRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), 'http://maestro.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    for (const [key, handler] of Object.entries(routes)) {
      const [routeMethod, pattern] = key.split(' ');
      const params = routeMethod === method ? match(pattern, url.pathname) : null;
      if (!params) continue;
      const request = { method, url, params, headers, body, signal: init?.signal };
      calls.push(request);
      const result: unknown = typeof handler === 'function' ? await (handler as (r: FakeRequest) => unknown)(request) : handler;
      return result instanceof Response ? result : json(result);
    }
    calls.push({ method, url, params: {}, headers, body, signal: init?.signal });
    return problem(404, `No fake route for ${method} ${url.pathname}`);
  };
  return { fetch, calls };
}
