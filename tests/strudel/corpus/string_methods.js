// methods on double-quoted and backtick strings: they are mini-notation patterns
stack(
  "bd sd".fast(2).s(),
  s(`hh*4`).gain(0.5),
  "<0 2 4>".add("0 7").note()
)
