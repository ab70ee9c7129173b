// Registrations of Strudel's tonal functions (@strudel/tonal 1.2.6) with its names and aliases;
// the voicing controls (chord, dictionary, anchor, mode, offset, octaves) are in the control table.
#include "pattern/registry_util.hpp"

namespace mr::pattern {

using namespace reg;

namespace {

using ValuesFn = std::function<Pattern(const std::vector<Value>& v, const Pattern& pat)>;

void add(Registry& r, std::string name, std::vector<std::string> aliases, std::string sig, std::string doc,
         std::string example, int arity, std::function<Pattern(std::span<const Arg>)> impl) {
  FunctionInfo f;
  f.name = std::move(name);
  f.aliases = std::move(aliases);
  f.signature = std::move(sig);
  f.doc = std::move(doc);
  f.example = std::move(example);
  f.category = "tonal";
  f.arity = arity;
  f.impl = std::move(impl);
  r.add(std::move(f));
}

// n patterned arguments, then the pattern (Strudel's register: patterned arguments, the values
// given to f through an inner join).
void values(Registry& r, std::string name, std::vector<std::string> aliases, std::string sig, std::string doc,
            std::string example, int n, ValuesFn f) {
  std::string nm = name;
  add(r, std::move(name), std::move(aliases), std::move(sig), std::move(doc), std::move(example), n,
      [nm, n, f](std::span<const Arg> a) {
        const Pattern& pat = pat_arg(a, static_cast<size_t>(n), nm.c_str());
        if (n == 0) return f({}, pat);
        std::vector<Pattern> ps;
        for (int i = 0; i < n; ++i) ps.push_back(pat_arg(a, static_cast<size_t>(i), nm.c_str()));
        return patternify(ps, [f, pat](const std::vector<Value>& v) { return f(v, pat); });
      });
}

// A scale name: "C:minor" from the mini-notation is the list [C, minor], joined by spaces.
std::string scale_name(const Value& v) {
  if (!v.is_list()) return str(v);
  std::string name;
  for (const auto& x : v.items()) name += (name.empty() ? "" : " ") + scale_name(x);
  return name;
}

}  // namespace

void register_tonal(Registry& r) {
  values(r, "scale", {}, "scale(name, pat)",
         "Turns scale degrees (n or plain numbers, \"7b\" with accidentals) into the notes of a scale, or moves notes "
         "to the nearest scale note: \"C:minor\", \"D4:dorian\", \"C:minor:pentatonic\".",
         "n(\"0 2 4 7\"):scale(\"C:minor\")", 1,
         [](const auto& v, const Pattern& p) { return scale(p, scale_name(v[0])); });
  values(r, "transpose", {"trans"}, "transpose(amount, pat)",
         "Moves notes by semitones (12) or by an interval that keeps the spelling (\"3M\", \"-2m\", \"5P\").",
         "note(\"c3 e3 g3\"):transpose(\"<0 5 7>\")", 1,
         [](const auto& v, const Pattern& p) { return transpose_by(p, v[0]); });
  values(r, "scaleTranspose", {"scaleTrans", "strans"}, "scaleTranspose(steps, pat)",
         "Moves notes by steps of the scale that scale() gave them.",
         "n(\"0 2 4\"):scale(\"C:major\"):scaleTranspose(\"<0 1 2>\")", 1,
         [](const auto& v, const Pattern& p) { return scale_transpose(p, v[0]); });
  // Strudel's arp takes an index pattern (not patternified: its structure is the result's); the
  // names up, down, updown, downup, converge, diverge are a moonrave extension.
  add(r, "arp", {}, "arp(indices, pat)",
      "Plays each chord's notes by an index pattern (\"0 2 1\"), or in an order: up, down, updown, downup, converge, "
      "diverge.",
      "n(\"[0,2,4]\"):scale(\"C:major\"):arp(\"0 2 1\")", 1, [](std::span<const Arg> a) {
        const Pattern& idx = pat_arg(a, 0, "arp");
        const Pattern& pat = pat_arg(a, 1, "arp");
        static const char* kArpModes[] = {"up", "down", "updown", "downup", "converge", "diverge"};
        if (const Value* v = idx.pure_value(); v && v->is_string())
          for (const char* m : kArpModes)
            if (v->string() == m) return arp(pat, m);
        return arp_indices(pat, idx);
      });
  values(r, "voicing", {}, "voicing(pat)",
         "Turns chord symbols (or the chord control, with dict, anchor, mode, offset, n, octaves) into the notes of "
         "a voicing from a dictionary (ireal by default; addVoicings adds more).",
         "chord(\"<C^7 Am7 Dm7 G7>\"):voicing()", 0, [](const auto&, const Pattern& p) { return voicing(p); });
  values(r, "voicings", {}, "voicings(dictionary, pat)",
         "Turns chord symbols into voicings from a dictionary (lefthand, ...) within its range, each chord's top note "
         "nearest the last one's (Strudel's older form of voicing).",
         "stack(mini(\"<C^7 A7 Dm7 G7>\"):voicings(\"lefthand\"), \"<C3 A2 D3 G2>\"):note()", 1,
         [](const auto& v, const Pattern& p) { return voicings(p, str(v[0])); });
  values(r, "rootNotes", {}, "rootNotes(octave, pat)", "The root notes of chord symbols, in an octave: \"C^7\" -> \"C2\".",
         "mini(\"<C^7 A7 Dm7 G7>\"):rootNotes(2):note()", 1,
         [](const auto& v, const Pattern& p) { return root_notes(p, v[0]); });
}

}  // namespace mr::pattern
