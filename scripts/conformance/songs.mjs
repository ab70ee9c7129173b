// Measures whole songs: for each .js file of a folder (or each file named), the events Strudel
// 1.2.6's REPL plays (program.mjs, Strudel's transpiler) against `moonrave query --file`, over the
// same span. Prints one line per song: exact, differs (with the first differing event of each
// side) or error (with its message), then the total.
// Usage: node songs.mjs DIR|FILE... [--from 0] [--to 8] [--moonrave build/src/app/moonrave]
//        [--verbose] [--record DIR] (writes SONG.events, the oracle's lines, next to nothing else)
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = { from: '0', to: '8', moonrave: path.join(here, '../../build/src/app/moonrave'), verbose: false, record: null };
const inputs = [];
for (let i = 0; i < args.length; ++i) {
  const a = args[i];
  if (a === '--from') opt.from = args[++i];
  else if (a === '--to') opt.to = args[++i];
  else if (a === '--moonrave') opt.moonrave = args[++i];
  else if (a === '--record') opt.record = args[++i];
  else if (a === '--verbose') opt.verbose = true;
  else inputs.push(a);
}
const files = [];
for (const p of inputs) {
  if (fs.statSync(p).isDirectory()) {
    for (const f of fs.readdirSync(p).sort()) if (/\.(js|strudel)$/.test(f)) files.push(path.join(p, f));
  } else files.push(p);
}
if (!files.length) {
  console.error('usage: node songs.mjs DIR|FILE... [--from A] [--to B] [--moonrave PATH] [--verbose] [--record DIR]');
  process.exit(2);
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120000, maxBuffer: 1 << 28 });
  const out = (r.stdout || '').split('\n').filter((l) => l.length);
  const err = (r.stderr || '').trim() || (r.error ? String(r.error) : '');
  return { ok: r.status === 0, out, err };
}

const firstLine = (s) => s.split('\n').find((l) => l.trim()) || s;
const clip = (s, n = 220) => (s.length > n ? s.slice(0, n) + '...' : s);
const counts = { exact: 0, differs: 0, error: 0, oracle_error: 0 };
for (const file of files) {
  const name = path.basename(file);
  const oracle = run(process.execPath, [path.join(here, 'program.mjs'), file, opt.from, opt.to, 'span']);
  if (!oracle.ok) {
    counts.oracle_error++;
    // Strudel warns at import (no window under node); the message is program.mjs's own line.
    const msg = oracle.err.split('\n').find((l) => l.startsWith('program.mjs:')) || firstLine(oracle.err);
    console.log(`${name}: oracle-error ${clip(msg)}`);
    continue;
  }
  if (opt.record) fs.writeFileSync(path.join(opt.record, name.replace(/\.(js|strudel)$/, '.events')), oracle.out.join('\n') + '\n');
  const ours = run(opt.moonrave, ['query', '--file', file, '--from', opt.from, '--to', opt.to]);
  if (!ours.ok) {
    counts.error++;
    console.log(`${name}: error ${clip(firstLine(ours.err))}`);
    continue;
  }
  const n = Math.max(oracle.out.length, ours.out.length);
  let i = 0;
  while (i < n && oracle.out[i] === ours.out[i]) ++i;
  if (i === n) {
    counts.exact++;
    console.log(`${name}: exact (${n} events)${opt.verbose && ours.err ? ' [' + clip(firstLine(ours.err)) + ']' : ''}`);
  } else {
    counts.differs++;
    console.log(`${name}: differs at event ${i} of ${oracle.out.length} (ours ${ours.out.length})`);
    console.log(`    strudel:  ${clip(oracle.out[i] ?? '(none)', 400)}`);
    console.log(`    moonrave: ${clip(ours.out[i] ?? '(none)', 400)}`);
    if (opt.verbose && ours.err) console.log(`    stderr: ${clip(ours.err, 600)}`);
  }
}
const total = files.length - counts.oracle_error;
console.log(`total: ${counts.exact}/${total} exact, ${counts.differs} differ, ${counts.error} error` +
  (counts.oracle_error ? ` (${counts.oracle_error} the oracle cannot run, not counted)` : ''));
