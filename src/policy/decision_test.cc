// Decision values and the list of RULES.md IDs.
#include "policy/decision.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

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

// The rule list in code is the list in shared/spec/RULES.md: every
// **ID** there is known here, so no refusal can name a rule the spec lacks
// and no rule of the spec is forgotten.
TEST(Decision, KnowsEveryRuleIdOfRulesMd) {
  const std::string path = std::string(FAIRQM_SOURCE_DIR) + "/../shared/spec/RULES.md";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no " << path << " beside this checkout";
  std::stringstream text;
  text << in.rdbuf();
  const std::regex rule_id(R"(\*\*([A-Z0-9]+-[A-Za-z0-9.-]+)\*\*)");
  const std::string spec = text.str();
  int ids = 0;
  for (auto it = std::sregex_iterator(spec.begin(), spec.end(), rule_id);
       it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(IsKnownRule((*it)[1].str())) << (*it)[1].str();
    ++ids;
  }
  EXPECT_GE(ids, 50);
}

TEST(Decision, RefusesUnknownRuleIds) {
  EXPECT_FALSE(IsKnownRule("KSF-4.11"));
  EXPECT_FALSE(IsKnownRule(""));
  EXPECT_FALSE(IsKnownRule("ksf-4.7"));
}

}  // namespace
}  // namespace fairqm::policy
