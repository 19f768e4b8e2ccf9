#!/usr/bin/env node
// Fills a server with runs for the load test: submits bench-small and bench-wide (2,000 steps),
// starts bench-small until RUNS runs are stored (keeping what an earlier seeding left), runs one
// bench-wide, and prints {"runId", "wideRunId", "stored"} as JSON on stdout.
import { api, awaitRun, layered, SMALL } from './common.mjs';

const RUNS = Number(process.env.RUNS ?? 10_000);
const PARALLEL = Number(process.env.SEED_PARALLEL ?? 16);

await api('POST', '/api/v1/pipelines', { file: 'bench-small.yaml', spec: SMALL });
await api('POST', '/api/v1/pipelines', { file: 'bench-wide.yaml', spec: layered('bench-wide', 20, 100) });

async function countRuns() {
  let count = 0;
  let cursor = null;
  do {
    const page = await api('GET', `/api/v1/runs?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

let stored = await countRuns();
const missing = Math.max(0, RUNS - stored);
const started = Date.now();
let next = 0;
let done = 0;
let lastRun = null;
async function worker() {
  while (next < missing) {
    next += 1;
    const run = await api('POST', '/api/v1/pipelines/bench-small/runs', { params: {} });
    lastRun = (await awaitRun(run.id)).id;
    done += 1;
    if (done % 1000 === 0) console.error(`  seeded ${done}/${missing}`);
  }
}
await Promise.all(Array.from({ length: PARALLEL }, worker));
if (missing > 0) {
  const seconds = (Date.now() - started) / 1000;
  console.error(`seeded ${missing} runs in ${seconds.toFixed(1)} s (${(missing / seconds).toFixed(0)} runs/s)`);
}
if (!lastRun) lastRun = (await api('GET', '/api/v1/runs?pipeline=bench-small&limit=1')).items[0].id;

const wide = await api('POST', '/api/v1/pipelines/bench-wide/runs', { params: {} });
const wideRun = await awaitRun(wide.id);
if (wideRun.status !== 'SUCCEEDED') throw new Error(`bench-wide ended ${wideRun.status}`);
stored = await countRuns();
console.log(JSON.stringify({ runId: lastRun, wideRunId: wide.id, stored }));
