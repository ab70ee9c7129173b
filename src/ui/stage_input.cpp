// The stage's input and actions: key chords through the keymap, plain editing keys, typing,
// evaluation through the session, shader recompiles, files, autosave and recording.
#include <imgui.h>
#include <backends/imgui_impl_sdl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "strudel/strudel.hpp"
#include "ui/stage_internal.hpp"

namespace mr::ui {

namespace fs = std::filesystem;

namespace {

Language language_of(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".glsl" || ext == ".frag" || ext == ".fs" || ext == ".vert") return Language::Glsl;
  if (ext == ".lua") return Language::Lua;
  if (ext == ".js" || ext == ".mjs" || ext == ".strudel") return Language::Strudel;
  return Language::Plain;
}

bool read_text(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

TextRange whole_range(const TextBuffer& b) {
  const int last = b.line_count() - 1;
  return {{0, 0}, {last, static_cast<int>(b.line(last).size())}};
}

// True when every non-blank line of `code` is a comment (Lua's -- or JavaScript's //).
bool only_comments(const std::string& code) {
  std::istringstream in(code);
  for (std::string line; std::getline(in, line);) {
    const size_t i = line.find_first_not_of(" \t\r");
    if (i == std::string::npos) continue;
    if (line.compare(i, 2, "--") != 0 && line.compare(i, 2, "//") != 0) return false;
  }
  return true;
}

unsigned mods_of(Uint16 m) {
  unsigned out = 0;
  if (m & (KMOD_CTRL | KMOD_GUI)) out |= kCtrl;
  if (m & KMOD_SHIFT) out |= kShift;
  if (m & KMOD_ALT) out |= kAlt;
  return out;
}

std::string timestamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

}  // namespace

void Stage::set_message(std::string m, bool error) {
  message_ = std::move(m);
  message_error_ = error;
  message_at_ = start_ticks_ ? now() : 0.0;
}

// [SECTION] events

void Stage::handle_event(const SDL_Event& e) {
  const Uint32 aud_id = aud_.window ? SDL_GetWindowID(aud_.window) : 0;
  Uint32 wid = 0;
  switch (e.type) {
    case SDL_KEYDOWN: case SDL_KEYUP: wid = e.key.windowID; break;
    case SDL_TEXTINPUT: wid = e.text.windowID; break;
    case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP: wid = e.button.windowID; break;
    case SDL_MOUSEMOTION: wid = e.motion.windowID; break;
    case SDL_MOUSEWHEEL: wid = e.wheel.windowID; break;
    case SDL_WINDOWEVENT: wid = e.window.windowID; break;
    default: break;
  }
  const bool for_audience = aud_id != 0 && wid == aud_id;
  // A chord with Ctrl, Alt or Super is an action, never text: the text event that some systems
  // send after its key-down is dropped, for the editor and the prompts alike. Judged from the
  // key-down's own modifiers, never from the state when the text event is handled (on a slow
  // frame the modifier has been released by then).
  if (e.type == SDL_KEYDOWN) chord_down_ = (e.key.keysym.mod & (KMOD_CTRL | KMOD_LALT | KMOD_GUI)) != 0;
  if (e.type == SDL_KEYUP) chord_down_ = false;  // the text of a key comes before its release
  if (e.type == SDL_TEXTINPUT && chord_down_) {
    chord_down_ = false;
    return;
  }
  ImGui::SetCurrentContext(for_audience ? aud_.imgui : perf_.imgui);
  ImGui_ImplSDL2_ProcessEvent(&e);
  ImGui::SetCurrentContext(perf_.imgui);

  switch (e.type) {
    case SDL_QUIT: request_quit(); break;
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_CLOSE) {
        if (for_audience) close_audience();
        else request_quit();
      }
      break;
    case SDL_KEYDOWN: on_key(e.key); break;
    case SDL_TEXTINPUT:
      if (prompt_ == Prompt::None && help_.is_open()) {
        help_.text(e.text.text, now());
        run_help_requests();
      } else if (prompt_ == Prompt::None && !help_.is_open()) {
        on_text(e.text.text);
      }
      break;
    case SDL_MOUSEBUTTONDOWN:
      if (!for_audience && prompt_ == Prompt::None && code_visible_ && e.button.button == SDL_BUTTON_LEFT) {
        // A slider's track (a little taller than drawn, for the hand) takes the press.
        const float mx = static_cast<float>(e.button.x), my = static_cast<float>(e.button.y);
        for (const SliderWidget& w : slider_widgets_) {
          const float pad = (w.track.y1 - w.track.y0) * 1.5f;
          if (mx >= w.track.x0 - pad && mx <= w.track.x1 + pad && my >= w.track.y0 - pad && my <= w.track.y1 + pad) {
            dragging_slider_ = w.info.id;
            session_->set_slider(w.info.id, slider_value_at(w, mx));
            break;
          }
        }
        if (!dragging_slider_.empty()) break;
      }
      if (!for_audience && prompt_ == Prompt::None && code_visible_ && e.button.button == SDL_BUTTON_LEFT &&
          !ImGui::GetIO().WantCaptureMouse) {
        const bool extend = (SDL_GetModState() & KMOD_SHIFT) != 0;
        doc().buf.set_cursor(view_.hit(doc().buf, static_cast<float>(e.button.x), static_cast<float>(e.button.y)), extend);
        after_edit(false);
      }
      break;
    case SDL_MOUSEBUTTONUP:
      if (!dragging_slider_.empty()) {
        for (const SliderWidget& w : slider_widgets_)
          if (w.info.id == dragging_slider_) write_slider_value(w, slider_value_at(w, static_cast<float>(e.button.x)));
        dragging_slider_.clear();
      }
      break;
    case SDL_MOUSEMOTION:
      if (!dragging_slider_.empty()) {
        for (const SliderWidget& w : slider_widgets_)
          if (w.info.id == dragging_slider_) session_->set_slider(w.info.id, slider_value_at(w, static_cast<float>(e.motion.x)));
        break;
      }
      if (!for_audience && prompt_ == Prompt::None && code_visible_ && (e.motion.state & SDL_BUTTON_LMASK) &&
          !ImGui::GetIO().WantCaptureMouse) {
        doc().buf.set_cursor(view_.hit(doc().buf, static_cast<float>(e.motion.x), static_cast<float>(e.motion.y)), true);
      }
      break;
    case SDL_MOUSEWHEEL:
      if (!for_audience && prompt_ == Prompt::None && !ImGui::GetIO().WantCaptureMouse) {
        if (e.wheel.y > 0) doc().buf.move_up(false, 3 * e.wheel.y);
        if (e.wheel.y < 0) doc().buf.move_down(false, -3 * e.wheel.y);
      }
      break;
    default: break;
  }
}

