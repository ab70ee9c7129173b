#!/bin/sh
# Installs Strudel 1.2.6 from the conformance lockfile (once) and times it.
set -e
here=$(cd "$(dirname "$0")" && pwd)
conf="$here/../../scripts/conformance"
[ -d "$conf/node_modules/@strudel/core" ] || (cd "$conf" && npm ci --no-audit --no-fund)
cd "$conf" && exec node "$here/bench.mjs" "$@"
