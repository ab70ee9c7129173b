// Strudel's own documented examples: the @example blocks of every function Strudel 1.2.6
// documents (inventory.mjs: @strudel/core, mini, tonal, draw, midi and the webaudio scopes; the
// controls of controls.mjs are the control table's conformance). Read from the installed
// packages, so regenerating needs them; the fixtures are committed.
//
// Each example is evaluated as strudel.cc's REPL does it: double-quoted strings are
// mini-notation (single-quoted ones plain strings), `$:` and `name:` lines are stacked, and the
// performance statements (setcpm, samples) change no event. The Lua is the automatic port
// (jstolua.mjs), or the hand port in LUA below where the example uses JavaScript the port does
// not read (objects, blocks, 0-based indexing). An example that gives no events in Strudel
// either is kept with `empty`; one that cannot run outside a browser (MIDI devices, the
// microphone) is listed in SKIPPED with the reason.
import { jsToLua } from '../jstolua.mjs';
import { inventory } from '../inventory.mjs';
import { readFileSync } from 'node:fs';

// controls.mjs also defines functions over several controls (adsr, ad, scrub...) with register():
// those are pattern functions and get their cases here; its controls are the control table's.
const CONTROL_FUNCTIONS = new Set(
  [...readFileSync(new URL('../node_modules/@strudel/core/controls.mjs', import.meta.url), 'utf8').matchAll(
    /^export const (\w+) = register\(/gm,
  )].map((m) => m[1]),
);

// The oracle, as generate.mjs evaluates it (imported here directly: generate.mjs imports this file).
const realLog = console.log;
console.log = () => {};
const core = await import('@strudel/core');
const mini = await import('@strudel/mini');
const tonal = await import('@strudel/tonal');
console.log = realLog;
mini.miniAllStrings();
const scope = { ...core, ...mini, ...tonal };
delete scope.default;
const scopeNames = Object.keys(scope).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
function evaluate(js) {
  const src = js.replace(/("(?:[^"\\]|\\.)*")(?=\.[A-Za-z_])/g, 'mini($1)');
  const fn = new Function(...scopeNames, `"use strict"; return (${src});`);
  let pat = fn(...scopeNames.map((k) => scope[k]));
  if (typeof pat === 'string' || typeof pat === 'number') pat = core.reify(pat);
  if (!pat || typeof pat.queryArc !== 'function') throw new Error('not a pattern');
  return pat;
}
// The number of haps over [0, to), queried as one span and cycle by cycle.
function count(pat, to) {
  const F = core.Fraction;
  const all = pat.queryArc(F(0), F(to));
  if (all.some((h) => h.value === undefined)) throw new Error('value of type undefined');
  let m = 0;
  for (let c = 0; c < Number(to); c++) m += pat.queryArc(F(c), F(Math.min(c + 1, Number(to)))).length;
  return Math.max(all.length, m);
}

// Hand ports: Lua for examples the automatic port cannot translate.
const LUA = {
  'withValue-1': 'mini("0 1 2"):withValue(function(v) return v + 10 end)',
  'filterHaps-1': 's("bd*8"):velocity(rand):filterHaps(function(h) return (h.whole.begin % 1) < h.value.velocity end)',
  'filterValues-1': 'stack(s("bd sd bd sd"):filterValues(function(v) return v.s == "bd" end):duck(2), s("bd sd bd sd"):filterValues(function(v) return v.s == "sd" end), s("saw!4"):note("G#1"):lpf(80):lpenv(4):orbit(2))',
  'arpWith-1': 'note("<[c,eb,g]!2 [c,f,ab] [d,f,ab]>"):arpWith(function(haps) return haps[3] end)',
  'echoWith-1': 'mini("<0 [2 4]>"):echoWith(4, 1/8, function(p, n) return p:add(n * 2) end):scale("C:minor"):note()',
  'plyForEach-1': 'mini("<0 [2 4]>"):plyForEach(4, function(p, n) return p:add(n * 2) end):scale("C:minor"):note()',
  'filter-1': 's("hh!7 oh"):filter(function(hap) return hap.value.s == "hh" end)',
  'filterWhen-1': 's("bd*4"):filterWhen(function(t) return t < 1 end)',
  'pick-4': 's(mini("<a!2 [a,b] b>"):pick({a = "bd(3,8)", b = "sd sd"}))',
  'pickmodRestart-1': 'mini("<a@2 b@2 c@2 d@2>"):pickRestart({a = n("0 1 2 0"), b = n("2 3 4 ~"), c = n("[4 5] [4 3] 2 0"), d = n("0 -3 0 ~")}):scale("C:major"):s("piano")',
  'inhabit-1': 'mini("<a b [a,b]>"):inhabit({a = s("bd(3,8)"), b = s("cp sd")})',
  'inhabit-2': 's(mini("a@2 [a b] a"):inhabit({a = "bd(3,8)", b = "sd sd"})):slow(4)',
  'register-1': '(function() local vlpf = register("vlpf", function(freq, pat) return pat:fmap(function(v) v.cutoff = freq * (v.velocity or 1) return v end) end) return s("saw"):seg(8):velocity(rand):vlpf(800) end)()',
  'pianoroll-1': 'note("c2 a2 eb2"):euclid(5,8):s("sawtooth"):lpenv(4):lpf(300):pianoroll({labels = 1})',
  'spiral-1': 'note("c2 a2 eb2"):euclid(5,8):s("sawtooth"):lpenv(4):lpf(300):_spiral({steady = .96})',
  'midi-2': 'note("c4"):midichan(1):midi("IAC Driver Bus 1", {controller = true, latency = 50})',
  'fastChunk-1': 'mini("<0 8> 1 2 3 4 5 6 7"):scale("C2:major"):note():fastChunk(4, function(x) return x:color("red") end):slow(2)',
};

// The JavaScript the oracle evaluates, where the example declares constants first.
const ORACLE = {
  'filterValues-1': 'stack(s(mini("bd sd bd sd")).filterValues((v) => v.s === "bd").duck(2), s(mini("bd sd bd sd")).filterValues((v) => v.s === "sd"), s(mini("saw!4")).note(mini("G#1")).lpf(80).lpenv(4).orbit(2))',
  'register-1': '(register("vlpf", (freq, pat) => pat.fmap((v) => ({...v, cutoff: freq * (v.velocity ?? 1) }))), s(mini("saw")).seg(8).velocity(rand).vlpf(800))',
};

// Functions that only draw or send (@strudel/draw, midi, webaudio): Strudel's implementations
// return the pattern with a paint or trigger callback and the same haps. They need a browser to
// load, so the oracle evaluates the example without the call; the Lua keeps it.
const DRAW = /\._?(pianoroll|punchcard|wordfall|spiral|pitchwheel|scope|tscope|fscope|spectrum|markcss|midi)\((?:[^()]|\([^()]*\))*\)/g;

// Examples that cannot run outside a browser or a live session, with the reason.
export const SKIPPED = {
  'queryArc-1': 'JavaScript API (queryArc, console.log), not a pattern',
  'drawLine-1': 'JavaScript API (a string drawing of a pattern, console.log), not a pattern',
  'onTriggerTime-1': 'a JavaScript callback at trigger time (console.log); no events to compare',
  'midin-1': 'reads a MIDI input device (await midin), which the oracle has not',
  'apply-1': 'Strudel 1.2.6 rejects its own example ("Scale name C is incomplete": a space in the scale name)',
  'scaleTranspose-1': 'Strudel 1.2.6 rejects its own example ("Scale name C4 is incomplete": a space in the scale name)',
  'scale-5': 'Strudel 1.2.6 rejects its own example ("Scale name Cb2 is incomplete": a space in the scale name)',
  'addVoicings-1': "Strudel 1.2.6's own example gives events without a value (undefined) under node",
  'useRNG-1': "switches Strudel's generator for the whole session",
  'K-1': 'Kabelsalat audio graphs (K), which @strudel/core 1.2.6 only stubs',
  'K-2': 'Kabelsalat audio graphs (K), which @strudel/core 1.2.6 only stubs',
  'whenKey-1': "reads the browser's keyboard (no keys are down in the oracle: no events)",
  'keyDown-1': "reads the browser's keyboard (no keys are down in the oracle: no events)",
  'defaultmidimap-1': 'configures the MIDI output map of a live session',
  'midimaps-1': 'configures the MIDI output map of a live session',
  'midimaps-2': 'configures the MIDI output map of a live session',
};

// Removes `//` comments outside strings.
function stripComments(src) {
  let out = '';
  let q = null;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (q) {
      out += c;
      if (c === '\\') out += src[++i] ?? '';
      else if (c === q) q = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      q = c;
      out += c;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
      continue;
    }
    out += c;
  }
  return out;
}