void Stage::on_key(const SDL_KeyboardEvent& k) {
  int sym = k.keysym.sym;
  if (sym == SDLK_KP_ENTER) sym = SDLK_RETURN;
  const unsigned mods = mods_of(k.keysym.mod);

  if (prompt_ == Prompt::Quit) {
    if (sym == SDLK_s) {
      for (auto& d : docs_)
        if (d->buf.modified() && !d->path.empty()) save_doc(*d, d->path);
      running_ = false;
    } else if (sym == SDLK_q || sym == SDLK_d) {
      running_ = false;
    } else if (sym == SDLK_ESCAPE || sym == SDLK_c) {
      prompt_ = Prompt::None;
    }
    return;
  }
  if (prompt_ != Prompt::None) {  // the prompt's text field has the keyboard
    if (sym == SDLK_ESCAPE) prompt_ = Prompt::None;
    return;
  }
  if (help_.is_open()) {  // the help pane has the keyboard while it is open
    const Chord c{mods, sym};
    const bool taken = help_.key(c, keymap_.match(c), now());
    run_help_requests();
    if (taken) return;
  }

  // Suggestions first: Tab takes the whole suggestion, Ctrl-Right its first word, Esc drops it.
  if (suggest_ && !doc().is_glsl() && !suggest_->ghost().empty()) {
    std::string accepted;
    if (sym == SDLK_TAB && mods == 0) accepted = suggest_->accept();
    else if (sym == SDLK_RIGHT && mods == kCtrl) accepted = suggest_->accept_word();
    else if (sym == SDLK_ESCAPE && mods == 0) {
      suggest_->dismiss();
      return;
    }
    if (!accepted.empty()) {
      doc().buf.insert(accepted);
      after_edit(true);
      return;
    }
  }

  Chord c{mods, sym};
  auto action = keymap_.match(c);
  if (!action && (mods & kCtrl)) {
    // The keypad's and the shifted plus and minus change the size too.
    if (sym == SDLK_KP_PLUS || sym == SDLK_PLUS || (sym == SDLK_EQUALS && (mods & kShift))) action = Action::FontBigger;
    if (sym == SDLK_KP_MINUS) action = Action::FontSmaller;
  }
  if (action) {
    do_action(*action);
    return;
  }
  if (code_visible_ && edit_key(k)) return;
}

