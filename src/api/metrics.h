// api/metrics: counters and latency histograms for /metrics (Prometheus text
// exposition format 0.0.4).
//
// Requests by operation and status, request latency as a histogram, capture
// decisions allowed/refused by rule, sweeps run and items destroyed by rule,
// reminders sent, live event streams open. No personal data is ever a label:
// labels are operation ids, status codes and rule ids.
// Thread-safety: all methods may be called from any thread (one mutex; the
// counters are touched once per request, far below contention).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace fairqm::api {

class Metrics {
 public:
  void CountRequest(std::string_view operation, unsigned status, double seconds);
  void CountCapture(bool allowed, bool selected, std::string_view rule);
  void CountSweep(bool ok, const std::map<std::string, std::int64_t>& destroyed_by_rule);
  void CountReminders(std::int64_t sent);
  void StreamOpened();
  void StreamClosed();

  std::string Render() const;

  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;     // GUARDED_BY(mutex_)
  std::map<std::string, Histogram> latency_;                               // GUARDED_BY(mutex_)
  std::map<std::pair<std::string, std::string>, std::uint64_t> captures_;  // outcome, rule
  std::uint64_t sweeps_ok_ = 0;
  std::uint64_t sweeps_failed_ = 0;
  std::map<std::string, std::uint64_t> destroyed_;  // by rule
  std::uint64_t reminders_ = 0;
  std::int64_t streams_open_ = 0;
};

}  // namespace fairqm::api
