-- The Strudel dialect's runtime: JavaScript's built-ins and semantics that Strudel songs use,
-- for the Lua that `moonrave port` writes (and that Lua code may use too). Loaded after the
-- prelude. `list{...}` is a JavaScript array (0-based in the JavaScript, 1-based here, with
-- map/filter/reduce/join...), `js.*` keeps JavaScript's rules where Lua's differ: truthiness
-- (0, "" and NaN are false), `+` on strings, `&&`/`||` giving a value.

js = {}

local function is_list(t) return type(t) == "table" and getmetatable(t) == list end

--- js.bool(x): JavaScript's truthiness (false, nil, 0, NaN and "" are false).
function js.bool(x)
  if x == nil or x == false or x == 0 or x == "" then return false end
  if x ~= x then return false end
  return true
end

-- Numbers as JavaScript prints them: 3 (not 3.0), 0.1, 1e+21.
local function num_str(n)
  if n ~= n then return "NaN" end
  if n == math.huge then return "Infinity" end
  if n == -math.huge then return "-Infinity" end
  if math.type(n) == "integer" then return tostring(n) end
  if n == math.floor(n) and math.abs(n) < 1e21 then return string.format("%d", n) end
  for p = 1, 17 do
    local s = string.format("%." .. p .. "g", n)
    if tonumber(s) == n then
      s = s:gsub("e%+?(%-?)0*(%d)", "e%1%2")
      return s
    end
  end
  return tostring(n)
end

--- js.tostring(x): String(x) as JavaScript writes it.
function js.tostring(x)
  local t = type(x)
  if t == "string" then return x end
  if t == "number" then return num_str(x) end
  if x == nil then return "undefined" end
  if t == "boolean" then return tostring(x) end
  if is_list(x) then return x:join(",") end
  if t == "table" then return "[object Object]" end
  return tostring(x)
end

--- js.tonumber(x): Number(x) (NaN when it is not a number).
function js.tonumber(x)
  if type(x) == "number" then return x end
  if x == nil then return 0 / 0 end
  if x == true then return 1 end
  if x == false then return 0 end
  if type(x) == "string" then
    local s = x:match("^%s*(.-)%s*$")
    if s == "" then return 0 end
    return tonumber(s) or 0 / 0
  end
  return 0 / 0
end

--- js.add(a, b): JavaScript's `+`: strings concatenate, numbers (and patterns) add.
function js.add(a, b)
  if type(a) == "string" or type(b) == "string" or is_list(a) or is_list(b) then
    return js.tostring(a) .. js.tostring(b)
  end
  if a == nil or b == nil then return 0 / 0 end
  return a + b
end

function js.and_(a, b) if js.bool(a) then return b() end return a end
function js.or_(a, b) if js.bool(a) then return a end return b() end
function js.nullish(a, b) if a == nil then return b() end return a end
function js.last(...) local n = select("#", ...) return (select(n, ...)) end

--- js.index(t, i): t[i] with JavaScript's 0-based numbers (strings give a character).
function js.index(t, i)
  if type(i) == "number" then
    if type(t) == "string" then
      local c = string.sub(t, i + 1, i + 1)
      if c == "" then return nil end
      return c
    end
    return t[i + 1]
  end
  if i == "length" and (type(t) == "string" or is_list(t)) then return #t end
  return t[i]
end

function js.typeof(x)
  local t = type(x)
  if x == nil then return "undefined" end
  if t == "table" then return "object" end
  if t == "userdata" then return "object" end
  return t
end

function js.instanceof(x, c)
  if c == Array then return is_list(x) end
  return false
end

function js.bit(op, a, b)
  local function int(x) x = js.tonumber(x) if x ~= x or x == math.huge or x == -math.huge then return 0 end
    x = (x >= 0 and math.floor(x) or math.ceil(x)) % 4294967296
    if x >= 2147483648 then x = x - 4294967296 end
    return math.tointeger(x) end
  local function wrap(x) x = x % 4294967296 if x >= 2147483648 then x = x - 4294967296 end return x end
  if op == "~" then return wrap(~int(a)) end
  local x, y = int(a), int(b)
  if op == "|" then return wrap(x | y) end
  if op == "&" then return wrap(x & y) end
  if op == "^" then return wrap(x ~ y) end
  if op == "<<" then return wrap(x << (y & 31)) end
  if op == ">>" then return x >> (y & 31) | (x < 0 and ~(-1 >> (y & 31)) or 0) end
  if op == ">>>" then return (x % 4294967296) >> (y & 31) end
  error("unknown operator " .. op)
