// samples: chop, striate, begin
samples('https://raw.githubusercontent.com/tidalcycles/Dirt-Samples/master/strudel.json')
$: s("breaks165").chop(8).rev().cut(1)
$: s("amencutup*8").n(run(8)).begin("<0 .25>").end(.5)
$: s("gm_xylophone").n("0 2").striate(4).speed("<1 2>")
