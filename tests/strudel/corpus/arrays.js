// arrays: map, filter, reduce, join, length, indexing, spread
const degrees = [0, 2, 4, 5, 7, 9, 11]
const picked = degrees.filter((d, i) => i % 2 === 0)
const total = degrees.reduce((a, b) => a + b, 0)
const melody = [...picked, total % 12].map(d => d + 60)
const names = ['c', 'e'].join(' ')
const first = degrees[0]
const last = degrees[degrees.length - 1]

$: note(seq(...melody)).add(first).add(note(last - 11))
$: s(names.split(' ')[1])
