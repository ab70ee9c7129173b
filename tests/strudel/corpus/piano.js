// piano: strudel.cc's own piano() (clip 1 unless set, release 0.1, pan by pitch times the pan
// set), from note names, note numbers and freq, parts cut at cycle boundaries as its s() cuts them
// span: 0 3
$: note("<c2 [e3 g4]> c6").piano()
$: note("36 [48 60]@3").slow(2).clip(.5).pan(.5).piano()
$: freq("220 [440 880]").late(1/3).piano().gain(.7)
