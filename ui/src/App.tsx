import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './components/AppLayout';
import { Loading } from './components/Loading';
import { NotFoundPage } from './pages/NotFoundPage';
import { PipelineDetailPage } from './pages/PipelineDetailPage';
import { PipelinesPage } from './pages/PipelinesPage';
import { PluginsPage } from './pages/PluginsPage';
import { RunsPage } from './pages/RunsPage';
import { SignInPage } from './pages/SignInPage';

// The run page carries dagre; loading it on demand keeps the first paint small.
const RunPage = lazy(() => import('./pages/RunPage'));
// So does the console page, with the Cypher highlighter and the force layout.
const ConsolePage = lazy(() => import('./pages/ConsolePage'));

export function App() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/runs" replace />} />
        <Route path="runs" element={<RunsPage />} />
        <Route
          path="runs/:runId"
          element={
            <Suspense fallback={<Loading what="run page" />}>
              <RunPage />
            </Suspense>
          }
        />
        <Route path="pipelines" element={<PipelinesPage />} />
        <Route path="pipelines/:name" element={<PipelineDetailPage />} />
        <Route path="plugins" element={<PluginsPage />} />
        <Route
          path="console"
          element={
            <Suspense fallback={<Loading what="console" />}>
              <ConsolePage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
