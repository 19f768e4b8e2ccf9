#!/usr/bin/env node
// End-to-end check of the run viewer against a running Maestro server, in headless Chromium:
// sign in, submit a pipeline, start a run, watch it fail, read the failed step's log, resume it,
// watch it succeed, check the trace link, and audit every page with axe-core.
//
// Env: MAESTRO_URL, MAESTRO_TOKEN, E2E_SCREENSHOTS (dir), E2E_PIPELINE_FILE, E2E_PIPELINE_NAME,
//      E2E_FAILED_LOG_LINE, CHROMIUM (default /usr/bin/chromium).
// Exit codes: 0 passed, 1 a check failed, 2 bad environment, 3 hard timeout (120 s).
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { consoleFlow } from './console.mjs';

const HARD_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_MS = 60_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`E2E FAILED: environment variable ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const BASE = requireEnv('MAESTRO_URL').replace(/\/+$/, '');
const TOKEN = requireEnv('MAESTRO_TOKEN');
const SHOTS = requireEnv('E2E_SCREENSHOTS');
const PIPELINE_FILE = requireEnv('E2E_PIPELINE_FILE');
const PIPELINE_NAME = requireEnv('E2E_PIPELINE_NAME');
const FAILED_LOG_LINE = requireEnv('E2E_FAILED_LOG_LINE');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const hardTimer = setTimeout(() => {
  console.error(`E2E FAILED: hard timeout of ${HARD_TIMEOUT_MS / 1000} s exceeded during "${currentStep}"`);
  process.exit(3);
}, HARD_TIMEOUT_MS);

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let currentStep = 'start';
let passed = 0;
let shotCount = 0;
const axeFailures = [];

class CheckFailed extends Error {}

/** Fails the current step with `message` unless `condition` holds; also handed to flows kept in other files (console.mjs). */
function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

function step(name) {
  if (currentStep !== 'start') passed += 1;
  currentStep = name;
  console.log(`• ${name}`);
}

async function screenshot(page, label) {
  shotCount += 1;
  const file = path.join(SHOTS, `${String(shotCount).padStart(2, '0')}-${label}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`  screenshot ${file}`);
}

/** Injects axe-core, runs it on the page, records critical/serious violations and returns how many there were. */
async function audit(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  for (const violation of serious) {
    console.error(`  axe ${violation.impact} on ${label}: ${violation.id} — ${violation.help} (${violation.helpUrl})`);
    for (const node of violation.nodes.slice(0, 5)) {
      console.error(`    ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`);
    }
  }
  if (serious.length > 0) axeFailures.push(`${label}: ${serious.map((v) => v.id).join(', ')}`);
  console.log(`  axe ${label}: ${serious.length} critical/serious, ${result.violations.length - serious.length} other`);
  return serious.length;
}

async function visit(page, label) {
  await audit(page, label);
  await screenshot(page, label);
}

/** Polls the run status badge until `wanted`; fails early on a terminal status that is not wanted. */
async function waitForRunStatus(page, wanted, { graceMs = 0 } = {}) {
  const badge = page.getByTestId('run-status');
  const started = Date.now();
  let last = '';
  while (Date.now() - started < RUN_TIMEOUT_MS) {
    last = (await badge.getAttribute('data-status').catch(() => null)) ?? '';
    if (last === wanted) return;
    const terminal = ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(last);
    if (terminal && Date.now() - started > graceMs) {
      throw new CheckFailed(`run ended ${last}, expected ${wanted}`);
    }
    await page.waitForTimeout(250);
  }
  throw new CheckFailed(`run did not become ${wanted} within ${RUN_TIMEOUT_MS / 1000} s (last seen: ${last || 'none'})`);
}

async function failIfProblem(page, what) {
  const problem = page.getByTestId('problem');
  if (await problem.count()) throw new CheckFailed(`${what}: ${(await problem.first().innerText()).replace(/\s+/g, ' ')}`);
}

