-- title: Clicks
-- style: minimal
-- about: Sparse minimal techno: rim clicks, a one-note bass and small variations every few cycles.
-- Try: change the euclid numbers or the every() counts.
setcps(0.52)
d1(s("bd*4"):gain(0.89))
d2(s("rim"):euclid(5, 16):gain(1.03):pan(0.6))
d3(s("hh"):euclid(7, 16):gain(1.0):every(3, function(x) return x:rev() end))
d4(note("a1"):s("bass"):euclid(3, 8):lpf(500):gain(0.95))
d5(note("a3 ~ ~ c4"):s("pluck"):every(4, function(x) return x:add(note(7)) end):delay(0.3):gain(0.9))
uniform("tick", "1 0 0 0 0.5 0 0 0")
