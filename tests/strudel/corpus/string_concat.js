// + on strings concatenates; numbers print as JavaScript does
const root = 'c'
const oct = 3
const n1 = root + oct
const n2 = 'e' + (oct + 1)
const steps = 4 / 2
note(n1 + ' ' + n2 + ' g' + steps)
