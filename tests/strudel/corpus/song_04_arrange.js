// arrange sections
setcpm(90/4)
let verse = note("c3 e3 g3 b3").s("piano")
let chorus = note("f3 a3 c4 e4").s("piano").fast(2)
$: arrange([4, verse], [2, chorus])
$: s("bd sd").bank("LinnDrum")
