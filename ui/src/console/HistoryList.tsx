import type { HistoryItem } from '../api/nlCypher';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { ScrollRegion } from '../components/ScrollRegion';
import { StatusBadge } from '../components/StatusBadge';
import type { AsyncState } from '../hooks/useAsync';
import { formatTimestamp } from '../lib/format';
import { CONSOLE_LOOKS } from '../lib/status';

interface Props {
  history: AsyncState<HistoryItem[]>;
  onLoad: (item: HistoryItem) => void;
}

/** The tenant's earlier questions and queries, newest first; choosing one loads it into the editor. */
export function HistoryList({ history, onLoad }: Props) {
  const items = history.data;
  return (
    <section className="card" aria-labelledby="history-heading" data-testid="history">
      <div className="section-head">
        <h2 id="history-heading">History</h2>
        <button type="button" className="button-quiet" disabled={history.loading} onClick={history.reload}>
          Refresh
        </button>
      </div>
      <ProblemMessage error={history.error} context="Could not load the history" />
      {!items ? (
        !history.error && <Loading what="history" />
      ) : items.length === 0 ? (
        <p className="muted">No questions or queries yet.</p>
      ) : (
        <ScrollRegion label="History entries">
          <table className="data-table compact history-table" data-testid="history-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Question and query</th>
                <th scope="col">Outcome</th>
                <th scope="col">Rows</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-testid="history-row">
                  <td className="nowrap">{formatTimestamp(item.at)}</td>
                  <td>{item.user}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => onLoad(item)}>
                      <span className="visually-hidden">Load </span>
                      {item.question ?? 'Hand-written query'}
                    </button>
                    <code className="history-cypher">{item.cypher}</code>
                  </td>
                  <td>
                    <StatusBadge status={item.status} looks={CONSOLE_LOOKS} />
                    {item.rule && (
                      <>
                        {' '}
                        <code data-testid="history-rule">{item.rule}</code>
                      </>
                    )}
                  </td>
                  <td className="num">{item.rows ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
