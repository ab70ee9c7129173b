// techno with labels and a bank
samples('github:tidalcycles/dirt-samples')
setcpm(130/4)

$: s("bd*4").bank("RolandTR909").gain(.9)
$: s("~ cp ~ cp").bank("RolandTR909").room(.3)
$: s("hh*8").bank("RolandTR909").gain("[.4 .7]*4").sometimes(x => x.speed(2))
$: note("<c2 c2 eb2 g1>*8").s("sawtooth").lpf(sine.range(300, 2000).slow(8)).lpq(8).decay(.15).sustain(0)
