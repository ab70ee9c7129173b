// a long chain over several lines with comments in between
$: n("0 2 4 <5 7>")
  .scale('C:minor')
  // .fast(2)
  .s("triangle")
  .attack(0.01)
  .release(0.3) // short
  .room(0.4)
