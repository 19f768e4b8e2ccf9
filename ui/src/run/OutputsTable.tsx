import type { JsonValue } from '../api/types';
import { formatValue } from '../lib/format';

interface Props {
  outputs: Record<string, JsonValue>;
  caption: string;
}

export function OutputsTable({ outputs, caption }: Props) {
  const entries = Object.entries(outputs ?? {});
  if (entries.length === 0) return <p className="muted">No outputs.</p>;
  return (
    <table className="data-table compact">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
            </td>
            <td className="value-cell">{formatValue(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
