// labels: anonymous $:, named, and muted ones
setcpm(120/4)

$: s("bd*2 [~ bd] sd ~").bank('RolandTR909')
$: s("hh*8").gain(".4 .6")
bass: note("<c2 eb2 g1 bb1>*2").s("sawtooth").lpf(600)
_lead: note("c4 e4 g4").s('triangle')
drums_: s("cp*4")
