import type { StreamState } from '../api/client';
import type { Run, RunEvent, Step } from '../api/types';
import { applyRunEvents, emptyRunLiveState, stepsByKey, type RunLiveState } from '../lib/runEvents';

export interface RunPageState {
  live: RunLiveState;
  /** The step list as last fetched: only its shape feeds the DAG layout. */
  structure: Step[] | null;
  error: unknown;
  connection: StreamState;
}

export type RunPageAction =
  | { type: 'snapshot'; run: Run; steps: Step[]; replay: RunEvent[] }
  | { type: 'events'; events: RunEvent[] }
  | { type: 'run'; run: Run }
  | { type: 'error'; error: unknown }
  | { type: 'connection'; state: StreamState };

export const initialRunPageState: RunPageState = {
  live: emptyRunLiveState,
  structure: null,
  error: null,
  connection: 'connecting',
};

export function runPageReducer(state: RunPageState, action: RunPageAction): RunPageState {
  switch (action.type) {
    case 'snapshot': {
      // Events that arrived while the snapshot was being fetched are replayed on top of it, in
      // order, so whichever of the two is newer wins for each step.
      const base: RunLiveState = { run: action.run, steps: stepsByKey(action.steps), lastSeq: -1, stepsStale: false };
      const live = applyRunEvents(base, action.replay);
      return {
        ...state,
        error: null,
        structure: action.steps,
        live: { ...live, lastSeq: Math.max(live.lastSeq, state.live.lastSeq) },
      };
    }
    case 'events': {
      // Before the first snapshot there is nothing to patch; these events are replayed with it.
      if (state.structure === null) return state;
      const live = applyRunEvents(state.live, action.events);
      return live === state.live ? state : { ...state, live };
    }
    case 'run':
      return { ...state, live: { ...state.live, run: action.run } };
    case 'error':
      return { ...state, error: action.error };
    case 'connection':
      return state.connection === action.state ? state : { ...state, connection: action.state };
  }
}
