// Prints the events Strudel 1.2.6's REPL plays for a whole program (a Strudel song as pasted into
// strudel.cc): the code goes through Strudel's own transpiler (@strudel/transpiler) and the
// REPL's evaluate (@strudel/core repl: `$:`/named labels stacked, `_` mutes, else the last
// expression), in the fixture format of `moonrave query`.
// Usage: node program.mjs FILE.js [from] [to] [span|cycles]
// Functions of the browser packages that make no events here are stand-ins: samples() loads
// nothing, the draw functions (pianoroll, ...) return their pattern, slider() is its value;
// piano() is strudel.cc's own (defined below).
import fs from 'node:fs';
import { query } from './generate.mjs';

const realLog = console.log;
const realWarn = console.warn;
const realError = console.error;
console.log = () => {};
console.warn = () => {};
const core = await import('@strudel/core');
const mini = await import('@strudel/mini');
const tonal = await import('@strudel/tonal');
const { transpiler } = await import('@strudel/transpiler');
// console.log stays quiet: Strudel logs its warnings there; the events go out through realLog.

const { Pattern, register, ref, silence } = core;
// generate.mjs parses every string as mini-notation (miniAllStrings) for its expression cases;
// strudel.cc's REPL does not: only double quotes and backticks are mini-notation there.
core.setStringParser(undefined);
const identity = function () { return this; };
for (const name of ['pianoroll', 'punchcard', 'spiral', 'scope', 'tscope', 'fscope', 'spectrum', 'pitchwheel',
  '_pianoroll', '_punchcard', '_spiral', '_scope', '_pitchwheel', 'markcss', 'draw', 'onPaint']) {
  if (!Pattern.prototype[name]) Pattern.prototype[name] = identity;
}
const sliderValues = {};
const stubs = {
  samples: async () => {},
  soundAlias: () => {},
  aliasBank: async () => {},
  sliderWithID: (id, value) => {
    sliderValues[id] = value;
    return ref(() => sliderValues[id]);
  },
  initAudioOnFirstClick: () => {},
  getAudioContext: () => ({ currentTime: 0 }),
  setVoicingRange: tonal.setVoicingRange,
};
await core.evalScope(core, mini, tonal, stubs);
// strudel.cc's piano() is not in a package: the website defines it at start (its prebake). The
// same steps here: clip 1 unless set, s piano, release 0.1, then a pan by pitch (0.25 at midi 0
// up to 0.75 from C8 on) times the pan already there, the pitch read by core's valueToMidi.
Pattern.prototype.piano = function () {
  const c8 = core.noteToMidi('C8');
  return this.fmap((v) => Object.assign({}, v, { clip: v.clip ?? 1 }))
    .s('piano')
    .release(0.1)
    .fmap((v) => {
      const byPitch = 0.25 + 0.5 * Math.min(Math.round(core.valueToMidi(v)) / c8, 1);
      return Object.assign({}, v, { pan: (v.pan || 1) * byPitch });
    });
};

// The REPL's evaluate (@strudel/core repl.mjs, 1.2.6), without its scheduler: `core.repl()`
// needs @kabelsalat/web, which the generator stubs. Same steps: hush, inject `.p` and the tempo
// functions, evaluate through the transpiler, stack the `.p` patterns (an `S` prefix solos)
// or else take the returned pattern.
let cps = 0.5;
export async function evaluateProgram(code) {
  let pPatterns = {};
  let anonymousIndex = 0;
  let allTransforms = [];
  let eachTransform;
  const hush = () => {
    pPatterns = {};
    anonymousIndex = 0;
    allTransforms = [];
    eachTransform = undefined;
    return silence;
  };
  const unpure = (x) => (x && x._Pattern ? x.__pure : x);
  const setCps = (x) => ((cps = unpure(x)), silence);
  const setCpm = (x) => ((cps = unpure(x) / 60), silence);
  Pattern.prototype.p = function (id) {
    if (typeof id === 'string' && (id.startsWith('_') || id.endsWith('_'))) return silence;
    if (id.includes('$')) id = `${id}${anonymousIndex++}`;
    pPatterns[id] = this;
    return this;
  };
  Pattern.prototype.q = () => silence;
  for (let i = 1; i < 10; ++i) {
    Object.defineProperty(Pattern.prototype, `d${i}`, { get() { return this.p(i); }, configurable: true });
    Object.defineProperty(Pattern.prototype, `p${i}`, { get() { return this.p(i); }, configurable: true });
  }
  const cpm = register('cpm', function (x, pat) { return pat._fast(x / 60 / cps); });
  await core.evalScope({
    all: (t) => (allTransforms.push(t), silence),
    each: (t) => ((eachTransform = t), silence),
    hush, cpm, setCps, setcps: setCps, setCpm, setcpm: setCpm,
  });
  hush();
  let { pattern } = await core.evaluate(code, transpiler, {});
  if (Object.keys(pPatterns).length) {
    let patterns = [];
    let soloActive = false;
    for (const [key, value] of Object.entries(pPatterns)) {
      const isSolod = key.length > 1 && key.startsWith('S');
      if (isSolod && !soloActive) {
        patterns = [];
        soloActive = true;
      }
      if (!soloActive || isSolod) patterns.push(value.withState((state) => state.setControls({ id: key })));
    }
    if (eachTransform) patterns = patterns.map((x) => eachTransform(x));
    pattern = core.stack(...patterns);
  } else if (eachTransform) {
    pattern = eachTransform(pattern);
  }
  for (const t of allTransforms) pattern = t(pattern);
  return core.isPattern(pattern) ? pattern : silence;
}

if (process.argv[1] && process.argv[1].endsWith('program.mjs')) {
  const [file, from = '0', to = '4', mode = 'span'] = process.argv.slice(2);
  const code = fs.readFileSync(file, 'utf8');
  try {
    const pat = await evaluateProgram(code);
    const lines = Array.from(query(pat, from, to, mode));
    // One write, and exit once it is flushed: process.exit() right after console.log drops what
    // a pipe has not taken yet (songs.mjs saw songs cut short at a few hundred events).
    process.stdout.write(lines.length ? lines.join('\n') + '\n' : '', () => process.exit(0));
  } catch (e) {
    realError(`program.mjs: ${e.message}`);
    process.exit(1);
  }
}
