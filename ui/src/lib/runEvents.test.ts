import { describe, expect, it } from 'vitest';
import type { Run, RunEvent, Step } from '../api/types';
import { makeRun, makeStep } from '../test/fixtures';
import { applyRunEvents, parseRunEvent, stepsByKey, type RunLiveState } from './runEvents';

const run: Run = makeRun({ id: 'r1', tenant: 't', pipeline: 'p', status: 'SUBMITTED', traceId: 'abc',
  createdAt: '2024-01-01T00:00:00Z', startedAt: null });

const step = (key: string): Step => makeStep(key);

let seq = 0;
const event = (type: string, stepKey: string | null, payload: RunEvent['payload'] = {}, attempt = 1, at = '2024-01-01T00:00:10Z'): RunEvent => ({
  seq: ++seq,
  runId: 'r1',
  stepKey,
  attempt,
  type,
  at,
  payload,
});

const initial = (): RunLiveState => ({ run, steps: stepsByKey([step('build'), step('test')]), lastSeq: -1, stepsStale: false });

describe('run event reducer', () => {
  it('follows a step through scheduling, a retry and success', () => {
    const state = applyRunEvents(initial(), [
      event('RunStarted', null, {}, 0, '2024-01-01T00:00:01Z'),
      event('StepScheduled', 'build'),
      event('StepStarted', 'build', {}, 1, '2024-01-01T00:00:02Z'),
      event('StepRetrying', 'build', { reason: 'exit 1' }),
      event('StepStarted', 'build', {}, 2, '2024-01-01T00:00:05Z'),
      event('StepFinished', 'build', { status: 'SUCCEEDED', reason: null }, 2, '2024-01-01T00:00:07Z'),
    ]);
    expect(state.run?.status).toBe('RUNNING');
    expect(state.run?.startedAt).toBe('2024-01-01T00:00:01Z');
    expect(state.steps.build).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 2,
      startedAt: '2024-01-01T00:00:02Z',
      finishedAt: '2024-01-01T00:00:07Z',
      durationMillis: 5000,
    });
  });

  it('records the reason of a retry and of a failure', () => {
    let state = applyRunEvents(initial(), [event('StepRetrying', 'test', { error: 'exit 1', delayMillis: 500 })]);
    expect(state.steps.test).toMatchObject({ status: 'RETRYING', reason: 'exit 1' });
    state = applyRunEvents(state, [event('StepFinished', 'test', { status: 'FAILED', reason: 'exit 2' })]);
    expect(state.steps.test).toMatchObject({ status: 'FAILED', reason: 'exit 2' });
  });

  it('takes outputs and duration from StepFinished', () => {
    const state = applyRunEvents(initial(), [
      event('StepFinished', 'build', { status: 'SUCCEEDED', reason: null, outputs: { version: '1.2' }, durationMillis: 1234 }),
    ]);
    expect(state.steps.build).toMatchObject({ outputs: { version: '1.2' }, durationMillis: 1234 });
  });

  it('holds a step when a gate says hold', () => {
    const state = applyRunEvents(initial(), [event('GateDecided', 'test', { decision: 'hold', gate: 'approval', reason: 'needs approval' })]);
    expect(state.steps.test).toMatchObject({ status: 'HELD', reason: 'needs approval' });
    expect(applyRunEvents(state, [event('GateDecided', 'build', { decision: 'allow' })]).steps.build.status).toBe('PENDING');
  });

  it('finishes the run with the payload status', () => {
    const state = applyRunEvents(
      { ...initial(), run: { ...run, status: 'RUNNING', startedAt: '2024-01-01T00:00:00Z' } },
      [event('RunFinished', null, { status: 'FAILED' }, 0, '2024-01-01T00:01:00Z')],
    );
    expect(state.run).toMatchObject({ status: 'FAILED', finishedAt: '2024-01-01T00:01:00Z', durationMillis: 60000 });
  });

  it('ignores events already applied (replay after reconnect)', () => {
    const finished = event('StepFinished', 'build', { status: 'SUCCEEDED' });
    const state = applyRunEvents(initial(), [finished]);
    const replayed = applyRunEvents(state, [{ ...finished, type: 'StepStarted' }]);
    expect(replayed).toBe(state);
  });

  it('keeps the identity of untouched steps so their nodes do not re-render', () => {
    const before = initial();
    const after = applyRunEvents(before, [event('StepStarted', 'build')]);
    expect(after.steps.test).toBe(before.steps.test);
    expect(after.steps.build).not.toBe(before.steps.build);
  });

  it('flags the step list as stale when an event names an unknown step', () => {
    const state = applyRunEvents(initial(), [event('StepScheduled', 'deploy')]);
    expect(state.stepsStale).toBe(true);
  });

  it('clears a finished step when it is scheduled again on resume', () => {
    let state = applyRunEvents(initial(), [event('StepFinished', 'test', { status: 'FAILED', reason: 'boom' })]);
    state = applyRunEvents(state, [event('StepScheduled', 'test')]);
    expect(state.steps.test).toMatchObject({ status: 'SCHEDULED', reason: null, finishedAt: null });
  });
});

describe('parseRunEvent', () => {
  it('reads the JSON data of an SSE message', () => {
    const parsed = parseRunEvent(
      'StepStarted',
      '7',
      JSON.stringify({ seq: 7, runId: 'r1', stepKey: 'build', attempt: 1, type: 'StepStarted', at: 'x', payload: {} }),
    );
    expect(parsed).toMatchObject({ seq: 7, type: 'StepStarted', stepKey: 'build' });
  });

  it('falls back to the SSE id and event name', () => {
    expect(parseRunEvent('RunStarted', '3', JSON.stringify({ runId: 'r1' }))).toMatchObject({ seq: 3, type: 'RunStarted' });
  });

  it('rejects malformed data', () => {
    expect(parseRunEvent('x', '1', 'not json')).toBeNull();
    expect(parseRunEvent('x', '1', '{}')).toBeNull();
  });
});
