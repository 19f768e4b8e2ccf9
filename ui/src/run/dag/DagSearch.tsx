import type { KeyboardEvent } from 'react';

interface Props {
  query: string;
  matchCount: number;
  matchIndex: number;
  onQueryChange: (query: string) => void;
  onNext: () => void;
  onOpen: () => void;
}

/** Finds steps by key: Enter moves to the next match, Shift+Enter opens the current one. */
export function DagSearch({ query, matchCount, matchIndex, onQueryChange, onNext, onOpen }: Props) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (event.shiftKey) onOpen();
      else onNext();
    } else if (event.key === 'Escape') {
      onQueryChange('');
    }
  };
  return (
    <div className="dag-search">
      <label htmlFor="dag-search">Find step</label>
      <input
        id="dag-search"
        type="search"
        value={query}
        aria-describedby="dag-search-result"
        onChange={(event) => onQueryChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id="dag-search-result" className="muted" aria-live="polite">
        {query.trim() === '' ? '' : matchCount === 0 ? 'No match' : `${matchIndex + 1} of ${matchCount} (Enter: next)`}
      </span>
      {matchCount > 0 && (
        <button type="button" className="button-secondary" onClick={onOpen}>
          Open match
        </button>
      )}
    </div>
  );
}
