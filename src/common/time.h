// Time in fairqm: int64 UTC milliseconds since the Unix epoch (TimeMs), the
// same representation in memory, in the catalogue and in JSON. Civil dates are
// only for people: FormatDate/ParseDate convert at the edge.
//
// Clock is the one way to learn the current time; no module reads the wall
// clock by itself, so tests can move time forward (ManualClock).
// Thread-safety: SystemClock is thread-safe; ManualClock is not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fairqm {

using TimeMs = std::int64_t;

inline constexpr TimeMs kSecondMs = 1000;
inline constexpr TimeMs kMinuteMs = 60 * kSecondMs;
inline constexpr TimeMs kHourMs = 60 * kMinuteMs;
inline constexpr TimeMs kDayMs = 24 * kHourMs;

inline constexpr TimeMs Days(std::int64_t n) { return n * kDayMs; }

// "2026-11-27" (UTC midnight) or "2026-11-27T10:15:00Z" → TimeMs.
std::optional<TimeMs> ParseTime(std::string_view text);
// TimeMs → "2026-11-27".
std::string FormatDate(TimeMs t);
// TimeMs → "2026-11-27T10:15:00Z".
std::string FormatTime(TimeMs t);
// Day of week of t in UTC: 0 = Monday … 6 = Sunday.
int Weekday(TimeMs t);
// t plus n working days (Monday–Friday), keeping the time of day. Used for the
// evaluation term (KSF-4.4: "10 werkdagen").
TimeMs AddWorkingDays(TimeMs t, int n);
// Calendar months added to a date (AVG-12's "one month"), clamped to month end.
TimeMs AddMonths(TimeMs t, int months);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimeMs Now() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeMs now) : now_(now) {}
  TimeMs Now() const override { return now_; }
  void Set(TimeMs now) { now_ = now; }
  void Advance(TimeMs delta) { now_ += delta; }

 private:
  TimeMs now_;
};

}  // namespace fairqm
