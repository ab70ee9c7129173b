// JavaScript helpers: arrow functions, const, ternaries, template-free arithmetic
const swing = (pat, amount) => pat.late(amount)
const octave = 12
const up = x => x + octave
const dense = true
const hats = dense ? "hh*8" : "hh*4"

$: swing(s(hats), 0.02)
$: note("0 3 7".add(up(36))).s('sawtooth')
