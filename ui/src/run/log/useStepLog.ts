import { useEffect, useRef, useState } from 'react';
import type { StreamState } from '../../api/client';
import type { LogLine } from '../../api/types';
import { useApi } from '../../auth/authContext';
import { mergeLogLines } from '../../lib/logFilter';

const PAGE_SIZE = 1000;
const MAX_PAGES = 50;
const FLUSH_MS = 100;

interface LogState {
  key: string;
  lines: LogLine[];
  error: unknown;
  loaded: boolean;
  truncated: boolean;
}

/**
 * The log of one step: ranged reads first, then (while `live`) the SSE stream resumed after the
 * last line already held, so nothing is read twice.
 */
export function useStepLog(runId: string, stepKey: string, live: boolean) {
  const api = useApi();
  const key = `${runId}\u0000${stepKey}`;
  const [state, setState] = useState<LogState>({ key, lines: [], error: null, loaded: false, truncated: false });
  const [connection, setConnection] = useState<StreamState | null>(null);
  /** Lines held for `key`, readable from callbacks without re-running the effect. */
  const held = useRef<{ key: string; lines: LogLine[] }>({ key, lines: [] });

  useEffect(() => {
    let active = true;
    let closeStream: (() => void) | null = null;
    let pending: LogLine[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (held.current.key !== key) held.current = { key, lines: [] };

    const publish = (lines: LogLine[], patch: Partial<LogState> = {}) => {
      held.current = { key, lines };
      setState((previous) => ({ ...(previous.key === key ? previous : { truncated: false }), key, lines, error: null, loaded: true, ...patch }));
    };
    const flush = () => {
      timer = undefined;
      const incoming = pending;
      pending = [];
      if (active) publish(mergeLogLines(held.current.lines, incoming));
    };

    (async () => {
      let lines = held.current.lines;
      let truncated = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const after = lines.length > 0 ? lines[lines.length - 1].seq : null;
        const result = await api.readLogs(runId, stepKey, after, PAGE_SIZE);
        if (!active) return;
        lines = mergeLogLines(lines, result.items);
        if (result.items.length < PAGE_SIZE) break;
        truncated = page === MAX_PAGES - 1;
      }
      publish(lines, { truncated });
      if (!live || !active) return;
      const last = lines.length > 0 ? String(lines[lines.length - 1].seq) : null;
      closeStream = api.streamLogs(runId, stepKey, {
        lastEventId: last,
        onState: setConnection,
        onMessage: (message) => {
          if (message.event && message.event !== 'log') return;
          try {
            pending.push(JSON.parse(message.data) as LogLine);
          } catch {
            return;
          }
          timer ??= setTimeout(flush, FLUSH_MS);
        },
      });
    })().catch((error: unknown) => {
      if (active) setState((previous) => ({ ...previous, key, error, loaded: true }));
    });

    return () => {
      active = false;
      clearTimeout(timer);
      closeStream?.();
      setConnection(null);
    };
  }, [api, runId, stepKey, key, live]);

  const current = state.key === key ? state : null;
  return {
    lines: current?.lines ?? [],
    error: current?.error ?? null,
    loaded: current?.loaded ?? false,
    truncated: current?.truncated ?? false,
    connection: live ? connection : null,
  };
}
