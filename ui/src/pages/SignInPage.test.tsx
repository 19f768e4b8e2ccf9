import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../test/fakeFetch';
import { ME, renderApp } from '../test/renderApp';

const emptyRuns = { 'GET /api/v1/runs': { items: [], nextCursor: null } };

describe('SignInPage', () => {
  it('sends visitors without a token to sign in', async () => {
    renderApp('/runs', emptyRuns, null);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/signin');
  });

  it('rejects text that is not an API token without calling the server', async () => {
    const { calls } = renderApp('/signin', emptyRuns, null);
    await userEvent.type(screen.getByLabelText('API token'), 'hello');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('starts with "mst_"');
    expect(calls.filter((c) => c.url.pathname === '/api/v1/me')).toHaveLength(0);
  });

  it('validates the token with /me, keeps it in sessionStorage and opens the runs', async () => {
    const { calls } = renderApp('/signin', { ...emptyRuns, 'GET /api/v1/me': ME }, null);
    await userEvent.type(screen.getByLabelText('API token'), 'mst_secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Runs' })).toBeTruthy();
    expect(sessionStorage.getItem('maestro.token')).toBe('mst_secret');
    const me = calls.find((c) => c.url.pathname === '/api/v1/me');
    expect(me?.headers.get('Authorization')).toBe('Bearer mst_secret');
  });

  it('says so when the token is refused', async () => {
    renderApp('/signin', { 'GET /api/v1/me': () => problem(401, 'Unauthorized') }, null);
    await userEvent.type(screen.getByLabelText('API token'), 'mst_wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not accepted (401)');
    expect(sessionStorage.getItem('maestro.token')).toBeNull();
  });

  it('returns to sign in with a message when a request answers 401', async () => {
    renderApp('/runs', { 'GET /api/v1/runs': () => problem(401, 'Unauthorized') });
    expect(await screen.findByTestId('signout-reason')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/signin'));
    expect(sessionStorage.getItem('maestro.token')).toBeNull();
  });
});
