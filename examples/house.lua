-- title: Late Night
-- style: house
-- about: Deep house with Rhodes-like chords on the offbeat, a walking bass and shuffled hats.
-- Try: change the chord progression in <>, or :swing(4) to :swing(2).
setcps(0.5)
d1(s("bd*4"):gain(0.9))
d2(s("~ cp ~ cp"):room(0.25):gain(1.2))
d3(s("[~ hh]*4"):gain(1.05))
d4(s("oh*4"):degradeBy(0.7):gain(0.9))
d5(note("<[~ [d4,f4,a4,c5]]*2 [~ [g3,bb3,d4,f4]]*2 [~ [c4,e4,g4,bb4]]*2 [~ [a3,c4,e4,g4]]*2>")
  :s("fm"):lpf(2000):room(0.4):gain(0.6))
d6(note("<d2 g2 c2 a1>"):s("bass"):struct("x ~ [~ x] ~ x ~ [x x] ~"):lpf(700):gain(0.95))
uniform("glow", sine:slow(4):range(0.2, 1))
