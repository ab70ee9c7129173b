// tempo per pattern (cpm), sub, velocity, sound with n, hush of one label
setcpm(100/4)
$: s("[bd <hh oh>]*2").bank("RolandTR909").dec(.4).cpm(50)
$: note("c4 e4 g4 b4".sub("<0 5>")).s("gm_vibraphone").velocity(".5 1").orbit(2)
$: sound("bd*2, ~ sd:3").n("<0 1>").shape(.3).lpf(2000).hush()
