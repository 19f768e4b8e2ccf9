import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Run, Step } from '../api/types';
import { sseChannel } from '../test/fakeFetch';
import { makeRun, makeStep } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

const lintKeys = 'abcdefghij'.split('').map((os) => `lint[os=${os}]`);

function setup() {
  const events = sseChannel();
  const logStream = sseChannel();
  const state: { run: Run; steps: Step[] } = {
    run: makeRun({ id: 'run-1', pipeline: 'build-app', region: 'eu-west-1' }),
    steps: [
      makeStep('build', { status: 'SUCCEEDED', attempts: 1, outputs: { version: '1.0.3' } }),
      makeStep('test', { status: 'RUNNING', attempts: 1, needs: ['build'], startedAt: '2024-05-01T10:00:02Z' }),
      ...lintKeys.map((key, i) => makeStep(key, { stepId: 'lint', matrix: { os: 'abcdefghij'[i] }, needs: ['build'], status: 'SUCCEEDED' })),
      makeStep('publish', { needs: ['test', ...lintKeys] }),
    ],
  };
  const rendered = renderApp('/runs/run-1', {
    'GET /api/v1/runs/:runId': () => state.run,
    'GET /api/v1/runs/:runId/steps': () => ({ items: state.steps }),
    'GET /api/v1/runs/:runId/events': events.handler,
    'GET /api/v1/runs/:runId/steps/:stepKey/logs': ({ url }) =>
      url.searchParams.get('after')
        ? { items: [], next: 2 }
        : {
            items: [
              { seq: 1, attempt: 1, stream: 'OUT', line: 'running tests', at: '2024-05-01T10:00:03Z' },
              { seq: 2, attempt: 1, stream: 'ERR', line: 'AssertionError: expected 2', at: '2024-05-01T10:00:04Z' },
            ],
            next: 2,
          },
    'GET /api/v1/runs/:runId/steps/:stepKey/logs/stream': logStream.handler,
    'POST /api/v1/runs/:runId/resume': () => {
      state.run = { ...state.run, status: 'RUNNING', finishedAt: null };
      return new Response(JSON.stringify(state.run), { status: 202, headers: { 'content-type': 'application/json' } });
    },
    'GET /api/v1/runs/:runId/attempts': {
      items: [
        { stepKey: 'build', attempt: 1, status: 'SUCCEEDED', startedAt: '2024-05-01T10:00:01Z', finishedAt: '2024-05-01T10:00:02Z', reason: null },
        { stepKey: 'test', attempt: 1, status: 'FAILED', startedAt: '2024-05-01T10:00:02Z', finishedAt: '2024-05-01T10:00:04Z', reason: 'exit 1' },
        { stepKey: 'test', attempt: 2, status: 'SUCCEEDED', startedAt: '2024-05-01T10:00:05Z', finishedAt: '2024-05-01T10:00:09Z', reason: null },
      ],
    },
    'GET /api/v1/runs/:runId/trace': {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spans: [
        { spanId: 's1', parentSpanId: null, name: 'run build-app', startedAt: '2024-05-01T10:00:01Z', startOffsetMicros: 0, durationMicros: 8_000_000, status: 'OK', attributes: {} },
        { spanId: 's2', parentSpanId: 's1', name: 'step test', startedAt: '2024-05-01T10:00:02Z', startOffsetMicros: 1_000_000, durationMicros: 2_000_000, status: 'ERROR', attributes: {} },
      ],
    },
    'GET /api/v1/runs/:runId/outputs': { outputs: { build: { version: '1.0.3' } } },
    'GET /api/v1/runs/:runId/artifacts': {
      items: [{ name: 'app.jar', stepKey: 'build', attempt: 1, sha256: 'ab'.repeat(32), sizeBytes: 2048, at: '2024-05-01T10:00:02Z' }],
    },
  });
  const send = (seq: number, type: string, stepKey: string | null, payload: Record<string, unknown> = {}) =>
    events.send(type, seq, { seq, runId: 'run-1', stepKey, attempt: 1, type, at: '2024-05-01T10:01:00Z', payload });
  return { ...rendered, state, events, logStream, send };
}

