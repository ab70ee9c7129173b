// jux and off
$: n("0 .. 7").scale("D:dorian").s("square")
  .jux(rev)
  .off(1/8, x => x.add(n(7)).gain(.5))
  .lpf(1200)
