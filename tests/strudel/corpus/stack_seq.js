// stack, cat, seq with arrays and nested patterns
$: cat("bd sd", ["hh hh", "cp"]).s()
$: seq("c3", "e3", ["g3", "b3"]).note().slow(2)
$: stack("0 1", "2").n().s('arpy')
