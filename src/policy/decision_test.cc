// Decision values and the list of RULES.md IDs.
#include "policy/decision.h"

#include <gtest/gtest.h>

namespace fairqm::policy {
namespace {

TEST(Decision, AllowIsTrueWithoutRule) {
  Decision allow = Decision::Allow();
  EXPECT_TRUE(static_cast<bool>(allow));
  EXPECT_TRUE(allow.rule.empty());
  EXPECT_TRUE(allow.reason_nl.empty());
}

TEST(Decision, RefuseCarriesRuleAndReasons) {
  Decision refuse = Decision::Refuse("KSF-4.7", "Maximaal drie.", "At most three.");
  EXPECT_FALSE(static_cast<bool>(refuse));
  EXPECT_EQ(refuse.rule, "KSF-4.7");
  EXPECT_EQ(refuse.reason_nl, "Maximaal drie.");
  EXPECT_EQ(refuse.reason_en, "At most three.");
}

TEST(Decision, KnowsEveryRuleId) {
  for (const char* id : {"KSF-1.2",
                         "KSF-1.3",
                         "KSF-2.1-confidential",
                         "KSF-2.1-interest",
                         "KSF-2.1-feedback",
                         "KSF-2.1-view",
                         "KSF-2.3",
                         "KSF-3.1",
                         "KSF-3.2",
                         "KSF-3.3",
                         "KSF-3.4",
                         "KSF-3.5",
                         "KSF-3.6",
                         "KSF-3.7",
                         "KSF-3.8",
                         "KSF-3.9",
                         "KSF-3.10",
                         "KSF-3.11",
                         "KSF-3.12",
                         "KSF-4.1",
                         "KSF-4.2",
                         "KSF-4.3",
                         "KSF-4.4",
                         "KSF-4.5",
                         "KSF-4.6",
                         "KSF-4.7",
                         "KSF-4.8",
                         "KSF-4.9",
                         "KSF-4.10",
                         "KSF-5.1",
                         "KSF-6.1",
                         "KSF-6.2",
                         "KSF-6.3",
                         "KSF-6.4",
                         "KSF-6.5",
                         "KSF-6.6",
                         "AVG-5-minimal",
                         "AVG-5-storage",
                         "AVG-5-accountability",
                         "AVG-15",
                         "AVG-17",
                         "AVG-30",
                         "AVG-32",
                         "AVG-12",
                         "AVG-21",
                         "AVG-22",
                         "AVG-35",
                         "AVG-leavers",
                         "TRANSPARENCY-live",
                         "PCI-pause",
                         "HOLD-silence",
                         "AIACT-5",
                         "RETENTION-split",
                         "DELETION-log"}) {
    EXPECT_TRUE(IsKnownRule(id)) << id;
  }
  EXPECT_FALSE(IsKnownRule("KSF-4.11"));
  EXPECT_FALSE(IsKnownRule(""));
  EXPECT_FALSE(IsKnownRule("ksf-4.7"));
}

}  // namespace
}  // namespace fairqm::policy
