// a constant used in a function written above it, a function used before it is declared
function beat() {
  return s(pattern).fast(tempo)
}

const pattern = "bd [sd sd]"
const tempo = 2

$: hats().gain(0.4)

function hats() {
  return s("hh*4")
}

$: beat()
