#include "common/time.h"

#include <chrono>
#include <cstdio>

namespace fairqm {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::optional<TimeMs> ParseTime(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!ParseInt(text.substr(0, 4), y) || !ParseInt(text.substr(5, 2), m) ||
      !ParseInt(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                     std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  TimeMs t = std::chrono::duration_cast<std::chrono::milliseconds>(sys_days{ymd}.time_since_epoch())
                 .count();
  if (text.size() == 10) return t;
  // 2026-11-27T10:15:00Z (seconds and Z optional)
  if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
  std::string_view rest = text.substr(11);
  if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
  int hh = 0, mm = 0, ss = 0;
  if (rest.size() != 5 && rest.size() != 8) return std::nullopt;
  if (!ParseInt(rest.substr(0, 2), hh) || rest[2] != ':' || !ParseInt(rest.substr(3, 2), mm)) {
    return std::nullopt;
  }
  if (rest.size() == 8 && (rest[5] != ':' || !ParseInt(rest.substr(6, 2), ss))) {
    return std::nullopt;
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  return t + hh * kHourMs + mm * kMinuteMs + ss * kSecondMs;
}

static year_month_day ToYmd(TimeMs t) {
  auto dp = std::chrono::floor<days>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(t)));
  return year_month_day{dp};
}

std::string FormatDate(TimeMs t) {
  auto ymd = ToYmd(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string FormatTime(TimeMs t) {
  TimeMs day_start = t - ((t % kDayMs) + kDayMs) % kDayMs;
  TimeMs in_day = t - day_start;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", FormatDate(t).c_str(),
                static_cast<int>(in_day / kHourMs), static_cast<int>(in_day / kMinuteMs % 60),
                static_cast<int>(in_day / kSecondMs % 60));
  return buf;
}

int Weekday(TimeMs t) {
  auto dp = std::chrono::floor<days>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(t)));
  std::chrono::weekday wd{dp};
  return static_cast<int>(wd.iso_encoding()) - 1;
}

TimeMs AddWorkingDays(TimeMs t, int n) {
  while (n > 0) {
    t += kDayMs;
    if (Weekday(t) < 5) --n;
  }
  return t;
}

TimeMs AddMonths(TimeMs t, int months) {
  auto ymd = ToYmd(t);
  TimeMs day_start = t - ((t % kDayMs) + kDayMs) % kDayMs;
  TimeMs in_day = t - day_start;
  auto target = ymd.year() / ymd.month() / std::chrono::day{1};
  target += std::chrono::months{months};
  auto last =
      std::chrono::year_month_day_last{target.year(), std::chrono::month_day_last{target.month()}};
  auto d = ymd.day() > last.day() ? last.day() : ymd.day();
  year_month_day out{target.year(), target.month(), d};
  return std::chrono::duration_cast<std::chrono::milliseconds>(sys_days{out}.time_since_epoch())
             .count() +
         in_day;
}

TimeMs SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace fairqm
