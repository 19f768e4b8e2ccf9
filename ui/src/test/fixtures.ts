import type { Run, Step } from '../api/types';

export function makeRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-1',
    tenant: 'acme',
    pipeline: 'build-app',
    status: 'RUNNING',
    reason: null,
    params: {},
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    createdAt: '2024-05-01T10:00:00Z',
    startedAt: '2024-05-01T10:00:01Z',
    finishedAt: null,
    durationMillis: null,
    stepCounts: {},
    ...overrides,
  };
}

export function makeStep(key: string, overrides: Partial<Step> = {}): Step {
  return {
    key,
    stepId: key.replace(/\[.*$/, ''),
    uses: 'shell',
    matrix: {},
    needs: [],
    status: 'PENDING',
    attempts: 0,
    reason: null,
    outputs: {},
    startedAt: null,
    finishedAt: null,
    durationMillis: null,
    ...overrides,
  };
}
