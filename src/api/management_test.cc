// The manager's and works council's endpoints over real HTTP: for each, the
// allowed path, the refusals with their rule ids, bad input (400 naming the
// field) and unknown ids (404).
#include <gtest/gtest.h>

#include <map>

#include "api/testing.h"
#include "service/agent_requests.h"
#include "service/regulations.h"
#include "store/requests.h"

namespace fairqm::api {
namespace {

using codec::Json;
using domain::Role;
using testing::ApiTest;
using testing::Credentials;
using testing::HttpResult;

class ManagementApiTest : public ApiTest {
 protected:
  const Credentials* As(Role role) { return &ApiTest::As(role); }

  // The fixture's regulation document, changed by `edit`.
  template <typename Edit>
  Json RegulationDocument(Edit edit) {
    auto json = codec::ParseJsonText(installation().RegulationJson());
    EXPECT_TRUE(json.ok());
    // KSF-3.12: a new version within 12 months of the last needs a reason.
    (*json)["change_legal_reason"] = "Nieuwe cao, artikel 12.";
    edit(*json);
    return *json;
  }

  std::string CreateDraft(const Json& document) {
    HttpResult created = Post("/api/v1/regulations", document, As(Role::kManager));
    EXPECT_EQ(created.status, 201u) << created.body;
    return created.json().value("id", "");
  }

