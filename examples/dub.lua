-- title: Echo Chamber
-- style: dub
-- about: Dub techno: filtered chord stabs swimming in delay, a deep sub and a steady kick.
-- Try: delayfeedback 0.7 for longer echoes, or a different chord.
setcps(0.45)
d1(s("bd*4"):gain(0.9))
d2(s("~ rim ~ rim"):gain(1.05):room(0.5))
d3(s("hh*8"):gain(0.98):lpf(4000))
d4(note("~ [c3,eb3,g3,bb3] ~ ~"):s("fm"):lpf(sine:slow(16):range(400, 1600)):decay(0.2)
  :delay(0.6):delaytime(0.375):delayfeedback(0.65):room(0.6):gain(0.84))
d5(note("<c2 c2 ab1 bb1>"):s("sine"):struct("x ~ ~ x ~ ~ x ~"):lpf(300):gain(0.9))
uniform("echo", "1 0.5 0.25 0.1")
