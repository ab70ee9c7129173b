// The one table of controls: every key an event can carry, with Strudel's name (the key the
// pattern writes), every alias Strudel/superdough and SuperDirt accept, the keys a list value
// "a:b:c" fills, the unit, the range, the default, a one-line doc and who consumes it. The pattern
// registry's control functions, the runtime's event builder, the engine's Param enum and the
// reference all read this table; a control is added here and nowhere else (plus the engine code
// that plays it, for an engine control).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mr::controls {

// Who reads a control.
enum class Consumer : uint8_t {
  kEngine,    // the audio engine plays it (a voice or its orbit)
  kSound,     // picks the sound (s, bank): resolved by the runtime before the engine
  kOutput,    // MIDI/OSC outputs only (midichan, ccn, ...); the engine ignores it by design
  kPattern,   // read by pattern functions (chord and voicing, ...), not by the engine
  kVisual,    // read by the stage's drawings (color, ...)
  kUnplayed,  // Strudel's, accepted so patterns match, but moonrave does not play it: the
              // event builder says so once by name
};

// Engine controls. X(Id, "name", "aliases", "tail", "unit", lo, hi, default, "values", "doc",
// "probe"). aliases: space-separated; tail: the keys (":"-separated) the second, third ...
// elements of a list value fill; values: "name=number ..." string values the engine takes
// (mapped to numbers), or "note" for note names. probe (for the audibility test): the voice
// "key=value ..." before "|", the control's audible setting after it.
#define MR_ENGINE_CONTROLS(X)                                                                                      \
  X(Note, "note", "", "n", "MIDI note", 0, 127, 60, "note",                                                        \
    "a note: MIDI number (60 = c4 = middle C, a4 = 69 = 440 Hz) or a name (\"c4\", \"eb3\")", "s=saw|note=72")     \
  X(N, "n", "", "", "index", 0, 1e6, 0, "",                                                                        \
    "sample number within a bank (or the next kit for drums), or semitones added to the note of a synth",          \
    "s=saw note=48|n=7")                                                                                           \
  X(Freq, "freq", "", "", "Hz", 1, 20000, 261.6, "", "frequency in Hz, instead of a note", "s=saw|freq=440")       \
  X(Octave, "octave", "oct", "", "octave", -4, 12, 4, "", "octave of the note: note + 12 x (octave - 4)",           \
    "s=saw|octave=5")                                                                                              \
  X(Gain, "gain", "", "", "x", 0, 4, 1, "", "loudness, 1 = unity, curved as SuperDirt (gain^4)", "s=saw|gain=0.5") \
  X(Velocity, "velocity", "vel", "", "0..1", 0, 1, 1, "", "a multiplier of gain", "s=saw|velocity=0.3")            \
  X(Amp, "amp", "", "", "linear", 0, 4, 0.4, "", "linear amplitude (SuperDirt's amp)", "s=saw|amp=0.1")            \
  X(Postgain, "postgain", "", "", "x", 0, 8, 1, "", "linear gain after the voice's effects", "s=saw|postgain=0.2")  \
  X(Pan, "pan", "", "", "0..1", 0, 1, 0.5, "", "0 = left, 0.5 = centre, 1 = right (equal power)", "s=saw|pan=0")   \
  X(Speed, "speed", "", "", "x", -16, 16, 1, "",                                                                   \
    "playback rate of samples (negative plays backwards); the pitch of the built-in drums", "s=smp|speed=2")        \
  X(Begin, "begin", "", "", "0..1", 0, 1, 0, "", "start position in the sample", "s=smp|begin=0.5")                 \
  X(End, "end", "end_", "", "0..1", 0, 1, 1, "",                                                                   \
    "end position in the sample (`end` is a keyword in Lua: write `end_`)", "s=smp|end=0.1")                        \
  X(Loop, "loop", "", "", "times", 0, 64, 0, "", "loops of the begin..end region of a sample", "s=smp end=0.05|loop=8") \
  X(Cut, "cut", "", "", "group", 0, 64, 0, "",                                                                     \
    "cut group: a new voice of the group (on its orbit) stops the others", "s=saw|cut=1")                          \
  X(Clip, "clip", "legato", "", "x", 0, 64, 1, "",                                                                 \
    "voice length as a multiple of the event's length (legato is Strudel's other name for it)", "s=saw|clip=0.25") \
  X(Duration, "duration", "dur", "", "s", 0, 600, 0, "",                                                           \
    "seconds the voice is held (instead of the event's length)", "s=saw|duration=0.1")                             \
  X(Attack, "attack", "att", "", "s", 0, 60, 0.002, "",                                                            \
    "amplitude envelope attack (defaults per synth; 0 for samples)", "s=saw|attack=0.3")                           \
  X(Hold, "hold", "", "", "s", 0, 60, 0, "",                                                                       \
    "seconds the envelope holds its peak between attack and decay (SuperDirt's hold; not in superdough)",          \
    "s=saw decay=0.05 sustain=0|hold=0.3")                                                                         \
  X(Decay, "decay", "dec", "", "s", 0, 60, 0.1, "", "amplitude envelope decay to the sustain level",                \
    "s=saw|decay=0.05")                                                                                            \
  X(SustainLevel, "sustain", "sus", "", "0..1", 0, 1, 1, "",                                                       \
    "amplitude envelope sustain level (0 when only decay is given, as Strudel)", "s=saw decay=0.1|sustain=0.2")    \
  X(Release, "release", "rel", "", "s", 0, 60, 0.05, "", "amplitude envelope release after the voice's length",    \
    "s=saw|release=0.5")                                                                                           \
  X(Cutoff, "cutoff", "ctf lpf lp", "resonance:lpenv", "Hz", 20, 20000, 20000, "",                                 \
    "low-pass cutoff", "s=saw|cutoff=300")                                                                  \
  X(Resonance, "resonance", "lpq res", "", "Q", 0, 50, 0, "",                                                      \
    "low-pass resonance: 0..1 as SuperDirt, or a Q above 1 as Strudel's lpq", "s=saw cutoff=800|resonance=20")     \
  X(HCutoff, "hcutoff", "hpf hp", "hresonance:hpenv", "Hz", 20, 20000, 20, "", "high-pass filter cutoff",          \
    "s=saw|hcutoff=2000")                                                                                          \
  X(HResonance, "hresonance", "hpq", "", "Q", 0, 50, 0, "", "high-pass resonance (as resonance)",                 \
    "s=saw hcutoff=800|hresonance=20")                                                                             \
  X(Bandf, "bandf", "bpf bp", "bandq:bpenv", "Hz", 20, 20000, 1000, "", "band-pass filter centre",                \
    "s=saw|bandf=1000")                                                                                            \
  X(Bandq, "bandq", "bpq", "", "Q", 0.1, 50, 1, "", "band-pass Q", "s=saw bandf=1000|bandq=20")                   \
  X(LpEnv, "lpenv", "lpe", "", "octaves", -10, 10, 1, "",                                                          \
    "low-pass envelope depth (negative sweeps down); 1 when only lpattack... are given, as Strudel",               \
    "s=saw cutoff=300|lpenv=4")                                                                                    \
  X(LpAttack, "lpattack", "lpa", "", "s", 0, 60, 0.005, "", "low-pass envelope attack",                            \
    "s=saw cutoff=300 lpenv=4|lpattack=0.4")                                                                       \
  X(LpDecay, "lpdecay", "lpd", "", "s", 0, 60, 0.14, "", "low-pass envelope decay",                                \
    "s=saw cutoff=300 lpenv=4|lpdecay=0.6")                                                                        \
  X(LpSustain, "lpsustain", "lps", "", "0..1", 0, 1, 0, "", "low-pass envelope sustain level",                    \
    "s=saw cutoff=300 lpenv=4|lpsustain=1")                                                                        \
  X(LpRelease, "lprelease", "lpr", "", "s", 0, 60, 0.1, "", "low-pass envelope release",                          \
    "s=saw cutoff=300 lpenv=4 lpsustain=1 release=0.5|lprelease=2")                                                \
  X(HpEnv, "hpenv", "hpe", "", "octaves", -10, 10, 1, "", "high-pass envelope depth (as lpenv)",                   \
    "s=saw hcutoff=200|hpenv=4")                                                                                   \
  X(HpAttack, "hpattack", "hpa", "", "s", 0, 60, 0.005, "", "high-pass envelope attack",                           \
    "s=saw hcutoff=200 hpenv=4|hpattack=0.4")                                                                      \
  X(HpDecay, "hpdecay", "hpd", "", "s", 0, 60, 0.14, "", "high-pass envelope decay",                               \
    "s=saw hcutoff=200 hpenv=4|hpdecay=0.6")                                                                       \
  X(HpSustain, "hpsustain", "hps", "", "0..1", 0, 1, 0, "", "high-pass envelope sustain level",                   \
    "s=saw hcutoff=200 hpenv=4|hpsustain=1")                                                                       \
  X(HpRelease, "hprelease", "hpr", "", "s", 0, 60, 0.1, "", "high-pass envelope release",                         \
    "s=saw hcutoff=200 hpenv=4 hpsustain=1 release=0.5|hprelease=2")                                               \
  X(BpEnv, "bpenv", "bpe", "", "octaves", -10, 10, 1, "", "band-pass envelope depth (as lpenv)",                   \
    "s=saw bandf=300|bpenv=4")                                                                                     \
  X(BpAttack, "bpattack", "bpa", "", "s", 0, 60, 0.005, "", "band-pass envelope attack",                           \
    "s=saw bandf=300 bpenv=4|bpattack=0.4")                                                                        \
  X(BpDecay, "bpdecay", "bpd", "", "s", 0, 60, 0.14, "", "band-pass envelope decay",                               \
    "s=saw bandf=300 bpenv=4|bpdecay=0.6")                                                                         \
  X(BpSustain, "bpsustain", "bps", "", "0..1", 0, 1, 0, "", "band-pass envelope sustain level",                   \
    "s=saw bandf=300 bpenv=4|bpsustain=1")                                                                         \
  X(BpRelease, "bprelease", "bpr", "", "s", 0, 60, 0.1, "", "band-pass envelope release",                         \
    "s=saw bandf=300 bpenv=4 bpsustain=1 release=0.5|bprelease=2")                                                 \
  X(FAnchor, "fanchor", "", "", "0..1", 0, 1, 0, "",                                                               \
    "where the filter envelopes start: 0 at the cutoff (sweeping up), 1 a whole env below it",                     \
    "s=saw cutoff=1000 lpenv=3|fanchor=1")                                                                         \
  X(FType, "ftype", "", "", "type", 0, 1, 0, "12db=0 svf=0 0=0 ladder=1 24db=1 1=1",                              \
    "low-pass type: \"12db\" (state variable) or \"ladder\" (24 dB/oct)", "s=saw cutoff=600 resonance=0.5|ftype=ladder") \
  X(Drive, "drive", "", "", "x", 0, 10, 0.69, "",                                                                  \
    "the ladder filter's input drive (ftype ladder, as superdough); on other voices a soft saturation before the " \
    "filter", "s=saw ftype=ladder cutoff=2000|drive=4")                                                            \
  X(Vowel, "vowel", "", "", "vowel", 0, 5, 0, "a=1 e=2 i=3 o=4 u=5",                                               \
    "formant filter: a e i o u", "s=saw|vowel=o")                                                                  \
  X(Djf, "djf", "", "", "0..1", 0, 1, 0.5, "",                                                                     \
    "DJ filter: below 0.5 a low-pass closing towards 0, above 0.5 a high-pass opening towards 1 (per voice; "      \
    "superdough's is on the orbit)", "s=saw|djf=0.15")                                                             \
  X(Room, "room", "", "size", "0..1", 0, 1, 0, "", "reverb send of the voice to its orbit", "s=saw|room=0.8")     \
  X(Size, "roomsize", "size sz rsize", "", "0..1", 0, 1, 0.3, "", "reverb size of the orbit",                      \
    "s=saw room=0.8|roomsize=0.95")                                                                                \
  X(RoomLp, "roomlp", "rlp", "", "Hz", 200, 20000, 10000, "",                                                      \
    "low-pass on the orbit's reverb (the reverb's damping, from the cutoff)", "s=saw room=0.8|roomlp=400")         \
  X(RoomDim, "roomdim", "rdim", "", "Hz", 200, 20000, 10000, "",                                                   \
    "the frequency the reverb's tail darkens to as it fades (its damping over the tail)",                          \
    "s=saw room=0.8 roomsize=0.9|roomdim=300")                                                                     \
  X(RoomFade, "roomfade", "rfade", "", "s", 0, 30, 0, "",                                                        \
    "reverb decay time in seconds (0: the decay roomsize implies)", "s=saw room=0.8|roomfade=8")         \
  X(Dry, "dry", "", "", "0..1", 0, 1, 1, "", "dry level of the voice when it sends to the effects",               \
    "s=saw room=0.5|dry=0")                                                                                        \
  X(Delay, "delay", "", "delaytime:delayfeedback", "0..1", 0, 1, 0, "", "delay send to the orbit",                \
    "s=saw duration=0.1|delay=0.8")                                                                                \
  X(DelayTime, "delaytime", "delayt dt", "", "s", 0.001, 2.5, 0.25, "", "the orbit's delay time",                 \
    "s=saw duration=0.1 delay=0.8|delaytime=0.1")                                                                  \
  X(DelayFeedback, "delayfeedback", "delayfb dfb", "", "0..<1", 0, 0.95, 0.5, "", "the orbit's delay feedback",   \
    "s=saw duration=0.1 delay=0.8 delaytime=0.1|delayfeedback=0.9")                                                \
  X(Crush, "crush", "", "", "bits", 1, 16, 16, "", "bit depth: lower is harsher", "s=saw|crush=3")                 \
  X(Coarse, "coarse", "", "", "x", 1, 64, 1, "", "sample-rate reduction factor (1 = off)", "s=saw|coarse=8")       \
  X(Shape, "shape", "", "shapevol", "0..1", 0, 1, 0, "", "waveshaping distortion", "s=sine|shape=0.9")             \
  X(ShapeVol, "shapevol", "", "", "x", 0, 4, 1, "", "gain after shape (curved as gain)",                          \
    "s=sine shape=0.5|shapevol=0.5")                                                                               \
  X(Distort, "distort", "dist", "distortvol:distorttype", "0..", 0, 10, 0, "", "hard distortion",                 \
    "s=sine|distort=0.8")                                                                                          \
  X(DistortVol, "distortvol", "distvol", "", "x", 0, 4, 1, "", "gain after distort (curved as gain)",             \
    "s=sine distort=0.5|distortvol=0.5")                                                                           \
  X(Squiz, "squiz", "", "", "x", 1, 64, 1, "",                                                                     \
    "squeezes short segments of the voice up in pitch (SuperDirt's squiz: 2 = an octave, 1 = off)",                \
    "s=saw note=40|squiz=4")                                                                                       \
  X(Orbit, "orbit", "o", "", "bus", 0, 11, 0, "", "effect bus 0..11, each its own delay and reverb (modulo 12)",    \
    "s=saw duration=0.05 delay=0.8 delaytime=0.2|orbit=1")                                                         \
  X(Detune, "detune", "det", "", "semitones", 0, 12, 0.3, "", "spread of the supersaw's voices (the pad's default 0.2)",                   \
    "s=supersaw|detune=2")                                                                                         \
  X(Unison, "unison", "voices", "", "voices", 1, 7, 7, "", "number of supersaw voices (at most 7)",               \
    "s=supersaw detune=1|unison=1")                                                                                \
  X(Spread, "spread", "", "", "0..1", 0, 1, 0.6, "", "stereo spread of the supersaw's voices",                    \
    "s=supersaw detune=1|spread=1")                                                                                \
  X(Accelerate, "accelerate", "accel", "", "oct/s", -16, 16, 0, "", "pitch glide", "s=saw|accelerate=2")           \
  X(PEnv, "penv", "", "", "semitones", -96, 96, 1, "",                                                             \
    "pitch envelope depth, on synths and samples (not the drums or pluck); 1 when only pattack... are given, as Strudel", "s=saw pdecay=0.3 psustain=0|penv=12")   \
  X(PAttack, "pattack", "patt", "", "s", 0, 60, 0.2, "", "pitch envelope attack", "s=saw penv=12|pattack=0.4")      \
  X(PDecay, "pdecay", "pdec", "", "s", 0, 60, 0.001, "", "pitch envelope decay",                                   \
    "s=saw penv=12 psustain=0|pdecay=0.4")                                                                         \
  X(PSustain, "psustain", "psus", "", "0..1", 0, 1, 1, "", "pitch envelope sustain level",                        \
    "s=saw penv=12 pdecay=0.1|psustain=0.5")                                                                         \
  X(PRelease, "prelease", "prel", "", "s", 0, 60, 0.001, "", "pitch envelope release",                             \
    "s=saw penv=12 duration=0.1 release=0.5 panchor=0|prelease=0.5")                                               \
  X(PCurve, "pcurve", "", "", "0/1", 0, 1, 0, "",                                                                  \
    "pitch envelope curve: 0 linear, 1 exponential (an exponential-like shaping of the envelope)", "s=saw penv=24 pattack=0.5|pcurve=1")                         \
  X(PAnchor, "panchor", "", "", "0..1", 0, 1, 1, "",                                                               \
    "where the pitch envelope sits: 0 bends up from the note, 1 (the default: psustain) bends into the note",      \
    "s=saw penv=12 pattack=0.3|panchor=0")                                                                         \
  X(Vib, "vib", "vibrato v", "vibmod", "Hz", 0, 100, 0, "", "vibrato rate, on synths and samples (not the drums or pluck)", "s=saw|vib=6")                         \
  X(VibMod, "vibmod", "vmod", "vib", "semitones", 0, 24, 0.5, "", "vibrato depth", "s=saw vib=6|vibmod=2")         \
  X(FmH, "fmh", "", "fmi", "ratio", 0, 32, 1, "", "FM harmonicity: the modulator's frequency over the note's",      \
    "s=sine fmi=2|fmh=3.5")                                                                                        \
  X(FmI, "fmi", "fmh1 fmi1 fm fm1", "fmh", "index", 0, 100, 0, "",                                                 \
    "FM modulation index, on the sine, saw, square, triangle and fm synths (the fm synth's default is 2, its index decaying in 0.25 s unless fmattack... are given)",           \
    "s=sine|fmi=3")                                                                                                \
  X(FmEnv, "fmenv", "fmenv1", "", "curve", 0, 1, 0, "exp=0 lin=1 linear=1 exponential=0",                          \
    "FM envelope curve: \"exp\" (the envelope squared) or \"lin\"", "s=sine fmi=4 fmdecay=0.4 fmsustain=0|fmenv=lin")                     \
  X(FmAttack, "fmattack", "fmatt fmatt1 fmattack1", "", "s", 0, 60, 0.001, "", "FM index envelope attack",          \
    "s=sine fmi=4|fmattack=0.5")                                                                                   \
  X(FmDecay, "fmdecay", "fmdec fmdec1 fmdecay1", "", "s", 0, 60, 0.001, "", "FM index envelope decay",              \
    "s=sine fmi=4 fmsustain=0|fmdecay=0.5")                                                                        \
  X(FmSustain, "fmsustain", "fmsus fmsus1 fmsustain1", "", "0..1", 0, 1, 1, "", "FM index envelope sustain level", \
    "s=sine fmi=4 fmdecay=0.1|fmsustain=0.5")                                                                        \
  X(FmRelease, "fmrelease", "fmrel fmrel1 fmrelease1", "", "s", 0, 60, 0.01, "", "FM index envelope release",     \
    "s=sine fmi=4 fmsustain=1 duration=0.1 release=0.6|fmrelease=0.5")                                             \
  X(FmWave, "fmwave", "fmwave1", "", "wave", 0, 3, 0, "sine=0 square=1 triangle=2 tri=2 sawtooth=3 saw=3",          \
    "the FM modulator's waveform", "s=sine fmi=3|fmwave=square")                                                   \
  X(PulseWidth, "pw", "width", "pwrate:pwsweep", "0..1", 0.02, 0.98, 0.5, "", "pulse width of the square",        \
    "s=square|pw=0.1")                                                                                             \
  X(PwRate, "pwrate", "", "", "Hz", 0, 50, 1, "", "pulse-width modulation rate (with pwsweep)",                    \
    "s=square pwsweep=0.4|pwrate=5")                                                                               \
  X(PwSweep, "pwsweep", "", "", "0..1", 0, 0.5, 0, "", "pulse-width modulation depth", "s=square|pwsweep=0.4")     \
  X(Noise, "noise", "", "", "0..1", 0, 1, 0, "", "white noise added to the voice at its level and envelope (superdough mixes it into the oscillator)", "s=sine|noise=0.5") \
  X(Tremolo, "tremolo", "trem", "tremolodepth:tremoloskew:tremolophase", "Hz", 0, 100, 0, "", "tremolo rate",      \
    "s=saw|tremolo=8")                                                                                             \
  X(TremoloSync, "tremolosync", "tremsync", "tremolodepth:tremoloskew:tremolophase", "per cycle", 0, 64, 0, "",    \
    "tremolo rate in cycles of the event (rate = tremolosync / the event's length, the cycle's time at one event " \
    "per cycle)", "s=saw|tremolosync=8")                                                                           \
  X(TremoloDepth, "tremolodepth", "tremdepth", "", "0..1", 0, 1, 1, "", "tremolo depth",                          \
    "s=saw tremolo=8|tremolodepth=0.2")                                                                            \
  X(TremoloSkew, "tremoloskew", "tremskew", "", "0..1", 0, 1, 0.5, "",                                             \
    "where the tremolo's shape peaks within its period", "s=saw tremolo=4 tremoloshape=tri|tremoloskew=0.05")      \
  X(TremoloPhase, "tremolophase", "tremphase", "", "cycles", 0, 1, 0, "", "tremolo start phase",                  \
    "s=saw tremolo=2|tremolophase=0.5")                                                                            \
  X(TremoloShape, "tremoloshape", "tremshape", "", "shape", 0, 4, 1, "tri=0 triangle=0 sine=1 ramp=2 saw=3 square=4", \
    "tremolo waveform", "s=saw tremolo=4|tremoloshape=square")                                                     \
  X(Phaser, "phaserrate", "ph phaser", "phaserdepth:phasercenter:phasersweep", "Hz", 0, 20, 0, "", "phaser rate",  \
    "s=saw|phaserrate=2")                                                                                          \
  X(PhaserDepth, "phaserdepth", "phd phasdp", "", "0..1", 0, 1, 0.75, "", "phaser depth (mix of the notches)",    \
    "s=saw phaserrate=2|phaserdepth=0.2")                                                                          \
  X(PhaserCenter, "phasercenter", "phc", "", "Hz", 100, 10000, 1000, "", "phaser sweep centre",                    \
    "s=saw phaserrate=2|phasercenter=300")                                                                         \
  X(PhaserSweep, "phasersweep", "phs", "", "Hz", 0, 10000, 2000, "", "phaser sweep width around the centre",      \
    "s=saw phaserrate=2 phasercenter=1500|phasersweep=100")                                                        \
  X(Leslie, "leslie", "", "", "0..1", 0, 1, 0, "",                                                                 \
    "rotating-speaker effect: a Doppler vibrato with amplitude and pan wobble (an approximation of SuperDirt's)",   \
    "s=saw|leslie=1")                                                                                              \
  X(LRate, "lrate", "", "", "Hz", 0, 20, 6.7, "", "leslie rotation rate", "s=saw leslie=1|lrate=1")               \
  X(LSize, "lsize", "", "", "m", 0, 1, 0.3, "", "leslie rotor size (Doppler depth)", "s=saw leslie=1|lsize=1")     \
  X(Compressor, "compressor", "", "compressorRatio:compressorKnee:compressorAttack:compressorRelease", "dB", -60, 0, \
    -3, "", "per-voice compressor threshold (feed-forward, soft knee, no makeup gain)", "s=saw gain=1.3|compressor=-30")                                     \
  X(CompressorRatio, "compressorRatio", "", "", "x", 1, 20, 10, "", "compressor ratio",                            \
    "s=saw gain=1.3 compressor=-30|compressorRatio=1")                                                             \
  X(CompressorKnee, "compressorKnee", "", "", "dB", 0, 40, 10, "", "compressor knee width",                        \
    "s=saw gain=1.3 compressor=-20 compressorRatio=4|compressorKnee=40")                                           \
  X(CompressorAttack, "compressorAttack", "", "", "s", 0, 1, 0.005, "", "compressor attack",                       \
    "s=saw gain=1.3 compressor=-30|compressorAttack=0.5")                                                          \
  X(CompressorRelease, "compressorRelease", "", "", "s", 0, 1, 0.05, "", "compressor release",                     \
    "s=saw gain=1.3 compressor=-30 tremolo=4 tremoloshape=square|compressorRelease=1")

