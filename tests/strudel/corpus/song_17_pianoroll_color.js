// visuals that change no event
$: note("c3 e3 g3 c4").s("sawtooth").color("cyan")._pianoroll()
$: s("bd*4").bank("RolandTR808")._scope()
$: n("<0 2 4 6>").scale("F:lydian").s("triangle").punchcard()
