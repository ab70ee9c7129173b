-- title: Amen Steps
-- style: breakbeat/jungle
-- about: Chopped breakbeat at 170 bpm with a sub bass and ragga stabs.
-- Try: change the drum mini-notation, or raise the degradeBy amount.
setbpm(170)
d1(s("bd ~ ~ bd ~ ~ bd ~, ~ ~ sn ~ ~ sn ~ ~"):every(4, function(x) return x:fast(2) end):gain(0.87))
d2(s("hh*8"):sometimes(function(x) return x:fast(2) end):gain(0.92))
d3(s("~ ~ ~ ~ ~ ~ ~ sn:2"):sometimesBy(0.3, function(x) return x:speed(0.8) end):room(0.3):gain(0.98))
d4(note("<e1 ~ e1 g1> ~ ~ ~ <e1 d1> ~ ~ ~"):s("sine"):gain(1.0):lpf(200))
d5(note("<[e4,g4,b4] ~ ~ [d4,f#4,a4]>"):s("square"):decay(0.2):lpf(1800):delay(0.25):delayfeedback(0.4):gain(1.0))
uniform("snare", "0 0 1 0")
