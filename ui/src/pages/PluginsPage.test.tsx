import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/renderApp';

const plugin = (state: string) => ({
  id: 'slack-notify',
  version: '1.2.0',
  state,
  extensions: ['RunListener'],
  requires: '>=0.1.0',
  problem: null,
});

describe('PluginsPage', () => {
  it('lists plugins and disables one', async () => {
    const { calls } = renderApp('/plugins', {
      'GET /api/v1/plugins': { items: [plugin('STARTED')] },
      'POST /api/v1/plugins/:id/disable': () => plugin('DISABLED'),
    });
    const row = await screen.findByTestId('plugin-row');
    expect(within(row).getByText('STARTED')).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Disable slack-notify' }));
    expect(await within(row).findByText('DISABLED')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Enable slack-notify' })).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/v1/plugins/slack-notify/disable')).toBe(true);
  });
});
