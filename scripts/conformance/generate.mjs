// Generates tests/conformance/cases/<theme>.jsonl from the case sources in ./cases/<theme>.mjs
// by evaluating each Strudel expression with Strudel 1.2.6 and writing the events it gives, in
// exactly the format of `moonrave query`. Usage: node generate.mjs [theme ...]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { jsToLua } from './jstolua.mjs';

// Strudel prints a banner and a browser warning on import; keep stdout for our own report.
const realLog = console.log;
console.log = () => {};
const core = await import('@strudel/core');
const mini = await import('@strudel/mini');
const tonal = await import('@strudel/tonal');
console.log = realLog;
mini.miniAllStrings();

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, '..', '..', 'tests', 'conformance', 'cases');
const srcDir = path.join(here, 'cases');

const scope = { ...core, ...mini, ...tonal };
delete scope.default;
const scopeNames = Object.keys(scope).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
const scopeValues = scopeNames.map((k) => scope[k]);

export function evaluate(js) {
  // eslint-disable-next-line no-new-func
  // A string literal used as a pattern receiver ("a b".fast(2)) is parsed explicitly, as the
  // Strudel REPL's transpiler does.
  const src = js.replace(/("(?:[^"\\]|\\.)*")(?=\.[A-Za-z_])/g, 'mini($1)');
  const fn = new Function(...scopeNames, `"use strict"; return (${src});`);
  let pat = fn(...scopeValues);
  if (typeof pat === 'string' || typeof pat === 'number') pat = core.reify(pat);
  if (!pat || typeof pat.queryArc !== 'function') throw new Error('not a pattern');
  return pat;
}

const frac = (f) => f.toFraction();

// JSON with object keys sorted (recursively), numbers as JavaScript prints them.
export function canonical(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`non-finite number ${v}`);
      return JSON.stringify(v);
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'object':
      return '{' + Object.keys(v).filter((k) => v[k] !== undefined).sort()
        .map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
    default:
      throw new Error(`value of type ${typeof v}`);
  }
}

function line(h) {
  const whole = h.whole ? `["${frac(h.whole.begin)}","${frac(h.whole.end)}"]` : 'null';
  return `{"whole":${whole},"part":["${frac(h.part.begin)}","${frac(h.part.end)}"],"value":${canonical(h.value)}}`;
}

// Order: part start, then whole start (a continuous hap, with no whole, first), then the value's
// JSON (compared by code unit, i.e. bytewise for ASCII), then the whole line as a final tie-break.
function sortHaps(haps) {
  const rows = haps.map((h) => ({ h, v: canonical(h.value), l: line(h) }));
  rows.sort((a, b) => {
    let c = a.h.part.begin.compare(b.h.part.begin);
    if (c) return c;
    if (!a.h.whole !== !b.h.whole) return a.h.whole ? 1 : -1;
    if (a.h.whole) {
      c = a.h.whole.begin.compare(b.h.whole.begin);
      if (c) return c;
    }
    if (a.v !== b.v) return a.v < b.v ? -1 : 1;
    return a.l < b.l ? -1 : a.l > b.l ? 1 : 0;
  });
  return rows.map((r) => r.l);
}

export function query(pat, from, to, mode) {
  const F = core.Fraction;
  const a = F(from);
  const b = F(to);
  if (mode === 'span') return sortHaps(pat.queryArc(a, b));
  const lines = [];
  for (let c = a; c.compare(b) < 0; c = c.floor().add(1)) {
    const e = c.floor().add(1).compare(b) < 0 ? c.floor().add(1) : b;
    lines.push(...sortHaps(pat.queryArc(c, e)));
  }
  return lines;
}

function buildCase(theme, entry) {
  const [name, js, opts = {}] = entry;
  const from = String(opts.from ?? '0');
  const to = String(opts.to ?? '4');
  const lua = opts.lua ?? jsToLua(js);
  // Each query from a fresh evaluation, with Strudel's voicing state reset (the default
  // dictionary and the last voicing voicings() leads from are globals in @strudel/tonal), as the
  // engine's test evaluates each case afresh.
  tonal.resetVoicings();
  const span = query(evaluate(js), from, to, 'span');
  tonal.resetVoicings();
  const cycles = query(evaluate(js), from, to, 'cycles');
  const base = { name, js, lua, from, to };
  if (opts.difference) base.difference = opts.difference;
  const out = [];
  const same = span.length === cycles.length && span.every((l, i) => l === cycles[i]);
  const modes = opts.query ? [opts.query] : same ? ['span'] : ['span', 'cycles'];
  for (const m of modes) {
    const events = m === 'span' ? span : cycles;
    if (events.length === 0 && !opts.empty) throw new Error(`${theme}/${name}: no events`);
    if (events.length > 400) throw new Error(`${theme}/${name}: ${events.length} events, shorten the span`);
    out.push({ ...base, name: modes.length > 1 && m === 'cycles' ? `${name}@cycles` : name, query: m, events });
  }
  return out;
}

async function main() {
  const want = process.argv.slice(2);
  const themes = fs.readdirSync(srcDir).filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4)).sort()
    .filter((t) => want.length === 0 || want.includes(t));
  fs.mkdirSync(outDir, { recursive: true });
  let total = 0;
  let failed = 0;
  const names = new Set();
  for (const theme of themes) {
    const entries = (await import(pathToFileURL(path.join(srcDir, `${theme}.mjs`)).href)).default;
    const lines = [];
    for (const entry of entries) {
      const key = `${theme}/${entry[0]}`;
      if (names.has(key)) throw new Error(`duplicate case name ${key}`);
      names.add(key);
      try {
        for (const c of buildCase(theme, entry)) lines.push(JSON.stringify(c));
      } catch (e) {
        failed++;
        console.error(`FAIL ${key}: ${e.message}`);
      }
    }
    fs.writeFileSync(path.join(outDir, `${theme}.jsonl`), lines.join('\n') + '\n');
    console.log(`${theme}: ${lines.length} cases`);
    total += lines.length;
  }
  console.log(`total: ${total} cases${failed ? `, ${failed} source entries failed` : ''}`);
  if (failed) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
