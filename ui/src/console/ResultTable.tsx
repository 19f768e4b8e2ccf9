import type { QueryResult } from '../api/nlCypher';
import { ScrollRegion } from '../components/ScrollRegion';
import { formatResultValue } from '../lib/resultValues';

/** Every row and column of the result, values written out in Cypher-like text. */
export function ResultTable({ result }: { result: QueryResult }) {
  if (result.rows.length === 0) return <p className="muted">The query returned no rows.</p>;
  return (
    <ScrollRegion label="Result rows">
      <table className="data-table compact" data-testid="result-table">
        <caption className="visually-hidden">Result rows</caption>
        <thead>
          <tr>
            {result.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row, index) => (
            <tr key={index} data-testid="result-row">
              {result.columns.map((column) => {
                const value = row[column];
                return (
                  <td key={column} className={typeof value === 'number' ? 'value-cell num' : 'value-cell'}>
                    {formatResultValue(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
