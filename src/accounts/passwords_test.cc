// Password hashing and policy, and the bearer secrets (AVG-32).
#include "accounts/passwords.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "accounts/secrets.h"
#include "common/random.h"

namespace fairqm::accounts {
namespace {

struct PolicyCase {
  const char* name;
  std::string password;
  std::string username;
  bool accepted;
  const char* message_part;  // for refusals
};

// AVG-32: the password policy, one row per rule.
TEST(PasswordPolicyTest, AcceptsAndRefusesPerRule_AVG32) {
  const PolicyCase cases[] = {
      {"eleven characters", "abcdefghijk", "jan", false, "at least 12"},
      {"twelve characters", "abcdefghijkl", "jan", true, ""},
      {"empty", "", "jan", false, "at least 12"},
      // 11 code points in 13 bytes: bytes are not characters.
      {"multi-byte eleven", "wachtwoord\xe2\x82\xac", "jan", false, "at least 12"},
      {"multi-byte twelve", "wachtwoord\xe2\x82\xac\xe2\x82\xac", "jan", true, ""},
      {"equals user name", "jan.jansen.12", "jan.jansen.12", false, "user name"},
      {"contains user name", "mijn-jan.jansen-wachtwoord", "jan.jansen", false, "user name"},
      {"contains user name in other case", "MIJN-JAN.JANSEN-wachtwoord", "jan.jansen", false,
       "user name"},
      {"longest allowed", std::string(kMaxPasswordBytes, 'x'), "jan", true, ""},
      {"too long", std::string(kMaxPasswordBytes + 1, 'x'), "jan", false, "at most"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Status status = CheckPasswordPolicy(c.password, c.username);
    EXPECT_EQ(status.ok(), c.accepted);
    if (!c.accepted && !status.ok()) {
      EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
      EXPECT_NE(status.error().message.find(c.message_part), std::string::npos)
          << status.error().message;
    }
  }
}

TEST(PasswordHashTest, HashesWithArgon2idAndVerifies_AVG32) {
  auto hash = HashPassword("correct horse battery", PasswordCost::Minimum());
  ASSERT_TRUE(hash.ok()) << hash.error().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery", ""));
  EXPECT_FALSE(VerifyPassword("correct horse battery", "not a hash"));
  // Salted: the same password hashes differently each time.
  auto again = HashPassword("correct horse battery", PasswordCost::Minimum());
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hash, *again);
}

TEST(PasswordHashTest, RefusesCostBelowMinimum) {
  auto hash = HashPassword("correct horse battery", PasswordCost(0, 1024));
  ASSERT_FALSE(hash.ok());
  EXPECT_EQ(hash.error().code, ErrorCode::kInvalidInput);
}

TEST(PasswordHashTest, NeedsRehashWhenTheCostChanges) {
  const PasswordCost low = PasswordCost::Minimum();
  const PasswordCost higher(low.opslimit + 1, low.memlimit);
  auto hash = HashPassword("correct horse battery", low);
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(NeedsRehash(*hash, low));
  EXPECT_TRUE(NeedsRehash(*hash, higher));
  EXPECT_TRUE(NeedsRehash("garbage", low));
}

TEST(PasswordHashTest, DefaultCostIsInteractive) {
  const PasswordCost cost;
  EXPECT_EQ(cost.opslimit, PasswordCost::Interactive().opslimit);
  EXPECT_EQ(cost.memlimit, PasswordCost::Interactive().memlimit);
  EXPECT_GT(PasswordCost::Moderate().memlimit, cost.memlimit);
}

TEST(PasswordHashTest, DummyHashIsStablePerCostAndMatchesNothing) {
  auto first = DummyHash(PasswordCost::Minimum());
  auto second = DummyHash(PasswordCost::Minimum());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
  EXPECT_FALSE(NeedsRehash(*first, PasswordCost::Minimum()));
  EXPECT_FALSE(VerifyPassword("", *first));
  EXPECT_FALSE(VerifyPassword("correct horse battery", *first));
}

TEST(SecretsTest, NewSecretIsPrefixedBase64UrlOf32Bytes) {
  SeededRandom random(7);
  const std::string secret = NewSecret(random, "fqm_");
  ASSERT_EQ(secret.size(), 4u + 43u);
  EXPECT_EQ(secret.rfind("fqm_", 0), 0u);
  for (char c : secret.substr(4)) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << c;
  }
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(NewSecret(random));
  EXPECT_EQ(seen.size(), 100u);
}

TEST(SecretsTest, SecretHashIsHexBlake2b256) {
  const std::string hash = SecretHash("abc");
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash, SecretHash("abc"));
  EXPECT_NE(hash, SecretHash("abd"));
  // BLAKE2b-256("abc"), unkeyed.
  EXPECT_EQ(hash, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST(SecretsTest, ConstantTimeEqualsComparesWholeValues) {
  EXPECT_TRUE(ConstantTimeEquals("abcdef", "abcdef"));
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "abcdeg"));
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "abcde"));
  EXPECT_FALSE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace fairqm::accounts
