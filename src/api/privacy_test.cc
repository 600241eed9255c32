// The privacy officer's endpoints over real HTTP: the audit log
// (AVG-5-accountability), data-subject requests (AVG-12), the register
// (AVG-30) and the DPIA (AVG-35) — allowed paths, refusals with their rule
// ids, bad input (400 naming the field) and unknown ids (404).
#include <gtest/gtest.h>

#include <map>

#include "api/testing.h"

namespace fairqm::api {
namespace {

using codec::Json;
using domain::Role;
using testing::ApiTest;
using testing::Credentials;
using testing::HttpResult;

class PrivacyApiTest : public ApiTest {
 protected:
  const Credentials* As(Role role) { return &ApiTest::As(role); }

  Json NewRequest() {
    return Json{{"subject_kind", "agent"},
                {"subject_ref", AgentId()},
                {"kind", "access"},
                {"received_at", FormatDate(clock().Now())}};
  }

  std::string OpenRequest() {
    HttpResult opened =
        Post("/api/v1/data-subject-requests", NewRequest(), As(Role::kPrivacyOfficer));
    EXPECT_EQ(opened.status, 201u) << opened.body;
    return opened.json().value("id", "");
  }
};

// ---------------------------------------------------------------------------
// The audit log (AVG-5-accountability)

TEST_F(PrivacyApiTest, SearchAuditFindsWhoReadAnAgentsData) {
  // The manager reads the employee list: on record.
  ASSERT_EQ(Get("/api/v1/employees", As(Role::kManager)).status, 200u);
  HttpResult found = Get("/api/v1/audit?action=view.employees&limit=5", As(Role::kPrivacyOfficer));
  ASSERT_EQ(found.status, 200u) << found.body;
  ASSERT_EQ(found.json()["items"].size(), 1u);
  const Json entry = found.json()["items"][0];
  EXPECT_EQ(entry["actor_id"], AccountOf(Role::kManager).employee_id);
  EXPECT_EQ(entry["actor_role"], "manager");
  EXPECT_EQ(entry["decision"], "allowed");
  EXPECT_TRUE(entry["detail"].is_object());
  EXPECT_FALSE(entry.value("hash", "").empty());

  // Refusals are on record too, and can be searched by rule.
  // KSF-3.11: consent to a version that is already active is refused.
  ASSERT_EQ(Post("/api/v1/regulations/" + installation().regulation().id + "/consent",
                 Json{{"consent_at", FormatDate(clock().Now())}, {"reference", "OR-X"}},
                 As(Role::kWorksCouncil))
                .status,
            403u);
  HttpResult refused = Get("/api/v1/audit?decision=refused&rule=KSF-3.11&from=2026-03-01",
                           As(Role::kPrivacyOfficer));
  ASSERT_EQ(refused.status, 200u) << refused.body;
  ASSERT_EQ(refused.json()["items"].size(), 1u) << refused.body;
  EXPECT_EQ(refused.json()["items"][0]["actor_role"], "works_council");
  const Json refusals = refused.json()["items"];
  for (const Json& item : refusals) EXPECT_EQ(item["decision"], "refused");

  // By subject agent: the fixture's evaluations and recordings of this agent.
  HttpResult by_agent = Get("/api/v1/audit?agent=" + AgentId(), As(Role::kPrivacyOfficer));
  ASSERT_EQ(by_agent.status, 200u) << by_agent.body;
  const Json about_agent = by_agent.json()["items"];
  for (const Json& item : about_agent) EXPECT_EQ(item["subject_agent_id"], AgentId());
}

TEST_F(PrivacyApiTest, SearchAuditRefusesOtherRolesAndBadParameters) {
  ExpectRefused(Get("/api/v1/audit", As(Role::kManager)), "AVG-32");
  ExpectRefused(Get("/api/v1/audit", As(Role::kAdmin)), "AVG-32");
  ExpectRefused(Act("/api/v1/audit/verify", As(Role::kWorksCouncil)), "AVG-32");
  ExpectBadField(Get("/api/v1/audit?limit=0", As(Role::kPrivacyOfficer)), "limit");
  ExpectBadField(Get("/api/v1/audit?limit=veel", As(Role::kPrivacyOfficer)), "limit");
  ExpectBadField(Get("/api/v1/audit?from=gisteren", As(Role::kPrivacyOfficer)), "from");
  ExpectBadField(Get("/api/v1/audit?decision=maybe", As(Role::kPrivacyOfficer)), "decision");
  ExpectBadField(Get("/api/v1/audit?agnet=x", As(Role::kPrivacyOfficer)), "agnet");
}

TEST_F(PrivacyApiTest, VerifyAuditReportsTheFirstBrokenEntry) {
  HttpResult verified = Act("/api/v1/audit/verify", As(Role::kPrivacyOfficer));
  ASSERT_EQ(verified.status, 200u) << verified.body;
  EXPECT_TRUE(verified.json()["ok"].get<bool>());
  EXPECT_GT(verified.json()["entries"].get<int>(), 0);
  EXPECT_TRUE(verified.json()["first_bad_seq"].is_null());

  {
    // An attacker with the catalogue file edits entry 3.
    auto writer = app().Writer();
    FAIRQM_ASSERT_OK(writer);
    FAIRQM_ASSERT_OK((*writer)->ExecScript(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET rule = 'x' WHERE seq = 3;"));
  }
  HttpResult broken = Act("/api/v1/audit/verify", As(Role::kPrivacyOfficer));
  ASSERT_EQ(broken.status, 200u) << broken.body;
  EXPECT_FALSE(broken.json()["ok"].get<bool>());
  EXPECT_EQ(broken.json()["first_bad_seq"], 3);
  EXPECT_FALSE(broken.json().value("problem", "").empty());
}

// ---------------------------------------------------------------------------
// Data-subject requests (AVG-12)

TEST_F(PrivacyApiTest, DataSubjectRequestIsDueWithinAMonthAvg12) {
  const std::string id = OpenRequest();
  ASSERT_FALSE(id.empty());
  HttpResult listed = Get("/api/v1/data-subject-requests", As(Role::kPrivacyOfficer));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  const Json item = listed.json()["items"][0];
  EXPECT_EQ(item["id"], id);
  EXPECT_GE(item["days_left"].get<int>(), 27);
  EXPECT_LE(item["days_left"].get<int>(), 31);
  EXPECT_FALSE(item["overdue"].get<bool>());

  // Extended within the first month: two more months.
  HttpResult extended =
      Act("/api/v1/data-subject-requests/" + id + "/extend", As(Role::kPrivacyOfficer));
  ASSERT_EQ(extended.status, 200u) << extended.body;
  EXPECT_FALSE(extended.json()["extension_told_at"].is_null());
  EXPECT_GT(extended.json()["due_at"].get<std::string>(), item["due_at"].get<std::string>());
  // Only once.
  ExpectRefused(Act("/api/v1/data-subject-requests/" + id + "/extend", As(Role::kPrivacyOfficer)),
                "AVG-12");

  ExpectBadField(Post("/api/v1/data-subject-requests/" + id + "/answer", Json::object(),
                      As(Role::kPrivacyOfficer)),
                 "notes");
  HttpResult answered = Post("/api/v1/data-subject-requests/" + id + "/answer",
                             Json{{"notes", "Export verstuurd."}}, As(Role::kPrivacyOfficer));
  ASSERT_EQ(answered.status, 200u) << answered.body;
  EXPECT_FALSE(answered.json()["answered_at"].is_null());
  // Answered: no longer open, still in the full list.
  EXPECT_TRUE(
      Get("/api/v1/data-subject-requests", As(Role::kPrivacyOfficer)).json()["items"].empty());
  EXPECT_EQ(Get("/api/v1/data-subject-requests?all=true", As(Role::kPrivacyOfficer))
                .json()["items"]
                .size(),
            1u);
}

TEST_F(PrivacyApiTest, ExtensionAfterTheFirstMonthIsRefusedAvg12) {
  const std::string id = OpenRequest();
  clock().Advance(Days(32));
  const Credentials* officer = FreshSession(Role::kPrivacyOfficer);
  HttpResult listed = Get("/api/v1/data-subject-requests", officer);
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_TRUE(listed.json()["items"][0]["overdue"].get<bool>());
  EXPECT_LT(listed.json()["items"][0]["days_left"].get<int>(), 0);
  ExpectRefused(Act("/api/v1/data-subject-requests/" + id + "/extend", officer), "AVG-12");
}

TEST_F(PrivacyApiTest, DataSubjectRequestInputAndIds) {
  Json bad = NewRequest();
  bad["kind"] = "deletion";
  ExpectBadField(Post("/api/v1/data-subject-requests", bad, As(Role::kPrivacyOfficer)), "kind");
  bad = NewRequest();
  bad.erase("received_at");
  ExpectBadField(Post("/api/v1/data-subject-requests", bad, As(Role::kPrivacyOfficer)),
                 "received_at");
  bad = NewRequest();
  bad["received_at"] = FormatDate(clock().Now() + Days(3));
  ExpectBadField(Post("/api/v1/data-subject-requests", bad, As(Role::kPrivacyOfficer)),
                 "received_at");
  bad = NewRequest();
  bad["email"] = "x@example.org";
  ExpectBadField(Post("/api/v1/data-subject-requests", bad, As(Role::kPrivacyOfficer)), "email");
  ExpectBadField(Get("/api/v1/data-subject-requests?all=yes", As(Role::kPrivacyOfficer)), "all");

  EXPECT_EQ(Act("/api/v1/data-subject-requests/dsr-none/extend", As(Role::kPrivacyOfficer)).status,
            404u);
  EXPECT_EQ(Post("/api/v1/data-subject-requests/dsr-none/answer", Json{{"notes", "x"}},
                 As(Role::kPrivacyOfficer))
                .status,
            404u);
  for (Role role : {Role::kManager, Role::kAgent, Role::kAdmin}) {
    ExpectRefused(Get("/api/v1/data-subject-requests", As(role)), "AVG-32");
    ExpectRefused(Post("/api/v1/data-subject-requests", NewRequest(), As(role)), "AVG-32");
  }
}

TEST_F(PrivacyApiTest, CustomerNumberIsKeptOnlyAsAReferenceAvg5Minimal) {
  Json request = NewRequest();
  request["subject_kind"] = "customer";
  request["subject_ref"] = "0612345678";
  HttpResult opened = Post("/api/v1/data-subject-requests", request, As(Role::kPrivacyOfficer));
  ASSERT_EQ(opened.status, 201u) << opened.body;
  EXPECT_EQ(opened.body.find("0612345678"), std::string::npos);
  EXPECT_EQ(opened.json()["subject_ref"].get<std::string>().rfind("cref-", 0), 0u);
}

// ---------------------------------------------------------------------------
// The register (AVG-30) and the DPIA (AVG-35)

TEST_F(PrivacyApiTest, RegisterComesFromTheActiveRegulationAvg30) {
  for (Role role : {Role::kPrivacyOfficer, Role::kWorksCouncil}) {
    HttpResult record = Get("/api/v1/register", As(role));
    ASSERT_EQ(record.status, 200u) << record.body;
    EXPECT_EQ(record.json()["record"], "art30");
    EXPECT_EQ(record.json()["regulation"]["id"], installation().regulation().id);
    EXPECT_EQ(record.json()["activities"].size(), 3u);
  }
  HttpResult text =
      Get("/api/v1/register?format=text", As(Role::kPrivacyOfficer), {{"Accept-Language", "en"}});
  ASSERT_EQ(text.status, 200u) << text.body;
  EXPECT_NE(text.header("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_NE(text.body.find("Klantcontact Test B.V."), std::string::npos);
  ExpectBadField(Get("/api/v1/register?format=pdf", As(Role::kPrivacyOfficer)), "format");
  ExpectRefused(Get("/api/v1/register", As(Role::kManager)), "AVG-32");
  ExpectRefused(Get("/api/v1/register", As(Role::kClient)), "AVG-32");
}

TEST_F(PrivacyApiTest, DpiaShowsDateReferenceAndMeasuresWithoutPersonalDataAvg35) {
  for (Role role : {Role::kPrivacyOfficer, Role::kWorksCouncil}) {
    HttpResult dpia = Get("/api/v1/dpia", As(role));
    ASSERT_EQ(dpia.status, 200u) << dpia.body;
    EXPECT_EQ(dpia.json()["dpia"]["reference"], "DPIA-TEST-1");
    EXPECT_TRUE(dpia.json()["dpia"]["recorded"].get<bool>());
    EXPECT_FALSE(dpia.json()["dpia"]["date"].is_null());
    EXPECT_FALSE(dpia.json()["measures"].empty());
    EXPECT_EQ(dpia.json()["processing"].size(), 3u);
    // Aggregate: no agent or monitor appears.
    EXPECT_EQ(dpia.body.find(AgentId()), std::string::npos);
    EXPECT_EQ(dpia.body.find(installation().monitor_id()), std::string::npos);
  }
  ExpectRefused(Get("/api/v1/dpia", As(Role::kAgent)), "AVG-32");
  ExpectRefused(Get("/api/v1/dpia", As(Role::kAdmin)), "AVG-32");
}

}  // namespace
}  // namespace fairqm::api
