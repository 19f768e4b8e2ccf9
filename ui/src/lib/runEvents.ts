import type { JsonValue, Run, RunEvent, RunStatus, Step, StepStatus } from '../api/types';

/** Live state of one run page: the run, its steps by key, and the last event applied. */
export interface RunLiveState {
  run: Run | null;
  steps: Record<string, Step>;
  lastSeq: number;
  /** An event named a step we do not know: the step list must be fetched again. */
  stepsStale: boolean;
}

export const emptyRunLiveState: RunLiveState = { run: null, steps: {}, lastSeq: -1, stepsStale: false };

const STEP_STATUSES: ReadonlySet<string> = new Set<StepStatus>([
  'PENDING', 'SCHEDULED', 'HELD', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED',
]);
const RUN_STATUSES: ReadonlySet<string> = new Set<RunStatus>(['SUBMITTED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']);

const STEP_STATUS_BY_EVENT: Record<string, StepStatus> = {
  StepScheduled: 'SCHEDULED',
  StepStarted: 'RUNNING',
  StepRetrying: 'RETRYING',
  StepHeld: 'HELD',
  StepSkipped: 'SKIPPED',
  StepCancelled: 'CANCELLED',
};

function text(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function millisBetween(start: string | null, end: string): number | null {
  if (!start) return null;
  const millis = Date.parse(end) - Date.parse(start);
  return Number.isNaN(millis) ? null : millis;
}

function isRecord(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function applyStepEvent(step: Step, event: RunEvent): Step {
  const { payload } = event;
  if (event.type === 'StepFinished') {
    const status = text(payload.status);
    return {
      ...step,
      status: status && STEP_STATUSES.has(status) ? (status as StepStatus) : 'FAILED',
      reason: text(payload.reason),
      attempts: Math.max(step.attempts, event.attempt),
      outputs: isRecord(payload.outputs) ? payload.outputs : step.outputs,
      finishedAt: event.at,
      durationMillis: typeof payload.durationMillis === 'number' ? payload.durationMillis : millisBetween(step.startedAt, event.at),
    };
  }
  if (event.type === 'GateDecided') {
    return payload.decision === 'hold' ? { ...step, status: 'HELD', reason: text(payload.reason) ?? step.reason } : step;
  }
  const status = STEP_STATUS_BY_EVENT[event.type];
  if (!status) return step;
  const next: Step = { ...step, status, attempts: Math.max(step.attempts, event.attempt) };
  if (event.type === 'StepStarted') {
    if (event.attempt <= 1 || !step.startedAt) next.startedAt = event.at;
    next.finishedAt = null;
    next.durationMillis = null;
    next.reason = null;
  } else if (event.type === 'StepScheduled') {
    next.finishedAt = null;
    next.reason = null;
  } else {
    // StepRetrying names its cause `error`.
    next.reason = text(payload.error) ?? text(payload.reason) ?? step.reason;
  }
  return next;
}

function applyRunEvent(run: Run, event: RunEvent): Run {
  switch (event.type) {
    case 'RunStarted':
    case 'RunResumed':
      return { ...run, status: 'RUNNING', startedAt: run.startedAt ?? event.at, finishedAt: null, durationMillis: null, reason: null };
    case 'RunFinished': {
      const status = text(event.payload.status);
      return {
        ...run,
        status: status && RUN_STATUSES.has(status) ? (status as RunStatus) : run.status,
        reason: text(event.payload.reason),
        finishedAt: event.at,
        durationMillis: millisBetween(run.startedAt, event.at),
      };
    }
    default:
      return run;
  }
}

/** Applies a batch of events in order; events at or below the last applied seq are ignored. */
export function applyRunEvents(state: RunLiveState, events: readonly RunEvent[]): RunLiveState {
  let { run, steps, lastSeq, stepsStale } = state;
  let stepsCopied = false;
  for (const event of events) {
    if (event.seq <= lastSeq) continue;
    lastSeq = event.seq;
    if (event.type.startsWith('Run') && run) run = applyRunEvent(run, event);
    if (!event.stepKey || !(event.type.startsWith('Step') || event.type === 'GateDecided')) continue;
    const step = steps[event.stepKey];
    if (!step) {
      stepsStale = true;
      continue;
    }
    const updated = applyStepEvent(step, event);
    if (updated === step) continue;
    // Copy the map once per batch; untouched steps keep their identity so memoized nodes skip rendering.
    if (!stepsCopied) {
      steps = { ...steps };
      stepsCopied = true;
    }
    steps[event.stepKey] = updated;
  }
  if (run === state.run && steps === state.steps && lastSeq === state.lastSeq && stepsStale === state.stepsStale) {
    return state;
  }
  return { run, steps, lastSeq, stepsStale };
}

/** Parses one SSE message of a run event stream; null when it is not a run event. */
export function parseRunEvent(eventName: string, id: string, data: string): RunEvent | null {
  let parsed: Partial<RunEvent>;
  try {
    parsed = JSON.parse(data) as Partial<RunEvent>;
  } catch {
    return null;
  }
  const seq = typeof parsed.seq === 'number' ? parsed.seq : Number(id);
  const type = parsed.type ?? eventName;
  if (!type || Number.isNaN(seq) || typeof parsed.runId !== 'string') return null;
  return {
    seq,
    runId: parsed.runId,
    stepKey: parsed.stepKey ?? null,
    attempt: typeof parsed.attempt === 'number' ? parsed.attempt : 0,
    type,
    at: parsed.at ?? new Date().toISOString(),
    payload: parsed.payload ?? {},
  };
}

export function stepsByKey(steps: readonly Step[]): Record<string, Step> {
  const byKey: Record<string, Step> = {};
  for (const step of steps) byKey[step.key] = step;
  return byKey;
}
