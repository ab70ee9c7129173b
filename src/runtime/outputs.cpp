// OSC and MIDI outputs (outputs.hpp).
#include "runtime/outputs.hpp"

#include <lo/lo.h>
#include <rtmidi/RtMidi.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <queue>
#include <thread>

#include "pattern/ops.hpp"
#include "runtime/osc_codec.hpp"

namespace mr::runtime {

namespace {

using Clock = std::chrono::steady_clock;

struct MidiMessage {
  Clock::time_point due;
  uint64_t order = 0;
  std::vector<unsigned char> bytes;
  bool operator>(const MidiMessage& o) const { return due != o.due ? due > o.due : order > o.order; }
};

lo_timetag timetag_in(double delay_sec) {
  const osc::TimeTag t = osc::timetag_from_unix(osc::unix_now() + std::max(0.0, delay_sec));
  return lo_timetag{t.sec, t.frac};
}

// Key/value pairs of a hap for SuperDirt: cps, cycle, delta, then every control (orbit 0 default).
std::vector<std::pair<std::string, pattern::Value>> dirt_pairs(const ScheduledHap& h) {
  std::vector<std::pair<std::string, pattern::Value>> kv;
  kv.push_back({"cps", h.cps});
  kv.push_back({"cycle", h.cycle.to_double()});
  kv.push_back({"delta", h.duration_sec});
  bool orbit = false;
  if (h.controls.is_map()) {
    for (const auto& [k, v] : h.controls.entries()) {
      if (k == "orbit") orbit = true;
      kv.push_back({k, v});
    }
  }
  if (!orbit) kv.push_back({"orbit", 0.0});
  return kv;
}

}  // namespace

struct Outputs::Impl {
  OutputsConfig config;
  lo_address osc = nullptr;
  std::unique_ptr<RtMidiOut> midi;
  std::thread midi_thread;
  std::mutex mutex;
  std::condition_variable wake;
  std::priority_queue<MidiMessage, std::vector<MidiMessage>, std::greater<>> queue;
  uint64_t order = 0;
  bool stop = false;
  bool clock_started = false;

  void enqueue(double delay_sec, std::vector<unsigned char> bytes) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto due = Clock::now() + std::chrono::microseconds(static_cast<int64_t>(std::max(0.0, delay_sec) * 1e6));
      queue.push(MidiMessage{due, order++, std::move(bytes)});
    }
    wake.notify_one();
  }

  void run_midi() {
    std::unique_lock<std::mutex> lock(mutex);
    while (!stop) {
      if (queue.empty()) {
        wake.wait(lock);
        continue;
      }
      const auto due = queue.top().due;
      if (Clock::now() < due) {
        wake.wait_until(lock, due);
        continue;
      }
      std::vector<unsigned char> bytes = queue.top().bytes;
      queue.pop();
      lock.unlock();
      try {
        midi->sendMessage(&bytes);
      } catch (const std::exception&) {
      }
      lock.lock();
    }
  }
};

Outputs::Outputs(const OutputsConfig& config, std::vector<std::string>& warnings) : impl_(std::make_unique<Impl>()) {
  impl_->config = config;
  if (!config.osc.empty()) {
    const size_t colon = config.osc.rfind(':');
    const std::string host = colon == std::string::npos ? "127.0.0.1" : config.osc.substr(0, colon);
    const std::string port = colon == std::string::npos ? config.osc : config.osc.substr(colon + 1);
    impl_->osc = lo_address_new(host.c_str(), port.c_str());
    if (!impl_->osc) warnings.push_back("OSC: cannot send to '" + config.osc + "' (expected host:port)");
  }
  if (!config.midi.empty()) {
    try {
      auto out = std::make_unique<RtMidiOut>();
      if (config.midi == "virtual") {
        out->openVirtualPort("moonrave");
      } else {
        const unsigned n = out->getPortCount();
        unsigned found = n;
        for (unsigned i = 0; i < n && found == n; ++i)
          if (out->getPortName(i).find(config.midi) != std::string::npos) found = i;
        if (found == n) throw std::runtime_error("no MIDI output port named like '" + config.midi + "'");
        out->openPort(found, "moonrave");
      }
      impl_->midi = std::move(out);
      clock_on_ = config.midi_clock;
      impl_->midi_thread = std::thread([this] { impl_->run_midi(); });
    } catch (const std::exception& e) {
      warnings.push_back(std::string("MIDI: ") + e.what());
      impl_->midi.reset();
    }
  }
}

