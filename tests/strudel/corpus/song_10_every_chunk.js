// every / lastOf / chunk
$: n("0 1 2 3").scale("E:phrygian").s("piano").every(3, fast(2)).lastOf(4, x => x.rev())
$: s("bd sd [~ bd] sd").chunk(4, hurry(2))
$: s("hh*4").firstOf(2, x => x.gain(.5))