// Double-quoted strings become mini() calls, as the REPL's transpiler makes them.
function miniStrings(src) {
  return src.replace(/"((?:[^"\\\n]|\\.)*)"/g, (m) => `mini(${m})`);
}

// Bracket depth change of a line (strings skipped).
function depthOf(line) {
  let d = 0;
  let q = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = null;
    } else if (c === '"' || c === "'" || c === '`') q = c;
    else if ('([{'.includes(c)) d++;
    else if (')]}'.includes(c)) d--;
  }
  return d;
}

// The patterns an example plays: its labelled statements stacked, or its one expression; the
// tempo and sample statements (no effect on events) apart.
function program(body) {
  const code = stripComments(body);
  const blocks = [];
  let depth = 0;
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const top = depth === 0;
    depth += depthOf(line);
    const label = top ? /^(\$|[A-Za-z_]\w*)\s*:\s*(.*)$/.exec(line) : null;
    const continues = line.startsWith('.') || !top;
    if (label) {
      blocks.push({ code: label[2] });
    } else if (top && /^(setcpm|setcps|setCpm|setCps|samples)\(/.test(line)) {
      blocks.push({ statement: line });
    } else if (continues && blocks.length && blocks[blocks.length - 1].code !== undefined) {
      blocks[blocks.length - 1].code += (line.startsWith('.') ? '' : ' ') + line;
    } else if (continues && blocks.length && blocks[blocks.length - 1].statement !== undefined) {
      blocks[blocks.length - 1].statement += ' ' + line;
    } else {
      blocks.push({ code: line });
    }
  }
  const pats = blocks.filter((b) => b.code !== undefined).map((b) => b.code.replace(/;\s*$/, '').trim()).filter(Boolean);
  return { pats, statements: blocks.filter((b) => b.statement).map((b) => b.statement) };
}

