// Music theory as @strudel/tonal 1.2.6 does it (with the @tonaljs rules it uses): note names,
// intervals, transposition that keeps the spelling, the scale types, and the voicing
// dictionaries. Internal to the tonal*.cpp files and their registrations.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pattern/pattern.hpp"

namespace mr::pattern::tonal {

// A note as tonal reads it: letter step (C = 0 .. B = 6), alteration, optional octave.
struct Note {
  int step = 0;
  int alt = 0;
  std::optional<int> oct;
};
// tonal's note(): "C4", "eb", "F##3", "Cx" (x = ##), "B-1"; not "Cs" or "C#b".
std::optional<Note> parse_note(std::string_view s);
std::string name(const Note& n);     // "Eb3", "F##", "C-1"
std::string pc_name(const Note& n);  // without the octave
int chroma(const Note& n);           // 0..11
int midi(const Note& n);             // (needs an octave) 60 = C4

// An interval as letter steps and semitones, both signed ("3M" = 2, 4; "-2m" = -1, -1).
struct Interval {
  int steps = 0;
  int semis = 0;
};
// tonal's interval(): "3M", "-2m", "5P", "4A", "5d", "M3" (quality first), "9M".
std::optional<Interval> parse_interval(std::string_view s);
Interval from_semitones(int semis);  // Interval.fromSemitones: 1P 2m 2M 3m 3M 4P 5d 5P ...
Note transpose(const Note& n, const Interval& iv);
// Note.transpose on names: "" when either is not valid (as tonal).
std::string transpose(std::string_view note, std::string_view interval);

// Strudel's own note reading (core util): isNote, and noteToMidi with a default octave.
bool strudel_is_note(std::string_view s);
std::optional<int> strudel_note_to_midi(std::string_view s, int default_octave = 3);
int js_mod(int a, int n);

// The scale types of @tonaljs, by name, alias, chroma ("101011010101") or set number.
struct ScaleType {
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> intervals;
  std::string chroma;
  int set_num = 0;
};
const ScaleType* find_scale_type(std::string_view key);
const std::vector<ScaleType>& scale_types();
// Scale.get of a name ("C4 bebop major", "c:minor" read as "c minor"): its tonic name ("" when
// none) and type; nullopt for what tonal calls an empty scale.
struct Scale {
  std::string tonic;
  const ScaleType* type = nullptr;
};
std::optional<Scale> get_scale(std::string_view name);
// Scale.tokenize: [tonic name, type name].
std::pair<std::string, std::string> tokenize_scale(std::string_view name);

// A voicing dictionary: chord symbol -> voicings, each a list of interval names.
using VoicingDictionary = std::map<std::string, std::vector<std::vector<std::string>>>;
struct VoicingSet {
  std::shared_ptr<const VoicingDictionary> dictionary;
  std::vector<std::string> range;  // low, high note for voicings(); empty: none
};
// Strudel's voicingRegistry: ireal, ireal-ext, lefthand, triads, guidetones, legacy, and what
// addVoicings/registerVoicings add. Safe to use from any thread.
std::optional<VoicingSet> find_voicings(const std::string& name);
void add_voicings(const std::string& name, VoicingDictionary dict, std::vector<std::string> range);
std::string default_voicings();
void set_default_voicings(const std::string& name);
// Back to the built-in dictionaries and "ireal" as the default (a fresh evaluation).
void reset_voicings();
std::vector<std::string> voicing_names();

}  // namespace mr::pattern::tonal
