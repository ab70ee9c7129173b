// chords: dict, voicing, rootNotes, arp (rootNotes(2).note() nests, as Strudel plays nothing for it)
$: n("<0 2 4 6>").chord("<C^7 Dm7 G7 C^7>").dict('ireal').voicing().s("gm_epiano1")
$: chord("<Am F C G>").rootNotes(2).note().s("sawtooth").vowel("<a e i o>")
$: n("0 1 2 3").chord("<Am F>").arp("0 [1 2] 3").voicing()
