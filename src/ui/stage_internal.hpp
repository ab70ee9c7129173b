// Internal to the stage (stage*.cpp): the Stage class, which keeps the windows, the documents and
// the session, and wires the parts that own their own state: the help pane (help_pane.hpp), the
// test-script driver (script_driver.hpp), the visuals (visuals_host.hpp) and each window
// (stage_window.hpp). No promises to other code.
#pragma once

#include <SDL2/SDL.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/example_index.hpp"
#include "runtime/reference.hpp"
#include "runtime/session.hpp"
#include "suggest/controller.hpp"
#include <array>

#include "ui/autosave.hpp"
#include "ui/editor_view.hpp"
#include "ui/help_pane.hpp"
#include "ui/keymap.hpp"
#include "ui/roll_view.hpp"
#include "ui/script_driver.hpp"
#include "ui/stage_window.hpp"
#include "ui/stage.hpp"
#include "ui/text_buffer.hpp"
#include "ui/theme.hpp"
#include "ui/visuals_host.hpp"

namespace mr::ui {

// One open file: its text, where it is saved, and what is drawn on it.
struct Doc {
  std::string path;  // empty: never saved
  std::string name;  // shown in the tabs and sent as the evaluation's buffer name (file stem)
  TextBuffer buf;
  // The last evaluation's or compile's errors, at lines of the text's version `errors_revision`:
  // errors_now() maps them through the edits made since (a line deleted loses its mark).
  std::vector<LineError> errors;
  uint64_t errors_revision = 0;
  std::vector<LineError> errors_now() const;
  TextRange flash{};
  double flash_at = -10;         // seconds (stage clock) of the last evaluation
  uint64_t autosaved_version = 0;
  double edited_at = 0;          // seconds (stage clock) of the last edit
  uint64_t compiled_version = 0;  // GLSL: the version last sent to the visuals
  bool is_glsl() const { return buf.language() == Language::Glsl; }
};

enum class Prompt { None, Open, SaveAs, Find, GoToLine, Quit };

class Stage : public ScriptHost {
 public:
  explicit Stage(const StageOptions& o);
  ~Stage();
  int run();

  // [SECTION] stage.cpp: windows, fonts, frames
  bool open_performer(std::string& error);
  bool open_audience(std::string& error);
  void close_audience();
  void init_imgui(StageWindow& w, float font_scale);
  void build_fonts(StageWindow& w, float font_scale);
  void render_frame();
  void draw_performer();
  void draw_audience();
  void update_visuals(double dt);
  double now() const;  // seconds since the stage opened
  static double clock_sec();  // the session's clock: steady_clock seconds

  // [SECTION] stage_input.cpp: keys, actions, evaluation, files
  void handle_event(const SDL_Event& e);
  void on_key(const SDL_KeyboardEvent& k);
  void on_text(const char* text);
  void do_action(Action a);
  bool edit_key(const SDL_KeyboardEvent& k);
  void after_edit(bool text_changed);
  void evaluate(bool whole_buffer);
  // Recompiles a GLSL buffer. At start (wait) the shader is in place on return; live edits are
  // submitted and swapped in by poll_shader() once the driver has compiled them in the
  // background, so the running picture never holds a frame for a compile.
  void compile_shader(Doc& d, bool wait = false);
  void poll_shader();
  void show_shader_result(Doc& d, const gfx::CompileResult& r);
  void poll_results();
  bool load_doc(const std::string& path, bool make_current);
  bool save_doc(Doc& d, const std::string& path);
  void autosave_tick(bool force = false);
  void restore_autosaves();
  std::string autosave_name(const Doc& d) const;
  std::string autosave_manifest() const;  // the open buffers: path, name, language, cursor
  std::string manifest_written_;
  double manifest_at_ = -1e9;
  void add_recent(const std::string& path);
  void request_quit();
  void set_message(std::string m, bool error = false);
  Doc& doc() { return *docs_[static_cast<size_t>(current_)]; }

  // [SECTION] stage_panes.cpp: status line, help, suggestions, prompts
  void draw_status_line();
  void draw_tabs();
  void draw_suggestions();
  void draw_prompt();

  // [SECTION] stage_help.cpp: what the help pane's requests do to the buffers
  void open_help(HelpTab tab);
  void run_help_requests();  // after the pane had a key, text or a frame
  // Puts a snippet in a buffer as a block of its own (Lua: the current music buffer; GLSL: a new
  // buffer, compiled at once), the cursor in it; `play` evaluates it too.
  void insert_snippet(const std::string& code, Language lang, bool play);
  void open_example(size_t i);
  std::string word_at_cursor() const;  // the identifier at the cursor (Lua buffers)
  int find_doc(const std::string& path) const;

  // [SECTION] stage_script.cpp: test hooks (the script's steps, screenshots, the report)
  uint32_t script_window_id() override;
  void script_push(const SDL_Event& e) override;
  void script_shot(const std::string& path) override { screenshot(path); }
  void script_shot_audience(const std::string& path) override { audience_shot_ = path; }
  void script_report(const std::string& path) override { write_report(path); }
  void script_quit() override { running_ = false; }
  bool screenshot(const std::string& path);
  void write_report(const std::string& path);

