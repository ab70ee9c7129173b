// arrays handed to functions are one value, as Strudel's register reifies them (adsr's four
// numbers, a scale as [root, type], n's list, an object of arrays), while the operators
// (struct, add...) take an array as a sequence
$: n("<[0,4,6] [0,3,6]>").scale(['E3', 'minor']).adsr([.05, .1, .7, .2]).s('sawtooth')
$: s("bd*2").struct([1, 0, 1]).ar([.01, .3])
$: n("0 1").add([0, 7]).s('piano')
$: note("c").dict({ '': ['0 7 12'] }).s('triangle')
$: "0:.5 2:.2".as("n:gain").s('piano')
