import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sseChannel } from '../test/fakeFetch';
import { makeRun } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

describe('RunsPage', () => {
  it('lists runs, loads more with the cursor and searches client-side', async () => {
    const { calls } = renderApp('/runs', {
      'GET /api/v1/runs': ({ url }) =>
        url.searchParams.get('cursor') === 'c2'
          ? { items: [makeRun({ id: 'run-3', pipeline: 'deploy', status: 'FAILED' })], nextCursor: null }
          : {
              items: [makeRun({ id: 'run-1' }), makeRun({ id: 'run-2', status: 'SUCCEEDED', durationMillis: 65_000 })],
              nextCursor: 'c2',
            },
    });
    expect(await screen.findAllByTestId('run-row')).toHaveLength(2);
    expect(screen.getByText('1m 05s')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findAllByTestId('run-row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(calls.some((c) => c.url.searchParams.get('cursor') === 'c2')).toBe(true);

    await userEvent.type(screen.getByLabelText(/Search loaded runs/), 'deploy');
    const rows = screen.getAllByTestId('run-row');
    expect(rows).toHaveLength(1);
    expect(within(rows[0]).getByText('FAILED')).toBeTruthy();
  });

  it('sends the filters to the server', async () => {
    const { calls } = renderApp('/runs', { 'GET /api/v1/runs': { items: [], nextCursor: null } });
    await screen.findByText('0 runs loaded');
    await userEvent.type(screen.getByLabelText('Pipeline'), 'nightly');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'FAILED');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => {
      const last = calls.filter((c) => c.url.pathname === '/api/v1/runs').at(-1)!;
      expect(last.url.searchParams.get('pipeline')).toBe('nightly');
      expect(last.url.searchParams.get('status')).toBe('FAILED');
    });
  });

  it('patches a run when the all-runs stream reports it finished', async () => {
    const events = sseChannel();
    let status = 'RUNNING';
    renderApp('/runs', {
      'GET /api/v1/runs': { items: [makeRun({ id: 'run-1' })], nextCursor: null },
      'GET /api/v1/runs/:runId': () => makeRun({ id: 'run-1', status: status as 'FAILED' }),
      'GET /api/v1/events': events.handler,
    });
    const row = await screen.findByTestId('run-row');
    expect(within(row).getByText('RUNNING')).toBeTruthy();
    await waitFor(() => expect(events.connections).toBe(1));
    status = 'FAILED';
    events.send('RunFinished', 9, { seq: 9, runId: 'run-1', stepKey: null, attempt: 0, type: 'RunFinished', at: '2024-05-01T10:05:00Z', payload: { status: 'FAILED' } });
    await waitFor(() => expect(within(screen.getByTestId('run-row')).getByText('FAILED')).toBeTruthy());
    expect(events.requests[0].headers.get('Authorization')).toBe('Bearer mst_test');
  });
});
