-- rain garden: ambient with long tails
setcps(0.25)

d1(note("<c3 e3 g3 b3>"):s("pad"):attack(2):release(4):room(0.9):size(0.9):gain(0.5))
d2(n("<0 2 4 6>*2"):scale("C:lydian"):s("sine"):delay(0.5):delaytime(0.66):delayfeedback(0.6):gain(0.4))
d3(s("~ ~ ~ hh"):gain(0.2):room(0.8):speed(0.5))
d4(n(irand(8)):segment(4):scale("C:lydian"):s("pluck"):gain(0.3):room(0.7))

d2(n("<0 2 4 6>*2"):scale("C:lydian"):s("sine"):delay(0.5):delaytime(0.66):delayfeedback(0.6):gain(0.4):off(0.25, add(n(7))))
d1(note("<c3 e3 g3 b3>"):s("pad"):attack(2):release(4):room(0.9):size(0.9):gain(0.4))