// The other controls: Y(consumer, "name", "aliases", "tail", "doc"). Strudel's key names (the
// pattern side writes them so events match Strudel's), none of them read by the engine.
#define MR_OTHER_CONTROLS(Y)                                                                                       \
  Y(kSound, "s", "sound", "n:gain", "the sound: a synth, a drum, or a sample bank (\"bd:3\" is file 3 of bd)")      \
  Y(kSound, "bank", "", "", "a drum kit or sample-bank prefix: s(\"bd\"):bank(\"tr808\") plays tr808_bd")           \
  Y(kOutput, "cps", "", "", "tempo in cycles per second of this event (sent to the OSC outputs)")                   \
  Y(kOutput, "midichan", "", "", "MIDI channel (1..16) for the MIDI output")                                       \
  Y(kOutput, "midimap", "", "", "MIDI control map name (MIDI output)")                                             \
  Y(kOutput, "midiport", "", "", "MIDI port (MIDI output)")                                                        \
  Y(kOutput, "midicmd", "", "", "MIDI command: clock, start, stop, continue (MIDI output)")                        \
  Y(kOutput, "ccn", "", "", "MIDI control change number (MIDI output)")                                            \
  Y(kOutput, "ccv", "", "", "MIDI control change value 0..127 (MIDI output)")                                      \
  Y(kOutput, "ctlNum", "", "", "MIDI control number, SuperDirt's name (MIDI output)")                              \
  Y(kOutput, "nrpnn", "", "", "MIDI NRPN number (MIDI output)")                                                    \
  Y(kOutput, "nrpv", "", "", "MIDI NRPN value (MIDI output)")                                                      \
  Y(kOutput, "progNum", "", "", "MIDI program change number (MIDI output)")                                        \
  Y(kOutput, "sysexid", "", "", "MIDI sysex id (MIDI output)")                                                     \
  Y(kOutput, "sysexdata", "", "", "MIDI sysex data (MIDI output)")                                                 \
  Y(kOutput, "midibend", "", "", "MIDI pitch bend -1..1 (MIDI output)")                                            \
  Y(kOutput, "miditouch", "", "", "MIDI channel aftertouch 0..1 (MIDI output)")                                    \
  Y(kOutput, "polyTouch", "", "", "MIDI polyphonic aftertouch (MIDI output)")                                      \
  Y(kOutput, "oschost", "", "", "OSC host of this event (OSC output)")                                             \
  Y(kOutput, "oscport", "", "", "OSC port of this event (OSC output)")                                             \
  Y(kPattern, "chord", "", "", "a chord symbol for voicing(): \"C^7\", \"Dm7\"")                                    \
  Y(kPattern, "dictionary", "dict", "", "voicing(): the dictionary (ireal by default, ireal-ext, lefthand, triads, guidetones, legacy, or one addVoicings made)")                                   \
  Y(kPattern, "anchor", "", "", "voicing(): the note the voicing is aligned to (c5 by default); scale(): degree 0 is the scale note nearest it")                                         \
  Y(kPattern, "offset", "", "", "voicing(): moves to the next voicing up (negative: down) this many times")                                \
  Y(kPattern, "octaves", "", "", "voicing() with n: the octaves each pass over the voicing climbs (1 by default)")                                                \
  Y(kPattern, "mode", "", "anchor", "voicing(): below (top note at or under the anchor), above (bottom note at or over it), duck (below, the anchor left out), root; \"root:g2\" sets the anchor too")                \
  Y(kPattern, "degree", "", "", "scale degree (Strudel's; read by scale functions)")                               \
  Y(kPattern, "mtranspose", "", "", "modal transposition (SuperDirt's note model)")                                \
  Y(kPattern, "ctranspose", "", "", "chromatic transposition (SuperDirt's note model)")                            \
  Y(kPattern, "harmonic", "", "", "harmonic number (SuperDirt's note model)")                                      \
  Y(kPattern, "stepsPerOctave", "", "", "steps per octave (SuperDirt's note model)")                               \
  Y(kPattern, "octaveR", "", "", "octave ratio (SuperDirt's note model)")                                          \
  Y(kVisual, "color", "", "colour", "a colour for the visuals and the pattern highlights")                         \
  Y(kVisual, "label", "", "activeLabel", "a text label for the visuals")                                           \
  Y(kVisual, "activeLabel", "", "", "the label shown while the event plays")                                       \
  Y(kVisual, "analyze", "", "", "sends the voice to the scope analyser (moonrave analyses the master always)")     \
  Y(kVisual, "fft", "", "", "analyser FFT size (moonrave's analysis has its own)")                                 \
  Y(kUnplayed, "wt", "wavetablePosition", "", "wavetable position (superdough's wavetable synth)")                  \
  Y(kUnplayed, "wtenv", "", "", "wavetable position envelope depth")                                               \
  Y(kUnplayed, "wtattack", "wtatt", "", "wavetable envelope attack")                                               \
  Y(kUnplayed, "wtdecay", "wtdec", "", "wavetable envelope decay")                                                 \
  Y(kUnplayed, "wtsustain", "wtsus", "", "wavetable envelope sustain")                                             \
  Y(kUnplayed, "wtrelease", "wtrel", "", "wavetable envelope release")                                             \
  Y(kUnplayed, "wtrate", "", "", "wavetable LFO rate")                                                             \
  Y(kUnplayed, "wtsync", "", "", "wavetable LFO rate in cycles")                                                   \
  Y(kUnplayed, "wtdepth", "", "", "wavetable LFO depth")                                                           \
  Y(kUnplayed, "wtshape", "", "", "wavetable LFO shape")                                                           \
  Y(kUnplayed, "wtdc", "", "", "wavetable LFO offset")                                                             \
  Y(kUnplayed, "wtskew", "", "", "wavetable LFO skew")                                                             \
  Y(kUnplayed, "warp", "wavetableWarp", "", "wavetable warp amount")                                               \
  Y(kUnplayed, "warpattack", "warpatt", "", "wavetable warp envelope attack")                                      \
  Y(kUnplayed, "warpdecay", "warpdec", "", "wavetable warp envelope decay")                                        \
  Y(kUnplayed, "warpsustain", "warpsus", "", "wavetable warp envelope sustain")                                    \
  Y(kUnplayed, "warprelease", "warprel", "", "wavetable warp envelope release")                                    \
  Y(kUnplayed, "warprate", "", "", "wavetable warp LFO rate")                                                      \
  Y(kUnplayed, "warpdepth", "", "", "wavetable warp LFO depth")                                                    \
  Y(kUnplayed, "warpshape", "", "", "wavetable warp LFO shape")                                                    \
  Y(kUnplayed, "warpdc", "", "", "wavetable warp LFO offset")                                                      \
  Y(kUnplayed, "warpskew", "", "", "wavetable warp LFO skew")                                                      \
  Y(kUnplayed, "warpmode", "wavetableWarpMode", "", "wavetable warp mode")                                         \
  Y(kUnplayed, "wtphaserand", "wavetablePhaseRand", "", "wavetable phase randomisation")                           \
  Y(kUnplayed, "warpenv", "", "", "wavetable warp envelope depth")                                                 \
  Y(kUnplayed, "warpsync", "", "", "wavetable warp LFO rate in cycles")                                            \
  Y(kUnplayed, "source", "src", "", "a custom audio source (superdough)")                                          \
  Y(kUnplayed, "chorus", "", "", "superdough's chorus")                                                            \
  Y(kUnplayed, "loopBegin", "loopb", "", "sample loop start")                                                      \
  Y(kUnplayed, "loopEnd", "loope", "", "sample loop end")                                                          \
  Y(kUnplayed, "duckorbit", "duck", "", "sidechain: the orbits this event ducks")                                  \
  Y(kUnplayed, "duckdepth", "", "", "sidechain ducking depth")                                                     \
  Y(kUnplayed, "duckonset", "duckons", "", "sidechain ducking onset")                                              \
  Y(kUnplayed, "duckattack", "duckatt", "", "sidechain ducking attack")                                            \
  Y(kUnplayed, "byteBeatExpression", "bbexpr", "", "a bytebeat expression (superdough's bytebeat synth)")          \
  Y(kUnplayed, "byteBeatStartTime", "bbst", "", "bytebeat start time")                                             \
  Y(kUnplayed, "channels", "ch", "", "output channels of the voice (moonrave routes by orbit)")                    \
  Y(kUnplayed, "channel", "", "", "SuperDirt's output channel (moonrave routes by orbit: multichannel_orbits)")    \
  Y(kUnplayed, "lprate", "", "", "low-pass LFO rate")                                                              \
  Y(kUnplayed, "lpsync", "", "", "low-pass LFO rate in cycles")                                                    \
  Y(kUnplayed, "lpdepth", "", "", "low-pass LFO depth")                                                            \
  Y(kUnplayed, "lpdepthfrequency", "lpdepthfreq", "", "low-pass LFO depth in Hz")                                  \
  Y(kUnplayed, "lpshape", "", "", "low-pass LFO shape")                                                            \
  Y(kUnplayed, "lpdc", "", "", "low-pass LFO offset")                                                              \
  Y(kUnplayed, "lpskew", "", "", "low-pass LFO skew")                                                              \
  Y(kUnplayed, "bprate", "", "", "band-pass LFO rate")                                                             \
  Y(kUnplayed, "bpsync", "", "", "band-pass LFO rate in cycles")                                                   \
  Y(kUnplayed, "bpdepth", "", "", "band-pass LFO depth")                                                           \
  Y(kUnplayed, "bpdepthfrequency", "bpdepthfreq", "", "band-pass LFO depth in Hz")                                 \
  Y(kUnplayed, "bpshape", "", "", "band-pass LFO shape")                                                           \
  Y(kUnplayed, "bpdc", "", "", "band-pass LFO offset")                                                             \
  Y(kUnplayed, "bpskew", "", "", "band-pass LFO skew")                                                             \
  Y(kUnplayed, "hprate", "", "", "high-pass LFO rate")                                                             \
  Y(kUnplayed, "hpsync", "", "", "high-pass LFO rate in cycles")                                                   \
  Y(kUnplayed, "hpdepth", "", "", "high-pass LFO depth")                                                           \
  Y(kUnplayed, "hpdepthfrequency", "hpdepthfreq", "", "high-pass LFO depth in Hz")                                 \
  Y(kUnplayed, "hpshape", "", "", "high-pass LFO shape")                                                           \
  Y(kUnplayed, "hpdc", "", "", "high-pass LFO offset")                                                             \
  Y(kUnplayed, "hpskew", "", "", "high-pass LFO skew")                                                             \
  Y(kUnplayed, "delayspeed", "", "", "delay tape speed")                                                           \
  Y(kUnplayed, "delaysync", "", "", "delay time in cycles")                                                        \
  Y(kUnplayed, "lock", "", "", "SuperDirt: delay time in cycles")                                                  \
  Y(kUnplayed, "fadeTime", "fadeOutTime", "", "SuperDirt's fade-out time")                                         \
  Y(kUnplayed, "fadeInTime", "", "", "SuperDirt's fade-in time")                                                   \
  Y(kUnplayed, "gate", "gat", "", "SuperDirt's gate")                                                              \
  Y(kUnplayed, "nudge", "", "", "SuperDirt: shifts the event in time, seconds")                                    \
  Y(kUnplayed, "bus", "", "", "superdough's audio bus")                                                            \
  Y(kUnplayed, "busgain", "bgain", "", "superdough's audio bus gain")                                              \
  Y(kUnplayed, "overgain", "", "", "SuperDirt's overgain")                                                         \
  Y(kUnplayed, "overshape", "", "", "SuperDirt's overshape")                                                       \
  Y(kUnplayed, "panspan", "", "", "SuperDirt's multichannel pan span")                                             \
  Y(kUnplayed, "pansplay", "", "", "SuperDirt's multichannel pan splay")                                           \
  Y(kUnplayed, "panwidth", "", "", "SuperDirt's multichannel pan width")                                           \
  Y(kUnplayed, "panorient", "", "", "SuperDirt's multichannel pan orientation")                                    \
  Y(kUnplayed, "slide", "", "", "SuperDirt synth slide")                                                           \
  Y(kUnplayed, "semitone", "", "", "SuperDirt synth semitone")                                                     \
  Y(kUnplayed, "voice", "", "", "SuperDirt synth voice")                                                           \
  Y(kUnplayed, "ir", "iresponse", "i", "an impulse response for the reverb")                                       \
  Y(kUnplayed, "irspeed", "", "", "impulse response speed")                                                        \
  Y(kUnplayed, "irbegin", "", "", "impulse response start")                                                        \
  Y(kUnplayed, "distorttype", "disttype", "", "superdough's distortion curve type")                                \
  Y(kUnplayed, "stretch", "", "", "superdough's time stretch")                                                     \
  Y(kUnplayed, "unit", "", "", "\"c\": sample speed in cycles per sample length")                                  \
  Y(kUnplayed, "waveloss", "", "", "SuperDirt's waveloss")                                                         \
  Y(kUnplayed, "density", "", "", "SuperDirt's density")                                                           \
  Y(kUnplayed, "expression", "", "", "SuperDirt's expression")                                                     \
  Y(kUnplayed, "sustainpedal", "", "", "SuperDirt's sustain pedal")                                                \
  Y(kUnplayed, "fshift", "", "", "SuperDirt's frequency shifter")                                                  \
  Y(kUnplayed, "fshiftnote", "", "", "SuperDirt's frequency shifter, by note")                                     \
  Y(kUnplayed, "fshiftphase", "", "", "SuperDirt's frequency shifter phase")                                       \
  Y(kUnplayed, "triode", "", "", "SuperDirt's triode distortion")                                                  \
  Y(kUnplayed, "krush", "", "", "SuperDirt's krush")                                                               \
  Y(kUnplayed, "kcutoff", "", "", "SuperDirt's krush cutoff")                                                      \
  Y(kUnplayed, "octer", "", "", "SuperDirt's octaver")                                                             \
  Y(kUnplayed, "octersub", "", "", "SuperDirt's octaver, one below")                                               \
  Y(kUnplayed, "octersubsub", "", "", "SuperDirt's octaver, two below")                                            \
  Y(kUnplayed, "ring", "", "", "SuperDirt's ring modulation")                                                      \
  Y(kUnplayed, "ringf", "", "", "SuperDirt's ring modulation frequency")                                           \
  Y(kUnplayed, "ringdf", "", "", "SuperDirt's ring modulation slide")                                              \
  Y(kUnplayed, "freeze", "", "", "SuperDirt's spectral freeze")                                                    \
  Y(kUnplayed, "xsdelay", "", "", "SuperDirt's xsdelay")                                                           \
  Y(kUnplayed, "tsdelay", "", "", "SuperDirt's tsdelay")                                                           \
  Y(kUnplayed, "real", "", "", "SuperDirt's spectral real")                                                        \
  Y(kUnplayed, "imag", "", "", "SuperDirt's spectral imag")                                                        \
  Y(kUnplayed, "enhance", "", "", "SuperDirt's spectral enhance")                                                  \
  Y(kUnplayed, "comb", "", "", "SuperDirt's spectral comb")                                                        \
  Y(kUnplayed, "smear", "", "", "SuperDirt's spectral smear")                                                      \
  Y(kUnplayed, "scram", "", "", "SuperDirt's spectral scramble")                                                   \
  Y(kUnplayed, "binshift", "", "", "SuperDirt's spectral bin shift")                                               \
  Y(kUnplayed, "hbrick", "", "", "SuperDirt's spectral high brick-wall")                                           \
  Y(kUnplayed, "lbrick", "", "", "SuperDirt's spectral low brick-wall")                                            \
  Y(kUnplayed, "frameRate", "", "", "SuperDirt's frame rate")                                                      \
  Y(kUnplayed, "frames", "", "", "SuperDirt's frames")                                                             \
  Y(kUnplayed, "hours", "", "", "SuperDirt's hours")                                                               \
  Y(kUnplayed, "minutes", "", "", "SuperDirt's minutes")                                                           \
  Y(kUnplayed, "seconds", "", "", "SuperDirt's seconds")                                                           \
  Y(kUnplayed, "songPtr", "", "", "SuperDirt's song pointer")                                                      \
  Y(kUnplayed, "uid", "", "", "SuperDirt's uid")                                                                   \
  Y(kUnplayed, "val", "", "", "SuperDirt's val")                                                                   \
  Y(kUnplayed, "zrand", "", "", "zzfx randomness")                                                                 \
  Y(kUnplayed, "curve", "", "", "zzfx curve")                                                                      \
  Y(kUnplayed, "deltaSlide", "", "", "zzfx delta slide")                                                           \
  Y(kUnplayed, "pitchJump", "", "", "zzfx pitch jump")                                                             \
  Y(kUnplayed, "pitchJumpTime", "", "", "zzfx pitch jump time")                                                    \
  Y(kUnplayed, "znoise", "", "", "zzfx noise")                                                                     \
  Y(kUnplayed, "zmod", "", "", "zzfx modulation")                                                                  \
  Y(kUnplayed, "zcrush", "", "", "zzfx crush")                                                                     \
  Y(kUnplayed, "zdelay", "", "", "zzfx delay")                                                                     \
  Y(kUnplayed, "zzfx", "", "", "zzfx parameters")                                                                  \
  Y(kUnplayed, "transient", "", "transsustain", "superdough's transient shaper")                                   \
  Y(kUnplayed, "FXrelease", "FXrel FXr fxr", "", "superdough's effect release time")

