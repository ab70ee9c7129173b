// envelope shorthands, ducking, swing, samples from a URL map
setcpm(128/4)
samples({ bd: 'bd/BT0AADA.wav', sd: ['sd/rytm-01-classic.wav'] }, 'https://raw.githubusercontent.com/tidalcycles/Dirt-Samples/master/')
$: s("bd*4").duckorbit(2).duckattack(.2).orbit(1)
$: note("c2 [~ c3] eb2 [~ g2]").s("supersaw").adsr(".01:.2:.5:.1").lpf(800).lpenv(3).orbit(2)
$: s("~ hh ~ hh").hpf(4000).postgain(1.2).swingBy(1/3, 4)
$: note("c3 eb3 g3").s("triangle").ad("<.1 .05:.3>").ar(".02:.4").ds(".2")
