// register a helper
register('trancegate', (density, seed, length, x) => {
  return x.struct(rand.mul(density).round().seg(16).rib(seed, length)).clip(.7)
})
register('octave', (o, pat) => pat.add(note(12 * o)))
$: note("c4 eb4 g4 bb4").s("supersaw").trancegate(1.5, 45, 1)
$: note("c2 ~ c2 g1").octave(1).s("sawtooth")
