// n().scale with an arp
setcps(0.6)
$: n("0 2 4 <6 7> 4 2".add("<0 -3 2 1>")).scale("C4:minor").s("triangle").lpf(1800).delay(.3)
$: n("<0 3 5 4>").scale("C2:minor").s("sawtooth").lpf(500).legato(1)
