import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App } from '../App';
import { AuthProvider } from '../auth/AuthProvider';
import { writeToken } from '../auth/tokenStore';
import { fakeFetch } from './fakeFetch';
import { LocationProbe } from './LocationProbe';

type Routes = Parameters<typeof fakeFetch>[0];

export const ME = { tenant: 'acme', role: 'ADMIN', tokenName: 'ci' };
export const UI_CONFIG = {
  traceLink: { name: 'Grafana Tempo', urlTemplate: 'http://tempo.test/trace/{traceId}' },
  logLink: { name: 'Loki', urlTemplate: 'http://loki.test/?run={runId}&step={stepKey}&from={startMs}&to={endMs}' },
};

/** Renders the whole app at `path` against fake API routes; signed in unless `token` is null. */
export function renderApp(path: string, routes: Routes, token: string | null = 'mst_test') {
  if (token) writeToken(token);
  const fake = fakeFetch({ 'GET /api/v1/me': ME, 'GET /api/v1/ui-config': UI_CONFIG, 'GET /api/v1/events': () => new Promise(() => {}), ...routes });
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider fetch={fake.fetch}>
        <App />
        <LocationProbe />
      </AuthProvider>
    </MemoryRouter>,
  );
  return { ...result, calls: fake.calls };
}
