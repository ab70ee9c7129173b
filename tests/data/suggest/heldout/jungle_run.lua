-- jungle run
setbpm(170)

d1(s("bd ~ ~ ~ ~ ~ bd ~ ~ ~ bd ~ ~ ~ ~ ~"):gain(1))
d2(s("~ ~ ~ ~ sn ~ ~ ~ ~ ~ ~ ~ sn ~ ~ ~"):room(0.2))
d3(s("hh*8"):gain(0.5):degradeBy(0.3))
d4(note("<e1 e1 g1 a1>"):s("bass"):lpf(400):shape(0.4))
d5(s("[bd sn]*4"):chop(8):fast(2):sometimes(rev):gain(0.7))

d5(s("[bd sn]*4"):chop(8):fast(2):sometimes(rev):gain(0.7):every(2, function(p) return p:ply(2) end))
d3(s("hh*8"):gain(0.5):degradeBy(0.3):pan(sine))
d6(note("e4 g4 b4 d5"):s("supersaw"):slow(2):lpf(2000):room(0.5):gain(0.4))