bool Stage::edit_key(const SDL_KeyboardEvent& k) {
  TextBuffer& b = doc().buf;
  const bool shift = (k.keysym.mod & KMOD_SHIFT) != 0;
  const bool ctrl = (k.keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0;
  bool changed = false;
  switch (k.keysym.sym) {
    case SDLK_LEFT: b.move_left(shift, ctrl); break;
    case SDLK_RIGHT: b.move_right(shift, ctrl); break;
    case SDLK_UP: b.move_up(shift); break;
    case SDLK_DOWN: b.move_down(shift); break;
    case SDLK_HOME: ctrl ? b.move_doc_start(shift) : b.move_home(shift); break;
    case SDLK_END: ctrl ? b.move_doc_end(shift) : b.move_end(shift); break;
    case SDLK_PAGEUP: b.move_up(shift, std::max(1, view_.visible_lines() - 2)); break;
    case SDLK_PAGEDOWN: b.move_down(shift, std::max(1, view_.visible_lines() - 2)); break;
    case SDLK_BACKSPACE: b.backspace(); changed = true; break;
    case SDLK_DELETE: b.delete_forward(); changed = true; break;
    case SDLK_RETURN: case SDLK_KP_ENTER:
      if (ctrl) return false;
      b.newline();
      changed = true;
      break;
    case SDLK_TAB:
      if (ctrl) return false;
      shift ? b.outdent() : b.indent();
      changed = true;
      break;
    case SDLK_ESCAPE:
      if (b.has_selection()) b.set_cursor(b.cursor());
      break;
    default: return false;
  }
  after_edit(changed);
  return true;
}

void Stage::on_text(const char* text) {
  if (!code_visible_) return;
  TextBuffer& b = doc().buf;
  const std::string s(text);
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    n = std::min(n, s.size() - i);
    b.type_char(std::string_view(s).substr(i, n));
    i += n;
  }
  after_edit(true);
}

void Stage::after_edit(bool text_changed) {
  Doc& d = doc();
  d.edited_at = now();
  (void)text_changed;
  if (suggest_ && !d.is_glsl()) suggest_->on_edit(d.buf.text(), static_cast<size_t>(d.buf.offset_of(d.buf.cursor())), now() * 1000.0);
}

// [SECTION] actions

