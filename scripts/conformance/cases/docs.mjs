// Strudel's own documented examples (the @example blocks of the JSDoc in the sources @strudel/core
// and @strudel/tonal 1.2.6 ship) for the functions moonrave implements. Read from the installed packages,
// so regenerating needs `npm ci`; the fixtures are committed. An example is kept when it is one
// expression the Lua port rules can translate (no samples(), no `$:`, no template strings) and
// it uses only functions the pattern issue lists; examples whose span would be too long or that
// produce no events are skipped by the generator's usual checks.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { jsToLua } from '../jstolua.mjs';

const require = createRequire(import.meta.url);
const FUNCTIONS = new Set([
  'sequence', 'seq', 'cat', 'slowcat', 'fastcat', 'stack', 'timeCat', 'timecat', 'arrange', 'polymeter', 'pure',
  'fast', 'slow', 'hurry', 'early', 'late', 'rev', 'palindrome', 'iter', 'iterBack', 'ply', 'segment', 'range',
  'rangex', 'struct', 'mask', 'euclid', 'euclidRot', 'euclidLegato', 'euclidLegatoRot', 'every', 'firstOf', 'lastOf',
  'when', 'within', 'chunk', 'chunkBack', 'someCyclesBy', 'sometimesBy', 'sometimes', 'often', 'rarely',
  'almostNever', 'almostAlways', 'degradeBy', 'degrade', 'undegradeBy', 'jux', 'juxBy', 'off', 'superimpose',
  'layer', 'echo', 'stut', 'swingBy', 'swing', 'inside', 'outside', 'brak', 'linger', 'zoom', 'compress', 'fastGap',
  'chop', 'striate', 'slice', 'splice', 'loopAt', 'fit', 'sine', 'cosine', 'saw', 'isaw', 'tri', 'square', 'rand',
  'irand', 'perlin', 'choose', 'wchoose', 'add', 'sub', 'mul', 'div', 'mod', 'set', 'keep', 'gt', 'lt', 'eq', 'inv',
  'floor', 'ceil', 'round', 'run', 'brand', 'shuffle', 'scramble', 'bite', 'randcat', 'wchooseCycles', 'seed',
  'reset', 'restart', 'scale', 'transpose', 'scaleTranspose', 'voicing', 'arp',
]);

function examples(file) {
  const src = fs.readFileSync(file, 'utf8');
  const out = [];
  for (const block of src.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const name = /@name\s+(\S+)/.exec(block)?.[1];
    if (!name || !FUNCTIONS.has(name)) continue;
    const parts = block.split('@example').slice(1);
    parts.forEach((part, i) => {
      const body = part.split(/\n\s*\*\s*@/)[0].replace(/\*\/$/, '')
        .split('\n').map((l) => l.replace(/^\s*\*\s?/, '').replace(/\)\s+\/\/.*$/, ')'))
        .filter((l) => !/^\s*\/\//.test(l)).join('\n').trim();
      if (body) out.push([name, i, body]);
    });
  }
  return out;
}

const core = path.dirname(require.resolve('@strudel/core/package.json'));
const tonal = path.dirname(require.resolve('@strudel/tonal/package.json'));
const files = [
  ...['pattern.mjs', 'signal.mjs', 'euclid.mjs', 'pick.mjs'].map((f) => path.join(core, f)),
  ...['tonal.mjs', 'voicings.mjs'].map((f) => path.join(tonal, f)),
];
// Examples Strudel 1.2.6 itself gives no events for: their scale names use a space, which 1.2.6
// rejects ("Scale name C4 is incomplete").
const BROKEN = new Set(['scaleTranspose-1', 'scale-5']);
const cases = [];
for (const file of files) {
  for (const [name, i, body] of examples(file)) {
    if (/samples\(|\$:|\bawait\b|`|\bsetcps\b|\bcpm\b|\bcps\b|\bcolor\b|\bpunchcard\b|\bscope\b|\bpianoroll\b|\n\S*\s*\n/.test(body)) continue;
    const js = body.replace(/\s*\n\s*(?=\.)/g, '').replace(/\s*\n\s*/g, ' ').replace(/;\s*$/, '');
    if (/;/.test(js)) continue;
    let lua;
    try {
      lua = jsToLua(js);
    } catch {
      continue;
    }
    if (!BROKEN.has(`${name}-${i + 1}`)) cases.push([`${name}-${i + 1}`, js, { lua }]);
  }
}
export default cases;
