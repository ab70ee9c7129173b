-- broken beats and chopped breaks
setcps(0.55)

d1(s("bd ~ [~ bd] ~, ~ sn ~ [sn ~]"))
d2(s("hh*16"):gain(perlin:range(0.3, 0.7)))
d3(s("bd sn [~ bd] sn"):chop(4):sometimes(rev))
d4(n("0 .. 7"):scale("D:dorian"):s("fm"):fast(2):degradeBy(0.4):room(0.3))
d5(note("d2 ~ f2 ~ a1 ~ c2 ~"):s("bass"):lpf(900))

d3(s("bd sn [~ bd] sn"):chop(4):sometimes(rev):iter(4))
d2(s("hh*16"):gain(perlin:range(0.3, 0.7)):degradeBy(0.2))
d4(n("0 .. 7"):scale("D:dorian"):s("fm"):fast(2):degradeBy(0.4):room(0.3):jux(rev))
