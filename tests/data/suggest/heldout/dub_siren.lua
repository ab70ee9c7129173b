-- dub siren
setcps(0.35)

d1(s("bd ~ ~ ~ bd ~ ~ ~"):gain(1))
d2(s("~ ~ rim ~"):delay(0.6):delaytime(0.375):delayfeedback(0.7):room(0.4))
d3(note("g1 ~ ~ g1 ~ bb1 ~ c2"):s("bass"):lpf(500):gain(0.9))
d4(note("[g3,bb3,d4]"):struct("~ x ~ x"):s("square"):lpf(1200):delay(0.5):delaytime(0.25):gain(0.4))
d5(s("hh*4"):gain(0.3):hpf(6000))

d4(note("[g3,bb3,d4]"):struct("~ x ~ x"):s("square"):lpf(1200):delay(0.5):delaytime(0.25):gain(0.4):every(4, fast(2)))
d2(s("~ ~ rim ~"):delay(0.6):delaytime(0.375):delayfeedback(0.8):room(0.5))
d6(note("d5"):s("sine"):slow(4):delay(0.7):delayfeedback(0.7):gain(0.3))
