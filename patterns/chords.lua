--- Chord progressions as mini-notation strings, ready for note().
-- local chords = require("chords")
local M = {}

--- Minor i-VI-VII-v in C (Cm Ab Bb Gm).
-- @example note(require("chords").minor_pop):s("pad")
M.minor_pop = "<[c4,eb4,g4] [ab3,c4,eb4] [bb3,d4,f4] [g3,bb3,d4]>"

--- Deep-house minor sevenths: Dm7 Gm7 C7 Am7.
-- @example note(require("chords").deep_house):s("fm")
M.deep_house = "<[d4,f4,a4,c5] [g3,bb3,d4,f4] [c4,e4,g4,bb4] [a3,c4,e4,g4]>"

--- Jazzy ii-V-I-vi in C with sevenths.
-- @example note(require("chords").two_five_one):s("fm"):room(0.3)
M.two_five_one = "<[d3,f3,a3,c4] [g3,b3,d4,f4] [c3,e3,g3,b3] [a2,c3,e3,g3]>"

--- Open fifths for drones and dub.
-- @example note(require("chords").fifths):s("supersaw"):slow(2)
M.fifths = "<[c3,g3,c4] [ab2,eb3,ab3] [f2,c3,f3] [g2,d3,g3]>"

--- Build a chord string from a root MIDI note and intervals.
-- @example note(require("chords").build(60, {0, 4, 7})):s("pad")
function M.build(root, intervals)
  local parts = {}
  for i, iv in ipairs(intervals) do parts[i] = tostring(root + iv) end
  return "[" .. table.concat(parts, ",") .. "]"
end

return M