async function apiGet(pathname) {
  const response = await fetch(`${BASE}${pathname}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  if (!response.ok) throw new CheckFailed(`GET ${pathname} answered ${response.status}`);
  return response.json();
}

async function main(page) {
  step('sign in');
  await page.goto(`${BASE}/signin`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await visit(page, 'sign-in');
  await page.getByLabel('API token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/runs');

  step('runs list');
  await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
  await page.getByText(/runs? loaded/).first().waitFor();
  await visit(page, 'runs');

  step('submit the pipeline');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Pipelines' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pipelines' }).waitFor();
  const spec = await readFile(PIPELINE_FILE, 'utf8');
  await page.getByLabel('File name').fill(path.basename(PIPELINE_FILE));
  await page.getByLabel('Pipeline spec (YAML)').fill(spec);
  await page.getByRole('button', { name: 'Submit pipeline' }).click();
  await page.getByTestId('submit-result').or(page.getByTestId('problem')).first().waitFor();
  await failIfProblem(page, 'the pipeline was rejected');
  const submitted = await page.getByTestId('submit-result').innerText();
  if (!submitted.includes(PIPELINE_NAME)) throw new CheckFailed(`submitted "${submitted}", expected ${PIPELINE_NAME}`);
  const pipelineLink = page.getByTestId('pipelines-table').getByRole('link', { name: PIPELINE_NAME, exact: true });
  await pipelineLink.waitFor();
  await visit(page, 'pipelines');

  step('start a run');
  await pipelineLink.click();
  await page.getByRole('heading', { level: 1, name: `Pipeline ${PIPELINE_NAME}` }).waitFor();
  await page.getByTestId('start-run').waitFor();
  await visit(page, 'pipeline-detail');
  await page.getByTestId('start-run').click();
  await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname)).catch(async () => {
    await failIfProblem(page, 'the run was not started');
    throw new CheckFailed('the run page did not open after "Start run"');
  });
  const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  console.log(`  run ${runId}`);

  step('watch the run fail live');
  await page.getByRole('group', { name: /Step graph/ }).waitFor();
  await screenshot(page, 'run-live');
  await waitForRunStatus(page, 'FAILED');
  await page.getByTestId('failed-step-link').first().waitFor();

  step('read the failed step log');
  await page.getByTestId('failed-step-link').first().click();
  await page.getByTestId('step-panel').waitFor();
  await page.getByTestId('log-view').getByText(FAILED_LOG_LINE).first().waitFor({ timeout: 20_000 }).catch(async () => {
    const shown = (await page.getByTestId('log-view').innerText()).slice(-600);
    throw new CheckFailed(`the log panel does not show "${FAILED_LOG_LINE}"; it ends with:\n${shown}`);
  });
  await visit(page, 'run-page');

  step('resume from failed steps');
  await page.getByTestId('resume-button').click();
  await page.getByTestId('resume-button-confirm').click();
  // The badge may show FAILED until the resume answer arrives; allow a moment before judging.
  await waitForRunStatus(page, 'SUCCEEDED', { graceMs: 5_000 }).catch(async (error) => {
    await failIfProblem(page, 'resume failed');
    throw error;
  });
  await screenshot(page, 'run-succeeded');

  step('trace link');
  const run = await apiGet(`/api/v1/runs/${encodeURIComponent(runId)}`);
  check(run.traceId, `run ${runId} has no traceId`);
  const traceLink = page.getByTestId('trace-link');
  if (!(await traceLink.count())) throw new CheckFailed('no trace link on the run page (is traceLink set in /api/v1/ui-config?)');
  const href = await traceLink.getAttribute('href');
  check(href && href.includes(run.traceId), `trace link ${href} does not contain trace id ${run.traceId}`);
  console.log(`  ${href}`);

  step('plugins');
  await nav.getByRole('link', { name: 'Plugins' }).click();
  await page.getByRole('heading', { level: 1, name: 'Plugins' }).waitFor();
  await page.getByTestId('plugins-table').or(page.getByText('No plugins are installed.')).first().waitFor();
  await visit(page, 'plugins');

  // the NL→Cypher console: the e2e server loads the nl-cypher plugin with the TINY sample graph
  await consoleFlow(page, BASE, { check, axe: audit, step, screenshot });

  step('accessibility');
  if (axeFailures.length > 0) {
    throw new CheckFailed(`axe found critical/serious violations:\n  ${axeFailures.join('\n  ')}`);
  }
  passed += 1;
}

await mkdir(SHOTS, { recursive: true });
let browser;
let exitCode = 0;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`  console error: ${message.text()}`);
  });
  try {
    await main(page);
    console.log(`E2E PASSED (${passed} checks)`);
  } catch (error) {
    exitCode = 1;
    const message = error instanceof CheckFailed ? error.message : (error?.stack ?? String(error));
    console.error(`E2E FAILED at "${currentStep}": ${message}`);
    await screenshot(page, 'failure').catch(() => undefined);
  }
} catch (error) {
  exitCode = 1;
  console.error(`E2E FAILED: could not start Chromium at ${CHROMIUM}: ${error?.message ?? error}`);
} finally {
  await browser?.close().catch(() => undefined);
  clearTimeout(hardTimer);
}
console.log(`${passed} passed, ${exitCode === 0 ? 0 : 1} failed`);
process.exit(exitCode);
