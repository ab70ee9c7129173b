// superimpose, echo, ply
$: note("c4 d4 e4 g4").s("piano").superimpose(x => x.add(note(7)), x => x.add(note(12)).gain(.3))
$: note("<c2 g2>").s("sawtooth").echo(3, 1/8, .5)
$: s("cp").ply("<1 2 3>").echoWith(2, 1/16, p => p.speed(1.5))
