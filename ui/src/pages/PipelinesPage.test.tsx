import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../test/fakeFetch';
import { renderApp } from '../test/renderApp';

const summary = {
  name: 'build-app',
  tenant: 'acme',
  revision: 2,
  submittedAt: '2024-05-01T09:00:00Z',
  stepCount: 4,
  params: [{ name: 'ref', type: 'string', required: false, default: 'main', description: 'git ref' }],
};

describe('PipelinesPage', () => {
  it('lists pipelines', async () => {
    renderApp('/pipelines', { 'GET /api/v1/pipelines': { items: [summary] } });
    expect(await screen.findByRole('link', { name: 'build-app' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Pipelines' })).toBeTruthy();
  });

  it('shows every validation problem as file:line:column field: message (hint)', async () => {
    renderApp('/pipelines', {
      'GET /api/v1/pipelines': { items: [] },
      'POST /api/v1/pipelines': () =>
        problem(422, 'Invalid pipeline spec', {
          detail: '2 problems',
          errors: [
            { file: 'ci.yaml', line: 3, column: 5, field: 'steps[0].uses', message: 'unknown step type', hint: 'one of shell, http, noop' },
            { file: 'ci.yaml', line: 9, column: 1, field: 'steps[1].needs', message: 'unknown step "lint"', hint: null },
          ],
        }),
    });
    const name = await screen.findByLabelText('File name');
    await userEvent.clear(name);
    await userEvent.type(name, 'ci.yaml');
    await userEvent.type(screen.getByLabelText('Pipeline spec (YAML)'), 'name: x');
    await userEvent.click(screen.getByRole('button', { name: 'Submit pipeline' }));
    const list = await screen.findByRole('list', { name: 'Problems found' });
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'ci.yaml:3:5 steps[0].uses: unknown step type (one of shell, http, noop)',
      'ci.yaml:9:1 steps[1].needs: unknown step "lint"',
    ]);
  });

  it('confirms a submission and refreshes the list', async () => {
    let listed: unknown[] = [];
    const { calls } = renderApp('/pipelines', {
      'GET /api/v1/pipelines': () => ({ items: listed }),
      'POST /api/v1/pipelines': ({ body }) => {
        listed = [summary];
        expect(body).toEqual({ file: 'pipeline.yaml', spec: 'name: build-app' });
        return new Response(JSON.stringify({ ...summary, spec: 'name: build-app' }), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await userEvent.type(await screen.findByLabelText('Pipeline spec (YAML)'), 'name: build-app');
    await userEvent.click(screen.getByRole('button', { name: 'Submit pipeline' }));
    expect((await screen.findByTestId('submit-result')).textContent).toContain('build-app revision 2');
    expect(await screen.findByRole('cell', { name: 'ref' })).toBeTruthy();
    expect(calls.filter((c) => c.url.pathname === '/api/v1/pipelines' && c.method === 'GET').length).toBe(2);
  });
});
