#!/usr/bin/env bash
# Builds Maestro and runs its JMH benchmarks on a JDK >= 21 (found by bin/find-jdk21).
#   bench/run.sh                                every benchmark; JSON results in bench/target/jmh-results.json
#   bench/run.sh NoopDagBenchmark -p store=MEM  any JMH arguments instead (benchmark regex, -p, -f, -wi, -i, -rf ...)
#   SKIP_BUILD=1 bench/run.sh ...               reuse the last build
set -euo pipefail
cd "$(dirname "$0")/.."

jdk="$(bin/find-jdk21)"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Maven 3.8 prints colour resets even with -B; strip them so the header below stays readable
  mvn -q -B -Dstyle.color=never install -DskipTests 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
fi
jar="$(ls bench/target/maestro-bench-*.jar | grep -v -e '-sources' -e '-tests' | head -1)"

# JMH forks a JVM per benchmark: run from a copy of the classpath, so a build started meanwhile
# (another terminal, an IDE) cannot swap the code being measured halfway through
snapshot="$(mktemp -d "${TMPDIR:-/tmp}/maestro-bench-cp.XXXXXX")"
trap 'rm -rf "$snapshot"' EXIT
cp "$jar" "$snapshot/" && cp -r bench/target/lib "$snapshot/lib"

if [ $# -eq 0 ]; then
  set -- 'io\.maestro\.bench\.' -rf json -rff bench/target/jmh-results.json
fi
# what the figures depend on: the engine commit (and local edits to engine sources), the load, the cores
commit="$(git rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')"
edits="$( (git status --porcelain -- 'engine/*/src/main/*' 2>/dev/null || true) | wc -l)"
echo "# maestro $commit$([ "$edits" -gt 0 ] && echo " + $edits edited engine source files")," \
  "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$jdk/bin/java" -version 2>&1 | head -1)" >&2
# the classpath wildcard is expanded by java itself, not by the shell
"$jdk/bin/java" -cp "$snapshot/$(basename "$jar"):$snapshot/lib/*" org.openjdk.jmh.Main "$@"
