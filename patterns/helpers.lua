--- Helper combinators written in Lua with the same power as the built-ins.
-- local helpers = require("helpers")
-- Functions here take a pattern and return a pattern, so they compose with :every, :sometimes...
-- helpers.install() also adds them as methods, so pat:thicken(0.2) works like a built-in.
local M = {}

--- Layer a pattern with a copy detuned by `amount` semitones and panned apart.
-- @example require("helpers").thicken(note("c3 e3 g3"):s("saw"), 0.1)
function M.thicken(pat, amount)
  local a = amount or 0.1
  return stack(pat:pan(0.3), pat:add(note(a)):pan(0.7))
end

--- Echo a pattern `times` times, each `time` cycles later, the i-th at gain feedback^i (like Strudel's echo).
-- @example require("helpers").echoes(s("cp ~ ~ ~"), 3, 0.125, 0.9)
function M.echoes(pat, times, time, feedback)
  local layers = {}
  for i = 0, (times or 3) - 1 do
    layers[#layers + 1] = pat:late(i * (time or 0.125)):gain((feedback or 0.9) ^ i)
  end
  return stack(table.unpack(layers))
end

--- Play `pat` normally on the left and transformed by `f` on the right (a jux that takes any function).
-- @example require("helpers").split(n("0 2 4 7"):scale("C:minor"):s("pluck"), function(x) return x:rev() end)
function M.split(pat, f)
  return stack(pat:pan(0), f(pat):pan(1))
end

--- Apply each function of `fns` every `n` cycles, the i-th one every n*i cycles (a layered variation).
-- @example require("helpers").variations(s("bd sn"), 2, {function(x) return x:fast(2) end, function(x) return x:rev() end})
function M.variations(pat, every_n, fns)
  local out = pat
  for i, f in ipairs(fns) do out = out:every(every_n * i, f) end
  return out
end

--- Add these helpers as pattern methods, so `pat:thicken(0.1)` reads like a built-in.
-- @example require("helpers").install(); d1(note("c3 g3"):s("saw"):thicken(0.15))
function M.install()
  -- `Pattern` is the method table of every pattern; older builds reach it through the metatable.
  local methods = rawget(_G, "Pattern")
  if type(methods) ~= "table" then
    local mt = getmetatable(pure(0))
    if type(mt) ~= "table" then return false end  -- no metatable, or a protected one
    methods = type(mt.__index) == "table" and mt.__index or mt
  end
  methods.thicken = M.thicken
  methods.echoes = M.echoes
  methods.split = M.split
  return true
end

return M