function spanFor(pat) {
  for (const to of ['4', '2', '1']) {
    const n = count(pat, to);
    if (n <= 400) return { to, n };
  }
  return { to: '1/2', n: 0 };
}

const cases = [];
const seen = new Set();
for (const e of inventory()) {
  if ((e.file === 'controls.mjs' && !CONTROL_FUNCTIONS.has(e.name)) || !e.examples.length) continue;
  e.examples.forEach((body, i) => {
    const name = `${e.name}-${i + 1}`;
    if (seen.has(name) || SKIPPED[name]) return;
    seen.add(name);
    const { pats } = program(body);
    if (pats.length === 0) return;
    const js = miniStrings(pats.length === 1 ? pats[0] : `stack(${pats.join(', ')})`);
    let pat;
    let span;
    try {
      pat = evaluate(ORACLE[name] ?? js.replace(DRAW, ''));
      span = spanFor(pat);
    } catch (err) {
      cases.push([name, js, { lua: LUA[name] ?? 'silence', empty: true, oracleError: String(err.message ?? err) }]);
      return;
    }
    let lua = LUA[name];
    if (!lua) {
      try {
        lua = jsToLua(js);
      } catch (err) {
        lua = `error("no Lua port: ${String(err.message).replace(/"/g, "'")}")`;
      }
    }
    const { to, n } = span;
    // The case's js is what the oracle evaluated (without the draw or MIDI call, see DRAW).
    cases.push([name, ORACLE[name] ?? js.replace(DRAW, ''), { lua, to, empty: n === 0 }]);
  });
}
export default cases;
