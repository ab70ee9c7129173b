// The built-in themes.
#include "ui/theme.hpp"

namespace mr::ui {

namespace {

constexpr Rgba hex(unsigned rgb, float a = 1.0f) {
  return {((rgb >> 16) & 0xff) / 255.0f, ((rgb >> 8) & 0xff) / 255.0f, (rgb & 0xff) / 255.0f, a};
}

const Theme kNight{"night",
                   hex(0xE8E6E3), hex(0xFF7AB2), hex(0xFFB86C), hex(0x7FD4FF), hex(0xC3A6FF),
                   hex(0xA8F0A0), hex(0x8A8F98), hex(0xB8BCC4), hex(0x7FD4FF),
                   hex(0x0B0D12, 0.72f), hex(0x3D6FD9, 0.55f), hex(0xFFFFFF), hex(0xFFD166, 0.9f),
                   hex(0xFFD166, 0.55f), hex(0xFF4D5E), hex(0xFFFFFF, 0.22f),
                   hex(0xDADADA), hex(0x0B0D12, 0.8f), 1.0f, 0.0f};

const Theme kProjector{"projector",
                       hex(0xFFFFFF), hex(0xFF5FA2), hex(0xFFC14D), hex(0x5CD6FF), hex(0xD0B3FF),
                       hex(0x9BFF8F), hex(0xB0B0B0), hex(0xFFFFFF), hex(0x5CD6FF),
                       hex(0x000000, 0.85f), hex(0x2F6BFF, 0.65f), hex(0xFFFF00), hex(0xFFFF00, 1.0f),
                       hex(0xFFE14D, 0.7f), hex(0xFF3344), hex(0xFFFFFF, 0.3f),
                       hex(0xFFFFFF), hex(0x000000, 0.9f), 1.3f, 0.9f};

const Theme kPaper{"paper",
                   hex(0x1C1C1C), hex(0xB0005A), hex(0xB35A00), hex(0x005FA3), hex(0x6B2FB3),
                   hex(0x2E7D32), hex(0x6E6E6E), hex(0x303030), hex(0x005FA3),
                   hex(0xF7F3E8, 0.82f), hex(0x7FA8FF, 0.5f), hex(0x000000), hex(0xB35A00, 0.9f),
                   hex(0xFFC400, 0.6f), hex(0xC62828), hex(0x000000, 0.12f),
                   hex(0x1C1C1C), hex(0xF7F3E8, 0.85f), 1.0f, 0.0f};

}  // namespace

const Theme& theme_by_name(std::string_view name) {
  if (name == "projector") return kProjector;
  if (name == "paper") return kPaper;
  return kNight;
}

Rgba token_colour(const Theme& t, TokenKind k) {
  switch (k) {
    case TokenKind::Keyword: return t.keyword;
    case TokenKind::Builtin: return t.builtin;
    case TokenKind::Function: return t.function;
    case TokenKind::Number: return t.number;
    case TokenKind::String: return t.string;
    case TokenKind::Comment: return t.comment;
    case TokenKind::Punct: return t.punct;
    case TokenKind::Type: return t.type;
    case TokenKind::Text: break;
  }
  return t.text;
}

}  // namespace mr::ui
