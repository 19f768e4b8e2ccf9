import { useState } from 'react';
import type { Plugin } from '../api/types';
import { useApi } from '../auth/authContext';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatValue } from '../lib/format';

interface Props {
  plugin: Plugin;
  onChanged: (plugin: Plugin) => void;
}

export function PluginRow({ plugin, onChanged }: Props) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const started = plugin.state.toUpperCase() === 'STARTED';

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.setPluginEnabled(plugin.id, !started));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-testid="plugin-row">
      <td>
        <code>{plugin.id}</code>
      </td>
      <td>{plugin.version}</td>
      <td>
        <span className={`badge ${started ? 'tone-success' : 'tone-neutral'}`}>
          <span aria-hidden="true">{started ? '●' : '○'}</span> {plugin.state}
        </span>
      </td>
      <td>{plugin.extensions.join(', ') || '—'}</td>
      <td>{plugin.requires === null || plugin.requires === undefined ? '—' : formatValue(plugin.requires)}</td>
      <td>{plugin.problem ?? '—'}</td>
      <td>
        <button type="button" className="button-secondary" disabled={busy} onClick={toggle}>
          {busy ? 'Working…' : started ? 'Disable' : 'Enable'}
          {' '}
          <span className="visually-hidden">{plugin.id}</span>
        </button>
        <ProblemMessage error={error} context={`Could not ${started ? 'disable' : 'enable'} ${plugin.id}`} />
      </td>
    </tr>
  );
}
