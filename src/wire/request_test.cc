#include "wire/request.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace fairqm::wire {
namespace {

RequestBody MustParse(std::string_view text) {
  auto body = RequestBody::Parse(text);
  EXPECT_TRUE(body.ok()) << body.error().ToString();
  return std::move(body).value();
}

// The error of a failed result, or a test failure.
template <typename T>
std::string ErrorOf(const Result<T>& result) {
  EXPECT_FALSE(result.ok());
  if (result.ok()) return "(no error)";
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  return result.error().message;
}

std::string Nested(int depth) {
  std::string text;
  for (int level = 1; level < depth; ++level) text += "{\"a\":";
  text += "{}";
  for (int level = 1; level < depth; ++level) text += "}";
  return text;
}

TEST(RequestBodyParseTest, AcceptsAnObject) {
  auto body = RequestBody::Parse(R"({"purpose": "coaching", "n": 3})");
  ASSERT_TRUE(body.ok()) << body.error().ToString();
  EXPECT_TRUE(body->Has("purpose"));
  EXPECT_FALSE(body->Has("absent"));
  EXPECT_EQ(body->json().size(), 2u);
}

TEST(RequestBodyParseTest, RefusesWhatIsNotOneSmallObject) {
  struct Row {
    std::string text;
    const char* message;
  };
  const Row rows[] = {
      {"", "request body: empty; expected a JSON object"},
      {" \r\n\t", "request body: empty; expected a JSON object"},
      {"[1, 2]", "request body: must be a JSON object"},
      {"\"text\"", "request body: must be a JSON object"},
      {"42", "request body: must be a JSON object"},
      {"null", "request body: must be a JSON object"},
      {"{\"a\": 1", "request body: not valid JSON"},
      {"{\"a\": 1} {}", "request body: not valid JSON"},
      {"{'a': 1}", "request body: not valid JSON"},
      {"{\"a\": \"\xff\"}", "request body: not valid JSON"},
      {"{\"a\": 1e999}", "request body: not valid JSON"},
      // Two readers could take different values of a repeated key.
      {R"({"role": "agent", "role": "admin"})",
       "request body: field 'role' appears more than once"},
      {R"({"a": {"b": 1, "b": 2}})", "request body: field 'b' appears more than once"},
      {Nested(33), "request body: nested deeper than 32 levels"},
      {"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
       "request body: nested deeper than 32 levels"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    std::string message = ErrorOf(RequestBody::Parse(row.text));
    EXPECT_EQ(message.rfind(row.message, 0), 0u) << message;
  }
}

TEST(RequestBodyParseTest, KeysMayRepeatInDifferentObjects) {
  auto body = RequestBody::Parse(R"({"a": {"x": 1}, "b": {"x": 2}, "x": [{"x": 3}, {"x": 4}]})");
  EXPECT_TRUE(body.ok()) << body.error().ToString();
}

TEST(RequestBodyParseTest, NestingUpToTheLimitIsAccepted) {
  EXPECT_TRUE(RequestBody::Parse(Nested(32)).ok());
}

TEST(RequestBodyParseTest, AppliesTheCallersSizeLimit) {
  std::string text = R"({"a": "xxxxxxxx"})";
  EXPECT_TRUE(RequestBody::Parse(text, text.size()).ok());
  EXPECT_EQ(ErrorOf(RequestBody::Parse(text, text.size() - 1)),
            "request body: larger than 16 bytes");
  std::string large = "{\"a\": \"" + std::string(kDefaultMaxBodyBytes, 'x') + "\"}";
  EXPECT_FALSE(RequestBody::Parse(large).ok());
  EXPECT_TRUE(RequestBody::Parse(large, large.size()).ok());
}

TEST(RequestBodyTest, StringReadsRequiredText) {
  RequestBody body = MustParse(
      R"({"name": "Anna", "null": null, "number": 1, "empty": "", "nul": "a\u0000b", "long": "abcdef"})");
  EXPECT_EQ(*body.String("name"), "Anna");
  EXPECT_EQ(ErrorOf(body.String("password")), "password: required");
  EXPECT_EQ(ErrorOf(body.String("null")), "null: required");
  EXPECT_EQ(ErrorOf(body.String("number")), "number: must be text");
  EXPECT_EQ(ErrorOf(body.String("empty")), "empty: must not be empty");
  EXPECT_EQ(ErrorOf(body.String("nul")), "nul: must not contain NUL characters");
  EXPECT_EQ(ErrorOf(body.String("long", 5)), "long: longer than 5 bytes");
  EXPECT_EQ(*body.String("long", 6), "abcdef");
}

TEST(RequestBodyTest, OptionalStringAllowsAbsenceAndEmptiness) {
  RequestBody body = MustParse(R"({"note": "x", "empty": "", "null": null, "number": 2})");
  EXPECT_EQ(*body.OptionalString("note"), std::optional<std::string>("x"));
  EXPECT_EQ(*body.OptionalString("empty"), std::optional<std::string>(""));
  EXPECT_EQ(*body.OptionalString("null"), std::nullopt);
  EXPECT_EQ(*body.OptionalString("absent"), std::nullopt);
  EXPECT_EQ(ErrorOf(body.OptionalString("number")), "number: must be text");
}

TEST(RequestBodyTest, IntReadsWholeNumbersInRange) {
  RequestBody body = MustParse(
      R"({"quota": 3, "low": 0, "high": 11, "negative": -5, "real": 2.0, "text": "2",
          "huge": 18446744073709551615, "min": -9223372036854775808})");
  EXPECT_EQ(*body.Int("quota", 1, 10), 3);
  EXPECT_EQ(*body.Int("negative", -10, 0), -5);
  EXPECT_EQ(*body.Int("high", 1, 11), 11);
  EXPECT_EQ(*body.Int("low", 0, 1), 0);
  EXPECT_EQ(ErrorOf(body.Int("low", 1, 10)), "low: must be between 1 and 10");
  EXPECT_EQ(ErrorOf(body.Int("high", 1, 10)), "high: must be between 1 and 10");
  EXPECT_EQ(ErrorOf(body.Int("real", 0, 10)), "real: must be a whole number");
  EXPECT_EQ(ErrorOf(body.Int("text", 0, 10)), "text: must be a whole number");
  EXPECT_NE(ErrorOf(body.Int("huge", 0, std::numeric_limits<std::int64_t>::max()))
                .find("huge: must be between"),
            std::string::npos);
  EXPECT_EQ(*body.Int("min", std::numeric_limits<std::int64_t>::min(), 0),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(ErrorOf(body.Int("absent", 0, 1)), "absent: required");
  EXPECT_EQ(*body.OptionalInt("absent", 0, 1), std::nullopt);
  EXPECT_EQ(*body.OptionalInt("quota", 0, 5), std::optional<std::int64_t>(3));
  EXPECT_FALSE(body.OptionalInt("quota", 4, 5).ok());
}

TEST(RequestBodyTest, BoolReadsTrueOrFalseOnly) {
  RequestBody body = MustParse(R"({"yes": true, "no": false, "text": "true", "one": 1})");
  EXPECT_TRUE(*body.Bool("yes"));
  EXPECT_FALSE(*body.Bool("no"));
  EXPECT_EQ(ErrorOf(body.Bool("text")), "text: must be true or false");
  EXPECT_EQ(ErrorOf(body.Bool("one")), "one: must be true or false");
  EXPECT_EQ(ErrorOf(body.Bool("absent")), "absent: required");
  EXPECT_EQ(*body.OptionalBool("absent"), std::nullopt);
  EXPECT_EQ(*body.OptionalBool("no"), std::optional<bool>(false));
}

TEST(RequestBodyTest, TimeReadsDatesAndTimesLikeTheCodec) {
  RequestBody body = MustParse(
      R"({"day": "2026-11-27", "moment": "2026-11-27T10:15:00Z", "bad": "2026-13-01",
          "number": 20261127})");
  EXPECT_EQ(*body.Time("day"), *ParseTime("2026-11-27"));
  EXPECT_EQ(*body.Time("moment"), *ParseTime("2026-11-27") + 10 * kHourMs + 15 * kMinuteMs);
  EXPECT_EQ(ErrorOf(body.Time("bad")),
            "bad: must be a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ), not '2026-13-01'");
  EXPECT_EQ(ErrorOf(body.Time("number")),
            "number: must be a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
  EXPECT_EQ(ErrorOf(body.Time("absent")), "absent: required");
  EXPECT_EQ(*body.OptionalTime("absent"), std::nullopt);
  EXPECT_EQ(*body.OptionalTime("day"), ParseTime("2026-11-27"));
}

// KSF-1.2: only the three purposes exist; "evidence" is not one of them.
TEST(RequestBodyTest, EnumValueReadsDomainNames) {
  RequestBody body = MustParse(
      R"({"purpose": "assessment", "bad": "evidence", "role": "works_council",
          "channel": "chat", "kind": "extra_moment", "number": 1})");
  EXPECT_EQ(*body.EnumValue<domain::Purpose>("purpose"), domain::Purpose::kAssessment);
  EXPECT_EQ(*body.EnumValue<domain::Role>("role"), domain::Role::kWorksCouncil);
  EXPECT_EQ(*body.EnumValue<domain::Channel>("channel"), domain::Channel::kChat);
  EXPECT_EQ(*body.EnumValue<domain::RequestKind>("kind"), domain::RequestKind::kExtraMoment);
  EXPECT_EQ(ErrorOf(body.EnumValue<domain::Purpose>("bad")), "bad: unknown value 'evidence'");
  EXPECT_EQ(ErrorOf(body.EnumValue<domain::Purpose>("role")),
            "role: unknown value 'works_council'");
  EXPECT_EQ(ErrorOf(body.EnumValue<domain::Purpose>("number")), "number: must be text");
  EXPECT_EQ(ErrorOf(body.EnumValue<domain::Purpose>("absent")), "absent: required");
  EXPECT_EQ(*body.OptionalEnum<domain::Purpose>("absent"), std::nullopt);
  EXPECT_EQ(*body.OptionalEnum<domain::Purpose>("purpose"),
            std::optional<domain::Purpose>(domain::Purpose::kAssessment));
  EXPECT_FALSE(body.OptionalEnum<domain::Purpose>("bad").ok());
}

TEST(RequestBodyTest, ErrorsQuoteLongValuesShortWithoutBreakingUtf8) {
  // 63 ASCII bytes, then a two-byte character across the 64-byte cut.
  std::string value = std::string(63, 'x') + "\xc3\xa9" + std::string(10, 'y');
  RequestBody body = MustParse("{\"purpose\": \"" + value + "\", \"t\": \"" + value + "\"}");
  std::string message = ErrorOf(body.EnumValue<domain::Purpose>("purpose"));
  // Enumeration names are short: a long value is refused by length first.
  EXPECT_EQ(message, "purpose: longer than 64 bytes");
  std::string time_message = ErrorOf(body.Time("t"));
  EXPECT_NE(time_message.find("'" + std::string(63, 'x') + "…'"), std::string::npos)
      << time_message;
  auto unknown = MustParse("{\"" + value + "\": 1}").NoOtherFields({});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, std::string(63, 'x') + "…: unknown field");
}

