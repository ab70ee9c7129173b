// bare values turned into notes after other controls, and note() given several sequences
let melody = note(
  "[c4 e4] g4",
  "a4 [b4 c5]",
)
stack(
  seq("G3 [A3 B3]", "<C4 D4>").color('#0077C9').gain(.8).note().s('square'),
  melody.color('#F8E71C'),
  "c2 ~ g1".note(),
  sine.segment(4).range(200, 2000).cutoff().s("sawtooth")
).slow(2)
