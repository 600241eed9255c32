// HTTP byte ranges (RFC 9110 §14): one row per Range header, the content size
// and what is sent.
#include "api/range.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fairqm::api {
namespace {

using Kind = ResolvedRange::Kind;

struct Row {
  std::string range;
  std::string if_range;
  std::uint64_t size;
  Kind kind;
  std::uint64_t first;
  std::uint64_t last;
};

TEST(RangeTest, ResolvesEachFormAgainstTheSize) {
  const std::vector<Row> rows = {
      // No header, another unit, malformed: the whole content.
      {"", "", 1000, Kind::kWhole, 0, 0},
      {"items=0-5", "", 1000, Kind::kWhole, 0, 0},
      {"bytes", "", 1000, Kind::kWhole, 0, 0},
      {"bytes=", "", 1000, Kind::kWhole, 0, 0},
      {"bytes=abc", "", 1000, Kind::kWhole, 0, 0},
      {"bytes=5", "", 1000, Kind::kWhole, 0, 0},
      {"bytes=-", "", 1000, Kind::kWhole, 0, 0},
      {"bytes=+1-5", "", 1000, Kind::kWhole, 0, 0},
      {"bytes=10-5", "", 1000, Kind::kWhole, 0, 0},  // last < first: invalid, ignored
      {"bytes=99999999999999999999-", "", 1000, Kind::kWhole, 0, 0},  // overflow
      // Several ranges: the whole content (documented choice).
      {"bytes=0-1,5-6", "", 1000, Kind::kWhole, 0, 0},
      // If-Range: we send no validators, so it never matches.
      {"bytes=0-9", "\"etag\"", 1000, Kind::kWhole, 0, 0},
      // One range "a-b".
      {"bytes=0-0", "", 1000, Kind::kPartial, 0, 0},
      {"bytes=0-499", "", 1000, Kind::kPartial, 0, 499},
      {"bytes=500-999", "", 1000, Kind::kPartial, 500, 999},
      {"bytes=999-999", "", 1000, Kind::kPartial, 999, 999},   // the last byte
      {"bytes=900-5000", "", 1000, Kind::kPartial, 900, 999},  // clipped
      {"Bytes = 1-2", "", 1000, Kind::kPartial, 1, 2},         // unit case, spaces
      // "a-".
      {"bytes=0-", "", 1000, Kind::kPartial, 0, 999},
      {"bytes=999-", "", 1000, Kind::kPartial, 999, 999},
      // Suffix "-n".
      {"bytes=-1", "", 1000, Kind::kPartial, 999, 999},
      {"bytes=-100", "", 1000, Kind::kPartial, 900, 999},
      {"bytes=-5000", "", 1000, Kind::kPartial, 0, 999},  // more than there is
      // Unsatisfiable.
      {"bytes=1000-", "", 1000, Kind::kUnsatisfiable, 0, 0},
      {"bytes=1000-1001", "", 1000, Kind::kUnsatisfiable, 0, 0},
      {"bytes=-0", "", 1000, Kind::kUnsatisfiable, 0, 0},
      {"bytes=0-", "", 0, Kind::kUnsatisfiable, 0, 0},
      {"bytes=-5", "", 0, Kind::kUnsatisfiable, 0, 0},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE("Range: " + row.range + " If-Range: " + row.if_range + " size " +
                 std::to_string(row.size));
    const ResolvedRange got = ResolveRange(row.range, row.if_range, row.size);
    EXPECT_EQ(got.kind, row.kind);
    if (row.kind == Kind::kPartial) {
      EXPECT_EQ(got.first, row.first);
      EXPECT_EQ(got.last, row.last);
      EXPECT_EQ(got.length(), row.last - row.first + 1);
    }
  }
}

TEST(RangeTest, ContentRangeNamesTheRangeOrOnlyTheSize) {
  EXPECT_EQ(ContentRangeValue(ResolveRange("bytes=10-19", "", 100), 100), "bytes 10-19/100");
  EXPECT_EQ(ContentRangeValue(ResolveRange("bytes=-1", "", 100), 100), "bytes 99-99/100");
  EXPECT_EQ(ContentRangeValue(ResolveRange("bytes=100-", "", 100), 100), "bytes */100");
}

}  // namespace
}  // namespace fairqm::api
