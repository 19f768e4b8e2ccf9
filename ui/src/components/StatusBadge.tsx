import { statusLook, type StatusLook } from '../lib/status';

interface Props {
  status: string;
  testId?: string;
  /** A looks table other than the run and step statuses (e.g. CONSOLE_LOOKS); the badge then shows its words, not the raw value. */
  looks?: Readonly<Record<string, StatusLook>>;
}

/** Status as icon + word on a tinted background: the colour is never the only signal. */
export function StatusBadge({ status, testId, looks }: Props) {
  const look = statusLook(status, looks);
  return (
    <span className={`badge tone-${look.tone}`} data-status={status} data-testid={testId}>
      <span aria-hidden="true">{look.icon}</span> {looks ? look.label : status}
    </span>
  );
}
