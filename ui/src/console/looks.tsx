import type { CostClass, HistoryStatus, TranslationStatus } from '../api/nlCypher';

type Tone = 'neutral' | 'info' | 'success' | 'danger' | 'warning';

export interface Look {
  /** Shown beside the word so that colour is never the only signal. */
  icon: string;
  label: string;
  tone: Tone;
}

const LOOKS: Record<TranslationStatus | CostClass | HistoryStatus, Look> = {
  CONFIDENT: { icon: '✓', label: 'Confident', tone: 'success' },
  UNSURE: { icon: '?', label: 'Unsure', tone: 'warning' },
  NO_MATCH: { icon: '✗', label: 'No match', tone: 'neutral' },
  CHEAP: { icon: '●', label: 'Cheap', tone: 'success' },
  MODERATE: { icon: '◐', label: 'Moderate', tone: 'info' },
  EXPENSIVE: { icon: '▲', label: 'Expensive', tone: 'warning' },
  BLOCKED: { icon: '⊘', label: 'Blocked', tone: 'danger' },
  RAN: { icon: '✓', label: 'Ran', tone: 'success' },
  FAILED: { icon: '✗', label: 'Failed', tone: 'danger' },
};

export function look(value: string): Look {
  return (LOOKS as Record<string, Look | undefined>)[value] ?? { icon: '•', label: value, tone: 'neutral' };
}

/** A status, cost class or outcome as icon + word on a tinted badge. */
export function LookBadge({ value, testId }: { value: string; testId?: string }) {
  const { icon, label, tone } = look(value);
  return (
    <span className={`badge tone-${tone}`} data-value={value} data-testid={testId}>
      <span aria-hidden="true">{icon}</span> {label}
    </span>
  );
}

export function percent(fraction: number): string {
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}
