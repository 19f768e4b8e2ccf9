import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../api/types';
import { makeRun, makeStep } from '../test/fixtures';
import { initialRunPageState, runPageReducer } from './runLiveReducer';

const event = (seq: number, type: string, stepKey: string, payload: RunEvent['payload'] = {}): RunEvent => ({
  seq,
  runId: 'run-1',
  stepKey,
  attempt: 1,
  type,
  at: '2024-05-01T10:00:05Z',
  payload,
});

describe('run page reducer', () => {
  it('ignores events until the first snapshot, then replays them on top of it', () => {
    const early = [event(1, 'StepStarted', 'a'), event(2, 'StepFinished', 'a', { status: 'SUCCEEDED' })];
    let state = runPageReducer(initialRunPageState, { type: 'events', events: early });
    expect(state).toBe(initialRunPageState);
    // the snapshot was taken between the two events
    state = runPageReducer(state, { type: 'snapshot', run: makeRun(), steps: [makeStep('a', { status: 'RUNNING' })], replay: early });
    expect(state.live.steps.a.status).toBe('SUCCEEDED');
    expect(state.live.lastSeq).toBe(2);
  });

  it('keeps the last seq across a refetch so old events stay ignored', () => {
    let state = runPageReducer(initialRunPageState, { type: 'snapshot', run: makeRun(), steps: [makeStep('a')], replay: [] });
    state = runPageReducer(state, { type: 'events', events: [event(9, 'StepStarted', 'a')] });
    state = runPageReducer(state, { type: 'snapshot', run: makeRun(), steps: [makeStep('a', { status: 'RUNNING' })], replay: [] });
    expect(state.live.lastSeq).toBe(9);
    const again = runPageReducer(state, { type: 'events', events: [event(8, 'StepFinished', 'a', { status: 'FAILED' })] });
    expect(again).toBe(state);
  });

  it('takes the run returned by cancel or resume', () => {
    let state = runPageReducer(initialRunPageState, { type: 'snapshot', run: makeRun({ status: 'FAILED' }), steps: [], replay: [] });
    state = runPageReducer(state, { type: 'run', run: makeRun({ status: 'RUNNING' }) });
    expect(state.live.run?.status).toBe('RUNNING');
  });
});
