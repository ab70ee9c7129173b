// Loads the Lua config file into a Config, in the host's sandbox (no io/os, capped memory and
// time), checking every key against the schema below so a typo is named with its line instead of silently ignored.
#include <lua.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>

#include "runtime/config.hpp"
#include "runtime/lua_host.hpp"

namespace mr::runtime {

namespace {

struct ConfigError {
  std::string message;
};

// Line of each top-level assignment, recorded by the environment's __newindex.
int record_assignment(lua_State* L) {
  // upvalue 1: the table of lines; args: env, key, value
  lua_Debug ar;
  int line = 0;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) line = ar.currentline;
  lua_pushvalue(L, 2);
  lua_pushinteger(L, line);
  lua_rawset(L, lua_upvalueindex(1));
  lua_rawset(L, 1);
  return 0;
}

class Walker {
 public:
  Walker(lua_State* L, std::string chunk) : L_(L), chunk_(std::move(chunk)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    std::string where = chunk_;
    if (line_ > 0) where += ":" + std::to_string(line_);
    throw ConfigError{where + ": " + path + ": " + what};
  }

  std::string describe(int idx) const {
    switch (lua_type(L_, idx)) {
      case LUA_TSTRING: return "\"" + std::string(lua_tostring(L_, idx)) + "\"";
      case LUA_TNUMBER: {
        std::ostringstream os;
        os << lua_tonumber(L_, idx);
        return os.str();
      }
      case LUA_TBOOLEAN: return lua_toboolean(L_, idx) ? "true" : "false";
      default: return std::string("a ") + luaL_typename(L_, idx);
    }
  }

  double number(int idx, const std::string& path, double lo, double hi) const {
    if (lua_type(L_, idx) != LUA_TNUMBER) {
      std::ostringstream os;
      os << "expected a number between " << lo << " and " << hi << ", got " << describe(idx);
      fail(path, os.str());
    }
    double v = lua_tonumber(L_, idx);
    if (!(v >= lo && v <= hi)) {
      std::ostringstream os;
      os << "expected a number between " << lo << " and " << hi << ", got " << describe(idx);
      fail(path, os.str());
    }
    return v;
  }

  int integer(int idx, const std::string& path, int lo, int hi) const {
    double v = number(idx, path, lo, hi);
    if (v != std::floor(v)) fail(path, "expected a whole number, got " + describe(idx));
    return static_cast<int>(v);
  }

  std::string string(int idx, const std::string& path) const {
    if (lua_type(L_, idx) != LUA_TSTRING) fail(path, "expected a string, got " + describe(idx));
    return lua_tostring(L_, idx);
  }

  std::string one_of(int idx, const std::string& path, std::initializer_list<const char*> choices) const {
    std::string s = string(idx, path);
    std::string list;
    for (const char* c : choices) {
      if (s == c) return s;
      list += list.empty() ? c : std::string(", ") + c;
    }
    fail(path, "expected one of " + list + ", got \"" + s + "\"");
  }

  bool boolean(int idx, const std::string& path) const {
    if (lua_type(L_, idx) != LUA_TBOOLEAN) fail(path, "expected true or false, got " + describe(idx));
    return lua_toboolean(L_, idx);
  }

  std::vector<std::string> strings(int idx, const std::string& path) const {
    if (lua_type(L_, idx) != LUA_TTABLE) fail(path, "expected a list of strings, got " + describe(idx));
    idx = lua_absindex(L_, idx);
    std::vector<std::string> out;
    lua_Integer n = luaL_len(L_, idx);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_geti(L_, idx, i);
      out.push_back(string(-1, path + "[" + std::to_string(i) + "]"));
      lua_pop(L_, 1);
    }
    // A named entry (samples = { "~/a", extra = "~/b" }) would otherwise be dropped without a word.
    lua_pushnil(L_);
    while (lua_next(L_, idx)) {
      lua_pop(L_, 1);
      const bool listed = lua_isinteger(L_, -1) && lua_tointeger(L_, -1) >= 1 && lua_tointeger(L_, -1) <= n;
      if (!listed)
        fail(lua_type(L_, -1) == LUA_TSTRING ? path + "." + lua_tostring(L_, -1) : path,
             "expected a list of strings { \"...\", ... }, got a named entry");
    }
    return out;
  }

