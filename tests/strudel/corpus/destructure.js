// destructuring and default parameters
const [low, high] = [36, 48]
const { speed = 1, gain } = { gain: 0.7 }
const layer = (n, g = 0.5) => note(n).gain(g)

$: layer(low).speed(speed)
$: layer(high, gain)
