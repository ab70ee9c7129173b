// Prints every control Strudel 1.2.6 defines, one a line: the key it writes, the names that write
// it (itself first, then its aliases) and the keys a list value fills ("cutoff:resonance:lpenv").
// tests/data/strudel_controls.tsv is this output; tests/runtime/controls_test.cpp checks the
// control table against it (lines without a tab, Strudel's own greeting, are skipped there).
// Usage: node controls.mjs > ../../tests/data/strudel_controls.tsv
import { Pattern, pure } from '@strudel/core';
import { isControlName } from '@strudel/core/controls.mjs';

// Strudel's own log lines (some printed later, asynchronously) are not rows
console.log = console.warn = console.info = () => {};
const rows = new Map();
for (const name of Object.getOwnPropertyNames(Pattern.prototype).sort()) {
  if (!isControlName(name)) continue;
  const [hap] = pure({}).set(pure(0))[name]([1, 2, 3, 4, 5, 6]).firstCycle();
  const keys = Object.keys(hap.value);
  const key = keys[0];
  if (!rows.has(key)) rows.set(key, { names: new Set(), tail: keys.slice(1) });
  rows.get(key).names.add(name);
}
for (const [key, { names, tail }] of [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  const aliases = [...names].filter((n) => n !== key);
  process.stdout.write([key, aliases.join(' '), tail.join(':')].join('\t') + '\n');
}
