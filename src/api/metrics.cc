#include "api/metrics.h"

#include <fmt/format.h>

namespace fairqm::api {

void Metrics::CountRequest(std::string_view operation, unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(operation), status}];
  Histogram& histogram = latency_[std::string(operation)];
  for (std::size_t bucket_idx = 0; bucket_idx < kBuckets.size(); ++bucket_idx) {
    if (seconds <= kBuckets[bucket_idx]) ++histogram.buckets[bucket_idx];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::CountCapture(bool allowed, bool selected, std::string_view rule) {
  std::lock_guard lock(mutex_);
  std::string outcome = !allowed ? "refused" : (selected ? "recorded" : "not_selected");
  ++captures_[{outcome, std::string(rule)}];
}

void Metrics::CountSweep(bool ok, const std::map<std::string, std::int64_t>& destroyed_by_rule) {
  std::lock_guard lock(mutex_);
  ++(ok ? sweeps_ok_ : sweeps_failed_);
  for (const auto& [rule, count] : destroyed_by_rule) destroyed_[rule] += count;
}

void Metrics::CountReminders(std::int64_t sent) {
  std::lock_guard lock(mutex_);
  reminders_ += sent;
}

void Metrics::StreamOpened() {
  std::lock_guard lock(mutex_);
  ++streams_open_;
}

void Metrics::StreamClosed() {
  std::lock_guard lock(mutex_);
  --streams_open_;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP fairqm_http_requests_total HTTP requests by operation and status.\n";
  out += "# TYPE fairqm_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out += fmt::format("fairqm_http_requests_total{{operation=\"{}\",status=\"{}\"}} {}\n",
                       key.first, key.second, count);
  }
  out += "# HELP fairqm_http_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE fairqm_http_request_duration_seconds histogram\n";
  for (const auto& [operation, histogram] : latency_) {
    for (std::size_t bucket_idx = 0; bucket_idx < kBuckets.size(); ++bucket_idx) {
      out += fmt::format(
          "fairqm_http_request_duration_seconds_bucket{{operation=\"{}\",le=\"{}\"}} {}\n",
          operation, kBuckets[bucket_idx], histogram.buckets[bucket_idx]);
    }
    out += fmt::format(
        "fairqm_http_request_duration_seconds_bucket{{operation=\"{}\",le=\"+Inf\"}} {}\n",
        operation, histogram.count);
    out += fmt::format("fairqm_http_request_duration_seconds_sum{{operation=\"{}\"}} {}\n",
                       operation, histogram.sum);
    out += fmt::format("fairqm_http_request_duration_seconds_count{{operation=\"{}\"}} {}\n",
                       operation, histogram.count);
  }
  out += "# HELP fairqm_capture_decisions_total Capture gate answers by outcome and rule.\n";
  out += "# TYPE fairqm_capture_decisions_total counter\n";
  for (const auto& [key, count] : captures_) {
    out += fmt::format("fairqm_capture_decisions_total{{outcome=\"{}\",rule=\"{}\"}} {}\n",
                       key.first, key.second, count);
  }
  out += "# HELP fairqm_sweeps_total Retention sweeps run by the scheduler.\n";
  out += "# TYPE fairqm_sweeps_total counter\n";
  out += fmt::format("fairqm_sweeps_total{{result=\"ok\"}} {}\n", sweeps_ok_);
  out += fmt::format("fairqm_sweeps_total{{result=\"failed\"}} {}\n", sweeps_failed_);
  out += "# HELP fairqm_destructions_total Items destroyed by the sweep, by rule.\n";
  out += "# TYPE fairqm_destructions_total counter\n";
  for (const auto& [rule, count] : destroyed_) {
    out += fmt::format("fairqm_destructions_total{{rule=\"{}\"}} {}\n", rule, count);
  }
  out += "# HELP fairqm_reminders_total Deadline reminders sent.\n";
  out += "# TYPE fairqm_reminders_total counter\n";
  out += fmt::format("fairqm_reminders_total {}\n", reminders_);
  out += "# HELP fairqm_live_streams Live notice streams open now.\n";
  out += "# TYPE fairqm_live_streams gauge\n";
  out += fmt::format("fairqm_live_streams {}\n", streams_open_);
  return out;
}

}  // namespace fairqm::api
