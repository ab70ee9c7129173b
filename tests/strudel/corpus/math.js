// Math and number helpers
const n = Math.floor(7.8) + Math.round(0.4) + Math.max(1, 3)
const m = parseInt('12') + parseFloat('0.5') + Number('2')
const r = Math.min(...[5, 2, 9])
note(n + m + r).gain(Math.abs(-0.5)).pan(Math.sin(0))
