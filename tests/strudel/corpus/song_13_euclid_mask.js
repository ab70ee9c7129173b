// euclid, mask, struct
$: s("bd(3,8), sd(<2 3>,8,2), hh(5,8,<0 2>)").bank("RolandTR909")
$: note("c2").s("sawtooth").struct("x ~ x x ~ x ~ x").mask("<1 1 0 1>")
$: n("0 [2 4] <3 5> 6").scale("G:mixolydian").s("triangle").euclidLegato(5, 8)
