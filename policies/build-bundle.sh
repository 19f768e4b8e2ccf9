#!/usr/bin/env bash
# Builds policies/ into a signed OPA bundle (RS256). The signing key stays outside the repo.
#
#   policies/build-bundle.sh [--revision REV] <output.tar.gz> <signing-key.pem> <key-id>
#
# The revision in .manifest is REV, or `git describe --always --dirty` of this repo. <key-id> goes
# into the signature's "kid" header (and the legacy "keyid" claim), so an OPA configured with several
# keys picks the right one. Tests (*_test.rego) are left out of the bundle.
set -euo pipefail

usage() { echo "usage: policies/build-bundle.sh [--revision REV] <output.tar.gz> <signing-key.pem> <key-id>" >&2; exit 2; }
fail() { printf 'policies/build-bundle.sh: %s\n' "$*" >&2; exit 1; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

revision=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --revision) [[ $# -ge 2 ]] || usage; revision="$2"; shift 2 ;;
    --revision=*) revision="${1#--revision=}"; shift ;;
    -h|--help) usage ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ ${#args[@]} -eq 3 ]] || usage
output="${args[0]}" key="${args[1]}" key_id="${args[2]}"

[[ -f "$key" && -r "$key" ]] || fail "signing key '$key' is not a readable file"
[[ -n "$key_id" ]] || fail "the key id must not be empty"
key_abs="$(cd "$(dirname "$key")" && pwd)/$(basename "$key")"
# Secrets never live in the repo: refuse a key inside it rather than sign with it.
case "$key_abs/" in
  "$repo"/*) fail "signing key '$key' is inside the repository ($repo); keep it outside and out of git" ;;
esac

if [[ -z "$revision" ]]; then
  revision="$(git -C "$repo" describe --always --dirty 2>/dev/null)" \
    || fail "not in a git work tree: pass --revision REV"
fi

opa="$("$repo/bin/install-opa")"
mkdir -p "$(dirname "$output")"
output="$(cd "$(dirname "$output")" && pwd)/$(basename "$output")"

# Built from inside policies/, so the bundle's file names are relative (maestro/authz/authz.rego).
cd "$here"
"$opa" build --bundle . \
  --ignore '*_test.rego' \
  --revision "$revision" \
  --signing-key "$key_abs" \
  --signing-alg RS256 \
  --verification-key-id "$key_id" \
  --output "$output" >&2

echo "built $output (revision $revision, key id $key_id)" >&2
