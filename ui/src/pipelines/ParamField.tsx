import type { ParamDefinition } from '../api/types';
import { paramInputKind } from '../lib/params';

interface Props {
  def: ParamDefinition;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

export function ParamField({ def, value, error, onChange }: Props) {
  const id = `param-${def.name}`;
  const kind = paramInputKind(def.type);
  const describedBy = [def.description ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const label = (
    <>
      {def.name} <span className="muted">({def.type}{def.required ? ', required' : ''})</span>
    </>
  );

  return (
    <div className={kind === 'boolean' ? 'field field-inline' : 'field'}>
      {kind === 'boolean' ? (
        <>
          <input
            id={id}
            type="checkbox"
            checked={value === 'true'}
            aria-describedby={describedBy}
            onChange={(event) => onChange(String(event.target.checked))}
          />
          <label htmlFor={id}>{label}</label>
        </>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          {kind === 'json' ? (
            <textarea id={id} rows={3} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)} />
          ) : (
            <input
              id={id}
              type={kind === 'number' ? 'number' : 'text'}
              step="any"
              value={value}
              required={def.required && def.default === null}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </>
      )}
      {def.description && (
        <p id={`${id}-help`} className="muted">
          {def.description}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
