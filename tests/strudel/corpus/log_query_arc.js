// log() and logValues() play their events unchanged (the lines they write are not events), and
// queryArc's haps (Strudel's technical manual: sequence("c3", ["e3", "g3"]).queryArc(0, 1)) feed
// patterns: their values, durations, onsets and show()/showWhole() texts
const pattern = sequence("c3", ["e3", "g3"]);
const events = pattern.queryArc(0, 1);
console.log(events.map((e) => e.show()));
$: note(cat(...events.map((e) => pure(e.value).fast(e.duration * 4)))).s("sawtooth").log()
$: s("bd sd").gain("0.25 0.5 1").n("2 1 0").logValues()
$: s(pure(events.map((e) => e.show()).join(' ; ')))
const parts = note("c d").slow(2).queryArc(0.5, 1.5);
$: s(pure(parts.map((e) => e.show(true) + ' ' + e.hasOnset()).join(' ; '))).late(0.5)
const w = note("c e").s("x").queryArc(0, 1);
$: s(pure(w[1].showWhole(true) + ' / ' + w[0].showWhole())).log().logValues().fast(2)
$: note(pure(w.length + parts.length)).struct("x(3,8)").log().rev()
