-- title: Welcome
-- style: house
-- about: A short friendly groove that shows the basics. Edit a line, press Ctrl+Return.

-- Tempo: cycles per second. 0.5 cps = 120 bpm in 4/4.
setcps(0.5)

-- d1..d16 are slots. Each takes a pattern. Strings are mini-notation:
-- "bd*4" = four kicks per cycle, "~" = rest, "[a b]" = subdivide, "<a b>" = one per cycle.
d1(s("bd*4"):gain(0.9))

-- Try changing "~ cp" to "~ [cp cp]", or bank("tr808") to bank("tr909").
d2(s("~ cp ~ cp"):bank("tr808"):room(0.2):gain(1.15))

-- Hats: "hh*8" with a little random volume (rand is a signal from 0 to 1; gain 1 is unity).
d3(s("hh*8"):gain(rand:range(0.95, 1.1)))

-- A bassline from scale degrees. Change the scale to "A:dorian" or "C:major".
d4(n("<0 0 3 5>*2 ~ 7 5"):scale("C:minor"):s("bass"):octave(2):lpf(900):gain(0.9))

-- Chords: a comma stacks notes. The lpf sweeps with a slow sine.
d5(note("<[c4,eb4,g4] [ab3,c4,eb4] [bb3,d4,f4] [g3,bb3,d4]>")
  :s("pad"):lpf(sine:slow(8):range(600, 2400)):room(0.5):gain(0.68))

-- The shader welcome.glsl reads this uniform.
uniform("pulse", "1 0.3 0.6 0.3")