// The engine's parameter index of each engine control.
enum class EngineParam : uint8_t {
#define MR_X(id, ...) id,
  MR_ENGINE_CONTROLS(MR_X)
#undef MR_X
  kCount
};
inline constexpr int kEngineParamCount = static_cast<int>(EngineParam::kCount);
// Each engine control's default, as constant data (the audio thread reads it).
inline constexpr float kEngineDefault[] = {
#define MR_X(id, name, aliases, tail, unit, lo, hi, def, ...) static_cast<float>(def),
    MR_ENGINE_CONTROLS(MR_X)
#undef MR_X
};

struct Control {
  std::string_view name;     // Strudel's key
  std::string_view aliases;  // space-separated
  std::string_view tail;     // ":"-separated keys of a list value's later elements
  std::string_view unit;
  float lo = 0, hi = 0, def = 0;  // range and default (engine controls)
  Consumer consumer = Consumer::kUnplayed;
  std::string_view values;  // string values the engine takes: "name=number ...", or "note"
  std::string_view doc;
  std::string_view probe;  // engine controls: "voice|setting" where the control is audible
  int param = -1;          // EngineParam index, -1 when not an engine control
};

// Every control: the engine's, then the others, then Strudel's FM operators 2..8 and the FM
// matrix (fmi01 ... fmi88), which moonrave's one-operator FM does not play.
std::span<const Control> all();
// By Strudel's name or any alias (exact, case-sensitive as Strudel); null when unknown.
const Control* find(std::string_view name);
// The engine control of a param.
const Control& engine(EngineParam p);
// Up to `n` known names (aliases included) closest to `name` by edit distance, nearest first;
// empty when none is near (distance <= max(2, length / 3)).
std::vector<std::string> closest(std::string_view name, size_t n = 3);
// A list item split on spaces (aliases) or ':' (tail).
std::vector<std::string_view> split(std::string_view s, char sep);
// A string value of a control to its number: the control's `values` names; false when unknown.
bool value_number(const Control& c, std::string_view v, double& out);
std::string_view consumer_name(Consumer c);

}  // namespace mr::controls
