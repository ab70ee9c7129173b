// register() hands its function arrays as arrays and functions as functions; a pattern mapped
// to patterns and joined (fmap(...).innerJoin(), outerJoin, squeezeJoin)
const pickEach = register('pickEach', (defaults, make, pat) =>
  make(defaults.map((d, i) => pat.withValue((v) => Array.isArray(v) ? (i < v.length ? v[i] : d) : (i == 0 ? v : d)))))
const strum = register('strum', (k, pat) => pat.fmap((v) => note(v + k).velocity(0.5)).innerJoin())
$: note("<c3:0.5 e3 [g3:0.2 b3:0.9]>").pickEach([0, 0.3], (x) => note(x[0]).gain(x[1]))
$: "0 [3 5]".strum(48).s('piano')
$: "<0 2>".fmap((v) => n("0 1 2").add(v)).outerJoin().s('sawtooth')
$: s("bd sd").fmap((v) => s("hh*3")).squeezeJoin()
