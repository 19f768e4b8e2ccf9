import type { Run, RunFilters, RunStatus } from '../api/types';
import { RUN_STATUSES } from '../api/types';

/** Filters as kept in the page URL; since/until are datetime-local values (local time, no zone). */
export interface RunFilterValues {
  pipeline: string;
  status: RunStatus | '';
  since: string;
  until: string;
}

export const NO_FILTERS: RunFilterValues = { pipeline: '', status: '', since: '', until: '' };

export function filtersFromParams(params: URLSearchParams): RunFilterValues {
  const status = params.get('status') ?? '';
  return {
    pipeline: params.get('pipeline') ?? '',
    status: (RUN_STATUSES as readonly string[]).includes(status) ? (status as RunStatus) : '',
    since: params.get('since') ?? '',
    until: params.get('until') ?? '',
  };
}

export function filtersToParams(values: RunFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return params;
}

function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function toApiFilters(values: RunFilterValues): RunFilters {
  return {
    pipeline: values.pipeline.trim() || undefined,
    status: values.status || undefined,
    since: localToIso(values.since),
    until: localToIso(values.until),
  };
}

export function runMatchesFilters(run: Run, filters: RunFilters): boolean {
  if (filters.pipeline && run.pipeline !== filters.pipeline) return false;
  if (filters.status && run.status !== filters.status) return false;
  const created = Date.parse(run.createdAt);
  if (filters.since && created < Date.parse(filters.since)) return false;
  if (filters.until && created > Date.parse(filters.until)) return false;
  return true;
}

/** Replaces a run in place, or puts a new matching run first; a run that stopped matching leaves. */
export function upsertRun(items: readonly Run[], run: Run, filters: RunFilters): Run[] {
  const index = items.findIndex((item) => item.id === run.id);
  const matches = runMatchesFilters(run, filters);
  if (index === -1) return matches ? [run, ...items] : items.slice();
  if (!matches) return items.filter((item) => item.id !== run.id);
  const next = items.slice();
  next[index] = run;
  return next;
}

/** Client-side search over pipeline name and run id. */
export function searchRuns(items: readonly Run[], query: string): Run[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return items.slice();
  return items.filter((run) => run.pipeline.toLowerCase().includes(needle) || run.id.toLowerCase().includes(needle));
}

export function appendPage(items: readonly Run[], page: readonly Run[]): Run[] {
  const seen = new Set(items.map((run) => run.id));
  return [...items, ...page.filter((run) => !seen.has(run.id))];
}
