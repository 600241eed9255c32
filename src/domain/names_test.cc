#include "domain/names.h"

#include <gtest/gtest.h>

namespace fairqm::domain {
namespace {

TEST(NamesTest, PurposesRoundTrip) {
  for (Purpose p : kAllPurposes) {
    auto parsed = ParsePurpose(Name(p));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, p);
  }
}

// KSF-1.2: there is no purpose for evidence logging.
TEST(NamesTest, EvidenceLoggingIsNotAPurpose) {
  EXPECT_FALSE(ParsePurpose("evidence").has_value());
  EXPECT_FALSE(ParsePurpose("logging").has_value());
  EXPECT_FALSE(ParsePurpose("").has_value());
}

TEST(NamesTest, RolesAndKindsRoundTrip) {
  EXPECT_EQ(*ParseRole("works_council"), Role::kWorksCouncil);
  EXPECT_EQ(Name(LineKind::kPrivate), "private");
  EXPECT_EQ(*ParseProtectedRole("company_doctor"), ProtectedRole::kCompanyDoctor);
  EXPECT_FALSE(ParseChannel("fax").has_value());
}

}  // namespace
}  // namespace fairqm::domain
