// ternary, if and for
const busy = true
let parts = []
for (let i = 0; i < 3; i++) {
  parts.push(note(`c${i + 2} e${i + 2}`).s(i % 2 === 0 ? 'sine' : 'square'))
}
if (busy) {
  parts.push(s("hh*8"))
}
stack(...parts).slow(2)
