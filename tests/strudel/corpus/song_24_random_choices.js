// randomness: ?, degradeBy, irand, | choices, chooseCycles, choose
$: s("bd*8?").gain(.8)
$: s("hh*8").degradeBy("<.2 .8>").pan(irand(3).div(2))
$: n("0|2|4 1|3").scale("C:dorian").s("triangle").sometimesBy("<.3 .7>", x => x.crush(4))
$: chooseCycles(s("cp"), s("rim*2"))
$: n(choose(0, 2, 4, 7).segment(4)).scale("G:major").s("sine")
