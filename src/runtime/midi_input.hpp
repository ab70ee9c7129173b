// MIDI input from controllers and clocks, through rtmidi (ALSA's sequencer or JACK): the ports
// the config's `inputs.midi` names are opened, each on an RtMidiIn of its own. rtmidi calls back
// on its own thread (JACK's process thread, or rtmidi's ALSA thread), which only stamps each
// message with the steady clock and pushes it, as plain data, into one of two lock-free SPSC
// queues of its port: control changes and notes, or clock (timing clock, start, stop, continue,
// song position). The runtime thread, the only consumer, drains them: the first into its tables
// of the latest CC values and the notes held (sampled by cc(), midinote() and midivel() at query
// time, as ctrl()'s values are), the second into the MIDI clock follower (midi_clock_in.hpp).
// Offline paths (render, replay) have no MidiInput: cc() gives 0 there, deterministically.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/spsc_queue.hpp"

namespace mr::runtime {

// Which ports a cc(), midinote() or midivel() reads: a name substring ("" any) or, as Strudel's
// midin(0), the index of an open port (-1: any).
struct MidiPortSelector {
  std::string name;
  int index = -1;
};

class MidiInput {
 public:
  // One message of a clock port, as it came (status byte first), at `sec` (steady seconds).
  struct ClockMessage {
    uint8_t bytes[3];
    uint8_t size;
    uint16_t port;
    double sec;
  };
  struct HeldNote {
    int note = 0;          // 0..127
    double velocity = 0;   // 0..1 (the note-on's velocity / 127)
  };

  MidiInput();
  ~MidiInput();
  MidiInput(const MidiInput&) = delete;
  MidiInput& operator=(const MidiInput&) = delete;

  // Opens every input port whose name contains `ports` ("all": every port but moonrave's own
  // clients'), under `api`: "alsa", "jack", or "auto" (ALSA's sequencer when it has a matching
  // port, else JACK). `messages` gets one line for what opened and one for each problem (no
  // port matched, an API not there). Called once, before any consumer call.
  void open(const std::string& ports, const std::string& api, std::vector<std::string>& messages);
  // The names of the ports opened, in order (their indexes for MidiPortSelector::index).
  const std::vector<std::string>& port_names() const { return names_; }
  bool any_open() const { return !names_.empty(); }

  // [SECTION] the consumer side: one thread (the runtime thread), the queues drained first.
  // The latest value (0..1, value / 127) of control change `number` on `channel` (1..16; 0 any)
  // of the selected ports: the most recent of those that match, nullopt before one came.
  std::optional<double> cc(int number, int channel, const MidiPortSelector& port);
  // The notes held on `channel` (0 any) of the selected ports, lowest first; the most recently
  // pressed one's velocity in `latest_velocity` (0 when none is held).
  void held_notes(int channel, const MidiPortSelector& port, std::vector<HeldNote>& out, double* latest_velocity = nullptr);
  // Takes the clock messages that came since the last call, oldest first per port.
  bool pop_clock(ClockMessage& out);
  bool port_matches(size_t index, const MidiPortSelector& port) const;

  // [SECTION] the producer side, one thread per port (rtmidi's callback; tests call it too).
  void receive(size_t port, const uint8_t* bytes, size_t size, double sec);
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  uint64_t received() const { return received_.load(std::memory_order_relaxed); }

  // Ports added without rtmidi (tests): `name` takes the next index, fed through receive().
  size_t add_port_for_test(const std::string& name);

 private:
  struct Event {  // a channel message: CC, note on or off
    uint8_t status, data1, data2;
  };
  struct Port;
  struct CcValue {
    uint16_t port;
    uint8_t channel;  // 1..16
    double value;
    uint64_t seq;
  };
  struct Note {
    uint16_t port;
    uint8_t channel;
    uint8_t note;
    double velocity;
    uint64_t seq;
  };
  void push_message(Port& p, const uint8_t* bytes, size_t size, double sec);
  void drain();
  void apply(uint16_t port, const Event& e);

  std::vector<std::unique_ptr<Port>> ports_;
  std::vector<std::string> names_;
  size_t clock_cursor_ = 0;  // the port pop_clock looks at first
  // The consumer's tables.
  std::map<int, std::vector<CcValue>> ccs_;  // by controller number
  std::vector<Note> notes_;                  // held, in the order pressed
  uint64_t seq_ = 0;
  std::atomic<uint64_t> dropped_{0}, received_{0};  // the producers'
};

}  // namespace mr::runtime
