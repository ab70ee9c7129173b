// Systematic variants: each function over several argument values and receivers.
const out = [];
for (const k of [1, 2, 3, 5, 7]) for (const nn of [8, 12]) out.push([`euclid-${k}-${nn}`, `"a(${k},${nn})"`]);
for (const f of ['0.25', '0.5', '1.5', '3']) {
  out.push([`fast-${f}`, `"a b c".fast(${f})`]);
  out.push([`slow-${f}`, `"a b c".slow(${f})`]);
  out.push([`early-${f}`, `"a b".early(${f})`]);
}
for (const p of ['0.1', '0.5', '0.9']) {
  out.push([`degradeBy-${p}`, `"a*8".degradeBy(${p})`]);
  out.push([`sometimesBy-${p}`, `n("0*8").sometimesBy(${p}, x => x.add(1))`]);
  out.push([`mini-degrade-${p}`, `"a*8?${p}"`]);
}
for (const op of ['add', 'sub', 'mul', 'set', 'keep']) {
  for (const mode of ['out', 'mix', 'squeeze', 'squeezeout']) {
    out.push([`${op}-${mode}-numbers`, `"1 2 3".${op}.${mode}("10 20")`]);
  }
}
for (const s of [0, 1, 7, 42]) out.push([`seed-${s}`, `"a*8".degradeBy(0.5).seed(${s})`]);
for (const sc of ['C:major', 'A:minor', 'D:dorian', 'C:pentatonic', 'E:phrygian']) out.push([`scale-${sc}`, `n("0 1 2 3 4 5 6 7").scale("${sc}")`, { to: '2' }]);
export default out;
