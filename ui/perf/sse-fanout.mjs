#!/usr/bin/env node
// SSE fan-out: SUBSCRIBERS clients (default 200) follow one busy run (SHAPE, below) on
// /api/v1/runs/{id}/events. The run starts with a 3 s step so every client is connected before the
// busy part; each client must receive every event exactly once and in order, compared with a
// replay of the finished run. Delay = arrival time − the event's recorded time (`at`), for events
// recorded after the last client connected. Prints a JSON summary on stdout.
import { api, awaitRun, BASE, layered, percentile, TOKEN } from './common.mjs';

const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 200);
// SHAPE=noop: 2,000 noop steps, as fast as the conductor goes (thousands of events a second);
// SHAPE=shell: 400 shell steps of 20 ms, 4 at a time (a busy real build, a few hundred a second).
const SHAPE = process.env.SHAPE ?? 'noop';
const WARMUP = '  - id: warmup\n    uses: shell\n    with:\n      run: sleep 3\n';
function busySpec() {
  if (SHAPE === 'noop') {
    return layered('bench-busy-noop', 20, 100)
      .replace('steps:\n', `steps:\n${WARMUP}`)
      .replace(/ {4}uses: noop\n(?! {4}needs)/g, '    uses: noop\n    needs: [warmup]\n');
  }
  if (SHAPE === 'shell') {
    const lines = ['apiVersion: maestro/v1', 'kind: Pipeline', 'metadata:', '  name: bench-busy-shell', 'concurrency: 4', 'steps:'];
    for (let i = 0; i < 400; i++) lines.push(`  - id: s${i}`, '    uses: shell', '    needs: [warmup]', '    with:', '      run: sleep 0.02');
    return `${lines.join('\n')}\n${WARMUP}`;
  }
  throw new Error(`SHAPE must be noop or shell, not ${SHAPE}`);
}
const spec = busySpec();
const pipeline = spec.match(/name: (\S+)/)[1];

/**
 * Reads an SSE stream until RunFinished; returns [{seq, type, at, arrived}]. The client keeps its
 * work per event small (no JSON parse: the frame's id and event lines, and the `at` field) so the
 * figures measure the server rather than this process.
 */
async function follow(runId, onOpen) {
  const response = await fetch(`${BASE}/api/v1/runs/${encodeURIComponent(runId)}/events`, {
    headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'text/event-stream' },
  });
  if (!response.ok) throw new Error(`events answered ${response.status}`);
  onOpen?.();
  const events = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    const arrived = Date.now();
    buffer += decoder.decode(chunk, { stream: true });
    let start = 0;
    let end;
    while ((end = buffer.indexOf('\n\n', start)) >= 0) {
      const frame = buffer.slice(start, end);
      start = end + 2;
      if (!frame.startsWith('id:')) continue; // a keepalive comment
      const seq = Number(frame.slice(3, frame.indexOf('\n')));
      const typeAt = frame.indexOf('event:') + 6;
      const type = frame.slice(typeAt, frame.indexOf('\n', typeAt));
      const atAt = frame.indexOf('"at":"') + 6;
      events.push({ seq, type, at: Date.parse(frame.slice(atAt, frame.indexOf('"', atAt))), arrived });
      if (type === 'RunFinished') {
        response.body.cancel().catch(() => undefined);
        return events;
      }
    }
    buffer = buffer.slice(start);
  }
  throw new Error('stream ended before RunFinished');
}

await api('POST', '/api/v1/pipelines', { file: `${pipeline}.yaml`, spec });
const run = await api('POST', `/api/v1/pipelines/${pipeline}/runs`, { params: {} });
let connected = 0;
let allConnectedAt = 0;
const followers = Array.from({ length: SUBSCRIBERS }, () => follow(run.id, () => {
  connected += 1;
  if (connected === SUBSCRIBERS) allConnectedAt = Date.now();
}));
const finished = await awaitRun(run.id);
const received = await Promise.all(followers);
if (!allConnectedAt) throw new Error('not every subscriber connected');
const reference = await follow(run.id);
const expected = reference.map((e) => e.seq).join(',');

let complete = 0;
const delays = [];
for (const events of received) {
  if (events.map((e) => e.seq).join(',') === expected) complete += 1;
  for (const e of events) if (e.at > allConnectedAt) delays.push(e.arrived - e.at);
}
delays.sort((a, b) => a - b);
const busy = reference.filter((e) => e.at > allConnectedAt);
const busySeconds = busy.length > 1 ? (busy[busy.length - 1].at - busy[0].at) / 1000 : NaN;
const summary = {
  shape: SHAPE,
  subscribers: SUBSCRIBERS,
  run: finished.status,
  eventsPerSubscriber: reference.length,
  eventsMeasured: busy.length,
  eventRatePerSecond: Math.round(busy.length / busySeconds),
  subscribersWithEveryEventInOrder: complete,
  deliveries: delays.length,
  delayMs: { p50: percentile(delays, 50), p90: percentile(delays, 90), p99: percentile(delays, 99), max: delays[delays.length - 1] },
};
console.log(JSON.stringify(summary));
if (complete !== SUBSCRIBERS) {
  console.error(`${SUBSCRIBERS - complete} subscribers missed, repeated or reordered events`);
  process.exit(1);
}
