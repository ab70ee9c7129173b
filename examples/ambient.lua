-- title: Tidepool
-- style: ambient
-- about: Slow pads and bell plucks drifting through long reverb; no drums.
-- Try: :slow(4) to :slow(8), or change the scale to "D:lydian".
setcps(0.25)
d1(note("<[c3,g3,d4,e4] [a2,e3,b3,c4] [f2,c3,g3,a3] [g2,d3,a3,b3]>")
  :s("pad"):attack(2):release(4):lpf(sine:slow(16):range(400, 1800)):room(0.9):size(0.9):gain(0.66))
d2(n("0 2 4 <7 9> ~ 4 ~ 2"):scale("C:major"):s("pluck"):octave(5)
  :degradeBy(0.4):delay(0.5):delayfeedback(0.6):room(0.7):pan(rand):gain(0.93):slow(2))
d3(n("<0 4>"):scale("C:major"):s("sine"):octave(6):gain(0.52):room(0.9):slow(4))
uniform("drift", sine:slow(32))
