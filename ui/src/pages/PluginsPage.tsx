import { useCallback } from 'react';
import type { Plugin } from '../api/types';
import { useApi } from '../auth/authContext';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { useAsync } from '../hooks/useAsync';
import { usePageTitle } from '../hooks/usePageTitle';
import { PluginRow } from '../plugins/PluginRow';
import { ScrollRegion } from '../components/ScrollRegion';

export function PluginsPage() {
  usePageTitle('Plugins');
  const api = useApi();
  const load = useCallback(() => api.listPlugins(), [api]);
  const plugins = useAsync(load);
  const { setData } = plugins;
  const replace = useCallback(
    (changed: Plugin) => setData((list) => list?.map((plugin) => (plugin.id === changed.id ? changed : plugin))),
    [setData],
  );

  return (
    <>
      <h1>Plugins</h1>
      <ProblemMessage error={plugins.error} context="Could not load plugins" />
      {!plugins.data ? (
        !plugins.error && <Loading what="plugins" />
      ) : plugins.data.length === 0 ? (
        <p className="muted">No plugins are installed.</p>
      ) : (
        <ScrollRegion label="Plugins">
          <table className="data-table" data-testid="plugins-table">
            <thead>
              <tr>
                <th scope="col">Plugin</th>
                <th scope="col">Version</th>
                <th scope="col">State</th>
                <th scope="col">Extensions</th>
                <th scope="col">Requires</th>
                <th scope="col">Problem</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {plugins.data.map((plugin) => (
                <PluginRow key={plugin.id} plugin={plugin} onChanged={replace} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
