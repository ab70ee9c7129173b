// The test-script driver (script_driver.hpp).
#include "ui/script_driver.hpp"

#include <SDL2/SDL_keyboard.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "ui/keymap.hpp"

namespace mr::ui {

bool chord_events(const std::string& chord, uint32_t window_id, SDL_Event& down, SDL_Event& up, std::string& error) {
  auto c = parse_chord(chord, &error);
  if (!c) return false;
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.windowID = window_id;
  e.key.state = SDL_PRESSED;
  e.key.keysym.sym = c->key;
  e.key.keysym.scancode = SDL_GetScancodeFromKey(c->key);
  Uint16 m = 0;
  if (c->mods & kCtrl) m |= KMOD_LCTRL;
  if (c->mods & kShift) m |= KMOD_LSHIFT;
  if (c->mods & kAlt) m |= KMOD_LALT;
  e.key.keysym.mod = m;
  down = e;
  e.type = SDL_KEYUP;
  e.key.state = SDL_RELEASED;
  up = e;
  return true;
}

std::vector<SDL_Event> text_events(const std::string& text, uint32_t window_id) {
  std::vector<SDL_Event> out;
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    n = std::min(n, text.size() - i);
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    e.text.windowID = window_id;
    std::copy_n(text.data() + i, n, e.text.text);
    out.push_back(e);
    i += n;
  }
  return out;
}

std::string report_value(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '\n') o += "\\n";
    else if (c == '\\') o += "\\\\";
    else o += c;
  }
  return o;
}

bool ScriptDriver::load(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot read the script " + path;
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  load_text(s.str());
  return true;
}

void ScriptDriver::load_text(const std::string& text) {
  loaded_ = true;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t sp = line.find(' ');
    steps_.push_back({line.substr(0, sp), sp == std::string::npos ? "" : line.substr(sp + 1)});
  }
}

void ScriptDriver::tick(double now, bool evals_pending, ScriptHost& host) {
  // The release comes a frame after the press: ImGui 1.86 reads key state once a frame, so a
  // press and a release in the same frame would never reach a text field.
  for (const SDL_Event& e : key_ups_) host.script_push(e);
  key_ups_.clear();
  if (wait_frames_ > 0) {
    --wait_frames_;
    return;
  }
  while (!steps_.empty() && wait_frames_ == 0) {
    if (now < sleep_until_) return;
    const ScriptStep s = steps_.front();
    if (s.op == "settle") {  // until every evaluation has answered (at most 10 s)
      if (settle_start_ < 0) settle_start_ = now;
      if (evals_pending && now < settle_start_ + 10.0) return;
      settle_start_ = -1;
      steps_.pop_front();
      continue;
    }
    steps_.pop_front();
    if (s.op == "text") {
      for (const SDL_Event& e : text_events(s.arg, host.script_window_id())) host.script_push(e);
      wait_frames_ = 1;
    } else if (s.op == "key") {
      SDL_Event down, up;
      std::string err;
      if (chord_events(s.arg, host.script_window_id(), down, up, err)) {
        host.script_push(down);
        key_ups_.push_back(up);
      } else {
        std::fprintf(stderr, "moonrave: script: %s\n", err.c_str());
      }
      wait_frames_ = 1;
    } else if (s.op == "mouse-down" || s.op == "mouse-move" || s.op == "mouse-up") {  // "X Y", window pixels
      float x = 0, y = 0;
      if (std::sscanf(s.arg.c_str(), "%f %f", &x, &y) == 2) {
        SDL_Event e{};
        if (s.op == "mouse-move") {
          e.type = SDL_MOUSEMOTION;
          e.motion.windowID = host.script_window_id();
          e.motion.x = static_cast<int>(x);
          e.motion.y = static_cast<int>(y);
          e.motion.state = SDL_BUTTON_LMASK;
        } else {
          e.type = s.op == "mouse-down" ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
          e.button.windowID = host.script_window_id();
          e.button.button = SDL_BUTTON_LEFT;
          e.button.state = s.op == "mouse-down" ? SDL_PRESSED : SDL_RELEASED;
          e.button.clicks = 1;
          e.button.x = static_cast<int>(x);
          e.button.y = static_cast<int>(y);
        }
        host.script_push(e);
      } else {
        std::fprintf(stderr, "moonrave: script: %s needs X Y, got '%s'\n", s.op.c_str(), s.arg.c_str());
      }
      wait_frames_ = 1;
    } else if (s.op == "wait") {
      wait_frames_ = std::max(0, std::atoi(s.arg.c_str()));
    } else if (s.op == "sleep") {
      sleep_until_ = now + std::atof(s.arg.c_str()) / 1000.0;
    } else if (s.op == "shot") {
      host.script_shot(s.arg);
    } else if (s.op == "shot-audience") {  // taken when the audience window draws this frame
      host.script_shot_audience(s.arg);
      wait_frames_ = 1;
    } else if (s.op == "report") {
      host.script_report(s.arg);
    } else if (s.op == "crash") {  // leave as a crash would: no clean-up, the autosave marker stays
      std::fflush(nullptr);
      std::_Exit(0);
    } else if (s.op == "quit") {
      host.script_quit();
      steps_.clear();
      return;
    } else {
      std::fprintf(stderr, "moonrave: script: unknown step '%s'\n", s.op.c_str());
    }
  }
}

}  // namespace mr::ui