  std::string FileComplaint() {
    auto filed = service::FileComplaint(app(), service::Actor{AgentId(), Role::kAgent, ""},
                                        "Meeluisteren", "Er werd buiten mijn team meegeluisterd.");
    EXPECT_TRUE(filed.ok() && filed->allowed());
    return filed.ok() && filed->allowed() ? filed->value->id : "";
  }
};

// ---------------------------------------------------------------------------
// People

TEST_F(ManagementApiTest, ListEmployeesGivesNamesFunctionsAndTeamsButNoRecordings) {
  HttpResult listed = Get("/api/v1/employees", As(Role::kManager));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  const Json items = listed.json()["items"];
  ASSERT_EQ(items.size(), 12u);
  bool found_agent = false;
  for (const Json& item : items) {
    EXPECT_FALSE(item.contains("email"));  // AVG-5-minimal
    EXPECT_FALSE(item.contains("recordings"));
    if (item["id"] == AgentId()) {
      found_agent = true;
      EXPECT_EQ(item["team_name"], "Noord");
      EXPECT_EQ(item["function"], "agent");
      EXPECT_TRUE(item["monitorable"].get<bool>());
    }
    if (item["function"] == "team_lead") {
      // KSF-3.2: a team lead without customer contact is never monitored.
      EXPECT_FALSE(item["monitorable"].get<bool>());
      EXPECT_EQ(item["not_monitorable"]["rule"], "KSF-3.2");
    }
  }
  EXPECT_TRUE(found_agent);
}

TEST_F(ManagementApiTest, EmployeesAndTeamsAreForManagementOnlyAvg32) {
  for (Role role : {Role::kAgent, Role::kMonitor, Role::kWorksCouncil, Role::kPrivacyOfficer,
                    Role::kClient, Role::kAdmin}) {
    ExpectRefused(Get("/api/v1/employees", As(role)), "AVG-32");
    ExpectRefused(Get("/api/v1/teams", As(role)), "AVG-32");
  }
}

// KSF-3.2: the HR export uploaded by management; a bad file changes nothing.
TEST_F(ManagementApiTest, ImportsTheHrExportAsAnUploadKsf32) {
  const std::string boundary = "fairqm-test-boundary";
  auto upload = [&](const std::string& csv, Role role) {
    const std::string body = "--" + boundary +
                             "\r\nContent-Disposition: form-data; name=\"content\"; "
                             "filename=\"hr.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
                             csv + "\r\n--" + boundary + "--\r\n";
    return Call(boost::beast::http::verb::post, "/api/v1/employees/import", body, As(role),
                {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  };
  const std::string header =
      "employee_number,name,function,team,site,start_date,extension,customer_contact,"
      "informed_at\n";
  const std::size_t before = Get("/api/v1/employees", As(Role::kManager)).json()["items"].size();

  HttpResult imported = upload(header +
                                   "7001,Nieuwe Medewerker,agent,Nieuw Team,Zwolle,2026-01-05,"
                                   "7701,yes,2026-01-06\n"
                                   "7002,Tweede Medewerker,agent,Nieuw Team,Zwolle,2026-01-05,"
                                   "7702,yes,2026-01-06\n",
                               Role::kManager);
  ASSERT_EQ(imported.status, 200u) << imported.body;
  EXPECT_EQ(imported.json()["rows"], 2);
  EXPECT_EQ(imported.json()["created"], 2);
  EXPECT_EQ(imported.json()["teams_created"], 1);
  EXPECT_EQ(Get("/api/v1/employees", As(Role::kManager)).json()["items"].size(), before + 2);

  // The same file again updates, creates nothing.
  HttpResult again = upload(header +
                                "7001,Nieuwe Medewerker,agent,Nieuw Team,Zwolle,2026-01-05,"
                                "7701,yes,2026-01-06\n",
                            Role::kManager);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.json()["created"], 0);
  EXPECT_EQ(again.json()["updated"], 1);

  // A row that does not parse: 400 naming the part and the row, and nothing stored.
  HttpResult bad =
      upload(header + "7003,Derde,agent,Nieuw Team,Zwolle,not-a-date,,yes,\n", Role::kManager);
  EXPECT_EQ(bad.status, 400u) << bad.body;
  EXPECT_NE(bad.json()["message"].get<std::string>().find("content: "), std::string::npos);
  EXPECT_EQ(Get("/api/v1/employees", As(Role::kManager)).json()["items"].size(), before + 2);
  // Not multipart: 400; not management: 403.
  EXPECT_EQ(Post("/api/v1/employees/import", Json::object(), As(Role::kManager)).status, 400u);
  EXPECT_EQ(upload(header, Role::kWorksCouncil).status, 403u);
}

TEST_F(ManagementApiTest, ListTeamsNamesTheDirectSupervisorKsf45) {
  HttpResult listed = Get("/api/v1/teams", As(Role::kManager));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  const Json items = listed.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["name"], "Noord");
  EXPECT_EQ(items[0]["supervisor_id"], installation().teams()[0].lead_id);
  EXPECT_EQ(items[0]["supervisor_name"], "Teamleider Noord");
}

// ---------------------------------------------------------------------------
// Authorisations (KSF-3.3)

TEST_F(ManagementApiTest, AuthorisationsShowTheConfidentialityAcknowledgementKsf33) {
  HttpResult listed = Get("/api/v1/authorisations", As(Role::kManager));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  const Json item = listed.json()["items"][0];
  EXPECT_EQ(item["id"], installation().monitor_authorisation_id());
  EXPECT_EQ(item["monitor_name"], "Kwaliteitsmedewerker");
  EXPECT_TRUE(item["acknowledged"].get<bool>());
  EXPECT_TRUE(item["active"].get<bool>());
}

TEST_F(ManagementApiTest, GrantedAuthorisationIsInactiveUntilAcknowledgedAndCanBeEnded) {
  const Json grant{{"monitor_id", installation().teams()[1].lead_id},
                   {"purposes", Json::array({"coaching"})},
                   {"team_ids", Json::array({installation().teams()[1].id})},
                   {"valid_from", FormatDate(clock().Now())}};
  HttpResult granted = Post("/api/v1/authorisations", grant, As(Role::kManager));
  ASSERT_EQ(granted.status, 201u) << granted.body;
  const std::string id = granted.json().value("id", "");
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(granted.json()["confidentiality_acknowledged_at"].is_null());

  HttpResult listed = Get("/api/v1/authorisations", As(Role::kManager));
  bool seen = false;
  const Json items = listed.json()["items"];
  for (const Json& item : items) {
    if (item["id"] != id) continue;
    seen = true;
    // KSF-3.3 (3.3.5): not active before the duty of confidentiality is acknowledged.
    EXPECT_FALSE(item["acknowledged"].get<bool>());
    EXPECT_FALSE(item["active"].get<bool>());
    EXPECT_EQ(item["monitor_name"], "Teamleider Zuid");
  }
  EXPECT_TRUE(seen);

  HttpResult ended = Act("/api/v1/authorisations/" + id + "/end", As(Role::kManager));
  ASSERT_EQ(ended.status, 200u) << ended.body;
  EXPECT_FALSE(ended.json()["ended_at"].is_null());
}

TEST_F(ManagementApiTest, GrantAuthorisationNamesTheBadField) {
  Json grant{{"monitor_id", installation().monitor_id()},
             {"purposes", Json::array()},
             {"team_ids", Json::array({installation().teams()[0].id})},
             {"valid_from", "2026-03-01"}};
  ExpectBadField(Post("/api/v1/authorisations", grant, As(Role::kManager)), "purposes");
  grant["purposes"] = Json::array({"logging"});  // KSF-1.2: no such purpose
  ExpectBadField(Post("/api/v1/authorisations", grant, As(Role::kManager)), "purposes");
  grant["purposes"] = Json::array({"quality"});
  grant["valid_from"] = "gisteren";
  ExpectBadField(Post("/api/v1/authorisations", grant, As(Role::kManager)), "valid_from");
  grant["valid_from"] = "2026-03-01";
  grant["purpse"] = "quality";
  ExpectBadField(Post("/api/v1/authorisations", grant, As(Role::kManager)), "purpse");
}

TEST_F(ManagementApiTest, OnlyManagementGrantsAuthorisationsKsf33) {
  const Json grant{{"monitor_id", installation().monitor_id()},
                   {"purposes", Json::array({"quality"})},
                   {"agent_ids", Json::array({AgentId()})},
                   {"valid_from", "2026-03-01"}};
  // A monitor cannot widen their own scope; the refusal names the rule.
  ExpectRefused(Post("/api/v1/authorisations", grant, As(Role::kMonitor)), "AVG-32");
  ExpectRefused(Post("/api/v1/authorisations", grant, As(Role::kAdmin)), "AVG-32");
}

TEST_F(ManagementApiTest, EndingAnUnknownAuthorisationIs404) {
  EXPECT_EQ(Act("/api/v1/authorisations/auth-none/end", As(Role::kManager)).status, 404u);
}

// ---------------------------------------------------------------------------
// The regulation's life cycle (KSF-3.11, KSF-3.12)

TEST_F(ManagementApiTest, RegulationsAreReadByManagerWorksCouncilAndPrivacyOfficer) {
  for (Role role : {Role::kManager, Role::kWorksCouncil, Role::kPrivacyOfficer}) {
    HttpResult listed = Get("/api/v1/regulations", As(role));
    ASSERT_EQ(listed.status, 200u) << listed.body;
    ASSERT_EQ(listed.json()["items"].size(), 1u);
    HttpResult one = Get("/api/v1/regulations/" + installation().regulation().id, As(role));
    ASSERT_EQ(one.status, 200u) << one.body;
    EXPECT_EQ(one.json()["status"], "active");
    EXPECT_EQ(one.json()["works_council_consent_reference"], "OR-TEST-2026-01");  // KSF-3.11
  }
  EXPECT_EQ(Get("/api/v1/regulations/active", As(Role::kWorksCouncil)).json()["id"],
            installation().regulation().id);
  ExpectRefused(Get("/api/v1/regulations", As(Role::kAgent)), "AVG-32");
  ExpectRefused(Get("/api/v1/regulations", As(Role::kClient)), "AVG-32");
  EXPECT_EQ(Get("/api/v1/regulations/reg-none", As(Role::kManager)).status, 404u);
}

TEST_F(ManagementApiTest, IncompleteDraftListsWhatIsMissingAndCannotBeSubmittedKsf21Interest) {
  const std::string id = CreateDraft(RegulationDocument([](Json& doc) {
    for (Json& purpose : doc["purposes"]) purpose["legitimate_interest"] = "";
  }));
  ASSERT_FALSE(id.empty());

  HttpResult missing = Get("/api/v1/regulations/" + id + "/missing", As(Role::kWorksCouncil));
  ASSERT_EQ(missing.status, 200u) << missing.body;
  EXPECT_FALSE(missing.json()["complete"].get<bool>());
  ASSERT_FALSE(missing.json()["missing"].empty());
  const Json first = missing.json()["missing"][0];
  EXPECT_EQ(first["rule"], "KSF-2.1-interest");
  EXPECT_FALSE(first.value("reason_nl", "").empty());
  EXPECT_FALSE(first.value("reason_en", "").empty());

  // Nothing incomplete reaches the works council: 403 with the missing rule.
  ExpectRefused(Act("/api/v1/regulations/" + id + "/submit", As(Role::kManager)),
                "KSF-2.1-interest");
  EXPECT_EQ(Get("/api/v1/regulations/" + id, As(Role::kManager)).json()["status"], "draft");
}

TEST_F(ManagementApiTest, DraftIsSubmittedConsentedAndActivatedKsf311) {
  const std::string id = CreateDraft(RegulationDocument([](Json&) {}));
  HttpResult missing = Get("/api/v1/regulations/" + id + "/missing", As(Role::kManager));
  EXPECT_TRUE(missing.json()["complete"].get<bool>()) << missing.body;

  // KSF-3.11: the works council cannot consent to a draft not submitted.
  const Json consent{{"consent_at", FormatTime(clock().Now())}, {"reference", "OR-2026-07"}};
  ExpectRefused(Post("/api/v1/regulations/" + id + "/consent", consent, As(Role::kWorksCouncil)),
                "KSF-3.11");
  // Nor can a version become active without that consent.
  ExpectRefused(Act("/api/v1/regulations/" + id + "/activate", As(Role::kManager)), "KSF-3.11");

  HttpResult submitted = Act("/api/v1/regulations/" + id + "/submit", As(Role::kManager));
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  EXPECT_EQ(submitted.json()["status"], "submitted");

  // Management does not consent on the works council's behalf.
  ExpectRefused(Post("/api/v1/regulations/" + id + "/consent", consent, As(Role::kManager)),
                "AVG-32");
  HttpResult consented =
      Post("/api/v1/regulations/" + id + "/consent", consent, As(Role::kWorksCouncil));
  ASSERT_EQ(consented.status, 200u) << consented.body;
  EXPECT_EQ(consented.json()["works_council_consent_reference"], "OR-2026-07");

  HttpResult activated = Act("/api/v1/regulations/" + id + "/activate", As(Role::kManager));
  ASSERT_EQ(activated.status, 200u) << activated.body;
  EXPECT_EQ(activated.json()["status"], "active");
  EXPECT_EQ(Get("/api/v1/regulations/" + installation().regulation().id, As(Role::kManager))
                .json()["status"],
            "superseded");
}

TEST_F(ManagementApiTest, NewVersionWithinTwelveMonthsNeedsALegalReasonKsf312) {
  const std::string id =
      CreateDraft(RegulationDocument([](Json& doc) { doc.erase("change_legal_reason"); }));
  ASSERT_EQ(Act("/api/v1/regulations/" + id + "/submit", As(Role::kManager)).status, 200u);
  ASSERT_EQ(Post("/api/v1/regulations/" + id + "/consent",
                 Json{{"consent_at", FormatTime(clock().Now())}, {"reference", "OR-2026-08"}},
                 As(Role::kWorksCouncil))
                .status,
            200u);
  ExpectRefused(Act("/api/v1/regulations/" + id + "/activate", As(Role::kManager)), "KSF-3.12");
}

TEST_F(ManagementApiTest, WorksCouncilRejectsASubmittedVersion) {
  const std::string id = CreateDraft(RegulationDocument([](Json&) {}));
  ASSERT_EQ(Act("/api/v1/regulations/" + id + "/submit", As(Role::kManager)).status, 200u);
  ExpectBadField(
      Post("/api/v1/regulations/" + id + "/reject", Json::object(), As(Role::kWorksCouncil)),
      "reference");
  ExpectBadField(Post("/api/v1/regulations/" + id + "/reject", Json{{"reference", "  "}},
                      As(Role::kWorksCouncil)),
                 "reference");
  HttpResult rejected = Post("/api/v1/regulations/" + id + "/reject",
                             Json{{"reference", "OR-2026-09"}, {"reason", "Te vaak meeluisteren."}},
                             As(Role::kWorksCouncil));
  ASSERT_EQ(rejected.status, 200u) << rejected.body;
  EXPECT_EQ(rejected.json()["status"], "rejected");
  // KSF-3.11: the refusal is kept with its reference and reason for the manager to read.
  const Json kept = Get("/api/v1/regulations/" + id, As(Role::kManager)).json();
  EXPECT_EQ(kept["works_council_rejection_reference"], "OR-2026-09");
  EXPECT_EQ(kept["works_council_rejection_reason"], "Te vaak meeluisteren.");
  EXPECT_FALSE(kept["works_council_rejected_at"].is_null());
  // A rejected version is never changed again; a new draft starts from it.
  HttpResult changed =
      Put("/api/v1/regulations/" + id, RegulationDocument([](Json&) {}), As(Role::kManager));
  EXPECT_EQ(changed.status, 409u) << changed.body;
  EXPECT_EQ(
      Post("/api/v1/regulations/reg-none/reject", Json{{"reference", "x"}}, As(Role::kWorksCouncil))
          .status,
      404u);
}

TEST_F(ManagementApiTest, DraftIsChangedInPlaceUntilSubmittedKsf311) {
  const std::string id = CreateDraft(
      RegulationDocument([](Json& doc) { doc["purposes"][0].erase("legitimate_interest"); }));
  const Json before = Get("/api/v1/regulations/" + id, As(Role::kManager)).json();
  ASSERT_FALSE(Get("/api/v1/regulations/" + id + "/missing", As(Role::kManager))
                   .json()["complete"]
                   .get<bool>());
  // The manager fills in what was missing: the same draft, the same version.
  HttpResult changed =
      Put("/api/v1/regulations/" + id,
          RegulationDocument([](Json& doc) { doc["title"] = "Regeling, herzien"; }),
          As(Role::kManager));
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json()["id"], id);
  EXPECT_EQ(changed.json()["version"], before["version"]);
  EXPECT_EQ(changed.json()["title"], "Regeling, herzien");
  EXPECT_EQ(changed.json()["status"], "draft");
  EXPECT_TRUE(Get("/api/v1/regulations/" + id + "/missing", As(Role::kManager))
                  .json()["complete"]
                  .get<bool>());
  // Bad content names its field; other roles are refused; unknown ids are 404.
  ExpectBadField(Put("/api/v1/regulations/" + id,
                     Json::parse(R"({"title": "x", "purposes": [{"purpose": "nonsense"}]})"),
                     As(Role::kManager)),
                 "purpose");
  EXPECT_EQ(
      Put("/api/v1/regulations/" + id, RegulationDocument([](Json&) {}), As(Role::kWorksCouncil))
          .status,
      403u);
  EXPECT_EQ(
      Put("/api/v1/regulations/reg-none", RegulationDocument([](Json&) {}), As(Role::kManager))
          .status,
      404u);
  // Once submitted, what the works council sees no longer changes (409).
  ASSERT_EQ(Act("/api/v1/regulations/" + id + "/submit", As(Role::kManager)).status, 200u);
  HttpResult late =
      Put("/api/v1/regulations/" + id, RegulationDocument([](Json&) {}), As(Role::kManager));
  EXPECT_EQ(late.status, 409u) << late.body;
  EXPECT_EQ(Get("/api/v1/regulations/" + id, As(Role::kManager)).json()["title"],
            "Regeling, herzien");
}

TEST_F(ManagementApiTest, RegulationInputErrorsNameTheField) {
  ExpectBadField(
      Post("/api/v1/regulations", RegulationDocument([](Json& doc) { doc.erase("title"); }),
           As(Role::kManager)),
      "title");
  ExpectBadField(Post("/api/v1/regulations", RegulationDocument([](Json& doc) {
                        doc["purposes"][0]["frequency_quota"] = "veel";
                      }),
                      As(Role::kManager)),
                 "frequency_quota");
  ExpectBadField(
      Post("/api/v1/regulations", RegulationDocument([](Json& doc) { doc["titel"] = "typo"; }),
           As(Role::kManager)),
      "titel");
  const std::string id = installation().regulation().id;
  ExpectBadField(Post("/api/v1/regulations/" + id + "/consent", Json{{"reference", "OR-1"}},
                      As(Role::kWorksCouncil)),
                 "consent_at");
  ExpectBadField(
      Post("/api/v1/regulations/" + id + "/consent",
           Json{{"consent_at", "morgen"}, {"reference", "OR-1"}}, As(Role::kWorksCouncil)),
      "consent_at");
  EXPECT_EQ(Act("/api/v1/regulations/reg-none/submit", As(Role::kManager)).status, 404u);
  EXPECT_EQ(Get("/api/v1/regulations/reg-none/missing", As(Role::kManager)).status, 404u);
  // A works council cannot draft; the privacy officer does not see drafts' gaps.
  ExpectRefused(
      Post("/api/v1/regulations", RegulationDocument([](Json&) {}), As(Role::kWorksCouncil)),
      "AVG-32");
  ExpectRefused(Get("/api/v1/regulations/" + id + "/missing", As(Role::kPrivacyOfficer)), "AVG-32");
}

// ---------------------------------------------------------------------------
// Forms (KSF-4.2)

TEST_F(ManagementApiTest, PublishedFormIsVersionedKsf42) {
  Json form = codec::ToJson(installation().form(domain::Purpose::kQuality));
  form.erase("published_at");
  form.erase("version");
  HttpResult published = Post("/api/v1/forms", form, As(Role::kManager));
  ASSERT_EQ(published.status, 201u) << published.body;
  EXPECT_EQ(published.json()["version"], 2);
  EXPECT_FALSE(published.json()["published_at"].is_null());

  form["sections"] = Json::array();
  ExpectBadField(Post("/api/v1/forms", form, As(Role::kManager)), "sections");
  ExpectRefused(Post("/api/v1/forms", form, As(Role::kMonitor)), "AVG-32");
}

// ---------------------------------------------------------------------------
// Complaints and appeals (KSF-3.10)

TEST_F(ManagementApiTest, ManagementTakesComplaintsUpKsf310) {
  const std::string id = FileComplaint();
  HttpResult listed = Get("/api/v1/complaints", As(Role::kManager));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  const Json item = listed.json()["items"][0];
  EXPECT_EQ(item["id"], id);
  EXPECT_EQ(item["days_left"], 30);  // the regulation's complaint term
  EXPECT_FALSE(item["overdue"].get<bool>());

  ExpectBadField(Post("/api/v1/complaints/" + id + "/answer", Json{{"response", "Gezien."}},
                      As(Role::kManager)),
                 "resolved");
  HttpResult answered =
      Post("/api/v1/complaints/" + id + "/answer",
           Json{{"response", "Uitgezocht en hersteld."}, {"resolved", true}}, As(Role::kManager));
  ASSERT_EQ(answered.status, 200u) << answered.body;
  EXPECT_FALSE(answered.json()["taken_up_at"].is_null());
  EXPECT_EQ(Post("/api/v1/complaints/cmp-none/answer", Json{{"response", "x"}, {"resolved", false}},
                 As(Role::kManager))
                .status,
            404u);
  // The works council decides appeals, it does not answer complaints.
  ExpectRefused(Post("/api/v1/complaints/" + id + "/answer",
                     Json{{"response", "x"}, {"resolved", false}}, As(Role::kWorksCouncil)),
                "AVG-32");
}

TEST_F(ManagementApiTest, WorksCouncilDecidesAppealsOnlyWhenAppealedKsf310) {
  const std::string id = FileComplaint();
  // Not appealed: nothing for the works council to decide.
  EXPECT_TRUE(Get("/api/v1/complaints", As(Role::kWorksCouncil)).json()["items"].empty());
  ExpectRefused(Post("/api/v1/complaints/" + id + "/appeal-decision",
                     Json{{"decision", "Gegrond."}}, As(Role::kWorksCouncil)),
                "KSF-3.10");

  // Management lets the term pass; the agent appeals.
  clock().Advance(Days(31));
  auto appealed = service::AppealComplaint(app(), service::Actor{AgentId(), Role::kAgent, ""}, id);
  ASSERT_TRUE(appealed.ok() && appealed->allowed());
  const Credentials* council = FreshSession(Role::kWorksCouncil);
  HttpResult listed = Get("/api/v1/complaints", council);
  ASSERT_EQ(listed.json()["items"].size(), 1u) << listed.body;
  EXPECT_TRUE(listed.json()["items"][0]["overdue"].get<bool>());

  ExpectBadField(Post("/api/v1/complaints/" + id + "/appeal-decision", Json::object(), council),
                 "decision");
  HttpResult decided =
      Post("/api/v1/complaints/" + id + "/appeal-decision",
           Json{{"decision", "Gegrond; management past de werkwijze aan."}}, council);
  ASSERT_EQ(decided.status, 200u) << decided.body;
  EXPECT_FALSE(decided.json()["appeal_decided_at"].is_null());
  ExpectRefused(Post("/api/v1/complaints/" + id + "/appeal-decision", Json{{"decision", "x"}},
                     FreshSession(Role::kManager)),
                "AVG-32");
  EXPECT_EQ(
      Post("/api/v1/complaints/cmp-none/appeal-decision", Json{{"decision", "x"}}, council).status,
      404u);
}

// ---------------------------------------------------------------------------
// Holds, requests, the compliance report

TEST_F(ManagementApiTest, HoldsAndOpenRequestsAreForManagement) {
  // KSF-4.9: the agent consents to keeping a recording for an urgent reason.
  auto recording = installation().Capture(AgentId(), domain::Purpose::kCoaching);
  ASSERT_TRUE(recording.ok()) << recording.error().ToString();
  auto hold =
      service::GiveHoldConsent(app(), service::Actor{AgentId(), Role::kAgent, ""}, recording->id,
                               "Lopende klachtbehandeling.", clock().Now() + Days(20), "manager");
  ASSERT_TRUE(hold.ok()) << hold.error().ToString();
  ASSERT_TRUE(hold->allowed()) << hold->decision.reason_en;
  HttpResult holds = Get("/api/v1/holds", As(Role::kManager));
  ASSERT_EQ(holds.status, 200u) << holds.body;
  ASSERT_EQ(holds.json()["items"].size(), 1u) << holds.body;
  const Json held = holds.json()["items"][0];
  EXPECT_EQ(held["consent"]["reason"], "Lopende klachtbehandeling.");
  EXPECT_EQ(held["recording"]["id"], recording->id);
  EXPECT_EQ(held["days_left"], 20);
  ExpectRefused(Get("/api/v1/holds", As(Role::kMonitor)), "AVG-32");

  // KSF-4.6: a request still waiting for management.
  domain::AgentRequest open;
  open.id = "req-open";
  open.agent_id = AgentId();
  open.kind = domain::RequestKind::kOtherEvaluator;
  open.created_at = clock().Now();
  open.reason = "Liever een andere beoordelaar.";
  {
    auto writer = app().Writer();
    FAIRQM_ASSERT_OK(writer);
    FAIRQM_ASSERT_OK(store::PutAgentRequest(**writer, open));
  }
  // A granted one (KSF-4.7 extra moment) is not open.
  auto granted = service::RequestExtraMoment(app(), service::Actor{AgentId(), Role::kAgent, ""},
                                             "Ik wil laten zien dat ik gegroeid ben.");
  ASSERT_TRUE(granted.ok() && granted->allowed());
  HttpResult listed = Get("/api/v1/requests", As(Role::kManager));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u) << listed.body;
  const Json item = listed.json()["items"][0];
  EXPECT_EQ(item["id"], "req-open");
  EXPECT_EQ(item["kind"], "other_evaluator");
  EXPECT_EQ(item["agent_id"], AgentId());
  EXPECT_FALSE(item.value("agent_name", "").empty());
  ExpectRefused(Get("/api/v1/requests", As(Role::kWorksCouncil)), "AVG-32");
}

