// The stage's windows and frames: one GL 3.3 core context shared by the performer's window and
// the audience's; the visuals render once a frame into an off-screen target that each window
// blits as its background; each window has its own ImGui context on top.
#include <GL/glew.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/audio_analysis.hpp"
#include "pattern/hap.hpp"
#include "suggest/engine.hpp"
#include "ui/stage_internal.hpp"

namespace mr::ui {

namespace fs = std::filesystem;

Stage::Stage(const StageOptions& o) : o_(o) {
  theme_ = &theme_by_name(o_.config.editor.theme);
  font_pt_ = static_cast<float>(o_.config.editor.font_size);
  std::string err;
  if (!keymap_.apply(o_.config.editor.keys, err)) set_message("config: " + err, true);
  help_.set_data_dir(o_.data_dir);
}

Stage::~Stage() {
  suggest_.reset();
  session_.reset();
  close_audience();
  perf_.close_imgui();
  visuals_.reset();
  if (gl_) SDL_GL_DeleteContext(gl_);
  perf_.destroy();
  SDL_Quit();
}

double Stage::clock_sec() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double Stage::now() const {
  return static_cast<double>(SDL_GetPerformanceCounter() - start_ticks_) / static_cast<double>(SDL_GetPerformanceFrequency());
}

bool Stage::open_performer(std::string& error) {
  SDL_SetHint(SDL_HINT_VIDEO_HIGHDPI_DISABLED, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    error = std::string("cannot open a window: ") + SDL_GetError();
    return false;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_SHARE_WITH_CURRENT_CONTEXT, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  if (o_.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  if (!perf_.create("moonrave", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o_.width, o_.height, flags, error)) return false;
  perf_.fullscreen = o_.fullscreen;
  gl_ = SDL_GL_CreateContext(perf_.window);
  if (!gl_) {
    error = std::string("cannot create an OpenGL 3.3 core context: ") + SDL_GetError();
    return false;
  }
  SDL_GL_MakeCurrent(perf_.window, gl_);
  SDL_GL_SetSwapInterval(1);
  visuals_ = std::make_unique<VisualsHost>(
      VisualsHostOptions{o_.config.visuals.resolution_scale, o_.config.visuals.gpu_budget_ms});  // initialises GLEW

  // Text size follows the display's density: 96 dpi is 1.
  float ddpi = 0, hdpi = 0, vdpi = 0;
  if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(perf_.window), &ddpi, &hdpi, &vdpi) == 0 && hdpi > 0)
    dpi_scale_ = std::clamp(hdpi / 96.0f, 1.0f, 3.0f);
  init_imgui(perf_, 1.0f);
  SDL_StartTextInput();
  return true;
}

void Stage::init_imgui(StageWindow& w, float font_scale) {
  w.init_imgui(gl_, *theme_, dpi_scale_);
  build_fonts(w, font_scale);
}

void Stage::build_fonts(StageWindow& w, float font_scale) {
  // The code's size follows the room: editor.font_size (22 by default) is the size at which 33
  // lines of code fill the window's height, whatever its resolution; Ctrl+= and Ctrl+- scale from
  // there. The performer's window keeps room for its tab row and status line, the audience's for
  // its margins.
  int ww = 0, wh = 0;
  SDL_GetWindowSize(w.window, &ww, &wh);
  const bool audience = &w == &aud_;
  const float bars = audience ? 48.0f * dpi_scale_ : 2.0f * std::round(std::round(15.0f * dpi_scale_) * 1.7f);
  const float room = std::max(100.0f, static_cast<float>(wh) - bars);
  const float fit_px = room / (kRoomLines * 1.32f);
  w.build_fonts(o_.font_path, std::max(8.0f, fit_px * (font_pt_ / 22.0f) * font_scale * theme_->font_scale), dpi_scale_);
  (audience ? aud_font_h_ : perf_font_h_) = wh;
}

bool Stage::open_audience(std::string& error) {
  if (aud_.window) return true;
  // On a second display when there is one, fullscreen there.
  const int displays = SDL_GetNumVideoDisplays();
  const int di = displays > 1 ? 1 : 0;
  SDL_Rect r{};
  SDL_GetDisplayBounds(di, &r);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  if (displays > 1) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  if (!aud_.create("moonrave: audience", SDL_WINDOWPOS_CENTERED_DISPLAY(di), SDL_WINDOWPOS_CENTERED_DISPLAY(di),
                   std::min(o_.width, r.w > 0 ? r.w : o_.width), std::min(o_.height, r.h > 0 ? r.h : o_.height), flags, error))
    return false;
  aud_.fullscreen = displays > 1;
  SDL_GL_MakeCurrent(aud_.window, gl_);
  init_imgui(aud_, 1.0f);
  SDL_GL_MakeCurrent(perf_.window, gl_);
  SDL_RaiseWindow(perf_.window);
  return true;
}

void Stage::close_audience() {
  if (!aud_.window) return;
  SDL_GL_MakeCurrent(aud_.window, gl_);
  aud_.destroy();
  if (perf_.window) SDL_GL_MakeCurrent(perf_.window, gl_);
  if (perf_.imgui) ImGui::SetCurrentContext(perf_.imgui);
}

void Stage::update_visuals(double dt) {
  // Audio analysis and pattern-driven uniforms, then one frame of the shader.
  static AudioAnalysis analysis;  // large: kept off the stack
  if (session_->read_analysis(analysis)) {
    visuals_->set_audio(analysis);
    waveform_ = analysis.waveform;
  }
  session_->uniforms(clock_sec(), uniforms_);
  visuals_->set_uniforms(uniforms_);
  gfx::FrameInfo fi;
  fi.time = now();
  fi.delta = dt;
  fi.frame = frame_;
  fi.cycle = status_.cycle;
  fi.cps = status_.cps;
  visuals_->render(fi, perf_.fb_w, perf_.fb_h);
  std::string wd = visuals_->take_watchdog_message();
  if (!wd.empty()) set_message(wd, true);
}

void Stage::render_frame() {
  const double t = now();
  const double dt = std::clamp(t - last_frame_, 1e-4, 0.25);
  last_frame_ = t;
  status_ = session_->status();

  SDL_GL_MakeCurrent(perf_.window, gl_);
  perf_.update_size();
  if (perf_.h != perf_font_h_ || (aud_.window && aud_.h != aud_font_h_ && aud_.h > 0)) fonts_dirty_ = true;  // the room changed
  if (fonts_dirty_) {
    build_fonts(perf_, 1.0f);
    if (aud_.window) {
      SDL_GL_MakeCurrent(aud_.window, gl_);
      build_fonts(aud_, 1.0f);
      SDL_GL_MakeCurrent(perf_.window, gl_);
    }
    fonts_dirty_ = false;
  }
  update_visuals(dt);
  perf_.blit(visuals_->target(), visuals_->target_w(), visuals_->target_h());

  // Measured runs (tests, the benchmark) time the overlay alone: the visuals are finished first.
  const bool measure = !o_.script.empty() || !o_.report.empty();
  if (measure) glFinish();
  const auto ui_start = std::chrono::steady_clock::now();
  perf_.begin_frame();
  draw_performer();
  const auto ui_built = std::chrono::steady_clock::now();
  perf_.end_frame();
  if (measure) {
    glFinish();
    const auto ui_end = std::chrono::steady_clock::now();
    ui_ms_ = std::chrono::duration<double, std::milli>(ui_end - ui_start).count();
    const double cpu_ms = std::chrono::duration<double, std::milli>(ui_built - ui_start).count();
    if (frame_ >= 3) {  // the first frames build fonts and shaders
      ui_ms_sum_ += ui_ms_;
      ui_ms_max_ = std::max(ui_ms_max_, ui_ms_);
      ui_cpu_ms_sum_ += cpu_ms;
    }
  }
  if (script_.loaded()) {  // may take a screenshot of this frame before it is shown
    script_.tick(now(), !pending_evals_.empty(), *this);
    if (script_.finished() && o_.screenshot.empty()) running_ = false;
  }
  if (!o_.screenshot.empty() && o_.frames > 0 && frame_ + 1 >= o_.frames && script_.remaining() == 0) {
    screenshot(o_.screenshot);
    running_ = false;
  }
  SDL_GL_SwapWindow(perf_.window);

  if (aud_.window) {
    SDL_GL_MakeCurrent(aud_.window, gl_);
    aud_.update_size();
    aud_.blit(visuals_->target(), visuals_->target_w(), visuals_->target_h());
    aud_.begin_frame();
    draw_audience();
    aud_.end_frame();
    if (!audience_shot_.empty()) {
      aud_.screenshot(audience_shot_);
      audience_shot_.clear();
    }
    SDL_GL_SwapWindow(aud_.window);
    SDL_GL_MakeCurrent(perf_.window, gl_);
    ImGui::SetCurrentContext(perf_.imgui);
  }
  ++frame_;
  frame_ms_ = (now() - t) * 1000.0;
}

std::vector<LineError> Doc::errors_now() const {
  std::vector<LineError> out;
  for (const LineError& e : errors) {
    LineError m = e;
    if (!buf.map_line(errors_revision, m.line)) continue;
    m.line = std::clamp(m.line, 0, buf.line_count() - 1);
    if (m.begin >= 0 && !buf.map_range(errors_revision, m.begin, m.end)) m.begin = m.end = -1;
    out.push_back(std::move(m));
  }
  return out;
}

Stage::MarkedDrawn Stage::draw_marked(ImDrawList* dl, const EditorView& view, const Doc& d, const ScreenRect& area,
                                      bool behind, float alpha) {
  MarkedDrawn n;
  if (draw_events_.empty()) return n;
  // Behind the code: every slot's marked events. Inline: those whose code is in this buffer, by
  // the line of their last atom (mapped through the edits since), right of that line's text.
  std::vector<const runtime::DrawEvent*> roll;
  bool scope = false;
  std::map<int, std::pair<std::vector<const runtime::DrawEvent*>, bool>> lines;  // line -> roll events, scope
  for (const runtime::DrawEvent& e : draw_events_) {
    const bool inl = e.marks & pattern::kDrawInline;
    if (!inl && behind) {
      if (e.marks & pattern::kDrawRoll) roll.push_back(&e);
      if (e.marks & pattern::kDrawScope) scope = scope || e.end > -2.0;
    } else if (inl && !behind && e.buffer == d.name && e.source_end > 0) {
      int64_t b = e.source_end - 1, en = e.source_end;
      if (!d.buf.map_range(e.revision, b, en)) continue;
      auto& [evs, sc] = lines[d.buf.pos_of(b).line];
      if (e.marks & pattern::kDrawRoll) evs.push_back(&e);
      if (e.marks & pattern::kDrawScope) sc = sc || e.end > -2.0;
    }
  }
  RollOptions ro;
  ro.alpha = alpha;
  if (behind) {
    ro.min_rows = 36;  // three octaves over the whole code area: boxes about a line high
    if (!roll.empty()) n.roll = draw_roll(dl, area, roll, *theme_, ro);
    if (scope) {
      const float h = (area.y1 - area.y0) * 0.3f, mid = (area.y0 + area.y1) * 0.5f;
      n.scope = draw_scope(dl, {area.x0, mid - h * 0.5f, area.x1, mid + h * 0.5f}, waveform_.data(),
                           static_cast<int>(waveform_.size()), *theme_, alpha);
    }
    return n;
  }
  for (const auto& [li, what] : lines) {
    if (li < view.top_line() || li > view.last_line()) continue;
    const std::string& l = d.buf.line(li);
    const float x0 = view.col_x(l, static_cast<int>(l.size())) + view.char_width() * 2;
    const float y0 = view.line_y(li) - view.line_height() * 0.1f;
    const ScreenRect strip{x0, y0, std::min(area.x1, x0 + std::max(view.char_width() * 24, (area.x1 - x0) * 0.6f)),
                           y0 + view.line_height() * 0.9f};
    if (strip.x1 - strip.x0 < view.char_width() * 8) continue;  // no room right of a long line
    ImDrawList* fg = dl;
    fg->AddRectFilled(ImVec2(strip.x0, strip.y0), ImVec2(strip.x1, strip.y1),
                      ImGui::ColorConvertFloat4ToU32(ImVec4(theme_->backdrop.r, theme_->backdrop.g, theme_->backdrop.b, 0.55f)), 3.0f);
    if (!what.first.empty()) n.roll += draw_roll(fg, strip, what.first, *theme_, ro);
    if (what.second)
      n.scope += draw_scope(fg, strip, waveform_.data(), static_cast<int>(waveform_.size()), *theme_, alpha);
    ++n.inline_views;
  }
  return n;
}

namespace {

// The editor's decorations for one doc: sounding atoms, errors, flash, ghost text.
EditorDecor decor_for(const Doc& d, const std::vector<runtime::ActiveSpan>& spans, double t) {
  EditorDecor dec;
  dec.errors = d.errors_now();
  const double since = t - d.flash_at;
  if (since < 0.45) {
    dec.flash = d.flash;
    dec.flash_alpha = static_cast<float>(1.0 - since / 0.45);
  }
  // A sounding atom's span indexes the text its evaluation saw: it is mapped through the edits
  // made since, and dropped where its text was deleted.
  for (const auto& s : spans) {
    if (s.buffer != d.name) continue;
    int64_t begin = s.begin, end = s.end;
    if (d.buf.map_range(s.revision, begin, end))
      dec.active.push_back({begin, end, s.intensity});
  }
  return dec;
}

}  // namespace

void Stage::draw_performer() {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const double t = now();
  session_->active_spans(clock_sec(), spans_);
  const float status_h = std::round(perf_.ui_font->FontSize * perf_.ui_font->Scale * 1.7f);
  const float tabs_h = status_h;
  const bool pane = suggest_ && !doc().is_glsl() && code_visible_ && prompt_ == Prompt::None && !help_.is_open();

  spans_drawn_ = 0;
  suggest_pane_ = {};
  session_->draw_events(clock_sec(), 4.0 / std::max(0.05, status_.cps), draw_events_);
  marked_drawn_ = {};
  if (code_visible_) {
    Doc& d = doc();
    EditorDecor dec = decor_for(d, spans_, t);
    spans_drawn_ = static_cast<int>(dec.active.size());
    if (!o_.script.empty()) {  // what the marks are on, for the test script's report
      const std::string text = d.buf.text();
      for (const ByteHighlight& h : dec.active) {
        if (h.begin < 0 || h.end > static_cast<int64_t>(text.size()) || h.end <= h.begin) continue;
        std::string on = text.substr(static_cast<size_t>(h.begin), static_cast<size_t>(h.end - h.begin));
        if (std::find(spans_seen_.begin(), spans_seen_.end(), on) == spans_seen_.end() && spans_seen_.size() < 64)
          spans_seen_.push_back(std::move(on));
      }
    }
    if (suggest_ && !d.is_glsl() && prompt_ == Prompt::None) dec.ghost = suggest_->ghost();
    // The cursor blinks, but stays on while typing.
    dec.show_cursor = std::fmod(t - d.edited_at, 1.0) < 0.6 || t - d.edited_at < 1.0;
    EditorLayout lay;
    lay.x = 0;
    lay.y = tabs_h;
    lay.width = static_cast<float>(perf_.w);
    lay.height = perf_.h - tabs_h - status_h;
    lay.font_px = perf_.code_font->FontSize * perf_.code_font->Scale;
    lay.backdrop = static_cast<float>(o_.config.editor.backdrop);
    // Under the help pane the code is hidden anyway: not drawing it roughly halves the pane's
    // cost with a software renderer (llvmpipe at 1920x1080).
    if (!help_.is_open()) {
      // The piano roll and the scope behind the code, the inline ones right of their lines.
      const ScreenRect area{0, tabs_h, static_cast<float>(perf_.w), perf_.h - status_h};
      const MarkedDrawn back = draw_marked(dl, view_, d, area, true, 0.55f);
      view_.draw(dl, perf_.code_font, lay, d.buf, *theme_, dec);
      const MarkedDrawn front = draw_marked(dl, view_, d, area, false, 1.0f);
      layout_sliders(view_, d, static_cast<float>(perf_.w), slider_widgets_);
      draw_sliders(dl, slider_widgets_);
      marked_drawn_ = {back.roll + front.roll, back.scope + front.scope, front.inline_views};
      marked_max_.roll = std::max(marked_max_.roll, marked_drawn_.roll);
      marked_max_.scope = std::max(marked_max_.scope, marked_drawn_.scope);
      marked_max_.inline_views = std::max(marked_max_.inline_views, marked_drawn_.inline_views);
    }
    draw_tabs();
    if (pane) draw_suggestions();
  }
  max_spans_drawn_ = std::max(max_spans_drawn_, spans_drawn_);
  draw_status_line();
  if (help_.is_open()) {
    HelpView hv;
    hv.keymap = &keymap_;
    hv.theme = theme_;
    hv.ui_font = perf_.ui_font;
    hv.pane_font = perf_.pane_font;
    hv.code_font = perf_.code_font;
    hv.width = static_cast<float>(perf_.w);
    hv.height = static_cast<float>(perf_.h);
    hv.dpi_scale = dpi_scale_;
    hv.now = t;
    help_.draw(hv);
    run_help_requests();
  }
  if (prompt_ != Prompt::None) draw_prompt();
}

void Stage::draw_audience() {
  if (!code_visible_) return;
  // Projection: larger text, always outlined, no line numbers, cursor or suggestions.
  Theme th = *theme_;
  th.text_outline = std::max(th.text_outline, 0.7f);
  Doc& d = doc();
  EditorDecor dec = decor_for(d, spans_, now());
  dec.line_numbers = false;
  dec.show_cursor = false;
  EditorLayout lay;
  lay.x = 24.0f * dpi_scale_;
  lay.y = 24.0f * dpi_scale_;
  lay.width = aud_.w - lay.x * 2;
  lay.height = aud_.h - lay.y * 2;
  lay.font_px = aud_.code_font->FontSize * aud_.code_font->Scale;
  // The audience sees every line whole: the text shrinks (to 60% at most) to fit the longest.
  float longest = 0;
  for (int i = 0; i < d.buf.line_count(); ++i)
    longest = std::max(longest, aud_.code_font->CalcTextSizeA(lay.font_px, FLT_MAX, 0.0f, d.buf.line(i).c_str()).x);
  if (longest > lay.width * 0.97f) lay.font_px = std::floor(lay.font_px * std::max(0.6f, lay.width * 0.97f / longest));
  lay.backdrop = std::max(0.6f, static_cast<float>(o_.config.editor.backdrop));
  const ScreenRect area{0, 0, static_cast<float>(aud_.w), static_cast<float>(aud_.h)};
  draw_marked(ImGui::GetBackgroundDrawList(), aud_view_, d, area, true, 0.55f);
  aud_view_.draw(ImGui::GetBackgroundDrawList(), aud_.code_font, lay, d.buf, th, dec);
  draw_marked(ImGui::GetBackgroundDrawList(), aud_view_, d, area, false, 1.0f);
  std::vector<SliderWidget> shown;  // the audience sees the sliders move, and cannot touch them
  layout_sliders(aud_view_, d, area.x1, shown);
  draw_sliders(ImGui::GetBackgroundDrawList(), shown);
}

int Stage::run() {
  start_ticks_ = SDL_GetPerformanceCounter();
  std::string error;
  if (!open_performer(error)) {
    std::fprintf(stderr, "moonrave: %s\n", error.c_str());
    return 3;
  }
  session_ = std::make_unique<runtime::Session>(o_.config);
  if (o_.suggest) suggest_ = std::make_unique<suggest::Controller>(o_.suggest);
  if (!o_.state_dir.empty()) {
    autosave_ = std::make_unique<Autosave>(fs::path(o_.state_dir) / "autosave");
    std::ifstream in(fs::path(o_.state_dir) / "recent.txt");
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) recent_.push_back(line);
  }

