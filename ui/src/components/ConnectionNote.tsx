import type { StreamState } from '../api/client';

const TEXT: Record<StreamState, string> = {
  connecting: 'Connecting to live updates…',
  open: 'Live updates on',
  reconnecting: 'Live updates interrupted — reconnecting…',
};

export function ConnectionNote({ state }: { state: StreamState }) {
  return (
    <p className={`connection connection-${state}`} role="status" data-testid="live-state">
      <span aria-hidden="true">{state === 'open' ? '●' : '○'}</span> {TEXT[state]}
    </p>
  );
}