  // Calls field(key) for every string key of the table at idx; unknown keys are errors.
  void table(int idx, const std::string& path, const std::vector<std::string>& known,
             const std::function<void(const std::string& key, int value_idx, const std::string& key_path)>& field) const {
    if (lua_type(L_, idx) != LUA_TTABLE) fail(path, "expected a table { ... }, got " + describe(idx));
    idx = lua_absindex(L_, idx);
    lua_pushnil(L_);
    while (lua_next(L_, idx)) {
      if (lua_type(L_, -2) != LUA_TSTRING) fail(path, "keys must be names, got " + describe(-2));
      std::string key = lua_tostring(L_, -2);
      std::string key_path = path.empty() ? key : path + "." + key;
      bool ok = false;
      for (const auto& k : known) ok = ok || k == key;
      if (!ok) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        fail(key_path, "unknown key (known here: " + list + ")");
      }
      field(key, lua_gettop(L_), key_path);
      lua_pop(L_, 1);
    }
  }

  void set_line(int line) { line_ = line; }

 private:
  lua_State* L_;
  std::string chunk_;
  int line_ = 0;
};

void read_config(lua_State* L, Walker& w, int env, int lines, Config& c) {
  const std::vector<std::string> top = {"audio", "runtime", "editor", "visuals", "suggest", "samples", "outputs", "inputs"};
  lua_pushnil(L);
  while (lua_next(L, env)) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      std::string key = lua_tostring(L, -2);
      lua_pushvalue(L, -2);
      lua_rawget(L, lines);
      w.set_line(static_cast<int>(lua_tointeger(L, -1)));
      lua_pop(L, 1);
      int v = lua_gettop(L);
      if (key == "audio") {
        w.table(v, "audio", {"api", "device", "rate", "buffer", "channels", "latency_ms"},
                [&](const std::string& k, int i, const std::string& p) {
                  if (k == "api") c.audio.api = w.one_of(i, p, {"auto", "alsa", "pulse", "jack", "null"});
                  else if (k == "device") c.audio.device = lua_type(L, i) == LUA_TNUMBER ? std::to_string(w.integer(i, p, 0, 4096)) : w.string(i, p);
                  else if (k == "rate") c.audio.rate_hz = w.integer(i, p, 8000, 192000);
                  else if (k == "buffer") c.audio.buffer_frames = w.integer(i, p, 16, 8192);
                  else if (k == "channels") c.audio.channels = w.integer(i, p, 2, 32);
                  else if (k == "latency_ms") c.audio.latency_ms = w.number(i, p, -1000, 1000);
                });
      } else if (key == "runtime") {
        w.table(v, "runtime", {"lookahead_ms", "eval_budget_ms", "memory_mb", "quantize", "trust", "library", "cps", "link",
                                      "beats_per_cycle"},
                [&](const std::string& k, int i, const std::string& p) {
                  if (k == "lookahead_ms") c.runtime.lookahead_ms = w.number(i, p, 10, 2000);
                  else if (k == "eval_budget_ms") c.runtime.eval_budget_ms = w.number(i, p, 10, 60000);
                  else if (k == "memory_mb") c.runtime.lua_memory_mb = w.integer(i, p, 16, 65536);
                  else if (k == "quantize") c.runtime.quantize = w.one_of(i, p, {"immediate", "cycle"});
                  else if (k == "trust") c.runtime.trust = w.boolean(i, p);
                  else if (k == "library") c.runtime.library_paths = w.strings(i, p);
                  else if (k == "cps") c.runtime.cps = w.number(i, p, 0.01, 100);
                  else if (k == "link") c.runtime.link = w.boolean(i, p);
                  else if (k == "beats_per_cycle") c.runtime.beats_per_cycle = w.number(i, p, 1, 64);
                });
      } else if (key == "outputs") {
        w.table(v, "outputs", {"osc", "osc_format", "midi", "midi_clock", "engine"},
                [&](const std::string& k, int i, const std::string& p) {
                  if (k == "osc") c.outputs.osc = w.string(i, p);
                  else if (k == "osc_format") c.outputs.osc_format = w.one_of(i, p, {"superdirt", "plain"});
                  else if (k == "midi") c.outputs.midi = w.string(i, p);
                  else if (k == "midi_clock") c.outputs.midi_clock = w.boolean(i, p);
                  else if (k == "engine") c.outputs.engine = w.boolean(i, p);
                });
      } else if (key == "inputs") {
        w.table(v, "inputs", {"superdirt", "superdirt_port", "ctrl_port", "midi", "midi_api", "midi_clock"},
                [&](const std::string& k, int i, const std::string& p) {
          if (k == "superdirt") c.inputs.superdirt = w.boolean(i, p);
          else if (k == "midi") c.inputs.midi = w.string(i, p);
          else if (k == "midi_api") c.inputs.midi_api = w.one_of(i, p, {"auto", "alsa", "jack"});
          else if (k == "midi_clock") c.inputs.midi_clock = w.boolean(i, p);
          else if (k == "superdirt_port") c.inputs.superdirt_port = w.integer(i, p, 0, 65535);
          else if (k == "ctrl_port") c.inputs.ctrl_port = w.integer(i, p, 0, 65535);
        });
      } else if (key == "editor") {
        w.table(v, "editor", {"font", "font_size", "theme", "backdrop", "keys"},
                [&](const std::string& k, int i, const std::string& p) {
                  if (k == "font") c.editor.font = w.string(i, p);
                  else if (k == "font_size") c.editor.font_size = w.number(i, p, 6, 200);
                  else if (k == "theme") c.editor.theme = w.one_of(i, p, {"night", "projector", "paper"});
                  else if (k == "backdrop") c.editor.backdrop = w.number(i, p, 0, 1);
                  else if (k == "keys") {
                    if (lua_type(L, i) != LUA_TTABLE) w.fail(p, "expected a table of action = \"chord\"");
                    lua_pushnil(L);
                    while (lua_next(L, i)) {
                      if (lua_type(L, -2) != LUA_TSTRING) w.fail(p, "keys must be action names");
                      std::string action = lua_tostring(L, -2);
                      c.editor.keys[action] = w.string(-1, p + "." + action);
                      lua_pop(L, 1);
                    }
                  }
                });
      } else if (key == "visuals") {
        w.table(v, "visuals", {"resolution_scale", "gpu_budget_ms", "shader"},
                [&](const std::string& k, int i, const std::string& p) {
                  if (k == "resolution_scale") c.visuals.resolution_scale = w.number(i, p, 0.05, 4);
                  else if (k == "gpu_budget_ms") c.visuals.gpu_budget_ms = w.number(i, p, 1, 1000);
                  else if (k == "shader") c.visuals.shader = w.string(i, p);
                });
      } else if (key == "suggest") {
        w.table(v, "suggest", {"enabled", "providers"}, [&](const std::string& k, int i, const std::string& p) {
          if (k == "enabled") c.suggest.enabled = w.boolean(i, p);
          else if (k == "providers") {
            if (lua_type(L, i) != LUA_TTABLE) w.fail(p, "expected a list of provider tables");
            lua_Integer n = luaL_len(L, i);
            for (lua_Integer j = 1; j <= n; ++j) {
              lua_geti(L, i, j);
              SuggestProviderConfig sp;
              std::string pp = p + "[" + std::to_string(j) + "]";
              w.table(-1, pp, {"kind", "url", "model", "deadline_ms"}, [&](const std::string& kk, int ii, const std::string& ppp) {
                if (kk == "kind") sp.kind = w.one_of(ii, ppp, {"llama.cpp", "ollama", "openai"});
                else if (kk == "url") sp.url = w.string(ii, ppp);
                else if (kk == "model") sp.model = w.string(ii, ppp);
                else if (kk == "deadline_ms") sp.deadline_ms = w.number(ii, ppp, 10, 1500);
              });
              if (sp.kind.empty() || sp.url.empty()) w.fail(pp, "a provider needs kind and url");
              c.suggest.providers.push_back(sp);
              lua_pop(L, 1);
            }
          }
        });
      } else if (key == "samples") {
        c.sample_paths = w.strings(v, "samples");
      } else {
        std::string list;
        for (const auto& k : top) list += (list.empty() ? "" : ", ") + k;
        w.fail(key, "unknown setting (known: " + list + ")");
      }
    }
    lua_pop(L, 1);
  }
}

}  // namespace

