-- title: Monolith
-- style: drone
-- about: A slowly evolving drone: stacked saws, fifth and octave, with a filter breathing over minutes.
-- Try: change the root note, or the slow() amounts.
setcps(0.2)
d1(note("[a1,e2,a2]"):s("supersaw"):lpf(sine:slow(32):range(200, 1200)):lpq(0.3):attack(4):release(6):room(0.8):gain(0.63))
d2(note("<a3 b3 c4 e4>"):s("sine"):attack(3):release(5):room(0.9):pan(sine:slow(12)):gain(0.56):slow(2))
d3(note("a1"):s("sine"):gain(0.75))
uniform("breath", sine:slow(32))
