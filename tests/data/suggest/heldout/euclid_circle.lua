-- euclid circle: interlocking rhythms
setcps(0.5)

d1(s("bd(3,8)"))
d2(s("sn(2,8,4)"):room(0.2))
d3(s("hh(5,8)"):gain(0.6))
d4(s("cb(7,16,3)"):gain(0.4):pan(0.7))
d5(s("lt(3,16), mt(5,16,2), ht(2,16,1)"):gain(0.6))
d6(n("0(3,8) 4(5,8)"):scale("A:minor"):s("fm"):gain(0.5))

d1(s("bd(<3 5>,8)"))
d3(s("hh(<5 7>,8,<0 2>)"):gain(0.6))
d6(n("0(3,8) 4(5,8)"):scale("A:minor"):s("fm"):gain(0.5):jux(rev))
