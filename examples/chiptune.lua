-- title: Pixel Quest
-- style: chiptune
-- about: Square-wave arpeggios, a triangle bass and noise drums like an 8-bit game.
-- Try: change arp("up") to arp("updown"), or the chord progression.
setcps(0.6)
d1(note("<[c4,e4,g4] [a3,c4,e4] [f3,a3,c4] [g3,b3,d4]>"):arp("up"):fast(4)
  :s("square"):decay(0.08):gain(0.92))
d2(note("<c2 a1 f1 g1>*4"):s("triangle"):gain(0.86))
d3(s("bd ~ sn ~ bd bd sn ~"):gain(0.85))
d4(s("hh*8"):gain(1.0))
d5(n("<0 2 4 7> ~ 4 ~"):scale("C:major"):s("square"):octave(5):every(2, function(x) return x:rev() end):gain(0.73))
uniform("blip", "1 0 0.5 0")
