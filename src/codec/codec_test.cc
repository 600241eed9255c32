#include <gtest/gtest.h>

#include "codec/employees_csv.h"
#include "codec/json.h"

namespace fairqm::codec {
namespace {

constexpr std::string_view kRegulationToml = R"(
title = "Regeling kwaliteitsmonitoring"
version = 2
client_min_group_size = 5
dpia_reference = "DPIA-2026-01"
dpia_at = 2026-01-10

[[purposes]]
purpose = "coaching"
frequency_quota = 4
frequency_period_days = 30
legal_ground = "legitimate_interest"
legitimate_interest = "Agents beter begeleiden"
channels = ["voice", "screen"]

[[purposes]]
purpose = "assessment"
frequency_quota = 2
)";

TEST(RegulationCodecTest, ReadsToml) {
  auto json = ParseTomlText(kRegulationToml, "r.toml");
  ASSERT_TRUE(json.ok()) << json.error().message;
  auto reg = RegulationFromJson(*json);
  ASSERT_TRUE(reg.ok()) << reg.error().message;
  EXPECT_EQ(reg->title, "Regeling kwaliteitsmonitoring");
  EXPECT_EQ(reg->version, 2);
  ASSERT_EQ(reg->purposes.size(), 2u);
  EXPECT_EQ(reg->purposes[0].channels.size(), 2u);
  EXPECT_EQ(reg->purposes[0].legal_ground, domain::LegalGround::kLegitimateInterest);
  ASSERT_TRUE(reg->dpia_at.has_value());
  EXPECT_EQ(FormatDate(*reg->dpia_at), "2026-01-10");
}

TEST(RegulationCodecTest, RoundTripsThroughJson) {
  auto reg = RegulationFromJson(*ParseTomlText(kRegulationToml, "r.toml"));
  ASSERT_TRUE(reg.ok());
  auto again = RegulationFromJson(ToJson(*reg));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(ToJson(*again).dump(), ToJson(*reg).dump());
}

// KSF-1.2: evidence logging is not a purpose; the file is refused and the
// message names the field.
TEST(RegulationCodecTest, RefusesUnknownPurposeNamingTheField) {
  auto json = ParseJsonText(R"({"title": "x", "purposes": [{"purpose": "evidence"}]})");
  ASSERT_TRUE(json.ok());
  auto reg = RegulationFromJson(*json);
  ASSERT_FALSE(reg.ok());
  EXPECT_EQ(reg.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(reg.error().message.find("purposes[0].purpose"), std::string::npos);
}

TEST(RegulationCodecTest, RefusesBadTypesAndDates) {
  EXPECT_FALSE(RegulationFromJson(*ParseJsonText(R"({"purposes": []})")).ok());  // no title
  EXPECT_FALSE(RegulationFromJson(
                   *ParseJsonText(R"({"title": "x", "dpia_at": "2026-02-31", "purposes": []})"))
                   .ok());
  EXPECT_FALSE(
      RegulationFromJson(*ParseJsonText(R"({"title": "x", "version": "two", "purposes": []})"))
          .ok());
  // KSF-4.7: more than three extra moments cannot even be configured.
  EXPECT_FALSE(RegulationFromJson(*ParseJsonText(
                                      R"({"title": "x", "extra_moments_per_period": 4,
                                          "purposes": []})"))
                   .ok());
  EXPECT_FALSE(ParseJsonText("{not json").ok());
  EXPECT_FALSE(ParseTomlText("title = ", "bad.toml").ok());
}

TEST(FormCodecTest, ReadsFormAndRefusesDuplicateQuestions) {
  auto json = ParseJsonText(R"({"name": "Gesprek", "purpose": "assessment", "sections": [
      {"title": "Begroeting", "questions": [
        {"id": "q1", "text": "Noemt naam", "weight": 2, "critical": true},
        {"id": "q2", "text": "Vriendelijk", "allow_na": true}]}]})");
  ASSERT_TRUE(json.ok());
  auto form = FormFromJson(*json);
  ASSERT_TRUE(form.ok()) << form.error().message;
  EXPECT_TRUE(form->sections[0].questions[0].critical);
  EXPECT_DOUBLE_EQ(form->sections[0].questions[0].weight, 2.0);

  auto dup = ParseJsonText(R"({"name": "x", "purpose": "coaching", "sections": [
      {"title": "a", "questions": [{"id": "q1", "text": "a"}, {"id": "q1", "text": "b"}]}]})");
  auto bad = FormFromJson(*dup);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("used twice"), std::string::npos);

  auto zero_weight = ParseJsonText(R"({"name": "x", "purpose": "coaching", "sections": [
      {"title": "a", "questions": [{"id": "q1", "text": "a", "weight": 0}]}]})");
  EXPECT_FALSE(FormFromJson(*zero_weight).ok());
}

// KSF-4.2: a criterion nobody can read is not known in advance.
TEST(FormCodecTest, KSF_4_2_RefusesBlankNamesTitlesAndQuestions) {
  const char* blanks[] = {
      R"({"name": " ", "purpose": "coaching", "sections": [
          {"title": "a", "questions": [{"id": "q1", "text": "a"}]}]})",
      R"({"name": "x", "purpose": "coaching", "sections": [
          {"title": "", "questions": [{"id": "q1", "text": "a"}]}]})",
      R"({"name": "x", "purpose": "coaching", "sections": [
          {"title": "a", "questions": [{"id": "q1", "text": "\n\t "}]}]})",
      R"({"name": "x", "purpose": "coaching", "sections": [
          {"title": "a", "questions": [{"id": "", "text": "a"}]}]})",
  };
  for (const char* text : blanks) {
    auto form = FormFromJson(*ParseJsonText(text));
    ASSERT_FALSE(form.ok()) << text;
    EXPECT_NE(form.error().message.find("must not be empty"), std::string::npos)
        << form.error().message;
  }
}

