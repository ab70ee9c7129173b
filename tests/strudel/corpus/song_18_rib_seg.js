// rib, seg, range, sine
$: n(sine.range(0, 7).seg(8).floor()).scale("Bb:minor").s("sine").rib(2, 2)
$: s("hh*8").gain(cosine.range(.2, .8).fast(2)).pan(saw)
$: note("[c2 c3]*4").s("sawtooth").lpf(tri.range(200, 3000).slow(4)).lpenv(4)
