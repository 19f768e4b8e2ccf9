import type { CostClass, HistoryStatus, TranslationStatus } from '../api/nlCypher';
import type { RunStatus, StepStatus } from '../api/types';

export type AnyStatus = RunStatus | StepStatus | 'OK' | 'ERROR' | 'UNSET';

export interface StatusLook {
  /** A symbol shown beside the word so that colour is never the only carrier of state. */
  icon: string;
  label: string;
  tone: 'neutral' | 'info' | 'active' | 'success' | 'danger' | 'warning' | 'muted';
}

const LOOKS: Record<AnyStatus, StatusLook> = {
  SUBMITTED: { icon: '•', label: 'Submitted', tone: 'neutral' },
  PENDING: { icon: '○', label: 'Pending', tone: 'neutral' },
  SCHEDULED: { icon: '◔', label: 'Scheduled', tone: 'info' },
  HELD: { icon: '⏸', label: 'Held', tone: 'warning' },
  RUNNING: { icon: '▶', label: 'Running', tone: 'active' },
  RETRYING: { icon: '↻', label: 'Retrying', tone: 'warning' },
  SUCCEEDED: { icon: '✓', label: 'Succeeded', tone: 'success' },
  FAILED: { icon: '✗', label: 'Failed', tone: 'danger' },
  SKIPPED: { icon: '↷', label: 'Skipped', tone: 'muted' },
  CANCELLED: { icon: '⊘', label: 'Cancelled', tone: 'muted' },
  OK: { icon: '✓', label: 'OK', tone: 'success' },
  ERROR: { icon: '✗', label: 'Error', tone: 'danger' },
  UNSET: { icon: '–', label: 'Unset', tone: 'neutral' },
};

/** The NL→Cypher console's values: translation statuses, cost classes and history outcomes. */
export const CONSOLE_LOOKS: Record<TranslationStatus | CostClass | HistoryStatus, StatusLook> = {
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

const UNKNOWN: StatusLook = { icon: '?', label: 'Unknown', tone: 'neutral' };

/** The look of a value in a looks table (the run and step statuses unless told), or a neutral one named after it. */
export function statusLook(status: string, looks: Readonly<Record<string, StatusLook>> = LOOKS): StatusLook {
  return (looks as Record<string, StatusLook | undefined>)[status] ?? { ...UNKNOWN, label: status };
}

export const TERMINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export const STEP_STATUS_ORDER: readonly StepStatus[] = [
  'FAILED',
  'RETRYING',
  'RUNNING',
  'HELD',
  'SCHEDULED',
  'PENDING',
  'SUCCEEDED',
  'SKIPPED',
  'CANCELLED',
];