TEST(AuthorisationCodecTest, RequiresScopeAndPurpose) {
  EXPECT_TRUE(AuthorisationFromJson(*ParseJsonText(
                                        R"({"monitor_id": "m", "purposes": ["coaching"],
                                            "team_ids": ["t1"], "valid_from": "2026-01-01"})"))
                  .ok());
  EXPECT_FALSE(AuthorisationFromJson(*ParseJsonText(
                                         R"({"monitor_id": "m", "purposes": ["coaching"],
                                             "valid_from": "2026-01-01"})"))
                   .ok());
  EXPECT_FALSE(AuthorisationFromJson(*ParseJsonText(
                                         R"({"monitor_id": "m", "purposes": [], "team_ids": ["t"],
                                             "valid_from": "2026-01-01"})"))
                   .ok());
  EXPECT_FALSE(AuthorisationFromJson(*ParseJsonText(
                                         R"({"monitor_id": "m", "purposes": ["quality"],
                                             "team_ids": ["t"], "valid_from": "2026-02-01",
                                             "valid_until": "2026-01-01"})"))
                   .ok());
}

TEST(EmployeesCsvTest, ReadsDutchSemicolonExportWithBom) {
  std::string csv =
      "\xEF\xBB\xBFPersoneelsnummer;Naam;Functie;Contract;Team;Vestiging;OR_lid;In_dienst;"
      "Toestel;Prive_toestel;Geinformeerd_op\r\n"
      "1001;\"Jansen, Eva\";medewerker;uitzendkracht;Retentie;Utrecht;nee;01-03-2024;"
      "2101;2901;2024-03-01\r\n"
      "1002;Piet de Vries;teamleider;vast;Retentie;Utrecht;nee;2020-01-01;2102;;\r\n"
      "1003;Ans Bakker;medewerker;vast;Service;Zwolle;ja;2019-05-01;2201|2202;;\r\n"
      "1004;Dr. Kok;bedrijfsarts;vast;Staf;Utrecht;nee;2018-01-01;2999;;\r\n";
  auto rows = ParseEmployeesCsv(csv);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 4u);
  const auto& eva = (*rows)[0];
  EXPECT_EQ(eva.employee.name, "Jansen, Eva");
  // KSF-3.2: agency workers are agents too.
  EXPECT_EQ(eva.employee.contract, domain::ContractType::kAgency);
  EXPECT_TRUE(eva.employee.customer_contact);
  EXPECT_EQ(FormatDate(eva.employee.start_date), "2024-03-01");
  ASSERT_TRUE(eva.employee.informed_at.has_value());
  EXPECT_EQ(eva.private_lines, std::vector<std::string>{"2901"});
  EXPECT_FALSE((*rows)[1].employee.customer_contact);
  // KSF-2.1-confidential: works-council members and the company doctor are protected.
  EXPECT_EQ((*rows)[2].employee.protected_role, domain::ProtectedRole::kWorksCouncilMember);
  EXPECT_EQ((*rows)[2].business_lines.size(), 2u);
  EXPECT_EQ((*rows)[3].employee.protected_role, domain::ProtectedRole::kCompanyDoctor);
}

TEST(EmployeesCsvTest, RefusesWholeFileOnOneBadRowNamingLineAndColumn) {
  std::string csv =
      "employee_number,name,function,team\n"
      "1,A,agent,T\n"
      "2,B,astronaut,T\n";
  auto rows = ParseEmployeesCsv(csv);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().message, "line 3: column 'functie': unknown value 'astronaut'");
}

TEST(EmployeesCsvTest, RefusesMalformedFiles) {
  EXPECT_FALSE(ParseEmployeesCsv("").ok());
  EXPECT_FALSE(ParseEmployeesCsv("name,team\nA,T\n").ok());  // required missing
  EXPECT_FALSE(ParseEmployeesCsv("employee_number,name,function,team,shoe\n").ok());
  EXPECT_FALSE(ParseEmployeesCsv("employee_number,name,function,team\n1,A,agent\n").ok());
  EXPECT_FALSE(ParseEmployeesCsv("employee_number,name,function,team\n1,\"A,agent,T\n").ok());
  EXPECT_FALSE(
      ParseEmployeesCsv("employee_number,name,function,team\n1,A,agent,T\n1,B,agent,T\n").ok());
  EXPECT_FALSE(
      ParseEmployeesCsv("employee_number,name,function,team,start_date\n1,A,agent,T,31-02-2024\n")
          .ok());
}

// Inputs codec_fuzz found crashing toml11 3.7 and nlohmann-json's number
// parser; each must now be a clean kInvalidInput.
TEST(CodecFuzzRegressionTest, CrashInputsAreCleanErrors) {
  const std::string inputs[] = {
      std::string("\x31\x65\x31\x31\x31\x31\x31\x76\x31\xff\x31\x31", 12),
      std::string("11111e1111144 \"\xd4\x32.e-2", 21),
      std::string("\x27\xe4\x2d\x27", 4),
      std::string("\x27\x22\xe0\x27", 4),
  };
  for (const auto& input : inputs) {
    for (const char* name : {"x.json", "x.toml"}) {
      auto parsed = ParseDocument(input, name);
      ASSERT_FALSE(parsed.ok()) << name;
      EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
    }
  }
  EXPECT_FALSE(ParseJsonText("1e999999").ok());  // number out of range
}

}  // namespace
}  // namespace fairqm::codec
