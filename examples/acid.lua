-- title: Squelch
-- style: acid
-- about: A 303-style saw line with resonant filter sweeps over a 909 beat.
-- Try: change lpq (resonance, 0 to 1) or the lpf range, or replace the note sequence with your own.
setcps(0.55)
d1(s("bd*4"):bank("tr909"):gain(0.97))
d2(s("~ hh*2 ~ oh"):bank("tr909"):gain(0.95))
d3(s("~ cp"):bank("tr909"):every(8, function(x) return x:fast(4) end):gain(1.2))
d4(note("c2 c3 [~ c2] eb2 c2 [g2 c3] bb1 <c2 f2>")
  :s("saw"):lpf(sine:slow(8):range(300, 3500)):lpq(0.8):decay(0.15)
  :sometimesBy(0.2, function(x) return x:add(note(12)) end):gain(1.05))
uniform("cutoff", sine:slow(8))
