#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "capture/customer_ref.h"
#include "capture/metadata.h"

namespace fairqm::capture {
namespace {

TEST(MetadataTest, ParsesACompleteVoiceContact) {
  auto m = ParseContactMetadata(R"({"agent": "1001", "line": "2101", "purpose": "assessment",
      "started_at": "2026-11-27T10:15:00Z", "customer_number": "+31 6 1234 5678",
      "announced": true, "may_contain_card_data": true})");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->purpose, domain::Purpose::kAssessment);
  EXPECT_EQ(m->channel, domain::Channel::kVoice);
  EXPECT_TRUE(m->announced);
  EXPECT_TRUE(m->may_contain_card_data);
  ASSERT_TRUE(m->started_at.has_value());
}

// KSF-1.2: a capture serves exactly one of the three purposes.
TEST(MetadataTest, RefusesMissingOrUnknownPurpose) {
  EXPECT_FALSE(ParseContactMetadata(R"({"agent": "1", "line": "2"})").ok());
  auto bad = ParseContactMetadata(R"({"agent": "1", "line": "2", "purpose": "evidence"})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("purpose"), std::string::npos);
}

TEST(MetadataTest, RefusesUnknownFieldsAndBadTypes) {
  EXPECT_FALSE(ParseContactMetadata(
                   R"({"agent": "1", "line": "2", "purpose": "quality", "purpose_override": 1})")
                   .ok());
  EXPECT_FALSE(
      ParseContactMetadata(R"({"agent": "1", "line": "2", "purpose": "quality", "announced": 1})")
          .ok());
  EXPECT_FALSE(ParseContactMetadata(R"({"agent": "1", "purpose": "quality"})").ok());  // no line
  EXPECT_TRUE(
      ParseContactMetadata(R"({"agent": "1", "purpose": "quality", "channel": "chat"})").ok());
  EXPECT_FALSE(ParseContactMetadata("[]").ok());
  EXPECT_FALSE(ParseContactMetadata("").ok());
}

TEST(MetadataTest, ValidatesMediaTypes) {
  EXPECT_TRUE(IsMediaType("video/webm"));
  EXPECT_TRUE(IsMediaType("text/plain; charset=utf-8"));
  EXPECT_TRUE(IsMediaType("message/rfc822"));
  EXPECT_FALSE(IsMediaType("webm"));
  EXPECT_FALSE(IsMediaType("/webm"));
  EXPECT_FALSE(IsMediaType("video/"));
  EXPECT_FALSE(IsMediaType("video/we bm"));
  EXPECT_FALSE(ParseContactMetadata(
                   R"({"agent": "1", "purpose": "quality", "channel": "screen",
                       "media_type": "not a type"})")
                   .ok());
}

TEST(CustomerRefTest, NormalisesNumberNotations) {
  EXPECT_EQ(NormaliseNumber("+31 (0)6-1234 5678"), "+31612345678");
  EXPECT_EQ(NormaliseNumber("0031 6 12345678"), "+31612345678");
  EXPECT_EQ(NormaliseNumber("+31 6 12 34 56 78"), "+31612345678");
  EXPECT_EQ(NormaliseNumber("anonymous"), "");
  // A Dutch national number is the same customer as its international form.
  EXPECT_EQ(NormaliseNumber("06 1234 5678"), "+31612345678");
  EXPECT_EQ(NormaliseNumber("030-1234567", "31"), "+31301234567");
  EXPECT_EQ(NormaliseNumber("0612345678", ""), "0612345678");
}

// AVG-5-minimal: the reference is stable per customer, differs per
// installation key, and does not contain the number.
TEST(CustomerRefTest, AVG_5_minimal_ReferenceIsKeyedAndHidesTheNumber) {
  std::array<unsigned char, 32> a{}, b{};
  b[0] = 1;
  auto key_a = CustomerRefKey::FromBytes(a);
  auto key_b = CustomerRefKey::FromBytes(b);
  std::string ref = key_a.Reference("+31 6 1234 5678");
  EXPECT_EQ(ref, key_a.Reference("0031612345678"));
  EXPECT_NE(ref, key_b.Reference("+31612345678"));
  EXPECT_EQ(ref.find("612345678"), std::string::npos);
  EXPECT_EQ(ref.rfind("cref-", 0), 0u);
  EXPECT_EQ(key_a.Reference(""), "");
}

TEST(CustomerRefTest, KeyFileIsCreatedPrivateAndRefusedWhenShared) {
  auto dir = std::filesystem::temp_directory_path() / ("fairqm-cref-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / "customer-ref.key";
  ASSERT_TRUE(CustomerRefKey::Create(path).ok());
  EXPECT_FALSE(CustomerRefKey::Create(path).ok());  // never overwritten
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_TRUE(CustomerRefKey::Load(path).ok());
  ::chmod(path.c_str(), 0644);
  auto refused = CustomerRefKey::Load(path);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermission);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fairqm::capture
