// a voicing dictionary written in the program (an object of chord symbol -> interval strings,
// a number as a key), with anchors from a pattern of [chord, anchor] pairs
const dic = { '': ['0 4 7', '4 7 12'], m: ['0 3 7', '3 7 12'], 7: ['4 7 10'] }
const har = "<C:E4 Am:C4 G7:D4 [F:F4 Dm:A3]>"
$: n("0 1 2").chord(har.withValue(v => v[0])).dict(dic).anchor(har.withValue(v => v[1])).voicing().s('piano')
$: chord(har.withValue(v => v[0])).dict(dic).anchor('G4').voicing().struct("x*2").s('sawtooth')
// an object with whole-number keys from 0 is picked from as an array
const parts = {0: n("0 2").s('piano'), 1: n("<4 5>").s('sawtooth'), 2: s("bd*2")}
$: "<0 [1,2] 2>".pickRestart(parts)
