--- Fills and transitions: turn the last cycle of a phrase into a fill, build-ups, drops.
-- local fills = require("fills")
local M = {}

--- Replace every `n`-th cycle of `pat` with a snare roll.
-- @example require("fills").snare_roll(s("~ sn"), 4)
function M.snare_roll(pat, every_n)
  return pat:every(every_n or 4, function() return s("sn*8"):gain(saw:range(0.7, 1.1)) end)
end

--- Double the speed of the last cycle of each `n`-cycle phrase.
-- @example require("fills").double_last(s("bd hh sn hh"), 8)
function M.double_last(pat, every_n)
  return pat:lastOf(every_n or 8, function(x) return x:fast(2) end)
end

--- A riser: a white-noise-like hat roll with a rising filter over `cycles` cycles.
-- @example require("fills").riser(4)
function M.riser(cycles)
  local c = cycles or 4
  return s("hh*16"):lpf(saw:slow(c):range(300, 8000)):gain(saw:slow(c):range(0.5, 1.0)):slow(1)
end

--- Drop out the drums for one cycle in every `n` (a breakdown).
-- @example require("fills").breakdown(s("bd*4"), 8)
function M.breakdown(pat, every_n)
  return pat:lastOf(every_n or 8, function() return silence end)
end

return M
