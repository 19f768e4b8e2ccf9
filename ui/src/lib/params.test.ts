import { describe, expect, it } from 'vitest';
import type { ParamDefinition } from '../api/types';
import { buildRunParams, initialParamText, paramInputKind } from './params';

const def = (name: string, type: string, required = false, value: ParamDefinition['default'] = null): ParamDefinition => ({
  name,
  type,
  required,
  default: value,
  description: null,
});

describe('run params', () => {
  it('maps types to inputs', () => {
    expect(paramInputKind('integer')).toBe('number');
    expect(paramInputKind('Boolean')).toBe('boolean');
    expect(paramInputKind('list')).toBe('json');
    expect(paramInputKind('string')).toBe('text');
  });

  it('prefills from defaults', () => {
    expect(initialParamText(def('a', 'list', false, [1, 2]))).toBe('[1,2]');
    expect(initialParamText(def('b', 'string', false, 'x'))).toBe('x');
    expect(initialParamText(def('c', 'string'))).toBe('');
  });

  it('converts values and leaves blank optional params out', () => {
    const defs = [def('n', 'int'), def('flag', 'boolean'), def('tags', 'list'), def('name', 'string'), def('opt', 'string')];
    const result = buildRunParams(defs, { n: '5', flag: 'true', tags: '["a"]', name: ' x ', opt: '' });
    expect(result).toEqual({ params: { n: 5, flag: true, tags: ['a'], name: 'x' }, invalid: {} });
  });

  it('reports missing required and malformed values', () => {
    const result = buildRunParams([def('req', 'string', true), def('n', 'number'), def('j', 'json')], { n: 'abc', j: '{' });
    expect(result.invalid).toEqual({ req: 'Required.', n: 'Enter a number.', j: 'Enter valid JSON.' });
  });
});
