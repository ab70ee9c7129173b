// MIDI input (midi_input.hpp).
#include "runtime/midi_input.hpp"

#include <rtmidi/RtMidi.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace mr::runtime {

namespace {
constexpr size_t kEventQueue = 4096;  // a controller sweeping 8 knobs sends ~1000 messages a second
constexpr size_t kClockQueue = 1024;  // 24 pulses a beat: 96 a second at 240 bpm

double steady_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool is_clock(uint8_t status) {
  return status == 0xF8 || status == 0xFA || status == 0xFB || status == 0xFC || status == 0xF2;
}
}  // namespace

struct MidiInput::Port {
  MidiInput* owner = nullptr;
  size_t index = 0;
  std::unique_ptr<RtMidiIn> in;  // null for a test's port
  SpscQueue<Event> events{kEventQueue};
  SpscQueue<ClockMessage> clock{kClockQueue};

  static void callback(double, std::vector<unsigned char>* message, void* user) {
    auto* p = static_cast<Port*>(user);
    if (message && !message->empty()) p->owner->push_message(*p, message->data(), message->size(), steady_now());
  }
};

MidiInput::MidiInput() = default;

MidiInput::~MidiInput() {
  // Closing each port stops its callbacks before its queues go.
  for (auto& p : ports_)
    if (p->in) {
      try {
        p->in->cancelCallback();
        p->in->closePort();
      } catch (const std::exception&) {
      }
      p->in.reset();
    }
}

void MidiInput::open(const std::string& ports, const std::string& api, std::vector<std::string>& messages) {
  if (ports.empty()) return;
  const bool all = ports == "all";
  std::vector<std::pair<RtMidi::Api, std::string>> apis;
  // ALSA's sequencer, when the machine has one: rtmidi prints and throws when it has not.
  const bool has_seq = ::access("/dev/snd/seq", R_OK | W_OK) == 0;
  if ((api == "auto" || api == "alsa") && has_seq) apis.push_back({RtMidi::LINUX_ALSA, "ALSA"});
  if (api == "alsa" && !has_seq) messages.push_back("midi in: ALSA's sequencer is not there (no /dev/snd/seq)");
  if (api == "auto" || api == "jack") apis.push_back({RtMidi::UNIX_JACK, "JACK"});
  std::string problems;
  for (const auto& [which, api_name] : apis) {
    std::vector<unsigned> matching;
    std::vector<std::string> names;
    try {
      RtMidiIn probe(which, "moonrave in");
      std::string error;
      probe.setErrorCallback([](RtMidiError::Type, const std::string& text, void* user) { *static_cast<std::string*>(user) = text; },
                             &error);
      const unsigned n = probe.getPortCount();
      if (!error.empty()) {
        problems += (problems.empty() ? "" : "; ") + api_name + ": " + error;
        continue;
      }
      for (unsigned i = 0; i < n; ++i) {
        const std::string name = probe.getPortName(i);
        if (all ? name.find("moonrave") == std::string::npos : name.find(ports) != std::string::npos) {
          matching.push_back(i);
          names.push_back(name);
        }
      }
    } catch (const std::exception& e) {
      problems += (problems.empty() ? "" : "; ") + api_name + ": " + e.what();
      continue;
    }
    if (matching.empty()) continue;
    for (size_t k = 0; k < matching.size(); ++k) {
      auto p = std::make_unique<Port>();
      p->owner = this;
      p->index = ports_.size();
      std::string error;
      try {
        p->in = std::make_unique<RtMidiIn>(which, "moonrave in");
        p->in->setErrorCallback(
            [](RtMidiError::Type, const std::string& text, void* user) { *static_cast<std::string*>(user) = text; }, &error);
        p->in->ignoreTypes(true, false, true);  // sysex and active sensing off; the clock on
        p->in->setCallback(&Port::callback, p.get());
        p->in->openPort(matching[k], "in");
      } catch (const std::exception& e) {
        error = e.what();
      }
      if (!error.empty() || !p->in->isPortOpen()) {
        messages.push_back("midi in: cannot open " + api_name + " port '" + names[k] + "': " + (error.empty() ? "?" : error));
        if (p->in) p->in->cancelCallback();
        continue;
      }
      ports_.push_back(std::move(p));
      names_.push_back(names[k]);
    }
    break;  // the first API with a matching port
  }
  if (names_.empty()) {
    messages.push_back("midi in: no MIDI input port named like '" + ports + "'" + (problems.empty() ? "" : " (" + problems + ")") +
                       "; cc() gives 0 (moonrave doctor lists the inputs)");
    return;
  }
  std::string list;
  for (const std::string& n : names_) list += (list.empty() ? "" : ", ") + ("'" + n + "'");
  messages.push_back("midi in: listening to " + list);
}

