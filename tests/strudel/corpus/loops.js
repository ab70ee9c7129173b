// for loops build layers
let layers = []
for (let i = 0; i < 3; i++) {
  layers.push(note(48 + i * 7).s('sine').late(i / 8))
}
for (const n of [72, 76]) {
  layers.push(note(n).s("triangle").gain(0.3))
}
let k = 0
while (k < 2) {
  k++
}
stack(...layers).fast(k)
