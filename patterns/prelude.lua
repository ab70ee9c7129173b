-- moonrave's prelude: the performance vocabulary on top of the pattern functions.
-- Slots (d1..d16 and named ones) hold patterns; the runtime's scheduler plays them.
-- `__moonrave_host` is the runtime's hook table (absent when only querying patterns).

local host = rawget(_G, "__moonrave_host") or {}
local slots, order, muted = {}, {}, {}
local soloed = nil

local function as_pattern(pat)
  if type(pat) == "string" or type(pat) == "number" then return mini(pat) end
  return pat
end

local function set_slot(name, pat)
  name = tostring(name)
  pat = as_pattern(pat)
  if slots[name] == nil then order[#order + 1] = name end
  slots[name] = pat
  if host.set_slot then host.set_slot(name, pat) end
  return pat
end

function p(name, pat) return set_slot(name, pat) end
for i = 1, 16 do
  local name = "d" .. i
  _G[name] = function(pat) return set_slot(name, pat) end
end
if Pattern then
  function Pattern.play(self, name) return set_slot(name or "d1", self) end
end

function hush()
  slots, order, muted, soloed = {}, {}, {}, nil
  if host.hush then host.hush() end
end

local function update()
  if host.set_audible then
    for _, name in ipairs(order) do
      local audible = not muted[name] and (soloed == nil or soloed[name] == true)
      host.set_audible(name, audible)
    end
  end
end

function solo(...)
  soloed = soloed or {}
  for _, name in ipairs({ ... }) do soloed[tostring(name)] = true end
  update()
end
function unsolo() soloed = nil update() end
function mute(...) for _, name in ipairs({ ... }) do muted[tostring(name)] = true end update() end
function unmute(...) for _, name in ipairs({ ... }) do muted[tostring(name)] = nil end update() end

function setcps(cps)
  assert(type(cps) == "number" and cps > 0, "setcps: give a positive number of cycles per second")
  if host.setcps then host.setcps(cps) end
end
function setbpm(bpm)
  assert(type(bpm) == "number" and bpm > 0, "setbpm: give a positive number of beats per minute")
  setcps(bpm / 240)  -- four beats a cycle
end

function once(pat)
  pat = as_pattern(pat)
  if host.once then host.once(pat) end
  return pat
end

function uniform(name, pat)
  pat = as_pattern(pat)
  if host.uniform then host.uniform(tostring(name), pat) end
  return pat
end

-- The slots playing, in the order first filled; muted or not soloed ones prefixed "-".
function __moonrave_slots()
  local out = {}
  for _, name in ipairs(order) do
    local audible = not muted[name] and (soloed == nil or soloed[name] == true)
    out[#out + 1] = (audible and "" or "-") .. name
  end
  return out
end
