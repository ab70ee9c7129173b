-- title: Warehouse
-- style: techno
-- about: Driving four-on-the-floor techno with a rolling bass and a filter that opens over 16 cycles.
-- Try: change the bass lpf range, add :every(4, fast(2)) to the hats, or swap bank("tr909") for "tr808".
setcps(0.54)
local fills = require("fills")
-- The kick drops out on the last cycle of every 16, under a riser.
d1(fills.breakdown(s("bd*4"):bank("tr909"):gain(0.95), 16))
d2(s("[~ oh]*4"):bank("tr909"):gain(0.85):sometimes(function(x) return x:speed(1.5) end))
d3(s("hh*16"):gain(rand:range(0.8, 1.0)):pan(sine:range(0.3, 0.7)))
d4(s("~ ~ cp ~"):bank("tr909"):every(4, function(x) return x:fast(2) end):room(0.3):gain(1.25))
d5(note("~ c2 ~ c2 ~ c2 ~ <c2 eb2>"):s("saw"):lpf(saw:slow(16):range(300, 2200)):lpq(0.5):decay(0.15):gain(1.1))
d6(n("<0 3 5 7>"):scale("C:minor"):s("supersaw"):octave(4):lpf(1200):delay(0.375):delayfeedback(0.5):gain(0.77):slow(2))
d7(fills.riser(1):mask("<0!15 1>"))
uniform("kick", "1 0.5 0.8 0.5")
