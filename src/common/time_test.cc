#include "common/time.h"

#include <gtest/gtest.h>

namespace fairqm {
namespace {

TEST(TimeTest, ParsesAndFormatsDates) {
  auto t = ParseTime("2026-11-27");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatDate(*t), "2026-11-27");
  auto u = ParseTime("2026-11-27T10:15:30Z");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(*u - *t, 10 * kHourMs + 15 * kMinuteMs + 30 * kSecondMs);
  EXPECT_EQ(FormatTime(*u), "2026-11-27T10:15:30Z");
}

TEST(TimeTest, RejectsMalformedDates) {
  EXPECT_FALSE(ParseTime("2026-13-01").has_value());
  EXPECT_FALSE(ParseTime("2026-02-30").has_value());
  EXPECT_FALSE(ParseTime("27-11-2026").has_value());
  EXPECT_FALSE(ParseTime("2026-11-27T25:00").has_value());
  EXPECT_FALSE(ParseTime("").has_value());
}

TEST(TimeTest, WorkingDaysSkipWeekends) {
  // 2026-11-27 is a Friday.
  auto friday = *ParseTime("2026-11-27");
  EXPECT_EQ(Weekday(friday), 4);
  EXPECT_EQ(FormatDate(AddWorkingDays(friday, 1)), "2026-11-30");
  EXPECT_EQ(FormatDate(AddWorkingDays(friday, 10)), "2026-12-11");
}

TEST(TimeTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(FormatDate(AddMonths(*ParseTime("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(FormatDate(AddMonths(*ParseTime("2026-11-27"), 3)), "2027-02-27");
}

}  // namespace
}  // namespace fairqm
