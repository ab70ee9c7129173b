// conditional transforms with callbacks
$: s("bd sd [~ bd] sd").firstOf(4, x => x.fast(2))
$: note("c3 e3 g3 b3").lastOf(3, rev).s('square')
$: s("hh*4").off(1/8, x => x.gain(0.3))