bool parse_config(const std::string& text, const std::string& chunk_name, Config& out, std::string& error) {
  // The config runs in the same sandbox as a set (LuaHost: no io, os or debug, a memory cap, a
  // time budget), not a second one of its own: a config that loops or grows without end is
  // stopped the same way, with the same message. It also loses load, require and collectgarbage.
  LuaHostOptions options;
  options.memory_limit_bytes = size_t{64} << 20;
  options.eval_budget_ms = 250.0;
  options.trusted = false;
  LuaHost host(options);
  lua_State* L = host.state();
  lua_settop(L, 0);
  for (const char* unsafe : {"load", "require", "collectgarbage"}) {
    lua_pushnil(L);
    lua_setglobal(L, unsafe);
  }

  Config c;
  c.source = chunk_name;
  std::string chunk = chunk_name.empty() ? "config" : chunk_name;
  // env: the table the config's globals land in (with the base library reachable through it).
  lua_newtable(L);  // 1: env
  lua_newtable(L);  // 2: lines
  lua_newtable(L);  // env's metatable
  lua_pushglobaltable(L);
  lua_setfield(L, -2, "__index");
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, record_assignment, 1);
  lua_setfield(L, -2, "__newindex");
  lua_setmetatable(L, 1);

  if (luaL_loadbuffer(L, text.data(), text.size(), ("@" + chunk).c_str()) != LUA_OK) {
    error = lua_tostring(L, -1);
    return false;
  }
  lua_pushvalue(L, 1);
  lua_setupvalue(L, -2, 1);  // _ENV of the chunk
  lua_setglobal(L, "__moonrave_config");
  // The host runs it under its budget; the stack below (env, lines) is left as it was.
  LuaError run = host.run("local f = __moonrave_config; __moonrave_config = nil; f()", chunk);
  if (!run.ok) {
    error = chunk + (run.line > 0 ? ":" + std::to_string(run.line) : std::string()) + ": " + run.message;
    return false;
  }
  try {
    Walker w(L, chunk);
    read_config(L, w, 1, 2, c);
  } catch (const ConfigError& e) {
    error = e.message;
    return false;
  }
  out = std::move(c);
  return true;
}

