// Shared by the server-load scripts (bench/server-load.sh): the server's URL and token from env,
// an authenticated fetch, and the pipelines the load runs.
export const BASE = required('MAESTRO_URL').replace(/\/+$/, '');
export const TOKEN = required('MAESTRO_TOKEN');

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`environment variable ${name} is not set`);
    process.exit(2);
  }
  return value;
}

export async function api(method, pathname, body) {
  const response = await fetch(`${BASE}${pathname}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname} answered ${response.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** A small pipeline: three noop steps in a chain. */
export const SMALL = `apiVersion: maestro/v1
kind: Pipeline
metadata:
  name: bench-small
steps:
  - id: checkout
    uses: noop
  - id: build
    uses: noop
    needs: [checkout]
  - id: test
    uses: noop
    needs: [build]
`;

/** `levels × width` noop steps; each step past the first level needs two of the level before. */
export function layered(name, levels, width) {
  const lines = ['apiVersion: maestro/v1', 'kind: Pipeline', 'metadata:', `  name: ${name}`, 'steps:'];
  const id = (level, i) => `l${level}s${i}`;
  for (let level = 0; level < levels; level++) {
    for (let i = 0; i < width; i++) {
      lines.push(`  - id: ${id(level, i)}`, '    uses: noop');
      if (level > 0) lines.push(`    needs: [${id(level - 1, i)}, ${id(level - 1, (i * 7 + 3) % width)}]`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function awaitRun(runId, timeoutMs = 300_000) {
  const started = Date.now();
  for (;;) {
    const run = await api('GET', `/api/v1/runs/${encodeURIComponent(runId)}`);
    if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status)) return run;
    if (Date.now() - started > timeoutMs) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
