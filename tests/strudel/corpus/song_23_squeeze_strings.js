// squeeze, a string receiver of scale and note, off with add
const scale = "C:minor:pentatonic"
$: n("<0 .. 4>*4").scale("C3:minor pentatonic").s("sawtooth").lpf(1000).slow(2).add.squeeze("0 7")
$: "<0 2 [4 6]>".scale("D3:major").note().s("piano")
$: n("0 [2 1] 3".off(1/4, add(2))).scale("E2:minor").s("square")
