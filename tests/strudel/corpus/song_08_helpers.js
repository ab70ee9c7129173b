// JS helpers and template strings
const root = 'c'
const notes = ['0', '2', '4', '7'].map(x => x).join(' ')
const pat = "<0 2 4 7>*4".add(notes.length)
function drums(bank) {
  return s("bd ~ sd ~, hh*4").bank(bank)
}
$: n(pat).scale(root + '3:major').s("sine")
$: drums("RolandTR707")
