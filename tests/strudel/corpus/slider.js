// a slider is its value when queried offline
$: s("bd*4").gain(slider(0.8, 0, 1))
$: note("c2*2").lpf(slider(400, 100, 2000, 10))
