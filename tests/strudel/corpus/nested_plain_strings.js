// single-quoted strings inside an array argument are plain values, as at the top level: the
// scale names with a space ('D locrian') are not mini-notation sequences
// span: 0 8
const scales = sequence('C minor', ['D locrian', 'G phrygian'], 'Bb2 minor', ['C locrian','F phrygian']).slow(4)
$: "[~ [0 ~]] 0 [~ [4 ~]] 4".sub(7).restart(scales).scale(scales).early(.25).note()
$: n(cat(0, [2, 4])).scale(cat('E major', ['A minor'])).s('piano')
