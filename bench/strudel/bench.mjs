// Times Strudel 1.2.6 querying the same patterns as bench/pattern, one query per cycle, and
// prints events per second. Usage: node bench.mjs [cycles]  (run.sh installs and runs it)
const realLog = console.log;
console.log = () => {};
// Resolved from the conformance install (scripts/conformance/node_modules).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const conf = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'conformance');
const req = createRequire(path.join(conf, 'package.json'));
const load = (name) => import(pathToFileURL(req.resolve(name)).href);
const core = await load('@strudel/core');
const mini = await load('@strudel/mini');
console.log = realLog;
mini.miniAllStrings();
const { s, n, sine } = core;

const cycles = Number(process.argv[2] ?? 1000);
const cases = [
  ['dense', () => s('bd*16, hh*32, [sn cp]*8').fast(4)],
  ['nested', () => s('[bd [sn [hh [cp rim]]]]*4, <bd [sn sn] [hh hh hh]>*8')
    .every(2, (x) => x.fast(2)).off(0.125, (x) => x.gain(0.5)).jux(core.rev)],
  ['random', () => n('0*32?, [1|2|3]*16').degradeBy(0.3).sometimes((x) => x.speed(2))
    .lpf(sine.range(200, 2000))],
];
for (const [name, make] of cases) {
  const pat = make();
  for (let c = 0; c < 20; c++) pat.queryArc(c, c + 1);  // warm up
  const t0 = process.hrtime.bigint();
  let events = 0;
  for (let c = 0; c < cycles; c++) events += pat.queryArc(c, c + 1).length;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  realLog(`strudel ${name}: ${events} events in ${secs.toFixed(3)} s = ${Math.round(events / secs)} events/s`);
}
