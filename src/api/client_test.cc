// The client's endpoints over real HTTP (chapter 6): the aggregate report —
// cells under the minimum group size suppressed with the reason (KSF-6.1),
// never evaluations of people (KSF-6.5), only the client's own data (AVG-32)
// — and the client's own contracts (KSF-6.2, KSF-6.3).
#include <gtest/gtest.h>

#include "api/testing.h"

namespace fairqm::api {
namespace {

using codec::Json;
using domain::Role;
using testing::ApiTest;
using testing::Credentials;
using testing::HttpResult;
using testing::kTestClient;

class ClientApiTest : public ApiTest {
 protected:
  const Credentials* As(Role role) { return &ApiTest::As(role); }

  // Records a quality contact for the client of each of the first `agents`
  // agents of team Noord, and evaluates and shares it.
  void RecordForClient(int agents) {
    const auto& noord = installation().teams()[0];
    service::testing::CaptureSpec spec;
    spec.client_id = kTestClient;
    for (int agent_idx = 0; agent_idx < agents; ++agent_idx) {
      const std::string& agent = noord.agent_ids.at(agent_idx);
      auto recording = installation().Capture(agent, domain::Purpose::kQuality, spec);
      ASSERT_TRUE(recording.ok()) << recording.error().ToString();
      auto evaluation =
          installation().Evaluate(agent, domain::Purpose::kQuality, {recording->id}, 4);
      ASSERT_TRUE(evaluation.ok()) << evaluation.error().ToString();
    }
  }

  std::string Period() { return "from=2026-03-01&to=" + FormatDate(clock().Now() + Days(1)); }

  static const Json* Cell(const Json& report, const std::string& team) {
    for (const Json& cell : report["cells"]) {
      if (cell["team"] == team) return &cell;
    }
    return nullptr;
  }
};

TEST_F(ClientApiTest, CellUnderTheMinimumGroupSizeIsSuppressedWithTheReasonKsf61) {
  RecordForClient(2);
  HttpResult report = Get("/api/v1/reports/client?" + Period(), As(Role::kClient));
  ASSERT_EQ(report.status, 200u) << report.body;
  const Json body = report.json();
  EXPECT_EQ(body["client_id"], kTestClient);
  EXPECT_EQ(body["min_group_size"], 5);
  const Json* noord = Cell(body, "Noord");
  ASSERT_NE(noord, nullptr) << report.body;
  EXPECT_FALSE((*noord)["shown"].get<bool>());
  EXPECT_EQ((*noord)["suppressed"]["rule"], "KSF-6.1");
  EXPECT_FALSE((*noord).contains("recordings"));
  const Json* overall = Cell(body, "overall");
  ASSERT_NE(overall, nullptr);
  EXPECT_FALSE((*overall)["shown"].get<bool>());
  // KSF-6.5: never an individual evaluation, agent or monitor.
  for (const std::string& agent : installation().teams()[0].agent_ids) {
    EXPECT_EQ(report.body.find(agent), std::string::npos);
  }
  EXPECT_EQ(report.body.find(installation().monitor_id()), std::string::npos);
  EXPECT_EQ(report.body.find("evaluation_id"), std::string::npos);
}

TEST_F(ClientApiTest, CellOfEnoughAgentsShowsTheAggregatesKsf61) {
  RecordForClient(5);
  HttpResult report = Get("/api/v1/reports/client?" + Period(), As(Role::kClient));
  ASSERT_EQ(report.status, 200u) << report.body;
  const Json body = report.json();
  const Json* noord = Cell(body, "Noord");
  ASSERT_NE(noord, nullptr) << report.body;
  ASSERT_TRUE((*noord)["shown"].get<bool>()) << report.body;
  EXPECT_EQ((*noord)["distinct_agents"], 5);
  EXPECT_EQ((*noord)["recordings"], 5);
  EXPECT_EQ((*noord)["evaluated"], 5);
  EXPECT_TRUE((*noord)["mean_score"].is_number());
}

TEST_F(ClientApiTest, ClientAskingForAnotherClientsReportIsRefusedAvg32) {
  FAIRQM_ASSERT_OK(installation().AddClientContract("globex", {"Zuid"}, domain::Purpose::kQuality));
  ExpectRefused(Get("/api/v1/reports/client?client=globex&" + Period(), As(Role::kClient)),
                "AVG-32");
  // Naming itself is fine.
  EXPECT_EQ(Get("/api/v1/reports/client?client=acme&" + Period(), As(Role::kClient)).status, 200u);
}

TEST_F(ClientApiTest, ManagerSeesWhatTheClientWouldGet) {
  RecordForClient(2);
  HttpResult as_manager = Get("/api/v1/reports/client?client=acme&" + Period(), As(Role::kManager));
  ASSERT_EQ(as_manager.status, 200u) << as_manager.body;
  HttpResult as_client = Get("/api/v1/reports/client?" + Period(), As(Role::kClient));
  EXPECT_EQ(as_manager.json()["cells"], as_client.json()["cells"]);
  // Which client, then.
  ExpectBadField(Get("/api/v1/reports/client?" + Period(), As(Role::kManager)), "client");
  // A client without a contract in force gets nothing (KSF-6.3).
  ExpectRefused(Get("/api/v1/reports/client?client=initech&" + Period(), As(Role::kManager)),
                "KSF-6.3");
}

TEST_F(ClientApiTest, ClientReportRefusesOtherRolesAndBadPeriods) {
  ExpectBadField(Get("/api/v1/reports/client?from=maart", As(Role::kClient)), "from");
  ExpectBadField(Get("/api/v1/reports/client?to=eind", As(Role::kClient)), "to");
  ExpectBadField(Get("/api/v1/reports/client?from=2026-03-10&to=2026-03-01", As(Role::kClient)),
                 "to");
  for (Role role : {Role::kAgent, Role::kMonitor, Role::kAdmin, Role::kWorksCouncil}) {
    ExpectRefused(Get("/api/v1/reports/client", As(role)), "AVG-32");
  }
}

TEST_F(ClientApiTest, ClientSeesOnlyItsOwnContractsKsf62) {
  FAIRQM_ASSERT_OK(installation().AddClientContract("globex", {"Zuid"}, domain::Purpose::kQuality));
  HttpResult listed = Get("/api/v1/client/contracts", As(Role::kClient));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["client_id"], kTestClient);
  EXPECT_FALSE(listed.json()["items"][0]["individual_level"].get<bool>());
  EXPECT_EQ(listed.body.find("globex"), std::string::npos);
  for (Role role : {Role::kManager, Role::kAgent, Role::kPrivacyOfficer}) {
    ExpectRefused(Get("/api/v1/client/contracts", As(role)), "AVG-32");
  }
}

}  // namespace
}  // namespace fairqm::api
