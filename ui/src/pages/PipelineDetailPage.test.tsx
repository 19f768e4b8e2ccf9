import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeRun } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

describe('PipelineDetailPage', () => {
  it('starts a run with typed params and opens it', async () => {
    const { calls } = renderApp('/pipelines/build-app', {
      'GET /api/v1/pipelines/:name': ({ params }) => ({
        name: params.name,
        tenant: 'acme',
        revision: 1,
        submittedAt: '2024-05-01T09:00:00Z',
        stepCount: 2,
        spec: 'apiVersion: maestro/v1\nname: build-app',
        params: [
          { name: 'ref', type: 'string', required: true, default: 'main', description: 'git ref' },
          { name: 'shards', type: 'integer', required: false, default: null, description: null },
          { name: 'fast', type: 'boolean', required: false, default: false, description: null },
        ],
      }),
      'POST /api/v1/pipelines/:name/runs': () => makeRun({ id: 'run-42', status: 'SUBMITTED' }),
      'GET /api/v1/runs/:runId': () => new Promise(() => {}),
      'GET /api/v1/runs/:runId/steps': () => new Promise(() => {}),
      'GET /api/v1/runs/:runId/events': () => new Promise(() => {}),
    });
    expect(await screen.findByText(/apiVersion: maestro\/v1/)).toBeTruthy();
    expect((screen.getByLabelText(/^ref/) as HTMLInputElement).value).toBe('main');
    await userEvent.type(screen.getByLabelText(/^shards/), '3');
    await userEvent.click(screen.getByLabelText(/^fast/));
    await userEvent.click(screen.getByRole('button', { name: 'Start run' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/runs/run-42'));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ params: { ref: 'main', shards: 3, fast: true } });
  });
});
