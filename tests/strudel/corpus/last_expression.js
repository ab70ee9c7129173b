// no labels: the last expression plays
note("c3 [e3 g3] <a3 b3>")
  .s("piano")
  .velocity(0.8)
