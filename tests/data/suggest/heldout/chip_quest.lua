-- chip quest: 8-bit adventure
setbpm(150)

d1(s("bd sn bd sn"):crush(4))
d2(s("hh*8"):crush(3):gain(0.5))
d3(n("0 2 4 5 7 5 4 2"):scale("C:major"):s("square"):pw(0.25):gain(0.5))
d4(n("<0 3 4 0>"):scale("C:major"):sub(n(7)):s("triangle"):gain(0.7))
d5(n("[0,4,7] ~ [0,4,7] ~"):scale("C:major"):add(n("<0 3 4 0>")):s("square"):pw(0.5):gain(0.3))

d3(n("0 2 4 5 7 5 4 2"):scale("C:major"):s("square"):pw(0.25):gain(0.5):every(4, rev))
d3(n("0 2 4 5 7 5 4 2"):scale("C:major"):s("square"):pw(0.25):gain(0.5):arp("up"))
d1(s("bd sn bd sn"):crush(4):every(4, function(p) return p:fast(2) end))
