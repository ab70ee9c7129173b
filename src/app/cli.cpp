// Command-line parsing and help text for the subcommands.
#include "app/cli.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace mr::app {

namespace {

const OptionSpec* find_option(const CommandSpec& spec, const std::string& name) {
  for (const auto& o : spec.options)
    if (o.name == name) return &o;
  return nullptr;
}

}  // namespace

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string ParsedArgs::get_or(const std::string& name, const std::string& fallback) const {
  auto v = get(name);
  return v ? *v : fallback;
}

double ParsedArgs::number(const std::string& name, double fallback, double min, double max) const {
  auto v = get(name);
  if (!v) return fallback;
  errno = 0;
  char* end = nullptr;
  double x = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0' || errno == ERANGE || !std::isfinite(x))
    throw UsageError(name + " expects a number, got '" + *v + "'");
  if (x < min || x > max) {
    std::ostringstream os;
    os << name << " must be between " << min << " and " << max << ", got " << *v;
    throw UsageError(os.str());
  }
  return x;
}

long long ParsedArgs::integer(const std::string& name, long long fallback, long long min,
                              long long max) const {
  auto v = get(name);
  if (!v) return fallback;
  errno = 0;
  char* end = nullptr;
  long long x = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || errno == ERANGE)
    throw UsageError(name + " expects a whole number, got '" + *v + "'");
  if (x < min || x > max)
    throw UsageError(name + " must be between " + std::to_string(min) + " and " +
                     std::to_string(max) + ", got " + *v);
  return x;
}

ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args) {
  ParsedArgs out;
  bool only_positional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!only_positional && a == "--") {
      only_positional = true;
      continue;
    }
    if (!only_positional && (a == "--help" || a == "-h")) {
      out.values_["--help"] = "";
      return out;
    }
    if (!only_positional && a.size() > 1 && a[0] == '-' && !(a.size() > 1 && (std::isdigit(a[1]) || a[1] == '.'))) {
      std::string name = a, value;
      bool inline_value = false;
      if (auto eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq);
        value = a.substr(eq + 1);
        inline_value = true;
      }
      const OptionSpec* o = find_option(spec, name);
      if (!o) throw UsageError("unknown option '" + name + "' (see 'moonrave " + spec.name + " --help')");
      if (o->metavar.empty()) {
        if (inline_value) throw UsageError(name + " takes no value");
        out.values_[name] = "";
      } else {
        if (!inline_value) {
          if (i + 1 >= args.size()) throw UsageError(name + " needs a value: " + name + " " + o->metavar);
          value = args[++i];
        }
        out.values_[name] = value;
      }
      continue;
    }
    out.positional.push_back(a);
  }
  const int n = static_cast<int>(out.positional.size());
  if (n < spec.min_positional)
    throw UsageError("missing argument (usage: moonrave " + spec.name + " " + spec.synopsis + ")");
  if (n > spec.max_positional)
    throw UsageError("unexpected argument '" + out.positional[spec.max_positional] +
                     "' (usage: moonrave " + spec.name + " " + spec.synopsis + ")");
  return out;
}

std::string command_help(const CommandSpec& spec) {
  std::ostringstream os;
  os << "usage: moonrave " << spec.name << (spec.synopsis.empty() ? "" : " ") << spec.synopsis << "\n\n"
     << spec.summary << "\n";
  if (!spec.details.empty()) os << "\n" << spec.details << "\n";
  if (!spec.options.empty()) {
    os << "\noptions:\n";
    for (const auto& o : spec.options) {
      std::string left = "  " + o.name + (o.metavar.empty() ? "" : " " + o.metavar);
      os << left;
      if (left.size() < 24) os << std::string(24 - left.size(), ' ');
      else os << "\n" << std::string(24, ' ');
      os << o.help << "\n";
    }
  }
  os << "  -h, --help            this help\n";
  return os.str();
}

}  // namespace mr::app