size_t MidiInput::add_port_for_test(const std::string& name) {
  auto p = std::make_unique<Port>();
  p->owner = this;
  p->index = ports_.size();
  ports_.push_back(std::move(p));
  names_.push_back(name);
  return ports_.size() - 1;
}

void MidiInput::receive(size_t port, const uint8_t* bytes, size_t size, double sec) {
  if (port < ports_.size()) push_message(*ports_[port], bytes, size, sec);
}

// On the port's callback thread: only its own queues are touched (ports_ may still be growing).
void MidiInput::push_message(Port& p, const uint8_t* bytes, size_t size, double sec) {
  if (size == 0) return;
  const size_t port = p.index;
  const uint8_t status = bytes[0];
  bool ok = true;
  if (is_clock(status)) {
    ClockMessage m{};
    m.size = static_cast<uint8_t>(std::min<size_t>(size, 3));
    std::copy(bytes, bytes + m.size, m.bytes);
    m.port = static_cast<uint16_t>(port);
    m.sec = sec;
    ok = p.clock.push(m);
  } else {
    const uint8_t kind = status & 0xF0;
    if ((kind != 0x80 && kind != 0x90 && kind != 0xB0) || size < 3) return;
    ok = p.events.push(Event{status, static_cast<uint8_t>(bytes[1] & 0x7F), static_cast<uint8_t>(bytes[2] & 0x7F)});
  }
  (ok ? received_ : dropped_).fetch_add(1, std::memory_order_relaxed);
}

void MidiInput::apply(uint16_t port, const Event& e) {
  const uint8_t kind = e.status & 0xF0;
  const auto channel = static_cast<uint8_t>((e.status & 0x0F) + 1);
  const uint64_t seq = ++seq_;
  auto release = [&](int note) {
    notes_.erase(std::remove_if(notes_.begin(), notes_.end(),
                                [&](const Note& n) { return n.port == port && n.channel == channel && (note < 0 || n.note == note); }),
                 notes_.end());
  };
  if (kind == 0xB0) {
    auto& list = ccs_[e.data1];
    auto it = std::find_if(list.begin(), list.end(), [&](const CcValue& v) { return v.port == port && v.channel == channel; });
    const double value = e.data2 / 127.0;
    if (it == list.end())
      list.push_back(CcValue{port, channel, value, seq});
    else
      *it = CcValue{port, channel, value, seq};
    if (e.data1 == 123 || e.data1 == 120) release(-1);  // all notes off, all sound off
  } else if (kind == 0x90 && e.data2 > 0) {
    release(e.data1);  // a second note-on of a held note moves it to the end
    notes_.push_back(Note{port, channel, e.data1, e.data2 / 127.0, seq});
  } else if (kind == 0x80 || kind == 0x90) {
    release(e.data1);
  }
}

void MidiInput::drain() {
  Event e;
  for (auto& p : ports_)
    while (p->events.pop(e)) apply(static_cast<uint16_t>(p->index), e);
}

bool MidiInput::port_matches(size_t index, const MidiPortSelector& port) const {
  if (port.index >= 0) return index == static_cast<size_t>(port.index);
  return port.name.empty() || (index < names_.size() && names_[index].find(port.name) != std::string::npos);
}

std::optional<double> MidiInput::cc(int number, int channel, const MidiPortSelector& port) {
  drain();
  auto it = ccs_.find(number);
  if (it == ccs_.end()) return std::nullopt;
  const CcValue* best = nullptr;
  for (const CcValue& v : it->second)
    if ((channel == 0 || v.channel == channel) && port_matches(v.port, port) && (!best || v.seq > best->seq)) best = &v;
  if (!best) return std::nullopt;
  return best->value;
}

void MidiInput::held_notes(int channel, const MidiPortSelector& port, std::vector<HeldNote>& out, double* latest_velocity) {
  drain();
  out.clear();
  if (latest_velocity) *latest_velocity = 0.0;
  for (const Note& n : notes_) {
    if ((channel != 0 && n.channel != channel) || !port_matches(n.port, port)) continue;
    out.push_back(HeldNote{n.note, n.velocity});
    if (latest_velocity) *latest_velocity = n.velocity;  // notes_ is in the order pressed
  }
  std::sort(out.begin(), out.end(), [](const HeldNote& a, const HeldNote& b) { return a.note < b.note; });
  out.erase(std::unique(out.begin(), out.end(), [](const HeldNote& a, const HeldNote& b) { return a.note == b.note; }), out.end());
}

bool MidiInput::pop_clock(ClockMessage& out) {
  for (size_t k = 0; k < ports_.size(); ++k) {
    const size_t i = (clock_cursor_ + k) % ports_.size();
    if (ports_[i]->clock.pop(out)) {
      clock_cursor_ = i;
      return true;
    }
  }
  return false;
}

}  // namespace mr::runtime
