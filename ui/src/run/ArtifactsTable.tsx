import { useState } from 'react';
import type { Artifact } from '../api/types';
import { useApi } from '../auth/authContext';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatBytes, formatTimestamp, shortId } from '../lib/format';
import { ScrollRegion } from '../components/ScrollRegion';

/** Saves a blob under `name` through a temporary object URL (the download needs the auth header). */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function ArtifactsTable({ runId, artifacts }: { runId: string; artifacts: readonly Artifact[] }) {
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const download = async (name: string) => {
    setBusy(name);
    setError(null);
    try {
      saveBlob(await api.downloadArtifact(runId, name), name);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  if (artifacts.length === 0) return <p className="muted">No artifacts.</p>;
  return (
    <>
      <ProblemMessage error={error} context="Download failed" />
      <ScrollRegion label="Artifacts">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Step</th>
              <th scope="col">Attempt</th>
              <th scope="col">Size</th>
              <th scope="col">SHA-256</th>
              <th scope="col">Produced</th>
              <th scope="col">Download</th>
            </tr>
          </thead>
          <tbody>
            {artifacts.map((artifact) => (
              <tr key={`${artifact.stepKey}/${artifact.name}/${artifact.attempt}`}>
                <td>
                  <code>{artifact.name}</code>
                </td>
                <td>{artifact.stepKey}</td>
                <td>{artifact.attempt}</td>
                <td>{formatBytes(artifact.sizeBytes)}</td>
                <td>
                  <code title={artifact.sha256}>{shortId(artifact.sha256, 12)}</code>
                </td>
                <td>{formatTimestamp(artifact.at)}</td>
                <td>
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={busy === artifact.name}
                    onClick={() => download(artifact.name)}
                  >
                    {busy === artifact.name ? 'Downloading…' : 'Download'}
                    {' '}
                    <span className="visually-hidden">{artifact.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
