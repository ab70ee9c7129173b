// randomness
$: s("hh*16").degradeBy(.3).gain(rand.range(.3, .8))
$: n(irand(8).segment(4)).scale("A2:minor pentatonic").s("sawtooth").sometimesBy(.4, x => x.speed(2))
$: s("bd*4").rarely(x => x.ply(2))
$: note("c3 e3 g3").s("triangle").often(x => x.add(note(12))).pan(perlin.range(0,1))
