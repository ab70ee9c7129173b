// function declarations, blocks, if/else, return
function drums(busy) {
  if (busy) {
    return s("bd*4, hh*8")
  } else {
    return s("bd ~ ~ bd")
  }
}

function chord(root) {
  let notes = [0, 4, 7]
  return note(notes.map(n => n + root).join(' ')).s('square')
}

$: drums(false)
$: chord(48).slow(2)
