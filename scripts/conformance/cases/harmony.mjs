// Harmony: every @example of @strudel/tonal 1.2.6 and of the voicing controls (chord, dictionary,
// anchor, offset, octaves, mode), then the idioms songs use: voicing() with every dictionary,
// anchor and mode, offset and n, rootNotes, addVoicings, scale names with spaces and colons,
// quantising notes to a scale, scaleTranspose and transpose with intervals. [name, js, options]
//
// Where an example passes a scale name with spaces in a single-quoted string ('C4 bebop major'),
// the case writes it with colons: under miniAllStrings (and moonrave's Lua) every string is
// mini-notation, so the spaces would make a sequence; the colon list means the same scale.
const COOKIE = `{
  7: ['3M 7m 9M 12P 15P', '7m 10M 13M 16M 19P'],
  '^7': ['3M 6M 9M 12P 14M', '7M 10M 13M 16M 19P'],
  m7: ['8P 11P 14m 17m 19P', '5P 8P 11P 14m 17m'],
  m7b5: ['3m 5d 8P 11P 14m', '5d 8P 11P 14m 17m'],
  o7: ['3m 6M 9M 11A 15P'],
  '7alt': ['3M 7m 10m 13m 15P'],
  '7#11': ['7m 10m 13m 15P 17m'],
}`;
const COOKIE_LUA = `{
  [7] = {'3M 7m 9M 12P 15P', '7m 10M 13M 16M 19P'},
  ['^7'] = {'3M 6M 9M 12P 14M', '7M 10M 13M 16M 19P'},
  m7 = {'8P 11P 14m 17m 19P', '5P 8P 11P 14m 17m'},
  m7b5 = {'3m 5d 8P 11P 14m', '5d 8P 11P 14m 17m'},
  o7 = {'3m 6M 9M 11A 15P'},
  ['7alt'] = {'3M 7m 10m 13m 15P'},
  ['7#11'] = {'7m 10m 13m 15P 17m'},
}`;
const HOUSE = `{ '': ['7 12 16', '0 7 16', '4 7 12'], 'm': ['0 3 7'] }`;
const HOUSE_LUA = `{ [''] = {'7 12 16', '0 7 16', '4 7 12'}, m = {'0 3 7'} }`;
// Statements before the pattern: a comma expression in JS, a function called at once in Lua.
const withSetup = (setupJs, setupLua, js, lua) => [`(${setupJs}, ${js})`, `(function() ${setupLua} return ${lua} end)()`];

const [cookieJs, cookieLua] = withSetup(`addVoicings('cookie', ${COOKIE}, ['C3', 'C6'])`,
  `addVoicings('cookie', ${COOKIE_LUA}, {'C3', 'C6'})`,
  `"<C^7 A7 Dm7 G7>".voicings('cookie').note()`, `mini("<C^7 A7 Dm7 G7>"):voicings('cookie'):note()`);
const [houseJs, houseLua] = withSetup(`addVoicings('house', ${HOUSE})`, `addVoicings('house', ${HOUSE_LUA})`,
  `chord("<Am C D F Am E Am E>").dict('house').anchor(66).voicing().room(.5)`,
  `chord("<Am C D F Am E Am E>"):dict('house'):anchor(66):voicing():room(.5)`);
const [cookieVoicingJs, cookieVoicingLua] = withSetup(`addVoicings('cookie2', ${COOKIE}, ['C3', 'C6'])`,
  `addVoicings('cookie2', ${COOKIE_LUA}, {'C3', 'C6'})`,
  `chord("<C^7 A7 Dm7 G7 Bm7b5 Co7>").dict('cookie2').voicing()`, `chord("<C^7 A7 Dm7 G7 Bm7b5 Co7>"):dict('cookie2'):voicing()`);
const [regJs, regLua] = withSetup(`registerVoicings('tiny', { '': ['1P 3M 5P', '3M 5P 8P'], m: ['1P 3m 5P'] })`,
  `registerVoicings('tiny', { [''] = {'1P 3M 5P', '3M 5P 8P'}, m = {'1P 3m 5P'} })`,
  `chord("<C Am F G>").dict('tiny').anchor("<c4 e4>").voicing()`, `chord("<C Am F G>"):dict('tiny'):anchor("<c4 e4>"):voicing()`);
