import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../test/fakeFetch';
import { NL, candidate, consoleRoutes, historyItem, queryResult, translation } from '../test/nlCypherFixtures';
import { renderApp } from '../test/renderApp';

async function ask(question: string) {
  await userEvent.type(await screen.findByLabelText('Question'), question);
  await userEvent.click(screen.getByRole('button', { name: 'Ask' }));
}

describe('ConsolePage: asking', () => {
  it('is in the navigation, titled, and translates on Ctrl+Enter into highlighted Cypher with its confidence', async () => {
    const { calls } = renderApp('/console', {
      ...consoleRoutes(),
      [`POST ${NL}/translate`]: translation({ best: candidate({ cypher: 'MATCH (p:Person {name: $name}) RETURN p', parameters: { name: 'Ann' } }) }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Console' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' }).querySelector('a[href="/console"]')?.getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.title).toBe('Console · Maestro')); // set by an effect, after the heading renders
    await userEvent.type(screen.getByLabelText('Question'), 'Who is Ann?{Control>}{Enter}{/Control}');

    expect((await screen.findByTestId('translation-status')).textContent).toContain('Confident');
    expect(screen.getByTestId('translation-confidence').textContent).toBe('92% confidence');
    const code = screen.getByTestId('cypher-code');
    expect(code.textContent).toBe('MATCH (p:Person {name: $name}) RETURN p');
    const tokens = (type: string) => [...code.querySelectorAll(`.token.${type}`)].map((t) => t.textContent);
    expect(tokens('keyword')).toEqual(['MATCH', 'RETURN']);
    expect(tokens('class-name')).toEqual(['Person']);
    expect(tokens('variable')).toEqual(['$name']);
    const parameters = screen.getByTestId('query-parameters');
    expect([...parameters.querySelectorAll('dt, dd')].map((e) => e.textContent)).toEqual(['$name', '"Ann"']);
    expect(screen.getByTestId('query-explanation').textContent).toBe('Counts every Person node.');
    expect(screen.queryByTestId('unsure-notice')).toBeNull();
    expect((screen.getByTestId('run-query') as HTMLButtonElement).disabled).toBe(false);
    expect(calls.find((c) => c.url.pathname === `${NL}/translate`)?.body).toEqual({ question: 'Who is Ann?' });
  });

  it('requires "I checked this query" before running an unsure guess', async () => {
    const { calls } = renderApp('/console', {
      ...consoleRoutes(),
      [`POST ${NL}/translate`]: translation({ status: 'UNSURE', confidence: 0.41 }),
      [`POST ${NL}/run`]: queryResult(),
    });
    await ask('people?');
    expect((await screen.findByTestId('unsure-notice')).textContent).toContain('Not sure — check this guess before running');
    expect(screen.getByTestId('translation-confidence').textContent).toBe('41% confidence');
    const run = screen.getByTestId('run-query') as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    expect(run.getAttribute('aria-describedby')).toBe('run-blocker');
    await userEvent.click(screen.getByLabelText('I checked this query'));
    expect(run.disabled).toBe(false);
    await userEvent.click(run);
    await screen.findByTestId('result-table');
    expect(calls.find((c) => c.url.pathname === `${NL}/run`)?.body).toEqual({
      cypher: 'MATCH (p:Person) RETURN count(p) AS people',
      parameters: {},
      question: 'How many people are in the graph?',
    });
  });

  it('offers the alternatives, each becoming the current query', async () => {
    renderApp('/console', {
      ...consoleRoutes(),
      [`POST ${NL}/translate`]: translation({
        alternatives: [candidate({ intent: 'count_nodes', cypher: 'MATCH (n) RETURN count(n)', confidence: 0.3, explanation: 'Counts all nodes.' })],
      }),
    });
    await ask('how many?');
    const candidates = await screen.findAllByTestId('candidate');
    expect(candidates).toHaveLength(2);
    expect(within(candidates[0]).getByText('In the editor below.')).toBeTruthy();
    await userEvent.click(within(candidates[1]).getByRole('button', { name: 'Use this query (count_nodes)' }));
    expect(screen.getByTestId('cypher-code').textContent).toBe('MATCH (n) RETURN count(n)');
    expect(screen.getByTestId('query-explanation').textContent).toBe('Counts all nodes.');
  });

  it('detaches Cypher edited by hand from the question and lifts the unsure check', async () => {
    const { calls } = renderApp('/console', {
      ...consoleRoutes(),
      [`POST ${NL}/translate`]: translation({ status: 'UNSURE' }),
      [`POST ${NL}/run`]: queryResult(),
    });
    await ask('people?');
    await screen.findByTestId('unsure-notice');
    await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const editor = screen.getByLabelText('Cypher query');
    expect(document.activeElement).toBe(editor);
    await userEvent.type(editor, ' LIMIT 1');
    expect(screen.queryByTestId('unsure-notice')).toBeNull();
    expect(screen.queryByText(/^Answers:/)).toBeNull();
    await userEvent.click(screen.getByTestId('run-query'));
    await screen.findByTestId('result-table');
    expect(calls.find((c) => c.url.pathname === `${NL}/run`)?.body).toMatchObject({
      cypher: 'MATCH (p:Person) RETURN count(p) AS people LIMIT 1',
      question: null,
    });

    // Asking again shows the new translation highlighted, out of the editor.
    await ask('?');
    await waitFor(() => expect(screen.getByTestId('cypher-code').textContent).toBe('MATCH (p:Person) RETURN count(p) AS people'));
    expect(screen.queryByLabelText('Cypher query')).toBeNull();
  });

  it('says when nothing matched and offers writing Cypher by hand', async () => {
    const { calls } = renderApp('/console', {
      ...consoleRoutes(),
      [`POST ${NL}/translate`]: translation({ status: 'NO_MATCH', confidence: 0, best: null, notes: ['No intent mentions "weather".'] }),
      [`POST ${NL}/preview`]: { costClass: 'CHEAP', maxEstimatedRows: 1, operators: [], notices: [], labels: [], relationshipTypes: [] },
    });
    await ask('What is the weather?');
    const noMatch = await screen.findByTestId('no-match');
    expect(screen.getByText('No intent mentions "weather".')).toBeTruthy();
    await userEvent.click(within(noMatch).getByRole('button', { name: 'Write Cypher by hand' }));
    const editor = screen.getByLabelText('Cypher query');
    expect(document.activeElement).toBe(editor);
    await userEvent.type(editor, 'RETURN 1');
    await userEvent.click(screen.getByRole('button', { name: 'Preview cost' }));
    expect(await screen.findByTestId('cost-badge')).toBeTruthy();
    expect(calls.find((c) => c.url.pathname === `${NL}/preview`)?.body).toEqual({ cypher: 'RETURN 1', parameters: {} });
  });

  it('shows the problem of a rejected question', async () => {
    renderApp('/console', {
      ...consoleRoutes(),
      [`POST ${NL}/translate`]: () => problem(400, 'Invalid question', { detail: 'The question is longer than 2000 characters' }),
    });
    await ask('x');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not translate the question: Invalid question (400)');
    expect(alert.textContent).toContain('longer than 2000');
  });
});

