-- title: Interlock
-- style: Euclidean polyrhythm
-- about: Layers of Euclidean rhythms (3, 5, 7 over 8, 16) that drift against each other.
-- Try: change the (k, n) pairs; (5,8) is a cinquillo, (3,8) a tresillo.
setcps(0.5)
d1(s("bd"):euclid(3, 8):gain(0.9))
d2(s("rim"):euclid(5, 8):gain(1.04):pan(0.3))
d3(s("hh"):euclid(7, 16):gain(1.0):pan(0.7))
d4(s("lt"):euclidRot(3, 16, 2):gain(0.75))
d5(n("0 2 4 6 7"):scale("E:phrygian"):s("pluck"):euclid(5, 12):octave(4):room(0.4):gain(0.81))
d6(note("e1"):s("bass"):euclid(3, 8):lpf(600):gain(0.92))
uniform("layers", "3 5 7")
