--- Basslines: scale-degree bass patterns for any key.
-- local bass = require("basslines")
local M = {}

--- An offbeat bass (the classic house "pump") on scale degree 0.
-- @example require("basslines").offbeat("C:minor")
function M.offbeat(scale_name)
  return n("~ 0 ~ 0 ~ 0 ~ 0"):scale(scale_name or "C:minor"):s("bass"):octave(2):lpf(800):gain(0.9)
end

--- A rolling acid line with a resonant filter sweep.
-- @example require("basslines").acid("A:minor")
function M.acid(scale_name)
  return n("0 7 [~ 0] 3 0 [5 7] -2 <0 3>"):scale(scale_name or "C:minor"):s("saw"):octave(2)
    :lpf(sine:slow(8):range(300, 3000)):lpq(0.8):decay(0.15):gain(1.05)
end

--- A walking bass through the roots of a progression given as note names.
-- @example require("basslines").roots("<d2 g2 c2 a1>")
function M.roots(roots)
  return note(roots):s("bass"):struct("x ~ [~ x] ~ x ~ [x x] ~"):lpf(700)
end

--- A deep sub on one note, for dub and drone.
-- @example require("basslines").sub("c1")
function M.sub(root)
  return note(root or "c1"):s("sine"):struct("x ~ ~ x ~ ~ x ~"):gain(0.95)
end

return M
