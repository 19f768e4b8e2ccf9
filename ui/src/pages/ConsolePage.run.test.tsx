import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../test/fakeFetch';
import { CHEAP_PREVIEW, NL, consoleRoutes, queryResult } from '../test/nlCypherFixtures';
import { renderApp } from '../test/renderApp';

type Routes = Parameters<typeof renderApp>[1];

async function writeCypher(routes: Routes, cypher: string) {
  const rendered = renderApp('/console', { ...consoleRoutes(), ...routes });
  await userEvent.click(await screen.findByRole('button', { name: 'Write Cypher by hand' }));
  expect(document.activeElement).toBe(screen.getByLabelText('Cypher query'));
  await userEvent.paste(cypher); // the editor has the focus; paste, as type() reads [ and { as keys
  return rendered;
}

const runButton = () => screen.getByTestId('run-query') as HTMLButtonElement;
const person = (id: string, name: string) => ({ id, labels: ['Person'], properties: { name } });

describe('ConsolePage: preview', () => {
  it('shows the cost class, largest estimate, operators by depth and planner notices', async () => {
    await writeCypher({ [`POST ${NL}/preview`]: CHEAP_PREVIEW }, 'MATCH (p:Person) RETURN count(p)');
    await userEvent.click(screen.getByRole('button', { name: 'Preview cost' }));
    const badge = await screen.findByTestId('cost-badge');
    expect(badge.textContent).toContain('Cheap');
    expect(badge.getAttribute('data-status')).toBe('CHEAP');
    expect(screen.getByTestId('preview').textContent).toContain('Up to 120 estimated rows');
    const operators = within(screen.getByTestId('plan-operators')).getAllByRole('row').slice(1);
    expect(operators.map((row) => [row.getAttribute('data-depth'), row.textContent])).toEqual([
      ['0', 'ProduceResults1'],
      ['1', '└ EagerAggregation1'],
      ['2', '└ NodeByLabelScan120'],
    ]);
    expect(screen.getByTestId('plan-notices').textContent).toContain('This query builds a cartesian product');
    expect(runButton().disabled).toBe(false);
  });

  it('shows the rule of a refused query and disables Run', async () => {
    await writeCypher(
      { [`POST ${NL}/preview`]: () => problem(422, 'Query refused', { detail: 'Writing to the graph is not allowed.', rule: 'cypher.write' }) },
      'MATCH (n) DETACH DELETE n',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Preview cost' }));
    const alert = await within(screen.getByTestId('preview')).findByRole('alert');
    expect(alert.textContent).toContain('The sandbox refused this query: Query refused (422)');
    expect(alert.textContent).toContain('Writing to the graph is not allowed.');
    expect(within(alert).getByTestId('problem-rule').textContent).toBe('cypher.write');
    expect(runButton().disabled).toBe(true);
    expect(screen.getByText('The sandbox does not allow this query.')).toBeTruthy();

    // Editing the query lifts the block until it is previewed again.
    await userEvent.clear(screen.getByLabelText('Cypher query'));
    await userEvent.type(screen.getByLabelText('Cypher query'), 'MATCH (n) RETURN n');
    expect(screen.queryByTestId('preview')).toBeNull();
    expect(runButton().disabled).toBe(false);
  });

  it('disables Run for a BLOCKED cost class', async () => {
    await writeCypher({ [`POST ${NL}/preview`]: { ...CHEAP_PREVIEW, costClass: 'BLOCKED' } }, 'MATCH (a), (b) RETURN a, b');
    await userEvent.click(screen.getByRole('button', { name: 'Preview cost' }));
    expect((await screen.findByTestId('cost-badge')).textContent).toContain('Blocked');
    expect(screen.getByTestId('blocked-notice')).toBeTruthy();
    expect(runButton().disabled).toBe(true);
  });

  it.each([
    [429, 'Too many requests', 'Slow down: 10 previews a minute.'],
    [503, 'Graph database unavailable', 'Neo4j did not answer.'],
  ])('shows a %i problem and leaves Run enabled', async (status, title, detail) => {
    await writeCypher({ [`POST ${NL}/preview`]: () => problem(status, title, { detail }) }, 'RETURN 1');
    await userEvent.click(screen.getByRole('button', { name: 'Preview cost' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`Could not preview the query: ${title} (${status})`);
    expect(alert.textContent).toContain(detail);
    expect(runButton().disabled).toBe(false);
  });
});

describe('ConsolePage: run', () => {
  it('shows the rows as a table with the truncated note', async () => {
    const { calls } = await writeCypher(
      { [`POST ${NL}/run`]: queryResult({ columns: ['name', 'age'], rows: [{ name: 'Ann', age: 41 }, { name: 'Bob', age: null }], truncated: true, rowCap: 2 }) },
      'MATCH (p:Person) RETURN p.name AS name, p.age AS age',
    );
    await userEvent.click(runButton());
    const table = await screen.findByTestId('result-table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['name', 'age']);
    expect(screen.getAllByTestId('result-row').map((row) => row.textContent)).toEqual(['"Ann"41', '"Bob"null']);
    expect(screen.getByTestId('truncated-note').textContent).toContain('Truncated at 2 rows');
    expect(screen.getByTestId('result-summary').textContent).toBe('2 rows in 12 ms · cost cheap');
    expect(calls.find((c) => c.url.pathname === `${NL}/run`)?.body).toEqual({
      cypher: 'MATCH (p:Person) RETURN p.name AS name, p.age AS age',
      parameters: {},
      question: null,
    });
  });

  it('draws the nodes and relationships of the result as an accessible graph', async () => {
    const knows = { id: 'r1', type: 'KNOWS', start: '1', end: '2', properties: {} };
    await writeCypher(
      { [`POST ${NL}/run`]: queryResult({ columns: ['p', 'k', 'q'], rows: [{ p: person('1', 'Ann'), k: knows, q: person('2', 'Bob') }] }) },
      'MATCH (p:Person)-[k:KNOWS]->(q:Person) RETURN p, k, q',
    );
    await userEvent.click(runButton());
    expect((await screen.findAllByTestId('result-row'))[0].textContent).toContain('(:Person {name: "Ann"})');
    await userEvent.click(screen.getByRole('tab', { name: 'Graph' }));
    const graph = screen.getByRole('img', { name: '2 nodes, 1 relationship' });
    expect(within(graph).getAllByTestId('graph-node').map((node) => node.textContent)).toEqual(['Ann', 'Bob']);
    expect(within(graph).getByTestId('graph-relationship').textContent).toBe('KNOWS');
    expect(screen.getByRole('tabpanel').getAttribute('id')).toBe('console-result-panel-graph');
  });

  it('caps the drawing at 200 nodes with a note', async () => {
    const rows = Array.from({ length: 205 }, (_, i) => ({ p: person(String(i), `P${i}`) }));
    await writeCypher({ [`POST ${NL}/run`]: queryResult({ columns: ['p'], rows }) }, 'MATCH (p) RETURN p');
    await userEvent.click(runButton());
    await userEvent.click(await screen.findByRole('tab', { name: 'Graph' }));
    expect(screen.getByTestId('graph-capped').textContent).toContain('first 200 of 205 nodes');
    expect(screen.getByRole('img', { name: '200 nodes, 0 relationships' })).toBeTruthy();
  });

  it('shows the rule when the sandbox stops a query that ran too long, and 503s', async () => {
    let answer = () => problem(422, 'Query stopped', { detail: 'Ran longer than 5 s.', rule: 'sandbox.timeout' });
    await writeCypher({ [`POST ${NL}/run`]: () => answer() }, 'MATCH (a)-[*]->(b) RETURN count(*)');
    await userEvent.click(runButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The sandbox stopped this query: Query stopped (422)');
    expect(within(alert).getByTestId('problem-rule').textContent).toBe('sandbox.timeout');

    answer = () => problem(503, 'Graph database unavailable');
    await userEvent.click(runButton());
    expect((await screen.findByRole('alert')).textContent).toContain('The query did not run: Graph database unavailable (503)');
  });
});
