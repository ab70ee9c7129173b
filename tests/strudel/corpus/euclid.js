// euclidean rhythms in mini-notation and as functions
$: s("bd(3,8)")
$: s("sd").euclid(5, 8)
$: s("hh(<3 5>,8,<0 2>)")
