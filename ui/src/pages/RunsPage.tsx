import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { usePageTitle } from '../hooks/usePageTitle';
import { RunsFilterForm } from '../runs/RunsFilterForm';
import { RunsTable } from '../runs/RunsTable';
import { filtersFromParams, filtersToParams, searchRuns, toApiFilters } from '../runs/runFilters';
import { useRunsList } from '../runs/useRunsList';
import { ConnectionNote } from '../components/ConnectionNote';

export function RunsPage() {
  usePageTitle('Runs');
  const [params, setParams] = useSearchParams();
  const filterValues = useMemo(() => filtersFromParams(params), [params]);
  const apiFilters = useMemo(() => toApiFilters(filterValues), [filterValues]);
  const [query, setQuery] = useState('');
  const list = useRunsList(apiFilters);
  const shown = useMemo(() => searchRuns(list.runs, query), [list.runs, query]);

  return (
    <>
      <div className="page-heading">
        <h1>Runs</h1>
        <ConnectionNote state={list.connection} />
      </div>
      <RunsFilterForm
        key={params.toString()}
        initial={filterValues}
        onApply={(values) => setParams(filtersToParams(values))}
      />
      <div className="field search-field">
        <label htmlFor="run-search">Search loaded runs by pipeline or run id</label>
        <input id="run-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <ProblemMessage error={list.error} context="Could not load runs" />
      {list.loading ? (
        <Loading what="runs" />
      ) : (
        <>
          <p className="muted" role="status">
            {shown.length === list.runs.length
              ? `${list.runs.length} run${list.runs.length === 1 ? '' : 's'} loaded`
              : `${shown.length} of ${list.runs.length} loaded runs match “${query.trim()}”`}
          </p>
          {shown.length > 0 && <RunsTable runs={shown} />}
        </>
      )}
      {list.hasMore && (
        <button type="button" className="button-secondary" disabled={list.loadingMore} onClick={list.loadMore}>
          {list.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
      <ProblemMessage error={list.moreError} context="Could not load more runs" />
    </>
  );
}
