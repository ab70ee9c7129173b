// backtick strings over several lines are mini-notation
$: note(`<
  [c3 e3 g3]
  [a2 c3 e3]
>`).s("sawtooth").cutoff(800)

$: s(`bd [~ bd]
      sd ~`)
