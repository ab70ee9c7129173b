--- Scales and modes: names usable with :scale() and interval tables for your own code.
-- local scales = require("scales")
local M = {}

--- Interval tables (semitones from the root) for common scales and modes.
-- @example note(require("chords").build(50, require("scales").intervals.dorian)):s("pad"):arp("up")
M.intervals = {
  major = {0, 2, 4, 5, 7, 9, 11}, minor = {0, 2, 3, 5, 7, 8, 10},
  dorian = {0, 2, 3, 5, 7, 9, 10}, phrygian = {0, 1, 3, 5, 7, 8, 10},
  lydian = {0, 2, 4, 6, 7, 9, 11}, mixolydian = {0, 2, 4, 5, 7, 9, 10},
  locrian = {0, 1, 3, 5, 6, 8, 10}, ["minor pentatonic"] = {0, 3, 5, 7, 10},
  ["major pentatonic"] = {0, 2, 4, 7, 9}, blues = {0, 3, 5, 6, 7, 10},
}

--- The mode names, in order of brightness.
-- @example n("0 2 4"):scale("C:" .. require("scales").modes[1]):s("pluck")
M.modes = {"lydian", "major", "mixolydian", "dorian", "minor", "phrygian", "locrian"}

--- MIDI note of scale degree `deg` in scale `name` over root MIDI note `root`.
-- @example note(require("scales").degree(60, "minor", 2)):s("pluck")
function M.degree(root, name, deg)
  local iv = M.intervals[name]
  local len = #iv
  local oct = math.floor(deg / len)
  return root + 12 * oct + iv[(deg % len) + 1]
end

return M
