#include "runtime/control_inputs.hpp"

#include <lo/lo.h>

#include <cmath>
#include <cstring>

namespace mr::runtime {

namespace {

bool arg_number(char type, lo_arg* a, double& out) {
  switch (type) {
    case LO_FLOAT: out = a->f; return true;
    case LO_DOUBLE: out = a->d; return true;
    case LO_INT32: out = a->i; return true;
    case LO_INT64: out = static_cast<double>(a->h); return true;
    default: return false;
  }
}

int on_ctrl(const char*, const char* types, lo_arg** argv, int argc, lo_message, void* user) {
  auto* self = static_cast<ControlInputs*>(user);
  if (argc < 2) return 0;
  std::string name;
  if (types[0] == LO_STRING || types[0] == LO_SYMBOL) {
    name = &argv[0]->s;
  } else if (types[0] == LO_INT32) {
    name = std::to_string(argv[0]->i);  // Tidal's numbered controls: ctrl("1")
  } else {
    return 0;
  }
  double v = 0;
  if (!arg_number(types[1], argv[1], v) || !std::isfinite(v)) return 0;
  self->push(name, v);
  return 0;
}

void on_error(int, const char*, const char*) {}  // bind errors come back through listen_osc

}  // namespace

ControlInputs::ControlInputs() : queue_(4096) {}

ControlInputs::~ControlInputs() {
  if (server_) {
    lo_server_thread_stop(static_cast<lo_server_thread>(server_));
    lo_server_thread_free(static_cast<lo_server_thread>(server_));
  }
}

bool ControlInputs::listen_osc(int port, std::string& error) {
  const std::string p = port == 0 ? std::string() : std::to_string(port);
  lo_server_thread s = lo_server_thread_new(p.empty() ? nullptr : p.c_str(), on_error);
  if (!s) {
    error = "cannot listen for /ctrl on UDP port " + std::to_string(port) + " (in use?)";
    return false;
  }
  lo_server_thread_add_method(s, "/ctrl", nullptr, on_ctrl, this);
  port_ = lo_server_thread_get_port(s);
  server_ = s;
  if (lo_server_thread_start(s) != 0) {
    error = "cannot start the /ctrl receiver on UDP port " + std::to_string(port_);
    return false;
  }
  return true;
}

bool ControlInputs::push(std::string_view name, double value) {
  if (name.size() > kMaxName) {
    ++dropped_;
    return false;
  }
  Item item{};
  std::memcpy(item.name, name.data(), name.size());
  item.name[name.size()] = '\0';
  item.value = value;
  if (!queue_.push(item)) {
    ++dropped_;
    return false;
  }
  ++received_;
  return true;
}

void ControlInputs::drain() {
  Item item;
  while (queue_.pop(item)) latest_[item.name] = item.value;
}

std::optional<double> ControlInputs::value(const std::string& name) {
  drain();
  auto it = latest_.find(name);
  if (it == latest_.end()) return std::nullopt;
  return it->second;
}

}  // namespace mr::runtime
