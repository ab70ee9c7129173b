// single-quoted strings are plain strings, not mini-notation
const kit = 'RolandTR808'
const name = 'bd' + ':' + 3
$: s(name).bank(kit)
$: s("hh hh").vowel('a e')
