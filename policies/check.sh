#!/usr/bin/env bash
# Checks the policies the way CI should: formatting, strict compile, tests with coverage (policy
# files only, at least 90%), and that docs/security/rbac.md still shows the policy's matrix.
# Usage: policies/check.sh            (installs the pinned OPA via bin/install-opa when missing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
min_coverage=90
opa="$("$repo/bin/install-opa")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"

fail() { printf 'policies/check.sh: %s\n' "$*" >&2; exit 1; }

echo "== opa fmt"
unformatted="$("$opa" fmt --list .)"
[[ -z "$unformatted" ]] || fail "not opa-fmt clean (fix: $opa fmt -w policies/):"$'\n'"$unformatted"

echo "== opa check --strict"
"$opa" check --strict --bundle .

echo "== opa test"
# Verbose only on failure: the plain run names failing tests and shows their print() output.
"$opa" test --bundle . >"$work/test.txt" 2>&1 || { cat "$work/test.txt" >&2; fail "policy tests failed"; }
tail -n 1 "$work/test.txt"

"$opa" test --bundle . --coverage --format=json >"$work/coverage.json"
# Coverage of the policies themselves: the test files would only flatter the figure.
cat >"$work/coverage.rego" <<'REGO'
package check

files := [f | some path, f in input.files; not endswith(path, "_test.rego")]

covered := sum([object.get(f, "covered_lines", 0) | some f in files])

missed := sum([object.get(f, "not_covered_lines", 0) | some f in files])

percent := sprintf("%.1f", [(100 * covered) / (covered + missed)])
REGO
coverage="$("$opa" eval --format raw --data "$work/coverage.rego" --input "$work/coverage.json" data.check.percent)"
echo "policy line coverage: ${coverage}% (minimum ${min_coverage}%)"
awk -v c="$coverage" -v m="$min_coverage" 'BEGIN { exit !(c + 0 >= m) }' \
  || fail "policy line coverage ${coverage}% is under ${min_coverage}%"

echo "== docs/security/rbac.md matches data.maestro.authz.decision"
doc="$repo/docs/security/rbac.md"
[[ -f "$doc" ]] || fail "$doc is missing"
# The doc's one matrix table: header "| action | <six roles> |", rows "| resource:verb | allow or - |".
awk -F'|' '
  function trim(s) { gsub(/^[ \t`]+|[ \t`]+$/, "", s); return s }
  trim($2) == "action" { for (i = 3; i < NF; i++) role[i] = trim($i); next }
  trim($2) ~ /^[a-z]+:[a-z-]+$/ { for (i = 3; i < NF; i++) print trim($2), role[i], trim($i) }
' "$doc" | sort >"$work/doc.txt"
cat >"$work/matrix.rego" <<'REGO'
package check

import data.maestro.authz

cells contains sprintf("%s %s %s", [action, role, cell]) if {
	some action in authz.actions
	some role in authz.roles
	request := {"subject": {"tenant": "t", "role": role, "id": "check"}, "action": action, "resource": {"tenant": "t"}}
	d := authz.decision with input as request
	cell := {true: "allow", false: "-"}[d.allow]
}

lines := concat("\n", cells)
REGO
"$opa" eval --bundle . --data "$work/matrix.rego" --format raw data.check.lines | sort >"$work/policy.txt"
diff -u --label "docs/security/rbac.md" --label "policy" "$work/doc.txt" "$work/policy.txt" \
  || fail "the matrix in docs/security/rbac.md differs from the policy (lines: action role cell)"
echo "$(wc -l <"$work/policy.txt") role x action cells agree"
echo "policies: all checks passed"
