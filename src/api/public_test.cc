// The public endpoints over real loopback HTTP: no account needed, no
// personal data in any answer (KSF-3.10), forms known in advance (KSF-4.2),
// the frequencies (KSF-3.6 SHOW) and the privacy statement (GDPR art. 13).
#include <gtest/gtest.h>

#include "api/testing.h"
#include "audit/audit.h"
#include "store/regulations.h"

namespace fairqm::api {
namespace {

using domain::Purpose;
using testing::ApiTest;
using testing::HttpResult;

class PublicApiTest : public ApiTest {
 protected:
  // Writes the active regulation as superseded: the state of an
  // installation before (or between) regulations (KSF-3.1).
  void WithoutActiveRegulation() {
    domain::Regulation regulation = installation().regulation();
    regulation.status = domain::RegulationStatus::kSuperseded;
    regulation.superseded_at = clock().Now();
    auto conn = app().Writer();
    ASSERT_TRUE(conn.ok());
    FAIRQM_ASSERT_OK(store::PutRegulation(**conn, regulation));
  }

  std::int64_t AuditHead() {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    auto head = audit::GetHead(**conn);
    EXPECT_TRUE(head.ok());
    return head.ok() ? head->seq : -1;
  }

  // Every agent's name and id: none may appear in a public answer.
  void ExpectNoPersonalData(const HttpResult& answer) {
    for (const auto& team : installation().teams()) {
      for (const auto& id : team.agent_ids) {
        EXPECT_EQ(answer.body.find(id), std::string::npos) << answer.body;
      }
      EXPECT_EQ(answer.body.find(team.lead_id), std::string::npos);
    }
    EXPECT_EQ(answer.body.find("Medewerker "), std::string::npos) << answer.body;
    EXPECT_EQ(answer.body.find(installation().monitor_id()), std::string::npos);
  }
};

TEST_F(PublicApiTest, ActiveRegulationIsReadableWithoutAnAccount_KSF_3_10) {
  const std::int64_t head = AuditHead();
  auto answer = Get("/api/v1/regulations/active");
  ASSERT_EQ(answer.status, 200u) << answer.body;
  EXPECT_EQ(answer.json()["id"], installation().regulation().id);
  EXPECT_EQ(answer.json()["status"], "active");
  EXPECT_EQ(answer.json()["purposes"].size(), 3u);
  ExpectNoPersonalData(answer);
  // Anonymous reads write nothing to the audit chain.
  EXPECT_EQ(AuditHead(), head);
}

TEST_F(PublicApiTest, WithoutAnActiveRegulationThereIsNothingToShow_KSF_3_1) {
  WithoutActiveRegulation();
  auto regulation = Get("/api/v1/regulations/active", nullptr, {{"Accept-Language", "en"}});
  EXPECT_EQ(regulation.status, 404u) << regulation.body;
  EXPECT_EQ(regulation.json()["error"], "not_found");
  EXPECT_NE(regulation.json()["message"].get<std::string>().find("no active regulation"),
            std::string::npos);
  EXPECT_EQ(Get("/api/v1/privacy-statement").status, 404u);
  auto frequencies = Get("/api/v1/frequencies");
  ASSERT_EQ(frequencies.status, 200u);
  EXPECT_FALSE(frequencies.json()["regulation_active"].get<bool>());
  EXPECT_TRUE(frequencies.json()["purposes"].empty());
}

TEST_F(PublicApiTest, FrequenciesPerPurpose_KSF_3_6) {
  auto answer = Get("/api/v1/frequencies");
  ASSERT_EQ(answer.status, 200u) << answer.body;
  codec::Json body = answer.json();
  EXPECT_TRUE(body["regulation_active"].get<bool>());
  EXPECT_EQ(body["regulation_id"], installation().regulation().id);
  ASSERT_EQ(body["purposes"].size(), 3u);
  for (const auto& purpose : body["purposes"]) {
    EXPECT_EQ(purpose["frequency_quota"], 30);
    EXPECT_EQ(purpose["frequency_period_days"], 30);
    EXPECT_EQ(purpose["recording_retention_days"], 30);    // AVG-5-storage
    EXPECT_EQ(purpose["evaluation_retention_days"], 365);  // RETENTION-split
    EXPECT_EQ(purpose.contains("extra_moments_per_period"), purpose["purpose"] == "assessment");
  }
  EXPECT_EQ(body["purposes"][1]["extra_moments_per_period"], 3);  // KSF-4.7
  EXPECT_EQ(body["purposes"][2]["channels"], codec::Json::array({"voice", "chat", "email"}));
}

TEST_F(PublicApiTest, PublishedFormsOnlyAndByVersion_KSF_4_2) {
  // A draft: stored but never published, so not known in advance.
  domain::EvaluationForm draft = installation().form(Purpose::kAssessment);
  draft.id = "form-draft";
  draft.published_at.reset();
  {
    auto conn = app().Writer();
    ASSERT_TRUE(conn.ok());
    FAIRQM_ASSERT_OK(store::PutForm(**conn, draft));
  }
  auto list = Get("/api/v1/forms");
  ASSERT_EQ(list.status, 200u) << list.body;
  ASSERT_EQ(list.json()["items"].size(), 3u) << list.body;
  const codec::Json list_items = list.json()["items"];
  for (const auto& form : list_items) {
    EXPECT_NE(form["id"], "form-draft");
    EXPECT_FALSE(form["published_at"].is_null());
  }

  const domain::EvaluationForm& published = installation().form(Purpose::kAssessment);
  auto newest = Get("/api/v1/forms/" + published.id);
  ASSERT_EQ(newest.status, 200u) << newest.body;
  EXPECT_EQ(newest.json()["version"], published.version);
  EXPECT_EQ(newest.json()["sections"][0]["questions"].size(), 2u);
  auto exact =
      Get("/api/v1/forms/" + published.id + "?version=" + std::to_string(published.version));
  EXPECT_EQ(exact.status, 200u);

  EXPECT_EQ(Get("/api/v1/forms/" + published.id + "?version=99").status, 404u);
  EXPECT_EQ(Get("/api/v1/forms/form-draft").status, 404u);
  EXPECT_EQ(Get("/api/v1/forms/form-unknown").status, 404u);
  for (const std::string bad : {"abc", "0", "1.5", "-1"}) {
    auto answer = Get("/api/v1/forms/" + published.id + "?version=" + bad);
    EXPECT_EQ(answer.status, 400u) << bad;
    EXPECT_NE(answer.json()["message"].get<std::string>().find("version"), std::string::npos);
  }
}

TEST_F(PublicApiTest, PrivacyStatementInTheCallersLanguage_AVG_12_AVG_15_AVG_17_AVG_21) {
  auto dutch = Get("/api/v1/privacy-statement");
  ASSERT_EQ(dutch.status, 200u) << dutch.body;
  auto english = Get("/api/v1/privacy-statement", nullptr, {{"Accept-Language", "en-GB,en"}});
  ASSERT_EQ(english.status, 200u) << english.body;
  EXPECT_EQ(dutch.json()["lang"], "nl");
  EXPECT_EQ(english.json()["lang"], "en");
  EXPECT_EQ(english.header("Content-Language"), "en");
  EXPECT_NE(dutch.json()["who_to_ask"], english.json()["who_to_ask"]);

  codec::Json body = english.json();
  EXPECT_EQ(body["controller"]["name"], "Klantcontact Test B.V.");
  EXPECT_EQ(body["controller"]["contact_email"], "privacy@test.example");
  EXPECT_NE(body["who_to_ask"].get<std::string>().find("privacy@test.example"), std::string::npos);
  EXPECT_EQ(body["regulation"]["id"], installation().regulation().id);
  ASSERT_EQ(body["purposes"].size(), 3u);
  // KSF-2.1-interest: the legal ground of each purpose, in words.
  EXPECT_EQ(body["purposes"][1]["legal_ground"], "contract");
  EXPECT_NE(body["purposes"][1]["legal_ground_text"].get<std::string>().find("6(1)(b)"),
            std::string::npos);
  EXPECT_EQ(body["purposes"][0]["retention"]["recording_days"], 30);
  std::set<std::string> rules;
  for (const auto& right : body["rights"]) rules.insert(right["rule"].get<std::string>());
  for (const char* rule : {"AVG-15", "AVG-17", "AVG-21"}) EXPECT_TRUE(rules.count(rule)) << rule;
  EXPECT_NE(body["answer_term"].get<std::string>().find("one month"), std::string::npos);  // AVG-12
  ExpectNoPersonalData(english);
}

}  // namespace
}  // namespace fairqm::api
