import { statusLook } from '../lib/status';

interface Props {
  status: string;
  testId?: string;
}

/** Status as icon + word on a tinted background: the colour is never the only signal. */
export function StatusBadge({ status, testId }: Props) {
  const look = statusLook(status);
  return (
    <span className={`badge tone-${look.tone}`} data-status={status} data-testid={testId}>
      <span aria-hidden="true">{look.icon}</span> {status}
    </span>
  );
}
