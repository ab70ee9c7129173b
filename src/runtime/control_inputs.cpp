#include "runtime/control_inputs.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <vector>

#include "runtime/osc_codec.hpp"

namespace mr::runtime {

ControlInputs::ControlInputs() : queue_(4096) {}

ControlInputs::~ControlInputs() {
  stop_.store(true, std::memory_order_relaxed);
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

bool ControlInputs::listen_osc(int port, std::string& error) {
  fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    error = "cannot listen for /ctrl on 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(errno) +
            (errno == EADDRINUSE ? " (another program has it: Tidal's own, or another moonrave?)" : "");
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    return false;
  }
  socklen_t len = sizeof a;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  thread_ = std::thread([this] { run(); });
  return true;
}

void ControlInputs::run() {
  std::vector<uint8_t> buf(65536);
  std::vector<osc::Message> messages;
  while (!stop_.load(std::memory_order_relaxed)) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    for (;;) {
      const ssize_t n = ::recv(fd_, buf.data(), buf.size(), MSG_DONTWAIT);
      if (n < 0) break;
      messages.clear();
      std::string error;
      osc::decode_packet(buf.data(), static_cast<size_t>(n), messages, error);  // the good parts
      for (const osc::Message& m : messages) {
        if (m.path != "/ctrl" || m.args.size() < 2) continue;
        const pattern::Value& name = m.args[0].value;
        const pattern::Value& value = m.args[1].value;
        if (!value.is_number() || !std::isfinite(value.number())) continue;
        if (name.is_string()) {
          push(name.string(), value.number());
        } else if (name.is_number() && std::isfinite(name.number()) && std::fabs(name.number()) < 1e9) {
          push(std::to_string(static_cast<long>(name.number())), value.number());  // Tidal's numbered controls: ctrl("1")
        }
      }
    }
  }
}

bool ControlInputs::push(std::string_view name, double value) {
  if (name.size() > kMaxName) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  Item item{};
  std::memcpy(item.name, name.data(), name.size());
  item.name[name.size()] = '\0';
  item.value = value;
  if (!queue_.push(item)) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  received_.fetch_add(1, std::memory_order_relaxed);
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
