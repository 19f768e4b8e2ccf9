import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamState } from '../api/client';
import type { Run, RunFilters } from '../api/types';
import { useApi } from '../auth/authContext';
import { parseRunEvent } from '../lib/runEvents';
import { appendPage, upsertRun } from './runFilters';

const LIVE_TYPES = new Set(['RunSubmitted', 'RunStarted', 'RunFinished']);
const PAGE_SIZE = 50;
const COALESCE_MS = 250;

interface ListState {
  filtersKey: string;
  items: Run[];
  nextCursor: string | null;
  error: unknown;
}

/** The runs matching `filters`: first page, "load more" pages, and live patches from the all-runs stream. */
export function useRunsList(filters: RunFilters) {
  const api = useApi();
  const filtersKey = JSON.stringify(filters);
  const [state, setState] = useState<ListState | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [connection, setConnection] = useState<StreamState>('connecting');
  const filtersRef = useRef(filters);

  useEffect(() => {
    filtersRef.current = filters;
  });

  useEffect(() => {
    let active = true;
    api.listRuns(JSON.parse(filtersKey) as RunFilters, null, PAGE_SIZE).then(
      (page) => active && setState({ filtersKey, items: page.items, nextCursor: page.nextCursor, error: null }),
      (error: unknown) => active && setState({ filtersKey, items: [], nextCursor: null, error }),
    );
    return () => {
      active = false;
    };
  }, [api, filtersKey]);

  useEffect(() => {
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const flush = () => {
      timer = undefined;
      const ids = [...pending];
      pending.clear();
      for (const id of ids) {
        api.getRun(id).then(
          (run) => {
            if (closed) return;
            setState((current) =>
              current ? { ...current, items: upsertRun(current.items, run, filtersRef.current) } : current,
            );
          },
          () => undefined,
        );
      }
    };
    const close = api.streamAllEvents({
      onState: setConnection,
      onMessage: (message) => {
        const event = parseRunEvent(message.event, message.id, message.data);
        if (!event || !LIVE_TYPES.has(event.type)) return;
        // Several events for one run in a burst cost a single refetch.
        pending.add(event.runId);
        timer ??= setTimeout(flush, COALESCE_MS);
      },
    });
    return () => {
      closed = true;
      clearTimeout(timer);
      close();
    };
  }, [api]);

  const current = state?.filtersKey === filtersKey ? state : null;

  const loadMore = useCallback(async () => {
    if (!current?.nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.listRuns(filtersRef.current, current.nextCursor, PAGE_SIZE);
      setState((previous) =>
        previous && previous.filtersKey === current.filtersKey
          ? { ...previous, items: appendPage(previous.items, page.items), nextCursor: page.nextCursor }
          : previous,
      );
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }, [api, current]);

  return {
    runs: current?.items ?? [],
    loading: current === null,
    error: current?.error ?? null,
    hasMore: Boolean(current?.nextCursor),
    loadMore,
    loadingMore,
    moreError,
    connection,
  };
}
