import { describe, expect, it } from 'vitest';
import { makeRun } from '../test/fixtures';
import { appendPage, filtersFromParams, filtersToParams, searchRuns, toApiFilters, upsertRun } from './runFilters';

describe('run list helpers', () => {
  it('round-trips filters through the URL and ignores unknown statuses', () => {
    const values = { pipeline: 'nightly', status: 'FAILED' as const, since: '2024-05-01T10:00', until: '' };
    expect(filtersFromParams(filtersToParams(values))).toEqual(values);
    expect(filtersFromParams(new URLSearchParams('status=BOGUS')).status).toBe('');
  });

  it('sends since/until as ISO instants', () => {
    const api = toApiFilters({ pipeline: ' p ', status: '', since: '2024-05-01T10:00', until: '' });
    expect(api.pipeline).toBe('p');
    expect(api.status).toBeUndefined();
    expect(api.since).toBe(new Date('2024-05-01T10:00').toISOString());
  });

  it('patches, prepends or drops runs as events arrive', () => {
    const items = [makeRun({ id: 'a' }), makeRun({ id: 'b' })];
    expect(upsertRun(items, makeRun({ id: 'b', status: 'FAILED' }), {})[1].status).toBe('FAILED');
    expect(upsertRun(items, makeRun({ id: 'c' }), {}).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(upsertRun(items, makeRun({ id: 'c', pipeline: 'other' }), { pipeline: 'build-app' })).toHaveLength(2);
    expect(upsertRun(items, makeRun({ id: 'a', status: 'SUCCEEDED' }), { status: 'RUNNING' }).map((r) => r.id)).toEqual(['b']);
  });

  it('searches by pipeline or id and appends pages without duplicates', () => {
    const items = [makeRun({ id: 'x-1', pipeline: 'deploy' }), makeRun({ id: 'y-2', pipeline: 'build' })];
    expect(searchRuns(items, 'DEP').map((r) => r.id)).toEqual(['x-1']);
    expect(searchRuns(items, 'y-2').map((r) => r.id)).toEqual(['y-2']);
    expect(appendPage(items, [makeRun({ id: 'y-2' }), makeRun({ id: 'z' })]).map((r) => r.id)).toEqual(['x-1', 'y-2', 'z']);
  });
});
