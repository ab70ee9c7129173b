// JavaScript truthiness: 0 and "" are false
const zero = 0
const empty = ''
const gain = zero ? 1 : 0.5
const tag = empty || 'fallback'
const count = zero || 3
const both = 2 && 4

note(tag === 'fallback' ? "c3*2" : "c4").gain(gain).velocity(count / 4).pan(both / 8)
