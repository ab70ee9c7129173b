// arrange sections over cycles
const intro = s("bd ~ ~ ~")
const verse = s("bd sd bd sd")
const chorus = stack(s("bd*2 sd"), s("hh*8"))

arrange([1, intro], [2, verse], [1, chorus])
