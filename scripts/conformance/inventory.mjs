// Lists every function Strudel 1.2.6 documents (a JSDoc block) in @strudel/core, mini, tonal,
// draw and midi, with its aliases (@synonyms, the spellings of register([...]) and of a
// destructured export) and its @example blocks. Read from the installed packages.
//   node inventory.mjs            one line a function: name, aliases, examples, file
//   node inventory.mjs --json     the whole list as JSON
//   node inventory.mjs --missing NAMES_FILE
//                                 the documented functions (with examples) none of whose names is
//                                 a line of NAMES_FILE (e.g. `moonrave reference --names`)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = (name) => path.dirname(require.resolve(`@strudel/${name}/package.json`));

// The files of the reference (the jsdoc input of strudel.cc's doc.json), by package.
export const FILES = {
  core: ['pattern.mjs', 'signal.mjs', 'euclid.mjs', 'pick.mjs', 'controls.mjs', 'impure.mjs', 'repl.mjs',
    'drawLine.mjs', 'speak.mjs'],
  mini: ['mini.mjs'],
  tonal: ['tonal.mjs', 'voicings.mjs'],
  draw: ['draw.mjs', 'pianoroll.mjs', 'pitchwheel.mjs', 'spiral.mjs', 'animate.mjs', 'color.mjs'],
  midi: ['midi.mjs'],
  webaudio: ['scope.mjs', 'spectrum.mjs'],
};

function exampleBodies(block) {
  const out = [];
  for (const part of block.split('@example').slice(1)) {
    const body = part.split(/\n\s*\*\s*@/)[0].replace(/\*\/$/, '')
      .split('\n').map((l) => l.replace(/^\s*\*\s?/, '')).join('\n').trim();
    if (body) out.push(body);
  }
  return out;
}

// The names the code right after a doc block defines: `export const x = register('x', ...)`,
// `export const { a, b } = register(['a', 'b'], ...)`, `register('a b', ...)` hmm, a class method
// `name(args) {`, `export function name`, `export const name =`.
function codeNames(after) {
  const head = after.slice(0, 600);
  let m = /^\s*export\s+const\s+\{([^}]*)\}\s*=/.exec(head);
  if (m) return m[1].split(',').map((s) => s.trim().split(':')[0].trim()).filter(Boolean);
  m = /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:register\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*"))?/.exec(head);
  if (m) {
    const names = [m[1]];
    if (m[2]) for (const s of m[2].matchAll(/['"]([^'"]+)['"]/g)) names.push(...s[1].split(/\s+/));
    return names;
  }
  m = /^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/.exec(head);
  if (m) return [m[1]];
  m = /^\s*(?:Pattern\.prototype\.)?([A-Za-z_$][\w$]*)\s*(?:=\s*function)?\s*\(/.exec(head);
  if (m && !['if', 'for', 'while', 'switch', 'return'].includes(m[1])) return [m[1]];
  m = /^\s*register\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/.exec(head);
  if (m) return [...m[1].matchAll(/['"]([^'"]+)['"]/g)].flatMap((s) => s[1].split(/\s+/));
  return [];
}

export function inventory() {
  const list = [];
  for (const [p, files] of Object.entries(FILES)) {
    for (const f of files) {
      const file = path.join(pkg(p), f);
      if (!fs.existsSync(file)) continue;
      const src = fs.readFileSync(file, 'utf8');
      const re = /\/\*\*[\s\S]*?\*\//g;
      let m;
      while ((m = re.exec(src))) {
        const block = m[0];
        if (/@private|@ignore/.test(block)) continue;
        const after = src.slice(m.index + block.length);
        const tagName = /@name\s+([A-Za-z_$][\w$.]*)/.exec(block)?.[1];
        const fromCode = codeNames(after);
        // A block whose code is a private helper (_euclidRot) documents the public function.
        const name = (tagName ?? fromCode[0] ?? '').replace(/^.*\./, '').replace(/^_(?=euclid)/, '');
        if (!name) continue;
        const syn = [];
        for (const s of block.matchAll(/@synonyms\s+([^\n]*)/g)) syn.push(...s[1].split(/[,\s]+/).filter(Boolean));
        const aliases = [...new Set([...syn, ...(tagName ? [] : fromCode.slice(1)),
          ...(tagName && fromCode.includes(tagName) ? fromCode.filter((n) => n !== tagName) : [])])]
          .filter((n) => n !== name && /^[A-Za-z_$][\w$]*$/.test(n));
        const examples = exampleBodies(block);
        list.push({ name, aliases, examples, package: p, file: f });
      }
    }
  }
  // A name documented twice (a control and its @synonyms elsewhere) is one entry.
  const byName = new Map();
  for (const e of list) {
    const prev = byName.get(e.name);
    if (!prev) byName.set(e.name, e);
    else {
      prev.aliases = [...new Set([...prev.aliases, ...e.aliases])];
      prev.examples.push(...e.examples);
    }
  }
  return [...byName.values()];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const inv = inventory();
  const arg = process.argv[2];
  if (arg === '--json') {
    console.log(JSON.stringify(inv, null, 1));
  } else if (arg === '--missing') {
    const have = new Set(fs.readFileSync(process.argv[3], 'utf8').split('\n').map((s) => s.trim()).filter(Boolean));
    const withEx = inv.filter((e) => e.examples.length);
    let missing = 0;
    let aliasMissing = 0;
    for (const e of withEx) {
      const names = [e.name, ...e.aliases];
      const absent = names.filter((n) => !have.has(n));
      if (absent.length === names.length) {
        missing++;
        console.log(`MISSING ${e.package}/${e.file} ${e.name}${e.aliases.length ? ` (${e.aliases.join(' ')})` : ''}`);
      } else if (absent.length) {
        aliasMissing++;
        console.log(`ALIAS   ${e.package}/${e.file} ${e.name}: ${absent.join(' ')}`);
      }
    }
    const pkgs = [...new Set(withEx.map((e) => e.package))];
    for (const p of pkgs) {
      const xs = withEx.filter((e) => e.package === p);
      const have1 = xs.filter((e) => [e.name, ...e.aliases].some((n) => have.has(n))).length;
      console.log(`# ${p}: ${xs.length} documented with an example, ${have1} exist`);
    }
    console.log(`# total: ${withEx.length} documented with an example, ${withEx.length - missing} exist, ${missing} missing, ${aliasMissing} with a missing alias`);
  } else {
    for (const e of inv) console.log(`${e.package}/${e.file}\t${e.name}\t${e.aliases.join(' ')}\t${e.examples.length}`);
  }
}
