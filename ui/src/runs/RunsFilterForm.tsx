import { useState, type FormEvent } from 'react';
import { RUN_STATUSES } from '../api/types';
import { NO_FILTERS, type RunFilterValues } from './runFilters';

interface Props {
  initial: RunFilterValues;
  onApply: (values: RunFilterValues) => void;
}

/** Server-side filters; applied on submit so typing does not fire a request per key. */
export function RunsFilterForm({ initial, onApply }: Props) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof RunFilterValues>(key: K, value: RunFilterValues[K]) =>
    setValues((previous) => ({ ...previous, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(values);
  };

  const reset = () => {
    setValues(NO_FILTERS);
    onApply(NO_FILTERS);
  };

  return (
    <form className="filters" onSubmit={submit} aria-label="Run filters">
      <div className="field">
        <label htmlFor="filter-pipeline">Pipeline</label>
        <input id="filter-pipeline" value={values.pipeline} onChange={(e) => set('pipeline', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select
          id="filter-status"
          value={values.status}
          onChange={(e) => set('status', e.target.value as RunFilterValues['status'])}
        >
          <option value="">Any</option>
          {RUN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-since">Created since</label>
        <input id="filter-since" type="datetime-local" value={values.since} onChange={(e) => set('since', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="filter-until">Created until</label>
        <input id="filter-until" type="datetime-local" value={values.until} onChange={(e) => set('until', e.target.value)} />
      </div>
      <div className="filter-actions">
        <button type="submit" className="button-primary">
          Apply filters
        </button>
        <button type="button" className="button-quiet" onClick={reset}>
          Clear
        </button>
      </div>
    </form>
  );
}
