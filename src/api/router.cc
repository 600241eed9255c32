#include "api/router.h"

#include <utility>

namespace fairqm::api {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = HexValue(text[i + 1]);
    const int low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    const char decoded = static_cast<char>(high * 16 + low);
    if (decoded == '\0' || decoded == '/') return std::nullopt;
    out.push_back(decoded);
    i += 2;
  }
  return out;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::optional<std::vector<std::string>> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view raw = path.substr(start, end - start);
    if (!raw.empty()) {
      auto decoded = PercentDecode(raw);
      if (!decoded || *decoded == ".." || *decoded == ".") return std::nullopt;
      segments.push_back(std::move(*decoded));
    }
    start = end + 1;
  }
  return segments;
}

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  segments_.reserve(routes_.size());
  for (const Route& route : routes_) {
    segments_.push_back(SplitPath(route.pattern).value_or(std::vector<std::string>{}));
  }
}

Match Router::Find(http::verb method, std::string_view path) const {
  Match match;
  auto segments = SplitPath(path);
  if (!segments) return match;
  for (std::size_t route_idx = 0; route_idx < routes_.size(); ++route_idx) {
    const std::vector<std::string>& pattern = segments_[route_idx];
    if (pattern.size() != segments->size()) continue;
    std::map<std::string, std::string> params;
    bool same = true;
    for (std::size_t segment_idx = 0; segment_idx < pattern.size(); ++segment_idx) {
      const std::string& want = pattern[segment_idx];
      const std::string& got = (*segments)[segment_idx];
      if (IsParam(want)) {
        if (got.empty()) {
          same = false;
          break;
        }
        params[want.substr(1, want.size() - 2)] = got;
      } else if (want != got) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    match.path_known = true;
    // A literal route wins over a parameterised one of the same method
    // because literal routes are listed first in the table.
    if (routes_[route_idx].method == method ||
        (method == http::verb::head && routes_[route_idx].method == http::verb::get)) {
      match.route = &routes_[route_idx];
      match.params = std::move(params);
      return match;
    }
  }
  return match;
}

const std::vector<domain::Role>& AllRoles() {
  static const std::vector<domain::Role> kRoles = {
      domain::Role::kAgent,        domain::Role::kMonitor,        domain::Role::kManager,
      domain::Role::kWorksCouncil, domain::Role::kPrivacyOfficer, domain::Role::kClient,
      domain::Role::kAdmin,        domain::Role::kCaptureSource,
  };
  return kRoles;
}

}  // namespace fairqm::api