TEST_F(ManagementApiTest, ComplianceReportIsAggregateOnly) {
  ASSERT_TRUE(installation().Capture(AgentId(), domain::Purpose::kCoaching).ok());
  const std::string period = "?from=2026-03-01&to=" + FormatDate(clock().Now() + Days(1));
  for (Role role : {Role::kManager, Role::kWorksCouncil, Role::kPrivacyOfficer}) {
    HttpResult report = Get("/api/v1/reports/compliance" + period, As(role));
    ASSERT_EQ(report.status, 200u) << report.body;
    EXPECT_EQ(report.json()["regulation"]["id"], installation().regulation().id);
    // No agent, monitor or customer appears in it.
    EXPECT_EQ(report.body.find(AgentId()), std::string::npos);
    EXPECT_EQ(report.body.find(installation().monitor_id()), std::string::npos);
  }
  HttpResult text = Get("/api/v1/reports/compliance" + period + "&format=text",
                        As(Role::kWorksCouncil), {{"Accept-Language", "en"}});
  ASSERT_EQ(text.status, 200u) << text.body;
  EXPECT_NE(text.header("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_FALSE(text.body.empty());

  ExpectBadField(Get("/api/v1/reports/compliance?from=maart", As(Role::kManager)), "from");
  ExpectBadField(Get("/api/v1/reports/compliance?format=pdf", As(Role::kManager)), "format");
  ExpectBadField(
      Get("/api/v1/reports/compliance?from=2026-03-10&to=2026-03-01", As(Role::kManager)), "to");
  ExpectRefused(Get("/api/v1/reports/compliance", As(Role::kClient)), "AVG-32");
  ExpectRefused(Get("/api/v1/reports/compliance", As(Role::kAgent)), "AVG-32");
}

// ---------------------------------------------------------------------------
// Client contracts (KSF-6.2, KSF-6.3, KSF-6.5)

TEST_F(ManagementApiTest, ClientContractRecordsItsLegalGroundKsf63) {
  Json contract{{"client_id", "globex"},
                {"client_name", "Globex"},
                {"signed_at", FormatDate(clock().Now())},
                {"team_ids", Json::array({installation().teams()[1].id})},
                {"purpose", "quality"},
                {"legal_ground", "legitimate_interest"}};
  HttpResult added = Post("/api/v1/client-contracts", contract, As(Role::kManager));
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_FALSE(added.json().value("id", "").empty());

  for (Role role : {Role::kManager, Role::kPrivacyOfficer}) {
    HttpResult listed = Get("/api/v1/client-contracts", As(role));
    ASSERT_EQ(listed.status, 200u) << listed.body;
    EXPECT_EQ(listed.json()["items"].size(), 2u);  // acme (fixture) and globex
  }
  ExpectRefused(Get("/api/v1/client-contracts", As(Role::kClient)), "AVG-32");

  Json no_ground = contract;
  no_ground.erase("legal_ground");
  ExpectRefused(Post("/api/v1/client-contracts", no_ground, As(Role::kManager)), "KSF-6.3");
  Json assessment = contract;
  assessment["purpose"] = "assessment";  // KSF-6.5: clients never assess agents
  ExpectRefused(Post("/api/v1/client-contracts", assessment, As(Role::kManager)), "KSF-6.5");

  Json bad = contract;
  bad.erase("client_id");
  ExpectBadField(Post("/api/v1/client-contracts", bad, As(Role::kManager)), "client_id");
  bad = contract;
  bad["legal_ground"] = "because";
  ExpectBadField(Post("/api/v1/client-contracts", bad, As(Role::kManager)), "legal_ground");
  ExpectRefused(Post("/api/v1/client-contracts", contract, As(Role::kPrivacyOfficer)), "AVG-32");
}

}  // namespace
}  // namespace fairqm::api
