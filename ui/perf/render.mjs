#!/usr/bin/env node
// Time to first render of a big run page in headless Chromium: opens /runs/{RUN_ID} (a 2,000-step
// run) ROUNDS times in fresh pages and measures, from navigation start, until the step graph shows
// its nodes and the header shows the run's status. Prints a JSON summary on stdout.
import { chromium } from 'playwright-core';
import { BASE, percentile, TOKEN } from './common.mjs';

const RUN_ID = process.env.RUN_ID;
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
if (!RUN_ID) {
  console.error('environment variable RUN_ID is not set');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times = [];
let nodes = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addInitScript((token) => {
    sessionStorage.setItem('maestro.token', token);
  }, TOKEN);
  for (let round = 0; round <= ROUNDS; round++) {
    const page = await context.newPage();
    await page.goto(`${BASE}/runs/${encodeURIComponent(RUN_ID)}`, { waitUntil: 'commit' });
    await page.getByTestId('run-status').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid^="dag-node-"]').first().waitFor({ timeout: 60_000 });
    const ms = await page.evaluate(() => performance.now());
    nodes = await page.locator('[data-testid^="dag-node-"]').count();
    if (round > 0) times.push(ms); // round 0 warms the server and the browser cache
    await page.close();
  }
} finally {
  await browser.close();
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({
  run: RUN_ID, rounds: times.length, nodesDrawn: nodes,
  firstRenderMs: { min: Math.round(times[0]), p50: Math.round(percentile(times, 50)), max: Math.round(times[times.length - 1]) },
}));
