// End-to-end flow of the NL→Cypher console (/console), for e2e/e2e.mjs to call once signed in.
// Needs the nl-cypher plugin enabled and a graph holding (:Person)-[:KNOWS]->(:Person).
//
//   import { consoleFlow } from './console.mjs';
//   await consoleFlow(page, BASE, { check, axe: audit, step, screenshot });
//
// check(condition, message) throws a failed check when condition is false; axe(page, label) runs axe-core
// on the page and returns its number of critical/serious violations; step(name) and screenshot(page, label)
// are optional and mark progress as e2e.mjs does.

const QUESTION = 'How many people are in the graph?';
const GRAPH_QUERY = 'MATCH (p:Person)-[k:KNOWS]->(q:Person) RETURN p, k, q LIMIT 5';
const WRITE_QUERY = 'MATCH (n) DETACH DELETE n';
const SLOW_MS = 30_000; // translation and runs may take a while on a cold server

const flat = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * Waits until `wanted` shows, or a problem inside `scope`; a problem (or neither within `timeout`)
 * fails the check with what was on screen.
 */
async function expectShown(page, check, wanted, scope, what, timeout = 15_000) {
  const problem = scope.getByTestId('problem');
  try {
    await wanted.or(problem).first().waitFor({ timeout });
  } catch {
    check(false, `${what}: nothing appeared within ${timeout / 1000} s`);
  }
  if (await problem.count()) check(false, `${what}: ${flat(await problem.first().innerText())}`);
}

export async function consoleFlow(page, base, { check, axe, step = (name) => console.log(`• ${name}`), screenshot = async () => {} }) {
  step('console: ask a question');
  await page.goto(`${base}/console`);
  await page.getByRole('heading', { level: 1, name: 'Console' }).waitFor();
  const ask = page.locator('form.console-ask');
  await page.getByLabel('Question', { exact: true }).fill(QUESTION);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const status = page.getByTestId('translation-status');
  await expectShown(page, check, status, ask, 'the question was not translated', SLOW_MS);
  const translated = await status.getAttribute('data-status');
  check(translated === 'CONFIDENT', `the translation is ${translated}, expected CONFIDENT`);
  const cypher = await page.getByTestId('query').getByTestId('cypher-code').innerText();
  check(/count/i.test(cypher), `the translated Cypher has no count: ${flat(cypher)}`);
  console.log(`  ${flat(cypher)} (${await page.getByTestId('translation-confidence').innerText()})`);

  step('console: preview the cost');
  await page.getByRole('button', { name: 'Preview cost' }).click();
  const preview = page.getByTestId('preview');
  const badge = page.getByTestId('cost-badge');
  await expectShown(page, check, badge, preview, 'the preview failed');
  const cost = await badge.getAttribute('data-status');
  check(['CHEAP', 'MODERATE', 'EXPENSIVE'].includes(cost), `the count query costs ${cost}`);

  step('console: run the question');
  const run = page.getByTestId('run-query');
  await run.click();
  const result = page.getByTestId('result');
  const table = page.getByTestId('result-table');
  await expectShown(page, check, table, result, 'the query did not run', SLOW_MS);
  const rows = table.getByTestId('result-row');
  check((await rows.count()) === 1, `the count query returned ${await rows.count()} rows, expected 1`);
  const cells = await rows.first().locator('td').allInnerTexts();
  check(cells.some((cell) => /^-?\d+(\.\d+)?$/.test(cell.trim())), `no numeric cell in the row: ${cells.join(' | ')}`);
  await screenshot(page, 'console-count');

  step('console: draw a graph from hand-written Cypher');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = page.getByLabel('Cypher query', { exact: true });
  await editor.fill(GRAPH_QUERY);
  await run.click();
  await expectShown(page, check, table, result, 'the graph query did not run', SLOW_MS);
  await page.getByRole('tab', { name: 'Graph' }).click();
  const graph = page.getByTestId('result-graph');
  await expectShown(page, check, graph, result, 'no graph was drawn');
  const nodes = await graph.getByTestId('graph-node').count();
  const summary = (await graph.getAttribute('aria-label')) ?? '';
  check(nodes > 0, 'the graph has no nodes');
  check((await graph.getAttribute('role')) === 'img' && /^\d+ nodes?, \d+ relationships?$/.test(summary), `graph label "${summary}"`);
  console.log(`  ${summary}`);
  await screenshot(page, 'console-graph');

  step('console: a write is refused');
  await editor.fill(WRITE_QUERY);
  await page.getByRole('button', { name: 'Preview cost' }).click();
  const refusal = preview.getByTestId('problem');
  try {
    await refusal.waitFor();
  } catch {
    check(false, `the preview of "${WRITE_QUERY}" was not refused`);
  }
  const rule = await refusal.getByTestId('problem-rule').innerText().catch(() => '');
  check(rule.includes('cypher.write'), `refused with rule "${rule}", expected cypher.write (${flat(await refusal.innerText())})`);
  check(await run.isDisabled(), 'Run stays enabled for a refused query');
  await screenshot(page, 'console-refused');

  step('console: history');
  const history = page.getByTestId('history');
  await history.scrollIntoViewIfNeeded();
  await history.getByRole('button', { name: 'Refresh' }).click();
  const asked = history.getByTestId('history-row').filter({ hasText: QUESTION });
  await expectShown(page, check, asked.first(), history, `the history does not list "${QUESTION}"`);
  const serious = await axe(page, 'console');
  check(!serious, `axe found ${serious} critical/serious violations on the console page`);
}
