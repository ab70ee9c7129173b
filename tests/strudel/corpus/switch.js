// switch and comparisons
function part(name) {
  switch (name) {
    case 'a':
      return s("bd*2")
    case 'b':
      return s("sd*3")
    default:
      return s("hh")
  }
}
const section = 'b'
$: part(section)
$: part('x').gain(0.5)
