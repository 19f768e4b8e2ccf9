import type { RunStatus, StepStatus } from '../api/types';

export type AnyStatus = RunStatus | StepStatus | 'OK' | 'ERROR' | 'UNSET';

interface StatusLook {
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

const UNKNOWN: StatusLook = { icon: '?', label: 'Unknown', tone: 'neutral' };

export function statusLook(status: string): StatusLook {
  return (LOOKS as Record<string, StatusLook | undefined>)[status] ?? { ...UNKNOWN, label: status };
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