Outputs::~Outputs() {
  if (impl_->midi_thread.joinable()) {
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->stop = true;
    }
    impl_->wake.notify_all();
    impl_->midi_thread.join();
    if (impl_->clock_started) {
      std::vector<unsigned char> stop{0xFC};
      try {
        impl_->midi->sendMessage(&stop);
      } catch (const std::exception&) {
      }
    }
  }
  if (impl_->osc) lo_address_free(impl_->osc);
}

bool Outputs::osc_open() const { return impl_->osc != nullptr; }
bool Outputs::midi_open() const { return impl_->midi != nullptr; }

std::string Outputs::describe_superdirt(const ScheduledHap& h) {
  std::string out = "/dirt/play";
  for (const auto& [k, v] : dirt_pairs(h)) out += " " + k + "=" + (v.is_string() ? v.string() : v.json());
  return out;
}

void Outputs::send_osc(const ScheduledHap& h, double delay_sec) {
  if (!impl_->osc) return;
  lo_message m = lo_message_new();
  for (const auto& [k, v] : dirt_pairs(h)) {
    double x = 0;
    if (v.is_string()) {
      lo_message_add_string(m, k.c_str());
      lo_message_add_string(m, v.string().c_str());
    } else if (v.to_number(x)) {
      lo_message_add_string(m, k.c_str());
      lo_message_add_float(m, static_cast<float>(x));
    }
  }
  lo_bundle b = lo_bundle_new(timetag_in(delay_sec));
  lo_bundle_add_message(b, impl_->config.osc_format == "plain" ? "/moonrave/event" : "/dirt/play", m);
  lo_send_bundle(impl_->osc, b);
  lo_bundle_free_recursive(b);
}

void Outputs::send_midi(const ScheduledHap& h, double on_sec, double off_sec) {
  if (!impl_->midi || !h.controls.is_map()) return;
  double x = 1;
  int channel = 0;
  if (const pattern::Value* c = h.controls.get("midichan"); c && c->to_number(x)) channel = std::clamp(static_cast<int>(x) - 1, 0, 15);
  if (const pattern::Value* ccn = h.controls.get("ccn"); ccn && ccn->to_number(x)) {
    const int number = std::clamp(static_cast<int>(x), 0, 127);
    double v = 0;
    if (const pattern::Value* ccv = h.controls.get("ccv")) ccv->to_number(v);
    if (v > 0 && v <= 1 && std::floor(v) != v) v *= 127;
    impl_->enqueue(on_sec, {static_cast<unsigned char>(0xB0 | channel), static_cast<unsigned char>(number),
                            static_cast<unsigned char>(std::clamp(static_cast<int>(std::lround(v)), 0, 127))});
    return;
  }
  double note = -1;
  if (const pattern::Value* n = h.controls.get("note")) {
    if (n->is_string()) {
      if (auto m = pattern::note_to_midi(n->string())) note = *m;
    } else {
      n->to_number(note);
    }
  } else if (const pattern::Value* nn = h.controls.get("n")) {
    nn->to_number(note);
  }
  if (note < 0) return;
  double velocity = 100.0 / 127.0;
  if (const pattern::Value* v = h.controls.get("velocity")) v->to_number(velocity);
  else if (const pattern::Value* g = h.controls.get("gain")) {
    double gain = 1;
    if (g->to_number(gain)) velocity = std::clamp(gain, 0.0, 1.0) * 100.0 / 127.0;
  }
  const auto key = static_cast<unsigned char>(std::clamp(static_cast<int>(std::lround(note)), 0, 127));
  const auto vel = static_cast<unsigned char>(std::clamp(static_cast<int>(std::lround(velocity * 127)), 1, 127));
  impl_->enqueue(on_sec, {static_cast<unsigned char>(0x90 | channel), key, vel});
  impl_->enqueue(std::max(on_sec, off_sec - 0.001), {static_cast<unsigned char>(0x80 | channel), key, 0});
}

void Outputs::send_clock(double delay_sec) {
  if (!impl_->midi) return;
  if (!impl_->clock_started) {
    impl_->clock_started = true;
    impl_->enqueue(delay_sec, {0xFA});
  }
  impl_->enqueue(delay_sec, {0xF8});
}

}  // namespace mr::runtime
