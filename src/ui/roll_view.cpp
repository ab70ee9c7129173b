// Piano roll and oscilloscope drawing (roll_view.hpp).
#include "ui/roll_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace mr::ui {

namespace {

ImU32 to_u32(const Rgba& c, float alpha_mul) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, std::clamp(c.a * alpha_mul, 0.0f, 1.0f)));
}

}  // namespace

Rgba roll_colour(const Theme& theme, const std::string& key) {
  const Rgba palette[] = {theme.function, theme.string, theme.number, theme.keyword, theme.builtin, theme.type, theme.active};
  uint32_t h = 2166136261u;  // FNV-1a: the same sound keeps its colour across frames and runs
  for (unsigned char c : key) h = (h ^ c) * 16777619u;
  Rgba c = palette[h % (sizeof palette / sizeof palette[0])];
  c.a = 1.0f;
  return c;
}

int draw_roll(ImDrawList* dl, const ScreenRect& r, const std::vector<const runtime::DrawEvent*>& events, const Theme& theme,
              const RollOptions& o) {
  if (r.empty() || events.empty()) return 0;
  // Rows: the pitch range of the pitched events (at least an octave), then one per unpitched sound.
  float lo = 1e9f, hi = -1e9f;
  std::map<std::string, int> lanes;
  for (const runtime::DrawEvent* e : events) {
    if (std::isfinite(e->pitch)) {
      lo = std::min(lo, std::floor(e->pitch));
      hi = std::max(hi, std::floor(e->pitch));
    } else {
      lanes.emplace(e->sound.empty() ? e->slot : e->sound, 0);
    }
  }
  int pitched_rows = 0;
  if (hi >= lo) {
    const float span = static_cast<float>(std::max(1, o.min_rows) - 1);
    if (hi - lo < span) {
      lo -= std::floor((span - (hi - lo)) / 2);
      hi = lo + span;
    }
    pitched_rows = static_cast<int>(hi - lo) + 1;
  }
  int lane = pitched_rows;
  for (auto& [name, row] : lanes) row = lane++;
  const int rows = std::max(1, lane);
  const float row_h = (r.y1 - r.y0) / static_cast<float>(rows);
  const float w = r.x1 - r.x0;
  const float now_x = r.x0 + static_cast<float>(o.playhead) * w;

  dl->PushClipRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), true);
  int drawn = 0;
  for (const runtime::DrawEvent* e : events) {
    // Time across: seconds from now in cycles at the event's tempo.
    const float x0 = now_x + static_cast<float>(e->begin * e->cps / o.cycles) * w;
    const float x1 = std::max(x0 + 2.0f, now_x + static_cast<float>(e->end * e->cps / o.cycles) * w - 1.0f);
    if (x1 < r.x0 || x0 > r.x1) continue;
    int row = 0;
    if (std::isfinite(e->pitch)) row = static_cast<int>(hi - std::floor(e->pitch));  // high notes on top
    else row = lanes[e->sound.empty() ? e->slot : e->sound];
    const float y0 = r.y0 + static_cast<float>(row) * row_h, y1 = y0 + std::max(2.0f, row_h - 1.0f);
    const bool sounding = e->begin <= 0 && e->end > 0;
    const Rgba c = roll_colour(theme, e->sound.empty() ? e->slot : e->sound);
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), to_u32(c, o.alpha * (sounding ? 0.95f : 0.45f)), std::min(3.0f, row_h * 0.3f));
    if (sounding) dl->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), to_u32(theme.text, o.alpha), std::min(3.0f, row_h * 0.3f), 0, 1.5f);
    ++drawn;
  }
  // The playhead.
  dl->AddLine(ImVec2(now_x, r.y0), ImVec2(now_x, r.y1), to_u32(theme.text, o.alpha * 0.6f), 1.5f);
  dl->PopClipRect();
  return drawn;
}

int draw_scope(ImDrawList* dl, const ScreenRect& r, const float* samples, int count, const Theme& theme, float alpha) {
  if (r.empty() || count < 2) return 0;
  const float mid = (r.y0 + r.y1) * 0.5f, half = (r.y1 - r.y0) * 0.5f;
  std::vector<ImVec2> pts(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    const float s = std::isfinite(samples[i]) ? std::clamp(samples[i], -1.0f, 1.0f) : 0.0f;
    pts[static_cast<size_t>(i)] = ImVec2(r.x0 + (r.x1 - r.x0) * static_cast<float>(i) / static_cast<float>(count - 1), mid - s * half);
  }
  dl->AddPolyline(pts.data(), count, to_u32(theme.active, alpha), ImDrawFlags_None, 2.0f);
  return count;
}

}  // namespace mr::ui
