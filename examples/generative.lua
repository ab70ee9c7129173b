-- title: Garden
-- style: generative
-- about: Random walks through a scale; every cycle is different, but always in key.
-- Try: change the scale, the segment counts, or the seed of rand with :seed().
setcps(0.4)
d1(n(irand(8):segment(8)):scale("D:dorian"):s("pluck"):octave(4)
  :degradeBy(0.3):room(0.6):delay(0.4):pan(rand):gain(0.8))
d2(n(irand(5):segment(2)):scale("D:dorian"):s("pad"):octave(3):attack(0.5):room(0.8):gain(0.63))
d3(s("hh*16"):degradeBy(0.6):gain(rand:range(0.6, 1.0)))
d4(s("bd ~ ~ ~ ~ ~ bd ~"):sometimes(function(x) return x:fast(2) end):gain(0.88))
uniform("seed", rand:segment(1))