  // The set: FILE.lua, then FILE.glsl beside it (or the built-in shader).
  if (!load_doc(o_.lua_path, true)) {
    auto d = std::make_unique<Doc>();
    d->path = o_.lua_path;
    d->name = fs::path(o_.lua_path).stem().string();
    if (d->name.empty()) d->name = "scratch";
    docs_.push_back(std::move(d));
  }
  if (!load_doc(o_.shader_path, false)) {
    auto d = std::make_unique<Doc>();
    d->path = o_.shader_path;
    d->name = o_.shader_path.empty() ? "visuals" : fs::path(o_.shader_path).stem().string();
    d->buf = TextBuffer(o_.default_shader, Language::Glsl);
    docs_.push_back(std::move(d));
  }
  current_ = 0;
  if (autosave_) restore_autosaves();
  for (auto& d : docs_)
    if (d->is_glsl()) compile_shader(*d, /*wait=*/true);
  if (!o_.script.empty() && !script_.load(o_.script, error)) {
    std::fprintf(stderr, "moonrave: %s\n", error.c_str());
    return 2;
  }
  if (o_.audience && !open_audience(error)) set_message(error, true);
  if (o_.eval_on_start) evaluate(true);
  if (suggest_) after_edit(false);

  if (const char* slow = std::getenv("MR_TEST_FRAME_DELAY_MS")) frame_delay_ms_ = std::clamp(std::atoi(slow), 0, 2000);
  while (running_) {
    if (frame_delay_ms_ > 0) SDL_Delay(static_cast<Uint32>(frame_delay_ms_));  // a slow frame: events pile up
    SDL_Event e;
    while (SDL_PollEvent(&e)) handle_event(e);
    poll_results();
    if (suggest_ && !doc().is_glsl()) suggest_->update(now() * 1000.0);
    for (auto& d : docs_)  // GLSL recompiles 0.4 s after typing pauses
      if (d->is_glsl() && d->compiled_version != d->buf.version() && now() - d->edited_at > 0.4) compile_shader(*d);
    poll_shader();
    autosave_tick();
    render_frame();
    // Without vsync (a virtual display), keep to about 60 frames a second.
    if (frame_ms_ < 8.0 && o_.frames == 0 && o_.script.empty()) SDL_Delay(static_cast<Uint32>(16.0 - frame_ms_));
  }
  if (!o_.report.empty()) write_report(o_.report);
  if (recording_) session_->stop_recording();
  autosave_tick(true);
  if (autosave_) autosave_->end();
  return 0;
}

int run_stage(const StageOptions& options) {
  Stage stage(options);
  return stage.run();
}

}  // namespace mr::ui
