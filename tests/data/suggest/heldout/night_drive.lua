-- night drive: a slow synthwave groove
setcps(0.45)

d1(s("bd ~ ~ bd ~ ~ bd ~"):bank("tr808"):gain(0.9))
d2(s("~ sn ~ sn"):bank("tr808"):room(0.3))
d3(s("hh*8"):gain("0.5 0.3 0.6 0.3"):pan(sine:slow(4)))
d4(note("<c2 c2 ab1 bb1>"):s("bass"):lpf(600):legato(0.9))
d5(note("<[c4,eb4,g4] [c4,eb4,g4] [ab3,c4,eb4] [bb3,d4,f4]>"):s("pad"):room(0.6):gain(0.5))
d6(n("0 2 4 7 9 7 4 2"):scale("C:minor"):s("pluck"):delay(0.3):delaytime(0.375):gain(0.6))

d3(s("hh*8"):gain("0.5 0.3 0.6 0.3"):pan(sine:slow(4)):sometimes(fast(2)))
d6(n("0 2 4 7 9 7 4 2"):scale("C:minor"):s("pluck"):delay(0.3):every(4, rev))
