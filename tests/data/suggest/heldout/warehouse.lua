-- warehouse techno
setbpm(132)

d1(s("bd*4"):gain(1))
d2(s("~ cp ~ cp"):room(0.2))
d3(s("[~ hh]*4"):gain(0.7))
d4(s("oh(3,8,2)"):gain(0.5):hpf(2000))
d5(note("c2 c2 [c2 c3] c2"):s("saw"):lpf(sine:range(300, 2000):slow(8)):resonance(0.3))
d6(s("rim(5,16)"):gain(0.6):pan(rand))

d5(note("c2 c2 [c2 c3] c2"):s("saw"):lpf(sine:range(300, 2000):slow(8)):resonance(0.5):shape(0.3))
d1(s("bd*4"):gain(1):every(8, function(p) return p:fast(2) end))
d7(s("cr"):slow(8):gain(0.5):room(0.5))
hush()