void Stage::do_action(Action a) {
  TextBuffer& b = doc().buf;
  switch (a) {
    case Action::EvaluateBlock: evaluate(false); break;
    case Action::EvaluateBuffer: evaluate(true); break;
    case Action::Hush:
      session_->hush();
      set_message("hush");
      break;
    case Action::Panic:
      session_->hush();
      visuals_->fade_to_black(1.5);
      set_message("panic: hush, visuals fading to black (evaluate to bring them back)");
      break;
    case Action::ToggleCode: code_visible_ = !code_visible_; break;
    case Action::Fullscreen:
      perf_.fullscreen = !perf_.fullscreen;
      SDL_SetWindowFullscreen(perf_.window, perf_.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
      break;
    case Action::FontBigger:
      font_pt_ = std::min(96.0f, font_pt_ + 2.0f);
      fonts_dirty_ = true;
      break;
    case Action::FontSmaller:
      font_pt_ = std::max(10.0f, font_pt_ - 2.0f);
      fonts_dirty_ = true;
      break;
    case Action::NextBuffer:
    case Action::PrevBuffer: {
      const int n = static_cast<int>(docs_.size());
      current_ = (current_ + (a == Action::NextBuffer ? 1 : n - 1)) % n;
      after_edit(false);
      break;
    }
    case Action::Save:
      if (doc().path.empty()) {
        prompt_ = Prompt::SaveAs;
        prompt_focus_ = true;
        prompt_buf_[0] = 0;
      } else {
        save_doc(doc(), doc().path);
      }
      break;
    case Action::Open:
      prompt_ = Prompt::Open;
      prompt_focus_ = true;
      std::snprintf(prompt_buf_, sizeof prompt_buf_, "%s", doc().path.empty() ? "" : (fs::path(doc().path).parent_path().string() + "/").c_str());
      break;
    case Action::Record:
      if (!recording_) {
        fs::path dir = fs::path(o_.state_dir.empty() ? "." : o_.state_dir) / "recordings";
        std::error_code ec;
        fs::create_directories(dir, ec);
        record_path_ = (dir / (timestamp() + ".wav")).string();
        if (session_->start_recording(record_path_)) {
          recording_ = true;
          set_message("recording to " + record_path_ + " (performance log: " + session_->log_path() + ")");
        } else {
          set_message("recording is not available: the audio engine did not start", true);
        }
      } else {
        session_->stop_recording();
        recording_ = false;
        set_message("recording saved: " + record_path_);
      }
      break;
    case Action::Help:
      if (help_.is_open()) help_.close();
      else open_help(help_.tab());
      break;
    case Action::Reference:
      if (help_.is_open() && help_.tab() == HelpTab::Reference) {
        help_.close();
        break;
      }
      help_.open_reference(word_at_cursor());
      if (suggest_) suggest_->dismiss();
      break;
    case Action::Examples:
      if (help_.is_open() && help_.tab() == HelpTab::Examples) help_.close();
      else open_help(HelpTab::Examples);
      break;
    case Action::Find:
      prompt_ = Prompt::Find;
      prompt_focus_ = true;
      std::snprintf(prompt_buf_, sizeof prompt_buf_, "%s", b.has_selection() ? b.selected_text().c_str() : find_text_.c_str());
      break;
    case Action::FindNext:
      if (!find_text_.empty() && !b.find(find_text_)) set_message("not found: " + find_text_);
      break;
    case Action::GoToLine:
      prompt_ = Prompt::GoToLine;
      prompt_focus_ = true;
      prompt_buf_[0] = 0;
      break;
    case Action::AudienceWindow:
      if (aud_.window) {
        close_audience();
      } else {
        std::string err;
        if (!open_audience(err)) set_message(err, true);
      }
      break;
    case Action::Undo: b.undo(); after_edit(true); break;
    case Action::Redo: b.redo(); after_edit(true); break;
    case Action::Cut:
      if (b.has_selection()) {
        SDL_SetClipboardText(b.selected_text().c_str());
        b.insert("");
        after_edit(true);
      }
      break;
    case Action::Copy:
      if (b.has_selection()) SDL_SetClipboardText(b.selected_text().c_str());
      break;
    case Action::Paste:
      if (char* t = SDL_GetClipboardText()) {
        // Strudel code pasted into an empty Lua buffer makes it a Strudel buffer, said once.
        const bool was_empty = b.text_in(whole_range(b)).find_first_not_of(" \t\r\n") == std::string::npos;
        if (was_empty && b.language() == Language::Lua && strudel::looks_like_javascript(t)) {
          b.set_language(Language::Strudel);
          set_message("pasted code is Strudel's JavaScript: this buffer now runs as a Strudel program (save it as FILE.js)");
        }
        b.insert(t);
        SDL_free(t);
        after_edit(true);
      }
      break;
    case Action::SelectAll: b.select_all(); break;
    case Action::ToggleComment: b.toggle_comment(); after_edit(true); break;
    case Action::DeleteLine: b.delete_line(); after_edit(true); break;
    case Action::Quit: request_quit(); break;
    case Action::kCount: break;
  }
}

// [SECTION] evaluation

void Stage::evaluate(bool whole_buffer) {
  Doc& d = doc();
  visuals_->fade_to_black(0);  // after a panic, evaluating brings the picture back
  if (d.is_glsl()) {
    d.flash = whole_range(d.buf);
    d.flash_at = now();
    compile_shader(d);
    return;
  }
  // A Strudel buffer is evaluated whole, as strudel.cc's REPL does (its labels replace everything).
  const bool strudel = d.buf.language() == Language::Strudel;
  if (strudel) whole_buffer = true;
  TextRange r = whole_buffer ? whole_range(d.buf) : d.buf.block_at_cursor();
  if (r.empty()) {
    set_message("nothing to evaluate on a blank line: put the cursor in a block");
    return;
  }
  std::string comment_only_note;
  if (!whole_buffer && only_comments(d.buf.text_in(r))) {
    // A block of comments plays nothing. The set's header (its first block) plays the whole set,
    // as a performer pressing Ctrl+Enter on a freshly opened set expects; elsewhere, say why not.
    if (r.begin.line == 0) {
      whole_buffer = true;
      r = whole_range(d.buf);
      comment_only_note = "the cursor is on the set's header: playing the whole buffer";
    } else {
      set_message("line " + std::to_string(d.buf.cursor().line + 1) + " is a comment block: nothing to play (put the cursor on code, or " +
                  chord_name(keymap_.chord_of(Action::EvaluateBuffer)) + " plays the whole buffer)");
      return;
    }
  }
  if (!comment_only_note.empty()) set_message(comment_only_note);
  runtime::EvalRequest req;
  req.buffer = d.name;
  req.code = d.buf.text_in(r);
  req.first_line = r.begin.line + 1;
  req.first_byte = static_cast<int32_t>(d.buf.offset_of(r.begin));
  req.whole_buffer = whole_buffer;
  req.strudel = strudel;
  req.revision = d.buf.version();
  PendingEval p{0, current_, req.revision, req.first_line, req.first_byte, req.code};
  p.id = session_->evaluate(std::move(req));
  pending_evals_.push_back(std::move(p));
  d.flash = r;
  d.flash_at = now();
}

void Stage::poll_results() {
  runtime::EvalResult res;
  while (session_->poll_result(res)) {
    if (res.log) {  // a line of log(): shown, no evaluation's outcome, never over a fresh error
      if (!(message_error_ && now() - message_at_ < kErrorShownSec)) set_message(res.message);
      continue;
    }
    PendingEval from;
    for (size_t i = 0; i < pending_evals_.size(); ++i) {
      if (pending_evals_[i].id != res.id) continue;
      from = std::move(pending_evals_[i]);
      pending_evals_.erase(pending_evals_.begin() + static_cast<long>(i));
      break;
    }
    const int di = from.doc;
    last_eval_message_ = res.message;
    if (res.ok) {
      ++evals_ok_;
      if (di >= 0) docs_[static_cast<size_t>(di)]->errors.clear();
      if (!res.message.empty()) set_message(res.message);
      continue;
    }
    ++evals_failed_;
    if (di < 0) {  // not from the editor (the prelude, a hush): show it in the status line
      set_message(res.message, true);
      continue;
    }
    Doc& d = *docs_[static_cast<size_t>(di)];
    // The error's line is the evaluated text's; the mark follows the edits made since.
    d.errors.clear();
    d.errors_revision = from.revision;
    d.errors.push_back({res.line > 0 ? res.line - 1 : d.flash.begin.line, res.message});
    // Where it points (a column: a mini-notation error's atom), underlined up to the next space.
    if (res.line >= from.first_line && res.column > 0) {
      size_t at = 0;
      for (int l = from.first_line; l < res.line && at != std::string::npos; ++l) {
        at = from.code.find('\n', at);
        if (at != std::string::npos) ++at;
      }
      if (at != std::string::npos) {
        at += static_cast<size_t>(res.column - 1);
        size_t end = at;
        while (end < from.code.size() && end < at + 24 && !std::isspace(static_cast<unsigned char>(from.code[end]))) ++end;
        if (at <= from.code.size()) {
          d.errors[0].begin = from.first_byte + static_cast<int64_t>(at);
          d.errors[0].end = from.first_byte + static_cast<int64_t>(std::max(end, at + 1));
        }
      }
    }
    const std::vector<LineError> now_at = d.errors_now();
    const int line = now_at.empty() ? d.errors[0].line : now_at[0].line;
    std::string where = d.name + ":" + std::to_string(line + 1);
    if (!now_at.empty() && now_at[0].begin >= 0)
      where += ":" + std::to_string(d.buf.pos_of(now_at[0].begin).col + 1);
    set_message(where + ": " + res.message + " (the music goes on)", true);
  }
}

void Stage::compile_shader(Doc& d, bool wait) {
  d.compiled_version = d.buf.version();
  if (wait) {
    show_shader_result(d, visuals_->compile_now(d.buf.text(), d.name + ".glsl"));
    return;
  }
  int tag = -1;
  for (size_t i = 0; i < docs_.size(); ++i)
    if (docs_[i].get() == &d) tag = static_cast<int>(i);
  visuals_->submit(d.buf.text(), d.name + ".glsl", tag, now());
}

void Stage::poll_shader() {
  gfx::CompileResult r;
  int tag = -1;
  if (!visuals_->poll(now(), tag, r)) return;
  if (tag >= 0 && tag < static_cast<int>(docs_.size())) show_shader_result(*docs_[static_cast<size_t>(tag)], r);
}

void Stage::show_shader_result(Doc& d, const gfx::CompileResult& r) {
  d.errors.clear();
  d.errors_revision = d.compiled_version;
  for (const auto& e : r.errors) {
    const int line = std::clamp(e.line > 0 ? e.line - 1 : 0, 0, d.buf.line_count() - 1);
    d.errors.push_back({line, e.message});
  }
  if (!r.ok && !r.errors.empty()) {
    set_message(d.name + ".glsl:" + std::to_string(d.errors[0].line + 1) + ": " + r.errors[0].message + " (the last good shader runs on)", true);
  } else if (!r.ok) {
    set_message(d.name + ".glsl: did not compile (the last good shader runs on)", true);
  }
}

// [SECTION] files

bool Stage::load_doc(const std::string& path, bool make_current) {
  if (path.empty()) return false;
  std::error_code ec;
  const fs::path abs = fs::weakly_canonical(path, ec);
  for (size_t i = 0; i < docs_.size(); ++i) {
    if (!docs_[i]->path.empty() && fs::weakly_canonical(docs_[i]->path, ec) == abs) {
      if (make_current) current_ = static_cast<int>(i);
      return true;
    }
  }
  std::string text;
  if (!read_text(path, text)) return false;
  auto d = std::make_unique<Doc>();
  d->path = path;
  d->name = fs::path(path).stem().string();
  Language lang = language_of(path);
  // A file whose first line is `// strudel` is a Strudel program whatever its name.
  if (lang != Language::Glsl && text.compare(0, 10, "// strudel") == 0) lang = Language::Strudel;
  d->buf = TextBuffer(text, lang);
  d->buf.mark_saved();
  d->autosaved_version = d->buf.version();
  docs_.push_back(std::move(d));
  if (make_current) current_ = static_cast<int>(docs_.size()) - 1;
  add_recent(path);
  return true;
}

bool Stage::save_doc(Doc& d, const std::string& path) {
  std::error_code ec;
  if (fs::path(path).has_parent_path()) fs::create_directories(fs::path(path).parent_path(), ec);
  if (!runtime::write_file_atomic(path, d.buf.text())) {
    set_message("cannot save " + path, true);
    return false;
  }
  d.path = path;
  d.name = fs::path(path).stem().string();
  d.buf.mark_saved();
  add_recent(path);
  set_message("saved " + path);
  return true;
}

void Stage::add_recent(const std::string& path) {
  std::error_code ec;
  const std::string abs = fs::absolute(path, ec).lexically_normal().string();
  recent_.erase(std::remove(recent_.begin(), recent_.end(), abs), recent_.end());
  recent_.insert(recent_.begin(), abs);
  if (recent_.size() > 12) recent_.resize(12);
  if (o_.state_dir.empty()) return;
  std::string text;
  for (const auto& r : recent_) text += r + "\n";
  fs::create_directories(o_.state_dir, ec);
  runtime::write_file_atomic((fs::path(o_.state_dir) / "recent.txt").string(), text);
}

std::string Stage::autosave_name(const Doc& d) const {
  // One file per source file: its name, and a hash of its folder so that sets never collide.
  std::error_code ec;
  const std::string abs = d.path.empty() ? d.name : fs::absolute(d.path, ec).lexically_normal().string();
  char h[24];
  std::snprintf(h, sizeof h, "%08zx", std::hash<std::string>{}(abs) & 0xffffffffu);
  const std::string base = d.path.empty() ? d.name + (d.is_glsl() ? ".glsl" : ".lua") : fs::path(d.path).filename().string();
  return std::string(h) + "-" + base;
}

namespace {

constexpr const char* kManifest = "open-buffers.tsv";  // no buffer's autosave has this name (they have a hash prefix)

const char* language_name(Language l) {
  switch (l) {
    case Language::Glsl: return "glsl";
    case Language::Lua: return "lua";
    case Language::Strudel: return "strudel";
    case Language::Plain: break;
  }
  return "plain";
}

Language language_named(const std::string& n) {
  if (n == "glsl") return Language::Glsl;
  if (n == "lua") return Language::Lua;
  if (n == "strudel") return Language::Strudel;
  return Language::Plain;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == '\t') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

}  // namespace

std::string Stage::autosave_manifest() const {
  // One line a buffer, in tab order: autosave file, absolute path (empty: never saved), name,
  // language, cursor line and column; then which one is current.
  std::string m = "current\t" + std::to_string(current_) + "\n";
  std::error_code ec;
  for (const auto& d : docs_) {
    const std::string abs = d->path.empty() ? "" : fs::absolute(d->path, ec).lexically_normal().string();
    m += autosave_name(*d) + "\t" + abs + "\t" + d->name + "\t" + language_name(d->buf.language()) + "\t" +
         std::to_string(d->buf.cursor().line) + "\t" + std::to_string(d->buf.cursor().col) + "\n";
  }
  return m;
}

void Stage::autosave_tick(bool force) {
  if (!autosave_) return;
  const double t = now();
  for (auto& d : docs_) {
    if (d->autosaved_version == d->buf.version()) continue;
    if (!force && t - d->edited_at < 1.0) continue;  // wait for a pause in typing
    if (autosave_->save(autosave_name(*d), d->buf.text())) d->autosaved_version = d->buf.version();
  }
  // The list of open buffers, however each was opened, so that a crash restores them all.
  if (!force && t - manifest_at_ < 0.5) return;
  std::string m = autosave_manifest();
  if (m != manifest_written_ && autosave_->save(kManifest, m)) manifest_written_ = std::move(m);
  manifest_at_ = t;
}

void Stage::restore_autosaves() {
  const bool crashed = autosave_->begin();
  if (!crashed) return;
  int restored = 0;
  std::vector<bool> done(docs_.size(), false);
  auto restore_text = [&](Doc& d) {
    std::string text;
    if (autosave_->load(autosave_name(d), text) && text != d.buf.text()) {
      d.buf.replace_all(text);  // undoable: Ctrl+Z returns to the file as it was, the cursor stays
      ++restored;
    }
  };
  std::string manifest;
  int current = -1;
  if (autosave_->load(kManifest, manifest)) {
    std::istringstream in(manifest);
    for (std::string line; std::getline(in, line);) {
      const std::vector<std::string> f = split_tabs(line);
      if (f.size() == 2 && f[0] == "current") current = std::atoi(f[1].c_str());
      if (f.size() != 6) continue;
      const std::string& path = f[1];
      const std::string& name = f[2];
      int i = -1;
      if (!path.empty()) {
        i = find_doc(path);
        if (i < 0 && load_doc(path, false)) i = static_cast<int>(docs_.size()) - 1;
      } else {
        for (size_t k = 0; k < docs_.size(); ++k)
          if (docs_[k]->path.empty() && docs_[k]->name == name) i = static_cast<int>(k);
      }
      if (i < 0) {  // a new buffer, or its file is gone: its autosave holds its text
        auto d = std::make_unique<Doc>();
        d->path = path;
        d->name = name;
        d->buf = TextBuffer("", language_named(f[3]));
        docs_.push_back(std::move(d));
        i = static_cast<int>(docs_.size()) - 1;
      }
      done.resize(docs_.size(), false);
      if (done[static_cast<size_t>(i)]) continue;
      done[static_cast<size_t>(i)] = true;
      Doc& d = *docs_[static_cast<size_t>(i)];
      restore_text(d);
      d.buf.set_cursor(d.buf.clamp({std::atoi(f[4].c_str()), std::atoi(f[5].c_str())}));
      d.autosaved_version = d.buf.version();
    }
  }
  for (size_t k = 0; k < docs_.size(); ++k) {  // buffers of this start the list did not have
    if (k < done.size() && done[k]) continue;
    restore_text(*docs_[k]);
    docs_[k]->autosaved_version = docs_[k]->buf.version();
  }
  if (current >= 0 && current < static_cast<int>(docs_.size())) current_ = current;
  if (restored > 0)
    set_message("the last session did not end cleanly: restored " + std::to_string(restored) +
                " buffer(s) from autosave (Ctrl+Z undoes the restore)");
}

void Stage::request_quit() {
  const bool unsaved = std::any_of(docs_.begin(), docs_.end(), [](const auto& d) { return d->buf.modified(); });
  if (unsaved && o_.screenshot.empty()) {
    prompt_ = Prompt::Quit;
  } else {
    running_ = false;
  }
}

}  // namespace mr::ui
