// randomness is deterministic: degrade and sometimes
$: s("hh*16").degradeBy(0.3).gain(0.6)
$: s("bd*4").sometimes(x => x.speed(2))
$: note("c2 g2").sometimesBy(0.5, p => p.add(note(12)))
