import type { JsonValue, ParamDefinition } from '../api/types';

export type ParamInputKind = 'text' | 'number' | 'boolean' | 'json';

export function paramInputKind(type: string): ParamInputKind {
  const t = type.toLowerCase();
  if (['int', 'integer', 'long', 'number', 'float', 'double'].includes(t)) return 'number';
  if (['bool', 'boolean'].includes(t)) return 'boolean';
  if (['list', 'array', 'map', 'object', 'json'].includes(t)) return 'json';
  return 'text';
}

/** The form's initial text for a parameter, from its default. */
export function initialParamText(def: ParamDefinition): string {
  if (def.default === null || def.default === undefined) return '';
  return typeof def.default === 'string' ? def.default : JSON.stringify(def.default);
}

/**
 * Converts the form's texts into run params. Blank optional params are left out so the server
 * applies its default; the result lists a message per invalid field.
 */
export function buildRunParams(
  defs: readonly ParamDefinition[],
  texts: Record<string, string>,
): { params: Record<string, JsonValue>; invalid: Record<string, string> } {
  const params: Record<string, JsonValue> = {};
  const invalid: Record<string, string> = {};
  for (const def of defs) {
    const text = (texts[def.name] ?? '').trim();
    const kind = paramInputKind(def.type);
    if (kind === 'boolean') {
      params[def.name] = text === 'true';
      continue;
    }
    if (text === '') {
      if (def.required && def.default === null) invalid[def.name] = 'Required.';
      continue;
    }
    if (kind === 'number') {
      const value = Number(text);
      if (Number.isNaN(value)) invalid[def.name] = 'Enter a number.';
      else params[def.name] = value;
    } else if (kind === 'json') {
      try {
        params[def.name] = JSON.parse(text) as JsonValue;
      } catch {
        invalid[def.name] = 'Enter valid JSON.';
      }
    } else {
      params[def.name] = text;
    }
  }
  return { params, invalid };
}
