// sliders
setcpm(120/4)
$: s("bd*2, ~ sd, hh*8").gain(slider(0.8, 0, 1))
$: note("<a2 f2 c3 g2>").s("sawtooth").lpf(slider(800, 100, 4000)).lpq(slider(5, 0, 20, 1))