describe('RunPage', () => {
  it('shows the region the run is kept in', async () => {
    setup();
    expect((await screen.findByTestId('run-region')).textContent).toBe('eu-west-1');
  });

  it('draws the DAG with status labels and collapses the large matrix group', async () => {
    setup();
    expect(await screen.findByRole('heading', { level: 1, name: /build-app/ })).toBeTruthy();
    const graph = await screen.findByRole('group', { name: /Step graph/ });
    expect(within(graph).getByRole('button', { name: 'Step test: RUNNING' })).toBeTruthy();
    const group = screen.getByTestId('dag-group-lint');
    expect(group.getAttribute('aria-label')).toContain('10 instances: 10 ✓ succeeded');
    expect(screen.queryByTestId('dag-node-lint[os=a]')).toBeNull();

    await userEvent.click(group);
    expect(await screen.findByTestId('dag-node-lint[os=a]')).toBeTruthy();
    expect(screen.queryByTestId('dag-group-lint')).toBeNull();
    expect(screen.getByTestId('trace-link').getAttribute('href')).toBe('http://tempo.test/trace/4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('follows live events, opens the failed step log and resumes the run', async () => {
    const { send, state, events, calls } = setup();
    await screen.findByTestId('dag-node-test');
    await waitFor(() => expect(events.connections).toBe(1));

    state.steps = state.steps.map((s) => (s.key === 'test' ? { ...s, status: 'FAILED', reason: 'exit 1' } : s));
    state.run = { ...state.run, status: 'FAILED', finishedAt: '2024-05-01T10:01:00Z' };
    send(5, 'StepFinished', 'test', { status: 'FAILED', reason: 'exit 1' });
    send(6, 'RunFinished', null, { status: 'FAILED' });

    await waitFor(() => expect(screen.getByTestId('dag-node-test').getAttribute('data-status')).toBe('FAILED'));
    expect(screen.getByTestId('dag-node-test').getAttribute('aria-label')).toBe('Step test: FAILED');
    await waitFor(() => expect(screen.getByTestId('run-status').textContent).toContain('FAILED'));

    await userEvent.click(screen.getByTestId('failed-step-link'));
    const log = await screen.findByTestId('log-view');
    await waitFor(() => expect(log.textContent).toContain('AssertionError: expected 2'));
    expect(within(log).getByText('ERR')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Search log'), 'assert');
    expect(within(log).getAllByRole('listitem')).toHaveLength(1);
    expect(within(log).getByText('Assert').tagName).toBe('MARK');
    expect(screen.getByTestId('log-link').getAttribute('href')).toContain('step=test');

    await userEvent.click(screen.getByTestId('resume-button'));
    await userEvent.click(screen.getByTestId('resume-button-confirm'));
    await waitFor(() => expect(screen.getByTestId('run-status').textContent).toContain('RUNNING'));
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/v1/runs/run-1/resume')).toBe(true);
  });

  it('selects a step with the keyboard and shows its outputs', async () => {
    setup();
    const node = await screen.findByTestId('dag-node-build');
    node.focus();
    fireEvent.keyDown(node, { key: 'Enter' });
    const panel = await screen.findByTestId('step-panel');
    expect(within(panel).getByText('1.0.3')).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toContain('step=build');
  });

  it('shows attempts on the timeline, the trace waterfall and the artifacts', async () => {
    setup();
    await screen.findByTestId('dag-node-build');
    await userEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    const bars = await screen.findAllByTestId('timeline-bar');
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual([
      'build attempt 1: SUCCEEDED, 1.0 s',
      'test attempt 1: FAILED, 2.0 s, exit 1',
      'test attempt 2: SUCCEEDED, 4.0 s',
    ]);
    expect(bars[1].className).toContain('is-failed');

    await userEvent.click(screen.getByRole('tab', { name: 'Trace' }));
    expect(await screen.findByRole('rowheader', { name: 'step test' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Open span step test/ }).getAttribute('href')).toBe(
      'http://tempo.test/trace/4bf92f3577b34da6a3ce929d0e0e4736',
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Outputs & artifacts' }));
    expect(await screen.findByRole('button', { name: 'Download app.jar' })).toBeTruthy();
    expect(screen.getByText('2.0 KiB')).toBeTruthy();
  });
});
