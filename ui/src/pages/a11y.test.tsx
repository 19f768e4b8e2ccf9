import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../test/axe';
import { makeRun, makeStep } from '../test/fixtures';
import { CHEAP_PREVIEW, NL, candidate, consoleRoutes, historyItem, queryResult, translation } from '../test/nlCypherFixtures';
import { renderApp } from '../test/renderApp';

// The real audit runs in Chromium (e2e/e2e.mjs); this catches structural regressions early.
describe('accessibility (axe in jsdom)', () => {
  it('sign-in page', async () => {
    renderApp('/signin', {}, null);
    await screen.findByLabelText('API token');
    expect(await seriousViolations()).toEqual([]);
  });

  it('runs page', async () => {
    renderApp('/runs', { 'GET /api/v1/runs': { items: [makeRun(), makeRun({ id: 'run-2', status: 'FAILED' })], nextCursor: 'x' } });
    await screen.findAllByTestId('run-row');
    expect(await seriousViolations()).toEqual([]);
  });

  it('pipelines page', async () => {
    renderApp('/pipelines', {
      'GET /api/v1/pipelines': { items: [{ name: 'p', tenant: 't', revision: 1, submittedAt: '2024-05-01T00:00:00Z', stepCount: 1, params: [] }] },
    });
    await screen.findByRole('link', { name: 'p' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('run page with the step panel open', async () => {
    renderApp('/runs/run-1?step=b', {
      'GET /api/v1/runs/:runId': makeRun({ status: 'FAILED' }),
      'GET /api/v1/runs/:runId/steps': {
        items: [
          makeStep('a', { status: 'SUCCEEDED' }),
          makeStep('b', { status: 'FAILED', needs: ['a'], reason: 'exit 1' }),
          ...Array.from({ length: 9 }, (_, i) => makeStep(`m[i=${i}]`, { stepId: 'm', matrix: { i }, needs: ['a'] })),
        ],
      },
      'GET /api/v1/runs/:runId/events': () => new Promise(() => {}),
      'GET /api/v1/runs/:runId/steps/:stepKey/logs': {
        items: [{ seq: 1, attempt: 1, stream: 'ERR', line: 'boom', at: '2024-05-01T00:00:00Z' }],
        next: 1,
      },
    });
    await screen.findByTestId('dag-node-a');
    await screen.findByText('boom');
    expect(await seriousViolations()).toEqual([]);
  });

  it('plugins page', async () => {
    renderApp('/plugins', {
      'GET /api/v1/plugins': { items: [{ id: 'x', version: '1', state: 'STARTED', extensions: [], requires: null, problem: null }] },
    });
    await screen.findByTestId('plugin-row');
    expect(await seriousViolations()).toEqual([]);
  });

  it('console page with an unsure translation, a preview, a graph and the history', async () => {
    const person = (id: string) => ({ id, labels: ['Person'], properties: { name: `P${id}` } });
    renderApp('/console', {
      ...consoleRoutes([historyItem(), historyItem({ id: 'h2', status: 'BLOCKED', rule: 'cypher.write', rows: null })]),
      [`POST ${NL}/translate`]: translation({ status: 'UNSURE', alternatives: [candidate({ intent: 'other' })], notes: ['a note'] }),
      [`POST ${NL}/preview`]: CHEAP_PREVIEW,
      [`POST ${NL}/run`]: queryResult({
        columns: ['p', 'k', 'q'],
        rows: [{ p: person('1'), k: { id: 'r', type: 'KNOWS', start: '1', end: '2', properties: {} }, q: person('2') }],
        truncated: true,
      }),
    });
    await userEvent.type(await screen.findByLabelText('Question'), 'who?');
    await userEvent.click(screen.getByRole('button', { name: 'Ask' }));
    await userEvent.click(await screen.findByLabelText('I checked this query'));
    await userEvent.click(screen.getByRole('button', { name: 'Preview cost' }));
    await screen.findByTestId('cost-badge');
    await userEvent.click(screen.getByTestId('run-query'));
    await screen.findByTestId('result-table');
    expect(await seriousViolations()).toEqual([]);
    await userEvent.click(screen.getByRole('tab', { name: 'Graph' }));
    await screen.findByTestId('result-graph');
    await screen.findAllByTestId('history-row');
    expect(await seriousViolations()).toEqual([]);
  });
});
