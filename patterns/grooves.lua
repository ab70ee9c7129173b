--- Drum grooves: functions that return ready-to-play drum patterns.
-- local grooves = require("grooves")
local M = {}

--- A four-on-the-floor kick with offbeat open hats and a clap on 2 and 4.
-- @example require("grooves").four_floor()
function M.four_floor(bank)
  local p = stack(s("bd*4"):gain(0.9), s("[~ oh]*4"):gain(0.85), s("~ cp ~ cp"):gain(1.15))
  if bank then return p:bank(bank) end
  return p
end

--- A boom-bap hip-hop beat, swung.
-- @example require("grooves").boom_bap()
function M.boom_bap()
  return stack(s("bd ~ ~ bd ~ ~ bd ~"):gain(0.95), s("~ sn"):gain(1.1), s("hh*8"):swing(2):gain(1.0))
end

--- A two-step breakbeat (kick on 1 and the "and" of 3, snare on 2 and 4).
-- @example require("grooves").breakbeat()
function M.breakbeat()
  return stack(s("bd ~ ~ ~ ~ ~ bd ~, ~ ~ sn ~ ~ ~ sn ~"), s("hh*8"):gain(0.92))
end

--- A Euclidean kit: kick, rim and hat spread with euclid(k, n) each.
-- @example require("grooves").euclid_kit(3, 5, 7)
function M.euclid_kit(k1, k2, k3)
  return stack(s("bd"):euclid(k1 or 3, 8), s("rim"):euclid(k2 or 5, 8):gain(1.04),
               s("hh"):euclid(k3 or 7, 16):gain(1.0))
end

--- Shuffled sixteenth hats with random velocities.
-- @example require("grooves").hats(16)
function M.hats(steps)
  return s("hh*" .. (steps or 16)):gain(rand:range(0.8, 1.0))
end

return M
