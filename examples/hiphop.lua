-- title: Dusty Loop
-- style: hip-hop
-- about: Laid-back boom-bap at 88 bpm with jazzy seventh chords and a swung hat.
-- Try: move the kicks, or change the chords inside <>.
setbpm(88)
d1(s("bd ~ ~ bd ~ ~ bd ~"):gain(0.95))
d2(s("~ sn"):room(0.2):gain(1.15))
d3(s("hh*8"):swing(2):gain(1.05))
d4(note("<[f3,a3,c4,e4] [e3,g3,b3,d4] [d3,f3,a3,c4] [g3,b3,d4,f4]>")
  :s("fm"):lpf(1400):room(0.4):gain(0.58))
d5(note("<f1 e1 d1 g1>"):s("bass"):struct("x ~ ~ x ~ ~ ~ ~"):lpf(500):gain(1.0))
uniform("vinyl", rand:segment(16))
