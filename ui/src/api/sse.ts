import { fetchEventSource, type EventSourceMessage } from '@microsoft/fetch-event-source';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

export interface StreamMessage {
  id: string;
  event: string;
  data: string;
}

export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  /** Resume point: sent as Last-Event-ID on the first connection too. */
  lastEventId?: string | null;
  onMessage: (message: StreamMessage) => void;
  onState?: (state: StreamState) => void;
  onUnauthorized: () => void;
  fetch: typeof fetch;
}

class UnauthorizedStream extends Error {}
class StreamInterrupted extends Error {}

const MAX_RETRY_MS = 10_000;

/** Opens a server-sent event stream that reconnects with backoff; returns a function that closes it. */
export function openEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  let failures = 0;
  // fetch-event-source keeps the header up to date with each received id under this exact
  // lower-case name; using another spelling would send two conflicting headers.
  const headers: Record<string, string> = { ...options.headers };
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;

  options.onState?.('connecting');
  fetchEventSource(options.url, {
    headers,
    signal: controller.signal,
    openWhenHidden: true,
    fetch: options.fetch,
    onopen: async (response) => {
      if (response.status === 401) throw new UnauthorizedStream();
      const contentType = response.headers.get('content-type') ?? '';
      if (!response.ok || !contentType.startsWith('text/event-stream')) {
        throw new StreamInterrupted(`stream answered ${response.status}`);
      }
      options.onState?.('open');
    },
    onmessage: (message: EventSourceMessage) => {
      // Reset the backoff only once data flows, so a server that closes at once is not hammered.
      failures = 0;
      options.onMessage({ id: message.id, event: message.event, data: message.data });
    },
    onclose: () => {
      // The server ended the stream (restart, idle timeout): reconnect rather than stop.
      throw new StreamInterrupted('stream closed');
    },
    onerror: (error: unknown) => {
      if (error instanceof UnauthorizedStream) {
        options.onUnauthorized();
        throw error;
      }
      failures += 1;
      options.onState?.('reconnecting');
      return Math.min(MAX_RETRY_MS, 500 * 2 ** Math.min(failures, 5));
    },
  }).catch(() => {
    // Only a fatal error (401) ends up here and it has been reported through onUnauthorized.
  });
  return () => controller.abort();
}
