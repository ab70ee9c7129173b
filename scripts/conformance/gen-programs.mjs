// Writes tests/strudel/corpus/NAME.events for every NAME.js there: the events Strudel 1.2.6's
// REPL plays over cycles [0, 4) for the whole program (program.mjs: Strudel's own transpiler
// and evaluation), one line each in the format of `moonrave query`. A program whose first
// lines hold `// span: A B` is queried over [A, B). Usage: node gen-programs.mjs [NAME ...]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateProgram } from './program.mjs';
import { query } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, '..', '..', 'tests', 'strudel', 'corpus');
const want = process.argv.slice(2);
let failed = 0;
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  const name = f.slice(0, -3);
  if (want.length && !want.includes(name)) continue;
  const code = fs.readFileSync(path.join(dir, f), 'utf8');
  const span = code.match(/^\/\/ span: (\S+) (\S+)/m);
  const [from, to] = span ? [span[1], span[2]] : ['0', '4'];
  try {
    const lines = query(await evaluateProgram(code), from, to, 'span');
    if (lines.length === 0) throw new Error('no events');
    fs.writeFileSync(path.join(dir, `${name}.events`), lines.join('\n') + '\n');
    process.stdout.write(`${name}: ${lines.length} events\n`);
  } catch (e) {
    failed++;
    process.stderr.write(`FAIL ${name}: ${e.message}\n`);
  }
}
if (failed) process.exitCode = 1;