end

--- js.spread(...): the lists (or strings) given, one after another (JavaScript's `...`).
function js.spread(...)
  local out = list{}
  for _, part in ipairs({ ... }) do
    if type(part) == "string" then
      for ch in part:gmatch(utf8.charpattern) do out[#out + 1] = ch end
    else
      for _, v in ipairs(part) do out[#out + 1] = v end
    end
  end
  return out
end

function js.assign(target, ...)
  for _, src in ipairs({ ... }) do
    if type(src) == "table" then for k, v in pairs(src) do target[k] = v end end
  end
  return target
end

function js.keys(t)
  local out = list{}
  if is_list(t) then for i = 1, #t do out[i] = i - 1 end return out end
  for k in pairs(t) do out[#out + 1] = k end
  table.sort(out, function(a, b) return tostring(a) < tostring(b) end)
  return out
end

function js.slice(t, from, to)
  local n = #t
  from = from or 0
  to = to or n
  if from < 0 then from = math.max(n + from, 0) end
  if to < 0 then to = n + to end
  to = math.min(to, n)
  if type(t) == "string" then return string.sub(t, from + 1, to) end
  local out = list{}
  for i = from + 1, to do out[#out + 1] = t[i] end
  return out
end

function js.new(class, ...)
  if class == Array then return Array(...) end
  if type(class) == "table" and class.new then return class.new(...) end
  if type(class) == "function" then return class(...) end
  error("new: cannot make this")
end

-- [SECTION] arrays
list = {}
list.__index = list
setmetatable(list, { __call = function(_, t) return setmetatable(t or {}, list) end })

local function call(f, ...) return f(...) end

function list:map(f) local out = list{} for i = 1, #self do out[i] = call(f, self[i], i - 1, self) end return out end
function list:forEach(f) for i = 1, #self do call(f, self[i], i - 1, self) end end
function list:filter(f)
  local out = list{}
  for i = 1, #self do if js.bool(call(f, self[i], i - 1, self)) then out[#out + 1] = self[i] end end
  return out
end
function list:reduce(f, init)
  local acc, start = init, 1
  if acc == nil then acc, start = self[1], 2 end
  for i = start, #self do acc = f(acc, self[i], i - 1, self) end
  return acc
end
function list:join(sep)
  sep = sep == nil and "," or js.tostring(sep)
  local parts = {}
  for i = 1, #self do parts[i] = self[i] == nil and "" or js.tostring(self[i]) end
  return table.concat(parts, sep)
end
function list:includes(x) for i = 1, #self do if self[i] == x then return true end end return false end
function list:indexOf(x) for i = 1, #self do if self[i] == x then return i - 1 end end return -1 end
function list:push(...) for _, v in ipairs({ ... }) do self[#self + 1] = v end return #self end
function list:pop() local v = self[#self] self[#self] = nil return v end
function list:shift() return table.remove(self, 1) end
function list:unshift(...) for i, v in ipairs({ ... }) do table.insert(self, i, v) end return #self end
function list:slice(from, to) return js.slice(self, from, to) end
function list:concat(...)
  local out = list{}
  for i = 1, #self do out[i] = self[i] end
  for _, v in ipairs({ ... }) do
    if is_list(v) then for i = 1, #v do out[#out + 1] = v[i] end else out[#out + 1] = v end
  end
  return out
end
function list:reverse() local n = #self for i = 1, n // 2 do self[i], self[n - i + 1] = self[n - i + 1], self[i] end return self end
function list:some(f) for i = 1, #self do if js.bool(f(self[i], i - 1, self)) then return true end end return false end
function list:every(f) for i = 1, #self do if not js.bool(f(self[i], i - 1, self)) then return false end end return true end
function list:find(f) for i = 1, #self do if js.bool(f(self[i], i - 1, self)) then return self[i] end end return nil end
function list:findIndex(f) for i = 1, #self do if js.bool(f(self[i], i - 1, self)) then return i - 1 end end return -1 end
function list:fill(v, from, to)
  from, to = from or 0, to or #self
  if v == nil then v = false end
  for i = from + 1, to do self[i] = v end
  return self
end
function list:flat()
  local out = list{}
  for i = 1, #self do
    if is_list(self[i]) then for _, v in ipairs(self[i]) do out[#out + 1] = v end else out[#out + 1] = self[i] end
  end
  return out
end
function list:flatMap(f) return self:map(f):flat() end
function list:sort(f)
  local cmp = f and function(a, b) return f(a, b) < 0 end or function(a, b) return js.tostring(a) < js.tostring(b) end
  table.sort(self, cmp)
  return self
end
function list:at(i) if i < 0 then i = #self + i end return self[i + 1] end
function list:keys() return js.keys(self) end
function list:entries() return self:map(function(v, i) return list{i, v} end) end
function list:toString() return self:join(",") end

-- [SECTION] strings (JavaScript's methods besides Lua's own; Lua's come first)
function string.split(s, sep)
  local out = list{}
  if sep == nil then out[1] = s return out end
  sep = js.tostring(sep)
  if sep == "" then for ch in s:gmatch(utf8.charpattern) do out[#out + 1] = ch end return out end
  local start = 1
  while true do
    local i, j = s:find(sep, start, true)
    if not i then out[#out + 1] = string.sub(s, start) break end
    out[#out + 1] = string.sub(s, start, i - 1)
    start = j + 1
  end
  return out
end
function string.includes(s, x) return s:find(js.tostring(x), 1, true) ~= nil end
function string.startsWith(s, x) x = js.tostring(x) return string.sub(s, 1, #x) == x end
function string.endsWith(s, x) x = js.tostring(x) return x == "" or string.sub(s, -#x) == x end
function string.indexOf(s, x) local i = s:find(js.tostring(x), 1, true) return i and i - 1 or -1 end
function string.slice(s, from, to) return js.slice(s, from, to) end
function string.substring(s, from, to)
  from, to = math.max(from or 0, 0), math.min(to or #s, #s)
  if from > to then from, to = to, from end
  return string.sub(s, from + 1, to)
end
function string.trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end
function string.toUpperCase(s) return s:upper() end
function string.toLowerCase(s) return s:lower() end
function string.replace(s, a, b)
  local i, j = s:find(a, 1, true)
  if not i then return s end
  return string.sub(s, 1, i - 1) .. js.tostring(b) .. string.sub(s, j + 1)
end
function string.replaceAll(s, a, b) return s:split(a):join(js.tostring(b)) end
function string.charAt(s, i) return string.sub(s, (i or 0) + 1, (i or 0) + 1) end
function string.charCodeAt(s, i) return s:byte((i or 0) + 1) or 0 / 0 end
function string.padStart(s, n, c) c = c or " " while #s < n do s = c .. s end return string.sub(s, -n) end
function string.padEnd(s, n, c) c = c or " " while #s < n do s = s .. c end return string.sub(s, 1, n) end
string.repeat_ = function(s, n) return s:rep(n) end
function string.at(s, i) if i < 0 then i = #s + i end return js.index(s, i) end
function string.toString(s) return s end
function string.concat(s, ...) for _, v in ipairs({ ... }) do s = s .. js.tostring(v) end return s end

-- [SECTION] globals
Math = {
  PI = math.pi, E = math.exp(1), LN2 = math.log(2), LN10 = math.log(10), SQRT2 = math.sqrt(2),
  floor = function(x) return math.floor(x) end,
  ceil = function(x) return math.ceil(x) end,
  round = function(x) return math.floor(x + 0.5) end,
  trunc = function(x) return x >= 0 and math.floor(x) or math.ceil(x) end,
  abs = math.abs, sqrt = math.sqrt, sin = math.sin, cos = math.cos, tan = math.tan, asin = math.asin,
  acos = math.acos, atan = function(x) return math.atan(x) end, atan2 = function(y, x) return math.atan(y, x) end,
  exp = math.exp, log = function(x) return math.log(x) end, log2 = function(x) return math.log(x, 2) end,
  log10 = function(x) return math.log(x, 10) end, pow = function(a, b) return a ^ b end,
  sign = function(x) return x > 0 and 1 or x < 0 and -1 or 0 end,
  cbrt = function(x) return x < 0 and -((-x) ^ (1 / 3)) or x ^ (1 / 3) end,
  hypot = function(...) local s = 0 for _, v in ipairs({ ... }) do s = s + v * v end return math.sqrt(s) end,
  min = function(...) local n = select("#", ...) if n == 0 then return math.huge end return math.min(...) end,
  max = function(...) local n = select("#", ...) if n == 0 then return -math.huge end return math.max(...) end,
  -- Lua's own generator (seeded per performance, so renders replay), not Strudel's rand
  random = function() return math.random() end,
}

Number = setmetatable({
  isInteger = function(x) return type(x) == "number" and x == math.floor(x) end,
  isFinite = function(x) return type(x) == "number" and x == x and x ~= math.huge and x ~= -math.huge end,
  isNaN = function(x) return x ~= x end,
  parseFloat = function(s) return parseFloat(s) end,
  parseInt = function(s, b) return parseInt(s, b) end,
  MAX_SAFE_INTEGER = 9007199254740991,
  EPSILON = 2.220446049250313e-16,
}, { __call = function(_, x) return js.tonumber(x) end })

String = setmetatable({}, { __call = function(_, x) return js.tostring(x) end })
Boolean = function(x) return js.bool(x) end

function parseInt(s, base)
  s = js.tostring(s):match("^%s*(.-)%s*$")
  local sign = 1
  if string.sub(s, 1, 1) == "-" then sign, s = -1, string.sub(s, 2) elseif string.sub(s, 1, 1) == "+" then s = string.sub(s, 2) end
  base = base or 10
  if (base == 16 or base == 10) and s:match("^0[xX]") and base ~= 10 then s = string.sub(s, 3) end
  if base == 10 and s:match("^0[xX]") then base, s = 16, string.sub(s, 3) end
  local digits = s:match(base == 16 and "^[%x]+" or "^%d+")
  if not digits then return 0 / 0 end
  return sign * tonumber(digits, base)
end

function parseFloat(s)
  s = js.tostring(s)
  local num = s:match("^%s*([+-]?%d*%.?%d+[eE][+-]?%d+)") or s:match("^%s*([+-]?%d+%.?%d*)") or s:match("^%s*([+-]?%.%d+)")
  return num and tonumber(num) or 0 / 0
end

function isNaN(x) x = js.tonumber(x) return x ~= x end

Array = setmetatable({
  isArray = function(x) return is_list(x) end,
  from = function(src, f)
    local out = list{}
    if type(src) == "string" then
      out = js.spread(src)
    elseif is_list(src) then
      for i = 1, #src do out[i] = src[i] end
    elseif type(src) == "table" and src.length then
      -- Array.from({ length = n }, f): n holes (false here, as Lua lists cannot hold nil)
      for i = 1, src.length do out[i] = false end
      if f then for i = 1, src.length do out[i] = f(nil, i - 1) end end
      return out
    end
    if f then for i = 1, #out do out[i] = f(out[i], i - 1) end end
    return out
  end,
  of = function(...) return list{ ... } end,
}, { __call = function(_, n, ...)
  if type(n) == "number" and select("#", ...) == 0 then
    local out = list{}
    for i = 1, n do out[i] = false end
    return out
  end
  return list{ n, ... }
end })

Object = {
  keys = function(t) return js.keys(t):map(function(k) return js.tostring(k) end) end,
  values = function(t)
    if is_list(t) then return t:slice() end
    local out = list{}
    for _, k in ipairs(js.keys(t)) do out[#out + 1] = t[k] end
    return out
  end,
  entries = function(t)
    local out = list{}
    for _, k in ipairs(js.keys(t)) do out[#out + 1] = list{ js.tostring(k), js.index(t, k) } end
    return out
  end,
  assign = function(t, ...) return js.assign(t, ...) end,
  fromEntries = function(es) local out = {} for _, e in ipairs(es) do out[e[1]] = e[2] end return out end,
  freeze = function(t) return t end,
}

local function json(v)
  local t = type(v)
  if v == nil then return "null" end
  if t == "number" then return (v ~= v or v == math.huge or v == -math.huge) and "null" or num_str(v) end
  if t == "boolean" then return tostring(v) end
  if t == "string" then return '"' .. v:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"' end
  if is_list(v) then
    local parts = {}
    for i = 1, #v do parts[i] = json(v[i]) end
    return "[" .. table.concat(parts, ",") .. "]"
  end
  if t == "table" then
    local parts = {}
    for _, k in ipairs(js.keys(v)) do parts[#parts + 1] = json(js.tostring(k)) .. ":" .. json(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  return "null"
end
JSON = { stringify = function(v) return json(v) end }

-- console.log and its kin print their arguments as node does, space-separated (strings as they
-- are, lists and objects as JSON), to where Lua's print writes.
local function console_print(...)
  local parts = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    parts[i] = (type(v) == "table" and (is_list(v) or getmetatable(v) == nil)) and json(v) or js.tostring(v)
  end
  print(table.concat(parts, " "))
end
console = { log = console_print, warn = console_print, error = console_print, info = console_print, debug = console_print }

-- Strudel's tempo and REPL functions, where the pattern library has not defined them.
if rawget(_G, "setcpm") == nil then
  function setcpm(cpm) setcps(cpm / 60) end
end
if rawget(_G, "setCpm") == nil then setCpm = setcpm end
if rawget(_G, "setCps") == nil then setCps = setcps end

-- [SECTION] Strudel's own helpers

--- id(x): x itself (Strudel's identity), for functions that take a function: jux(id), sometimes(id).
function id(x) return x end

local function as_pattern(v, who)
  if type(v) == "string" then return mini(v) end
  if type(v) == "number" or type(v) == "boolean" then return pure(v) end
  if type(v) == "table" and getmetatable(v) == list then return seq(table.unpack(v)) end
  if v == nil then error(who .. ": give a value or a pattern", 3) end
  return v
end

--- createParam(name): a control of your own, as Strudel's createParam: returns the function that
--- makes {name = value} events from a value or pattern (mini-notation for a string), and
--- pat:name(v) sets it on a pattern (pat:name() makes the pattern's values that control). Given
--- a list of names, a list value "a:b" fills them in turn. The engine plays the controls it
--- knows; others go with the event (to OSC, to the visuals).
function createParam(names)
  local multi = type(names) == "table"
  if not multi then names = { names } end
  local name = names[1]
  if type(name) ~= "string" or name == "" then error("createParam: give the control's name as a string", 2) end
  -- A value with an unnamed `value` (note("c"):color("red") before note) keeps its other keys.
  local function with_val(xs)
    local out = {}
    if type(xs) == "table" and xs.value ~= nil then
      for k, v in pairs(xs) do if k ~= "value" then out[k] = v end end
      xs = xs.value
    end
    if multi and type(xs) == "table" then
      for i, x in ipairs(xs) do if i <= #names then out[names[i]] = x end end
    else
      out[name] = xs
    end
    return out
  end
  local function ctl(value, pat)
    if pat == nil then return as_pattern(value, name):withValue(with_val) end
    if value == nil then return pat:withValue(with_val) end
    return pat:set(as_pattern(value, name):withValue(with_val))
  end
  Pattern[name] = function(self, value) return ctl(value, self) end
  return ctl
end

--- createParams(name, ...): createParam for each name; returns a table of the functions by name
--- (`let { x, y } = createParams('x', 'y')` in Strudel).
function createParams(...)
  local out = {}
  for _, name in ipairs({ ... }) do out[name] = createParam(name) end
  return out
end

--- drawLine(pat, chars): Strudel's debugging text of a pattern (a string of mini-notation or a pattern), one character per slot: "|" between cycles, "-" holds the value before, "." is silence, a line per layer, until about `chars` characters (default 60). Single-character values read best. pat:drawLine(chars) is the same.
-- @example pure(drawLine("0 [1 2 3]", 10))
function drawLine(pat, chars)
  if type(pat) == "string" then pat = mini(pat) end
  return pat:drawLine(chars)
end
