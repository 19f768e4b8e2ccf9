import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProblemError, formatSpecError } from '../api/problem';
import { ProblemMessage } from './ProblemMessage';

describe('ProblemMessage', () => {
  it('formats a spec error as file:line:column field: message (hint)', () => {
    expect(formatSpecError({ file: 'a.yaml', line: 4, column: 7, field: 'steps[2].timeout', message: 'not a duration', hint: 'e.g. 5m' })).toBe(
      'a.yaml:4:7 steps[2].timeout: not a duration (e.g. 5m)',
    );
    expect(formatSpecError({ file: 'a.yaml', line: 1, column: 1, field: '', message: 'empty file', hint: null })).toBe('a.yaml:1:1: empty file');
    expect(formatSpecError({ field: 'params.shards', reason: 'must be an integer' })).toBe('params.shards: must be an integer');
  });

  it('renders title, status, detail and every spec error', () => {
    const error = new ProblemError(
      {
        title: 'Invalid pipeline spec',
        status: 422,
        detail: 'The spec has 2 problems',
        errors: [
          { file: 'p.yaml', line: 2, column: 3, field: 'name', message: 'must match [a-z-]+', hint: 'use lower case' },
          { file: 'p.yaml', line: 8, column: 5, field: 'steps[0].needs[0]', message: 'unknown step "x"', hint: null },
        ],
      },
      422,
    );
    render(<ProblemMessage error={error} context="Not accepted" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Not accepted: Invalid pipeline spec (422)');
    expect(alert.textContent).toContain('The spec has 2 problems');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'p.yaml:2:3 name: must match [a-z-]+ (use lower case)',
      'p.yaml:8:5 steps[0].needs[0]: unknown step "x"',
    ]);
  });

  it('renders plain errors and nothing for no error', () => {
    const { container, rerender } = render(<ProblemMessage error={null} />);
    expect(container.textContent).toBe('');
    rerender(<ProblemMessage error={new Error('Failed to fetch')} />);
    expect(screen.getByRole('alert').textContent).toBe('Failed to fetch');
  });

  it('names the sandbox rule of a refusal', () => {
    const error = new ProblemError({ title: 'Query refused', status: 422, detail: 'Writes are not allowed', rule: 'cypher.write' }, 422);
    render(<ProblemMessage error={error} context="Preview failed" />);
    expect(screen.getByRole('alert').textContent).toContain('Preview failed: Query refused (422)');
    expect(screen.getByRole('alert').textContent).toContain('Rule: cypher.write');
    expect(error.rule).toBe('cypher.write');
    expect(new ProblemError({ title: 'x', rule: 42 as unknown as string }, 422).rule).toBeUndefined();
  });
});