TEST(RequestBodyTest, StringListReadsListsOfText) {
  RequestBody body = MustParse(
      R"({"teams": ["t1", "t2"], "none": [], "mixed": ["a", 2], "empty_item": ["a", ""],
          "text": "t1", "many": ["a", "b", "c"], "long": ["abcdef"]})");
  EXPECT_EQ(*body.StringList("teams"), (std::vector<std::string>{"t1", "t2"}));
  EXPECT_TRUE(body.StringList("none")->empty());
  EXPECT_EQ(ErrorOf(body.StringList("mixed")), "mixed[1]: must be text");
  EXPECT_EQ(ErrorOf(body.StringList("empty_item")), "empty_item[1]: must not be empty");
  EXPECT_EQ(ErrorOf(body.StringList("text")), "text: must be a list");
  EXPECT_EQ(ErrorOf(body.StringList("many", 2)), "many: has more than 2 items");
  EXPECT_EQ(ErrorOf(body.StringList("long", 10, 5)), "long[0]: longer than 5 bytes");
  EXPECT_EQ(ErrorOf(body.StringList("absent")), "absent: required");
}

TEST(RequestBodyTest, ObjectErrorsNameTheWholePath) {
  RequestBody body = MustParse(
      R"({"client": {"name": "Acme", "contract": {"ends": "never"}, "colour": "red"},
          "list": [1]})");
  auto client = body.Object("client");
  ASSERT_TRUE(client.ok()) << client.error().ToString();
  EXPECT_EQ(*client->String("name"), "Acme");
  EXPECT_EQ(ErrorOf(client->String("code")), "client.code: required");
  EXPECT_EQ(ErrorOf(client->NoOtherFields({"name", "contract"})), "client.colour: unknown field");
  auto contract = client->Object("contract");
  ASSERT_TRUE(contract.ok());
  EXPECT_EQ(ErrorOf(contract->Time("ends")).rfind("client.contract.ends: must be a date", 0), 0u);
  EXPECT_EQ(ErrorOf(body.Object("list")), "list: must be an object");
  EXPECT_EQ(ErrorOf(body.Object("absent")), "absent: required");
}

TEST(RequestBodyTest, NoOtherFieldsRefusesTypos) {
  RequestBody body = MustParse(R"({"purpose": "coaching", "purpse": "quality", "agent": "1"})");
  EXPECT_TRUE(body.NoOtherFields({"purpose", "purpse", "agent"}).ok());
  EXPECT_TRUE(body.NoOtherFields({"agent", "purpose", "purpse", "extra"}).ok());
  EXPECT_EQ(ErrorOf(body.NoOtherFields({"purpose", "agent"})), "purpse: unknown field");
  EXPECT_EQ(ErrorOf(body.NoOtherFields({})), "purpose: unknown field");
  EXPECT_TRUE(MustParse("{}").NoOtherFields({}).ok());
}

TEST(RequestBodyTest, TheParsedObjectFeedsTheCodecDecoders) {
  RequestBody body = MustParse(R"({"regulation": {"version": "x"}})");
  auto nested = body.Object("regulation");
  ASSERT_TRUE(nested.ok());
  EXPECT_TRUE(nested->json().is_object());
  EXPECT_EQ(nested->json().at("version"), "x");
}

}  // namespace
}  // namespace fairqm::wire
