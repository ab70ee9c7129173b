// all() applies a function to everything playing, given before or after the patterns
$: s("bd*2, hh*4")
all(x => x.gain(0.5))
$: note("c3 e3").s('sine')
