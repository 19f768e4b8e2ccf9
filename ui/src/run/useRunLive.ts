import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Run, RunEvent } from '../api/types';
import { useApi } from '../auth/authContext';
import { parseRunEvent } from '../lib/runEvents';
import { initialRunPageState, runPageReducer } from './runLiveReducer';

const FLUSH_MS = 100;

/**
 * Snapshot of a run and its steps kept current by the run's event stream. Events are applied in
 * batches so that a burst (thousands of steps) costs one render per FLUSH_MS.
 */
export function useRunLive(runId: string) {
  const api = useApi();
  const [state, dispatch] = useReducer(runPageReducer, initialRunPageState);
  /** Events seen since the in-flight snapshot request started; null when none is in flight. */
  const sinceSnapshot = useRef<RunEvent[] | null>(null);
  const snapshotAgain = useRef(false);
  const lastEventId = useRef<string | null>(null);

  const loadSnapshot = useCallback(() => {
    const fetchSnapshot = () => {
      sinceSnapshot.current = [];
      Promise.all([api.getRun(runId), api.listSteps(runId)]).then(
        ([run, steps]) => {
          const replay = sinceSnapshot.current ?? [];
          sinceSnapshot.current = null;
          dispatch({ type: 'snapshot', run, steps, replay });
          if (snapshotAgain.current) {
            snapshotAgain.current = false;
            fetchSnapshot();
          }
        },
        (error: unknown) => {
          sinceSnapshot.current = null;
          dispatch({ type: 'error', error });
        },
      );
    };
    // One request at a time; a request asked for meanwhile runs once the current one answers.
    if (sinceSnapshot.current) snapshotAgain.current = true;
    else fetchSnapshot();
  }, [api, runId]);

  useEffect(() => {
    let pending: RunEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let runEnded = false;
    const flush = () => {
      timer = undefined;
      const events = pending;
      pending = [];
      dispatch({ type: 'events', events });
      // A finished run gets server-computed fields (counts, duration) from a fresh snapshot.
      if (runEnded) {
        runEnded = false;
        loadSnapshot();
      }
    };
    const close = api.streamRunEvents(runId, {
      lastEventId: lastEventId.current,
      onState: (connection) => dispatch({ type: 'connection', state: connection }),
      onMessage: (message) => {
        const event = parseRunEvent(message.event, message.id, message.data);
        if (!event) return;
        if (message.id) lastEventId.current = message.id;
        sinceSnapshot.current?.push(event);
        pending.push(event);
        if (event.type === 'RunFinished') runEnded = true;
        timer ??= setTimeout(flush, FLUSH_MS);
      },
    });
    loadSnapshot();
    return () => {
      clearTimeout(timer);
      close();
    };
  }, [api, runId, loadSnapshot]);

  useEffect(() => {
    if (state.live.stepsStale) loadSnapshot();
  }, [state.live.stepsStale, loadSnapshot]);

  /** After cancel/resume: show the answer at once, then refetch the steps it changed. */
  const acceptRun = useCallback(
    (run: Run) => {
      dispatch({ type: 'run', run });
      loadSnapshot();
    },
    [loadSnapshot],
  );

  return { ...state, acceptRun, refresh: loadSnapshot };
}