describe('ConsolePage: history', () => {
  it('lists earlier queries newest first and loads one into the editor', async () => {
    const { calls } = renderApp('/console', {
      ...consoleRoutes([
        // the server sends the history newest first
        historyItem({ id: 'new', at: '2024-05-01T10:00:00Z', parameters: { limit: 5 } }),
        historyItem({ id: 'old', at: '2024-05-01T09:00:00Z', question: null, cypher: 'MATCH (n) DETACH DELETE n', status: 'BLOCKED', rule: 'cypher.write', rows: null }),
      ]),
    });
    const rows = await screen.findAllByTestId('history-row');
    expect(rows.map((row) => within(row).getByRole('button').textContent)).toEqual(['Load How many people are in the graph?', 'Load Hand-written query']);
    expect(within(rows[1]).getByTestId('history-rule').textContent).toBe('cypher.write');
    expect(within(rows[1]).getByText('Blocked')).toBeTruthy();
    expect(calls.find((c) => c.url.pathname === `${NL}/history`)?.url.searchParams.get('limit')).toBe('50');

    await userEvent.click(within(rows[0]).getByRole('button'));
    expect((screen.getByLabelText('Question') as HTMLTextAreaElement).value).toBe('How many people are in the graph?');
    expect(screen.getByTestId('cypher-code').textContent).toBe('MATCH (p:Person) RETURN count(p) AS people');
    expect(screen.getByTestId('query-parameters').textContent).toContain('$limit');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Cypher' }));

    await userEvent.click(within(rows[1]).getByRole('button'));
    expect((screen.getByLabelText('Question') as HTMLTextAreaElement).value).toBe('');
    expect(screen.getByTestId('cypher-code').textContent).toBe('MATCH (n) DETACH DELETE n');
  });

  it('reloads the history after a run', async () => {
    let served = 0;
    renderApp('/console', {
      [`GET ${NL}/history`]: () => ({ items: served++ === 0 ? [] : [historyItem()] }),
      [`POST ${NL}/translate`]: translation(),
      [`POST ${NL}/run`]: queryResult(),
    });
    expect(await screen.findByText('No questions or queries yet.')).toBeTruthy();
    await ask('How many people are in the graph?');
    await userEvent.click(await screen.findByTestId('run-query'));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(1));
  });
});