  StageOptions o_;
  const Theme* theme_ = nullptr;
  Keymap keymap_;
  float font_pt_ = 22.0f;  // the configured size; the keys change it
  float dpi_scale_ = 1.0f;
  bool fonts_dirty_ = false;
  std::string hint_line_;   // the keys named in the tab row (the report shows it)
  static constexpr float kRoomLines = 33.0f;  // lines of code the window's height holds at editor.font_size 22
  int perf_font_h_ = 0, aud_font_h_ = 0;  // the window heights the fonts were built for
  bool chord_down_ = false;  // the last key-down was a chord: its text event is not text
  int frame_delay_ms_ = 0;   // MR_TEST_FRAME_DELAY_MS: every frame is this much slower (tests of slow frames)
  StageWindow perf_;
  StageWindow aud_;
  SDL_GLContext gl_ = nullptr;
  std::unique_ptr<VisualsHost> visuals_;
  std::unique_ptr<runtime::Session> session_;
  std::unique_ptr<suggest::Controller> suggest_;
  std::unique_ptr<Autosave> autosave_;
  std::vector<std::unique_ptr<Doc>> docs_;
  int current_ = 0;
  EditorView view_;
  EditorView aud_view_;
  uint64_t start_ticks_ = 0;
  double last_frame_ = 0;
  int64_t frame_ = 0;
  bool running_ = true;
  bool code_visible_ = true;
  HelpPane help_;
  std::string last_insert_;  // the last snippet put in a buffer (for tests)
  bool recording_ = false;
  std::string record_path_;
  Prompt prompt_ = Prompt::None;
  bool prompt_focus_ = false;
  char prompt_buf_[1024] = {};
  std::string find_text_;
  std::vector<std::string> recent_;
  std::string message_;
  std::string docs_line_;  // the docs of the function under the cursor, shown in the tab row
  bool message_error_ = false;
  double message_at_ = -10;
  static constexpr double kErrorShownSec = 12.0;  // an error's time on the status line (a notice: 5)
  // Evaluations in flight: the doc they came from, its text's version and the code evaluated
  // (where an error's line and column fall in it).
  struct PendingEval {
    uint64_t id = 0;
    int doc = -1;
    uint64_t revision = 0;
    int first_line = 1;
    int64_t first_byte = 0;
    std::string code;
  };
  std::vector<PendingEval> pending_evals_;
  runtime::Status status_;
  std::vector<runtime::ActiveSpan> spans_;
  std::vector<runtime::UniformValue> uniforms_;
  int spans_drawn_ = 0;       // atoms highlighted in the last frame (for tests)
  int max_spans_drawn_ = 0;
  std::vector<std::string> spans_seen_;
  // The events marked for drawing (pianoroll(), scope() ...), taken once a frame, and the master
  // output's last samples for the scope; what was drawn of them (for tests).
  std::vector<runtime::DrawEvent> draw_events_;
  std::array<float, 512> waveform_{};
  struct MarkedDrawn {
    int roll = 0, scope = 0, inline_views = 0;
  };
  MarkedDrawn marked_drawn_, marked_max_;
  // slider(value, min, max): a small track right of the line of each call in the current
  // buffer, dragged with the mouse (the value changes live; the number in the code on release).
  struct SliderWidget {
    runtime::SliderInfo info;
    int line = 0;           // 0-based, in the text now
    int value_begin = 0, value_end = 0;  // columns of the value's number in the call
    ScreenRect track;
  };
  std::vector<SliderWidget> slider_widgets_;  // as drawn last frame
  std::string dragging_slider_;              // the id being dragged, or empty
  void layout_sliders(const EditorView& view, const Doc& d, float right_edge, std::vector<SliderWidget>& out) const;
  void draw_sliders(ImDrawList* dl, const std::vector<SliderWidget>& widgets) const;
  double slider_value_at(const SliderWidget& w, float x) const;
  void write_slider_value(const SliderWidget& w, double v);
  MarkedDrawn draw_marked(ImDrawList* dl, const EditorView& view, const Doc& d, const ScreenRect& area, bool behind, float alpha);
  ScreenRect suggest_pane_;  // where the suggestion pane was drawn last (empty: not drawn), for tests  // the texts highlighted since the last report (for tests)
  int evals_ok_ = 0, evals_failed_ = 0;
  std::string last_eval_message_;
  double frame_ms_ = 0;
  double ui_ms_ = 0;  // the overlay's cost in the last frame (ImGui build and draw, GL finished)
  double ui_ms_sum_ = 0;
  double ui_cpu_ms_sum_ = 0;  // building the draw lists only
  double ui_ms_max_ = 0;

  ScriptDriver script_;         // the test script, when one was given
  std::string audience_shot_;  // a screenshot of the audience window, taken at its next frame  // a screenshot of the audience window, taken at its next frame
};

}  // namespace mr::ui