bool load_config(const std::string& path, Config& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out = Config{};
    return true;  // no file: defaults
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string name = path;
  if (auto slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
  if (!parse_config(ss.str(), path, out, error)) return false;
  out.source = path;
  return true;
}

std::string default_config_text() {
  return R"(-- moonrave configuration. Every key is optional; these are the defaults.
-- A key moonrave does not know is an error at start, so typos are caught.

audio = {
  api = "auto",        -- auto | alsa | pulse | jack | null (null: silent, the clock still runs)
  device = "default",  -- "default", part of a device's name, or its number (see `moonrave doctor`)
  rate = 48000,        -- sample rate in Hz
  buffer = 256,        -- device buffer in frames: lower is less latency, higher is safer
  channels = 2,        -- 2, or 2 per orbit for multichannel output
  latency_ms = 0,      -- extra delay for sound and visuals, to line up with other gear
}

runtime = {
  lookahead_ms = 100,      -- how far ahead patterns are scheduled
  eval_budget_ms = 200,    -- an evaluation running longer is stopped (the music plays on)
  memory_mb = 512,         -- Lua memory cap
  quantize = "immediate",  -- immediate | cycle: when a new pattern takes over its slot
  trust = false,           -- true gives sets io, os and debug: only for your own files
  library = {},            -- extra folders `require` may load Lua modules from
  cps = 0.5,               -- starting tempo in cycles per second (0.5 = 120 bpm in 4/4)
  link = false,            -- true: the window and 'moonrave serve' join the Ableton Link session (its tempo and phase)
  beats_per_cycle = 4,     -- Link beats (and MIDI clock quarter notes) a cycle: Link's quantum
}

-- Outputs beside the built-in engine, timestamped with the same latency compensation.
outputs = {
  osc = "",              -- "host:port" to send every event by OSC, e.g. SuperDirt: "127.0.0.1:57120"
  osc_format = "superdirt",  -- superdirt (/dirt/play with key-value pairs) | plain (/moonrave/event)
  midi = "",             -- part of a MIDI output port's name ("virtual": a port named moonrave)
  midi_clock = false,    -- send MIDI clock (24 per beat, 4 beats a cycle) and start/stop
  engine = true,         -- false: events go only to the outputs above (SuperDirt plays them)
}

-- Inputs: what moonrave listens to besides its own code.
inputs = {
  superdirt = false,      -- true: the window listens as SuperDirt (Tidal plays through it, see `moonrave serve`)
  superdirt_port = 57120, -- its UDP port on 127.0.0.1
  ctrl_port = 0,          -- UDP port for OSC /ctrl name value (ctrl("name")); Tidal's is 6010; 0: off
  midi = "",              -- MIDI inputs for cc(), midinote(), midivel(): part of a port's name, "all", or "": none
  midi_api = "auto",      -- auto (ALSA's sequencer if a port matches there, else JACK) | alsa | jack
  midi_clock = false,     -- true: the cycle follows the MIDI clock (24 a beat) those ports send, start and stop too
}

-- Folders of sample banks (folder of folders of audio files, like Dirt-Samples), searched
-- before SuperDirt's default Dirt-Samples folder.
samples = {}

editor = {
  font = "",          -- a family ("JetBrains Mono") or a .ttf path; "" picks the best installed
  font_size = 22,     -- points, before display scaling
  theme = "night",    -- night | projector (high contrast, large) | paper
  backdrop = 0.55,    -- 0..1 opacity of the band behind each line of code
  keys = {},          -- rebind actions, e.g. keys = { evaluate_block = "Ctrl+Return" }
}

visuals = {
  resolution_scale = 1.0,  -- visuals render at this fraction of the window's pixels
  gpu_budget_ms = 50,      -- a shader slower than this per frame gets a lower resolution, then reverts
  shader = "",             -- a default shader file; "" uses the set's own or a built-in one
}

suggest = {
  enabled = true,     -- the embedded, offline completion engine
  providers = {},     -- remote ones, e.g. { kind = "llama.cpp", url = "http://127.0.0.1:8080", deadline_ms = 500 }
}
)";
}

}  // namespace mr::runtime
