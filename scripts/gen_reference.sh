#!/bin/sh
# Regenerates docs/reference.md from the code's own documentation: `moonrave reference --markdown`
# (the pattern registry, the performance functions, the doc comments of patterns/*.lua).
# Run it after changing a doc string or adding a function; tests/examples fails while it is stale.
# MOONRAVE=path/to/moonrave picks the binary (default: build/src/app/moonrave).
set -e
cd "$(dirname "$0")/.."
BIN=${MOONRAVE:-build/src/app/moonrave}
if [ ! -x "$BIN" ]; then
  echo "gen_reference: no moonrave at $BIN: build it first, or set MOONRAVE=path" >&2
  exit 1
fi
"$BIN" reference --markdown --out docs/reference.md
echo "docs/reference.md: $(grep -c '^```lua' docs/reference.md) examples"
