#!/usr/bin/env bash
# Load figures for the server and the run viewer (docs/performance.md), against a real
# `maestro serve` on loopback over the embedded store:
#   1. seeds RUNS runs (default 10,000; kept in bench/target/server-home between invocations)
#   2. wrk from a second process: GET /api/v1/runs/{id} and GET /api/v1/runs?limit=50, p50/p99
#   3. SSE fan-out: 200 subscribers to a busy run, noop (max rate) and shell shapes (ui/perf/sse-fanout.mjs)
#   4. first render of a 2,000-step run page in headless Chromium (ui/perf/render.mjs)
# Needs wrk and chromium (apt-get install wrk chromium). SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk node /usr/bin/chromium; do
  command -v "$tool" >/dev/null || { echo "server-load: $tool is missing (apt-get install wrk chromium nodejs)" >&2; exit 2; }
done
export RUNS="${RUNS:-10000}" DURATION="${DURATION:-30s}" CONNECTIONS="${CONNECTIONS:-16}"
export MAESTRO_HOME="${MAESTRO_BENCH_HOME:-$PWD/bench/target/server-home}"
mkdir -p "$MAESTRO_HOME"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -Dstyle.color=never install -DskipTests 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
fi
[ -d ui/node_modules/playwright-core ] || (cd ui && npm ci --no-audit --no-fund)

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export MAESTRO_URL="http://127.0.0.1:$port"
export MAESTRO_TOKEN="$(bin/maestro tokens create --tenant default --role tenant-admin --name "bench-$$" 2>/dev/null)"
log="bench/target/server-load-serve.log"
bin/maestro serve --port "$port" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "$MAESTRO_URL/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "server-load: maestro serve exited; see $log" >&2; exit 1; }
  sleep 0.5
done

commit="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "# maestro $commit, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), runs wanted $RUNS"
seeded="$(node ui/perf/seed.mjs)"
echo "seed: $seeded"
run_id="$(node -e 'console.log(JSON.parse(process.argv[1]).runId)' "$seeded")"
wide_id="$(node -e 'console.log(JSON.parse(process.argv[1]).wideRunId)' "$seeded")"

auth="Authorization: Bearer $MAESTRO_TOKEN"
for path in "/api/v1/runs/$run_id" "/api/v1/runs?limit=50"; do
  echo "## wrk -t2 -c$CONNECTIONS -d$DURATION GET $path"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "$auth" "$MAESTRO_URL$path" \
    | grep -E 'Latency|^ +(50|90|99)%|Requests/sec|Non-2xx|Socket errors'
done

echo "## SSE fan-out"
SHAPE=noop node ui/perf/sse-fanout.mjs
SHAPE=shell node ui/perf/sse-fanout.mjs
echo "## first render of the 2,000-step run page"
RUN_ID="$wide_id" node ui/perf/render.mjs