const [rangeJs, rangeLua] = withSetup(`setVoicingRange('lefthand', ['C3', 'C5'])`, `setVoicingRange('lefthand', {'C3', 'C5'})`,
  `"<C^7 A7 Dm7 G7>".voicings('lefthand').note()`, `mini("<C^7 A7 Dm7 G7>"):voicings('lefthand'):note()`);
const [defJs, defLua] = withSetup(`setDefaultVoicings('legacy')`, `setDefaultVoicings('legacy')`,
  `chord("<C^7 Dm7 G7 C>").voicing()`, `chord("<C^7 Dm7 G7 C>"):voicing()`);

export default [
  // @strudel/tonal's own examples
  ['transpose-1', '"c2 c3".fast(2).transpose("<0 -2 5 3>".slow(2)).note()'],
  ['transpose-2', '"c2 c3".fast(2).transpose("<1P -2M 4P 3m>".slow(2)).note()'],
  ['scaleTranspose-1', '"-8 [2,4,6]".scale("C4:bebop:major").scaleTranspose("<0 -1 -2 -3 -4 -5 -6 -4>").note()', { to: '8' }],
  ['scale-1', 'n("0 2 4 6 4 2").scale("C:major")'],
  ['scale-2', 'n("[0,7] 4 [2,7] 4").scale("C:<major minor>/2").s("piano")'],
  ['scale-3', 'n(rand.range(0,12).segment(8)).scale("C:ritusen").s("piano")'],
  ['scale-4', 'n("<[0,7b] [-4# -4] [-2,7##] 4 [0,7] [-4# -4b] [-2,7###] 4b>*4").scale("C:<major minor>/2").s("piano")'],
  ['scale-5', 'note("C1*16").transpose(irand(36)).scale("Cb2:major").scaleTranspose(3)', { to: '2' }],
  ['scale-6', 'n("[0 0] [1 2] [3 4] [5 6]").scale("C:major:blues")'],
  ['addVoicings-1', cookieJs, { lua: cookieLua }],
  ['voicings-1', 'stack("<C^7 A7 Dm7 G7>".voicings("lefthand"), "<C3 A2 D3 G2>").note()'],
  ['rootNotes-1', '"<C^7 A7 Dm7 G7>".rootNotes(2).note()'],
  ['voicing-1', 'n("0 1 2 3").chord("<C Am F G>").voicing()'],
  // the voicing controls' examples (@strudel/core controls.mjs)
  ['chord-1', 'chord("<Am C D F Am E Am E>").voicing()', { to: '8' }],
  ['dictionary-1', houseJs, { lua: houseLua, to: '8' }],
  ['anchor-1', 'anchor("<c4 g4 c5 g5>").chord("C").voicing()'],
  ['offset-1', 'chord("<Am C D F Am E Am E>").offset("<0 1 2 3 4 5>")', { to: '8' }],
  ['octaves-1', 'chord("<Am C D F Am E Am E>").octaves("<2 4>").voicing()', { to: '8' }],
  ['mode-1', 'mode("<below above duck root>").chord("C").voicing()'],
  ['voicing-fm', 'n("0 1 2 3".fast(4)).chord("<Dm Am F G>").voicing().s("sawtooth")', { to: '1' }],
  // voicing(): the song idioms
  ['voicing-jazz', 'chord("<C^7 Am7 Dm7 G7>").voicing()'],
  ['voicing-string', '"<C^7 Dm7 G7>".voicing()', { to: '3' }],
  ['voicing-n', 'n("0 2 4").chord("<C^7 Dm7>").voicing()', { to: '2' }],
  ['voicing-n-wide', 'n("0 1 2 3 4 5 6 7 8 9").chord("Dm7").voicing()', { to: '1' }],
  ['voicing-n-negative', 'n("-1 -2 -5 -9").chord("G7").voicing()', { to: '1' }],
  ['voicing-n-octaves', 'n("0 1 2 3 4 5 6 7").chord("C").octaves(2).voicing()', { to: '1' }],
  ['voicing-dict-ireal', 'chord("<C^7 A7b9 Dm9 G13>").dict("ireal").voicing()'],
  ['voicing-dict-ireal-ext', 'chord("<C^7 A7b9 Dm9 G13>").dict("ireal-ext").voicing()'],
  ['voicing-dict-lefthand', 'chord("<Cm7 F7 Bb^7 Eo7>").dict("lefthand").voicing()'],
  ['voicing-dict-triads', 'chord("<C Am F G Bo Caug>").dict("triads").voicing()', { to: '6' }],
  ['voicing-dict-guidetones', 'chord("<Dm7 G7 C^7 A7#9>").dict("guidetones").voicing()'],
  ['voicing-dict-legacy', 'chord("<C Am7 D7b9 G69>").dict("legacy").voicing()'],
  ['voicing-anchor-number', 'chord("<C G Am F>").anchor("<60 67>").voicing()'],
  ['voicing-anchor-patterned', 'chord("C^7").anchor("c4 e4 g4 b4").voicing()', { to: '1' }],
  ['voicing-mode-root', 'chord("<C^7 Dm7 G7 Am7>").mode("root:g2").voicing()'],
  ['voicing-mode-above', 'chord("<C Dm Em F>").mode("above:c4").voicing()'],
  ['voicing-mode-duck', 'n("0 1 2").chord("<C F>").mode("duck:e5").voicing()', { to: '2' }],
  ['voicing-mode-below-anchor', 'chord("<Am7 D7>").mode("below").anchor("<a4 d5>").voicing()', { to: '2' }],
  ['voicing-offset', 'chord("Am7").offset("<-3 -2 -1 0 1 2 3>").voicing()', { to: '7' }],
  ['voicing-offset-mode', 'chord("<C F>").mode("root").offset("<0 1>").voicing()', { to: '4' }],
  ['voicing-keeps-controls', 'chord("<C F>").s("piano").gain(0.5).voicing()', { to: '2' }],
  ['voicing-then-controls', 'chord("<C^7 F^7>").voicing().s("piano").room(0.3)', { to: '2' }],
  ['voicing-struct', 'chord("<C^7 Fm7>").voicing().struct("x ~ x x")', { to: '2' }],
  ['voicing-arp', 'n("0 1 2 3 2 1").chord("<Cm7 Fm7 Bb7 Eb^7>").voicing().s("piano")', { to: '2' }],
  ['voicing-accidentals', 'chord("<Bb^7 F#m7 Ebo7 Db7#11>").voicing()'],
  ['voicing-aliases', 'chord("CM7 C-7 Caug Cm7b5 Ch7 C7#9").voicing()', { to: '1' }],
  ['voicing-unknown', 'chord("<C Cfoo Dm>").voicing()', { to: '3' }],
  ['voicing-add-dict', cookieVoicingJs, { lua: cookieVoicingLua, to: '6' }],
  ['registerVoicings', regJs, { lua: regLua }],
  ['voicing-note-added', 'chord("<C G>").voicing().add(note(12))', { to: '2' }],
  ['voicing-transposed', 'chord("<C^7 Dm7>").voicing().transpose(2)', { to: '2' }],
  // rootNotes
  ['rootNotes-chord', 'chord("<C^7 A7 Dm7 G7>").rootNotes(3)'],
  ['rootNotes-patterned', '"<Bb^7 F#7 Eb-7>".rootNotes("<2 3>").note()', { to: '3' }],
  ['rootNotes-bass', 'stack(chord("<C^7 Dm7>").voicing(), chord("<C^7 Dm7>").rootNotes(2))', { to: '2' }],
  // scale: names, degrees, accidentals, quantising
  ['scale-minor', 'n("0 1 2 3 4 5 6 7").scale("C:minor")', { to: '1' }],
  ['scale-octave', 'n("0 2 4 7").scale("C4:minor")', { to: '1' }],
  ['scale-pentatonic', 'n("0 1 2 3 4 5").scale("C:minor:pentatonic")', { to: '1' }],
  ['scale-major-pentatonic', 'n("0 1 2 3 4 5").scale("A:major:pentatonic")', { to: '1' }],
  ['scale-sharp-root', 'n("0 1 2 3 4 5 6 7").scale("F#:major")', { to: '1' }],
  ['scale-flat-root', 'n("0 1 2 3 4 5 6 7").scale("Eb4:dorian")', { to: '1' }],
  ['scale-lowercase', 'n("0 2 4").scale("d:phrygian")', { to: '1' }],
  ['scale-modes', 'n("0 1 2 3 4 5 6").scale("<C:lydian C:mixolydian C:locrian C:aeolian>")'],
  ['scale-exotic', 'n("0 1 2 3 4 5 6 7").scale("<D:harmonic:minor E:melodic:minor G:whole:tone A:hirajoshi>")'],
  ['scale-more', 'n("0 1 2 3 4 5").scale("<C:bebop C:egyptian C:chromatic C:blues>")'],
  ['scale-negative', 'n("-1 -2 -7 -8 -15").scale("C:major")', { to: '1' }],
  ['scale-fraction', 'n("0.5 1.2 2.9 -0.5").scale("C:major")', { to: '1' }],
  ['scale-bare-numbers', '"0 2 4".scale("G:mixolydian").note()', { to: '1' }],
  ['scale-patterned-root', 'n("0 2 4").scale("<C D E F>:major")'],
  ['scale-patterned-fast', 'n("0 1 2 3").scale("<C:major A:minor>*2")', { to: '2' }],
  ['scale-add', 'n("0 2 4".add("<0 1 2>")).scale("C:major")', { to: '3' }],
  ['scale-add-after', 'n("0 2 4").scale("C:major").add(note(12))', { to: '1' }],
  ['scale-keeps-controls', 'n("0 2").s("piano").scale("C:minor").gain(0.8)', { to: '1' }],
  ['scale-quantise', 'note("c4 c#4 d4 eb4 e4 f#4 a#4 b4").scale("C:major")', { to: '1' }],
  ['scale-quantise-pentatonic', 'note("c3 d3 e3 f3 g3 a3 b3 c4").scale("C:minor:pentatonic")', { to: '1' }],
  ['scale-quantise-n', 'n("c e g b").scale("D:minor")', { to: '1' }],
  ['scale-anchor', 'n("0 1 2 3").anchor("<c4 g4>").scale("C:major")', { to: '2' }],
  ['scale-alias', 'n("0 1 2 3 4").scale("<C:ionian C:pentatonic C:spanish>")', { to: '3' }],
  ['scale-arp', 'n("[0,2,4]").scale("C:major").arp("0 1 2 1")', { to: '1' }],
  // scaleTranspose
  ['scaleTranspose-major', 'n("0 2 4").scale("C:major").scaleTranspose("<0 1 2 -1>")'],
  ['scaleTranspose-pentatonic', 'n("0 1 2").scale("C4:minor:pentatonic").scaleTranspose("<2 -3>")', { to: '2' }],
  ['scaleTranspose-alias', 'n("0 4").scale("D:dorian").scaleTrans(1).strans(1)', { to: '1' }],
  ['scaleTranspose-after-fast', 'n("0 2").scale("C:major").fast(2).scaleTranspose(3)', { to: '1' }],
  ['scaleTranspose-wrap', '"0 6".scale("A:minor").scaleTranspose("<1 8 -8>")', { to: '3' }],
  // transpose
  ['transpose-numbers', 'note("60 64 67").transpose("<0 3 -12>")', { to: '3' }],
  ['transpose-names', 'note("c3 e3 g3").transpose("<0 3 7 -5>")'],
  ['transpose-intervals', 'note("c3 e3 g3").transpose("<3M 3m 5P -2M 4A 5d>")', { to: '6' }],
  ['transpose-spelling', 'note("e3 b3 f#3 bb3").transpose("<2m 1A 8P -9M>")'],
  ['transpose-alias', 'note("c4 d4").trans(7)', { to: '1' }],
  ['transpose-bare', '"c2 eb2 g2".transpose(12).note()', { to: '1' }],
  ['transpose-n', 'n("0 2 4").scale("C:major").transpose("<0 12>")', { to: '2' }],
  ['transpose-interval-number', 'note("60 62").transpose("3M")', { to: '1' }],
  // the dictionary functions (state: kept last)
  ['setDefaultVoicings', defJs, { lua: defLua }],
  ['setVoicingRange', rangeJs, { lua: rangeLua }],
];
