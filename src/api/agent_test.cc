// The agent's endpoints over real loopback HTTP: everything under /me, the
// agent's steps on evaluations and complaints, the AVG-15 export as a tar
// archive and the live notices as server-sent events. Every test also checks
// that an agent only ever reaches their own data (KSF-3.3, KSF-4.8).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "api/testing.h"
#include "service/agent_requests.h"
#include "service/reminders.h"
#include "service/views.h"

namespace fairqm::api {
namespace {

using testing::ApiTest;
using testing::Credentials;
using testing::HttpResult;
namespace http = boost::beast::http;
namespace asio = boost::asio;
using domain::Purpose;
using domain::Role;

// Reads a server-sent event stream from a raw socket, chunk framing and all:
// the tests look for event lines in the text as it arrives.
class SseClient {
 public:
  SseClient(std::uint16_t port, const Credentials& as,
            const std::string& target = "/api/v1/me/notices",
            const std::map<std::string, std::string>& headers = {})
      : socket_(io_) {
    socket_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
    request += "Cookie: " + as.cookie + "\r\n";
    for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
    request += "\r\n";
    asio::write(socket_, asio::buffer(request));
  }
  ~SseClient() {
    boost::system::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  // True once `needle` is in the text received, waiting at most `timeout`.
  bool WaitFor(const std::string& needle, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (received_.find(needle) == std::string::npos) {
      const auto left = deadline - std::chrono::steady_clock::now();
      if (left <= std::chrono::steady_clock::duration::zero()) return false;
      bool done = false;
      boost::system::error_code error;
      std::array<char, 4096> chunk{};
      socket_.async_read_some(asio::buffer(chunk),
                              [&](boost::system::error_code ec, std::size_t n) {
                                if (!ec) received_.append(chunk.data(), n);
                                error = ec;
                                done = true;
                              });
      io_.restart();
      io_.run_for(std::chrono::duration_cast<std::chrono::milliseconds>(left));
      if (!done) {
        socket_.cancel();
        io_.restart();
        io_.run();
        return received_.find(needle) != std::string::npos;
      }
      if (error) return received_.find(needle) != std::string::npos;
    }
    return true;
  }

  const std::string& received() const { return received_; }

 private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  std::string received_;
};

class AgentApiTest : public ApiTest {
 protected:
  // A second agent (team Noord's second agent) with an account of their own,
  // for the "only my own data" checks.
  const Credentials& OtherAgent() {
    if (!other_.cookie.empty()) return other_;
    accounts::NewAccount account;
    account.username = "agent.b";
    account.display_name = "agent.b";
    account.role = Role::kAgent;
    account.employee_id = OtherAgentId();
    account.password = testing::kTestPassword;
    auto created = accounts::CreateAccount(app(), service::testing::Installation::Admin(), account,
                                           accounts::PasswordCost::Minimum());
    EXPECT_TRUE(created.ok() && created->allowed());
    other_ = Login("agent.b");
    return other_;
  }
  // A fresh session (sessions end after 30 idle minutes of the test clock).
  Credentials Login(const std::string& username) {
    HttpResult login = Post("/api/v1/session", codec::Json{{"username", username},
                                                           {"password", testing::kTestPassword}});
    EXPECT_EQ(login.status, 200u) << login.body;
    const std::string cookie = login.header("Set-Cookie");
    return Credentials{cookie.substr(0, cookie.find(';')), login.json().value("csrf_token", ""),
                       ""};
  }
  std::string OtherAgentId() { return installation().teams()[0].agent_ids[1]; }

  domain::Recording Record(Purpose purpose = Purpose::kCoaching) {
    auto recording = installation().Capture(AgentId(), purpose);
    EXPECT_TRUE(recording.ok()) << recording.error().ToString();
    return recording.ok() ? *recording : domain::Recording{};
  }

  domain::Evaluation Evaluated(bool share = true) {
    const domain::Recording recording = Record(Purpose::kCoaching);
    auto evaluation =
        installation().Evaluate(AgentId(), Purpose::kCoaching, {recording.id}, 4, share);
    EXPECT_TRUE(evaluation.ok()) << evaluation.error().ToString();
    return evaluation.ok() ? *evaluation : domain::Evaluation{};
  }

  // A POST without a body (the route takes none).
  HttpResult PostEmpty(const std::string& target, const Credentials* as) {
    return Call(http::verb::post, target, "", as);
  }
  HttpResult Delete(const std::string& target, const Credentials* as) {
    return Call(http::verb::delete_, target, "", as);
  }

  static void ExpectRefused(const HttpResult& answer, const std::string& rule) {
    EXPECT_EQ(answer.status, 403u) << answer.body;
    EXPECT_EQ(answer.json()["error"], "refused") << answer.body;
    EXPECT_EQ(answer.json()["rule"], rule) << answer.body;
  }
  static void ExpectBadField(const HttpResult& answer, const std::string& field) {
    EXPECT_EQ(answer.status, 400u) << answer.body;
    EXPECT_NE(answer.json().value("message", "").find(field), std::string::npos) << answer.body;
  }

 private:
  Credentials other_;
};

// --- overview, recordings, evaluations ---------------------------------------

TEST_F(AgentApiTest, OverviewShowsFrequenciesUseAndExtraMoments_KSF_3_6_KSF_3_7_KSF_4_7) {
  const Credentials& agent = As(Role::kAgent);
  auto before = Get("/api/v1/me/overview", &agent);
  ASSERT_EQ(before.status, 200u) << before.body;
  codec::Json overview = before.json();
  EXPECT_TRUE(overview["regulation_active"].get<bool>());
  EXPECT_EQ(overview["regulation"]["id"], installation().regulation().id);
  EXPECT_TRUE(overview["informed"].get<bool>());  // KSF-3.7
  ASSERT_EQ(overview["purposes"].size(), 3u);
  EXPECT_EQ(overview["purposes"][0]["purpose"], "coaching");
  EXPECT_EQ(overview["purposes"][0]["frequency_quota"], 30);
  EXPECT_EQ(overview["purposes"][0]["recorded_in_period"], 0);
  EXPECT_EQ(overview["extra_moments"]["allowed"], 3);
  EXPECT_EQ(overview["extra_moments"]["left"], 3);

  Record(Purpose::kCoaching);
  auto after = Get("/api/v1/me/overview", &agent).json();
  EXPECT_EQ(after["purposes"][0]["recorded_in_period"], 1);
  EXPECT_EQ(after["purposes"][0]["left_in_period"], 29);
}

TEST_F(AgentApiTest, RecordingsAreMineOnly_KSF_4_8) {
  const domain::Recording mine = Record();
  auto listed = Get("/api/v1/me/recordings", &As(Role::kAgent));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["id"], mine.id);
  EXPECT_EQ(listed.json()["items"][0]["purpose"], "coaching");

  // KSF-3.3: the other agent sees none of it.
  auto other = Get("/api/v1/me/recordings", &OtherAgent());
  ASSERT_EQ(other.status, 200u) << other.body;
  EXPECT_TRUE(other.json()["items"].empty());
}

TEST_F(AgentApiTest, EvaluationsAreMineOnlyAndAnotherAgentCannotTouchThem_KSF_2_1_view) {
  const domain::Evaluation evaluation = Evaluated();
  auto listed = Get("/api/v1/me/evaluations", &As(Role::kAgent));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["id"], evaluation.id);
  EXPECT_TRUE(Get("/api/v1/me/evaluations", &OtherAgent()).json()["items"].empty());

  const std::string base = "/api/v1/evaluations/" + evaluation.id;
  ExpectRefused(Post(base + "/agent-view", codec::Json{{"view", "Niet van mij"}}, &OtherAgent()),
                "KSF-2.1-view");
  ExpectRefused(PostEmpty(base + "/acknowledge", &OtherAgent()), "KSF-3.8");
}

TEST_F(AgentApiTest, AgentGivesAViewAndAcknowledges_KSF_2_1_view_KSF_3_8) {
  const domain::Evaluation evaluation = Evaluated();
  const Credentials& agent = As(Role::kAgent);
  const std::string base = "/api/v1/evaluations/" + evaluation.id;
  auto view = Post(base + "/agent-view", codec::Json{{"view", "Ik herken mij hierin."}}, &agent);
  ASSERT_EQ(view.status, 200u) << view.body;
  EXPECT_EQ(view.json()["agent_view"], "Ik herken mij hierin.");
  auto seen = PostEmpty(base + "/acknowledge", &agent);
  ASSERT_EQ(seen.status, 200u) << seen.body;
  EXPECT_FALSE(seen.json()["acknowledged_at"].is_null());

  ExpectRefused(Post(base + "/agent-view", codec::Json{{"view", "   "}}, &agent), "KSF-2.1-view");
  ExpectBadField(Post(base + "/agent-view", codec::Json::object(), &agent), "view");
  ExpectBadField(Post(base + "/agent-view", codec::Json{{"view", "x"}, {"score", 5}}, &agent),
                 "score");
  EXPECT_EQ(PostEmpty("/api/v1/evaluations/eval-unknown/acknowledge", &agent).status, 404u);
}

TEST_F(AgentApiTest, DraftEvaluationCannotBeAnsweredYet_KSF_3_8) {
  const domain::Evaluation draft = Evaluated(/*share=*/false);
  const Credentials& agent = As(Role::kAgent);
  const std::string base = "/api/v1/evaluations/" + draft.id;
  ExpectRefused(Post(base + "/agent-view", codec::Json{{"view", "Te vroeg"}}, &agent),
                "KSF-2.1-view");
  ExpectRefused(PostEmpty(base + "/acknowledge", &agent), "KSF-3.8");
}

TEST_F(AgentApiTest, MonitorsListTheAuthorisedMonitor_KSF_3_3) {
  auto listed = Get("/api/v1/me/monitors", &As(Role::kAgent));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  bool found = false;
  const codec::Json listed_items = listed.json()["items"];
  for (const auto& item : listed_items) {
    if (item["monitor_id"] == installation().monitor_id()) {
      found = true;
      EXPECT_EQ(item["purposes"].size(), 3u);
    }
  }
  EXPECT_TRUE(found) << listed.body;
}

TEST_F(AgentApiTest, AccessLogShowsWhoAccessedMyData_AVG_5_accountability) {
  Evaluated();
  const Credentials& agent = As(Role::kAgent);
  auto log = Get("/api/v1/me/access-log", &agent);
  ASSERT_EQ(log.status, 200u) << log.body;
  bool monitor_seen = false;
  const codec::Json log_items = log.json()["items"];
  for (const auto& item : log_items) {
    if (item["actor_id"] == installation().monitor_id()) monitor_seen = true;
  }
  EXPECT_TRUE(monitor_seen) << log.body;
  // Another agent's log holds nothing of mine.
  auto other = Get("/api/v1/me/access-log", &OtherAgent());
  ASSERT_EQ(other.status, 200u);
  const codec::Json other_items = other.json()["items"];
  for (const auto& item : other_items) {
    EXPECT_NE(item["actor_id"], installation().monitor_id()) << other.body;
  }
  EXPECT_EQ(Get("/api/v1/me/access-log?limit=1", &agent).json()["items"].size(), 1u);
  ExpectBadField(Get("/api/v1/me/access-log?limit=0", &agent), "limit");
  ExpectBadField(Get("/api/v1/me/access-log?limit=ten", &agent), "limit");
}

// --- requests ----------------------------------------------------------------

TEST_F(AgentApiTest, FourthExtraMomentIsRefused_KSF_4_7) {
  const Credentials& agent = As(Role::kAgent);
  for (int request = 0; request < 3; ++request) {
    auto granted = Post("/api/v1/me/requests/extra-moment",
                        codec::Json{{"reason", "Ik wil laten zien dat ik gegroeid ben."}}, &agent);
    ASSERT_EQ(granted.status, 201u) << granted.body;
    EXPECT_EQ(granted.json()["kind"], "extra_moment");
  }
  ExpectRefused(
      Post("/api/v1/me/requests/extra-moment", codec::Json{{"reason", "Nog een"}}, &agent),
      "KSF-4.7");
  auto listed = Get("/api/v1/me/requests", &agent);
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(listed.json()["items"].size(), 3u);
  EXPECT_EQ(Get("/api/v1/me/overview", &agent).json()["extra_moments"]["left"], 0);
  EXPECT_TRUE(Get("/api/v1/me/requests", &OtherAgent()).json()["items"].empty());
  ExpectBadField(Post("/api/v1/me/requests/extra-moment", codec::Json::object(), &agent), "reason");
}

TEST_F(AgentApiTest, OtherEvaluatorMustBeNamedAuthorisedAndForMyOwnEvaluation_KSF_4_6) {
  const domain::Evaluation evaluation = Evaluated();
  const Credentials& agent = As(Role::kAgent);
  const std::string path = "/api/v1/me/requests/other-evaluator";
  // Nobody named.
  ExpectRefused(
      Post(path, codec::Json{{"evaluation_id", evaluation.id}, {"reason", "Liever niet"}}, &agent),
      "KSF-4.6");
  // The same monitor again.
  ExpectRefused(Post(path,
                     codec::Json{{"evaluation_id", evaluation.id},
                                 {"evaluator_id", installation().monitor_id()},
                                 {"reason", "Liever niet"}},
                     &agent),
                "KSF-4.6");
  // A team lead without an authorisation.
  ExpectRefused(Post(path,
                     codec::Json{{"evaluation_id", evaluation.id},
                                 {"evaluator_id", installation().teams()[0].lead_id},
                                 {"reason", "Liever mijn teamleider"}},
                     &agent),
                "KSF-4.6");
  // Someone else's evaluation.
  ExpectRefused(Post(path,
                     codec::Json{{"evaluation_id", evaluation.id},
                                 {"evaluator_id", installation().teams()[0].lead_id},
                                 {"reason", "Niet de mijne"}},
                     &OtherAgent()),
                "KSF-4.6");
  EXPECT_EQ(Post(path, codec::Json{{"evaluation_id", "eval-none"}, {"reason", "x"}}, &agent).status,
            404u);
  ExpectBadField(Post(path, codec::Json{{"reason", "x"}}, &agent), "evaluation_id");
}

TEST_F(AgentApiTest, OtherEvaluatorIsGrantedForAnAuthorisedPerson_KSF_4_6) {
  // The team lead gets a coaching authorisation over team Noord (KSF-3.3).
  domain::Authorisation grant;
  grant.monitor_id = installation().teams()[0].lead_id;
  grant.purposes = {Purpose::kCoaching};
  grant.team_ids = {installation().teams()[0].id};
  grant.valid_from = clock().Now() - Days(1);
  auto granted =
      service::GrantAuthorisation(app(), service::testing::Installation::Manager(), grant);
  ASSERT_TRUE(granted.ok() && granted->allowed());
  auto acknowledged = service::AcknowledgeConfidentiality(
      app(), service::Actor{grant.monitor_id, Role::kMonitor, ""}, granted->value->id);
  ASSERT_TRUE(acknowledged.ok() && acknowledged->allowed());

  const domain::Evaluation evaluation = Evaluated(/*share=*/false);
  auto answer = Post("/api/v1/me/requests/other-evaluator",
                     codec::Json{{"evaluation_id", evaluation.id},
                                 {"evaluator_id", grant.monitor_id},
                                 {"reason", "Ik wil graag een ander oordeel."}},
                     &As(Role::kAgent));
  ASSERT_EQ(answer.status, 201u) << answer.body;
  EXPECT_EQ(answer.json()["kind"], "other_evaluator");
  EXPECT_EQ(answer.json()["requested_evaluator_id"], grant.monitor_id);
}

TEST_F(AgentApiTest, DataAccessRequestGoesToThePrivacyOfficerOnceAtATime_AVG_15_AVG_12) {
  const Credentials& agent = As(Role::kAgent);
  auto opened = Post("/api/v1/me/requests/data-access", codec::Json::object(), &agent);
  ASSERT_EQ(opened.status, 201u) << opened.body;
  EXPECT_EQ(opened.json()["kind"], "access");
  EXPECT_EQ(opened.json()["subject_ref"], AgentId());
  const std::string id = opened.json()["id"];
  // AVG-12: the same kind again while the first is open.
  ExpectRefused(Post("/api/v1/me/requests/data-access", codec::Json::object(), &agent), "AVG-12");
  auto erasure = Post("/api/v1/me/requests/data-access", codec::Json{{"kind", "erasure"}}, &agent);
  EXPECT_EQ(erasure.status, 201u) << erasure.body;
  ExpectBadField(
      Post("/api/v1/me/requests/data-access", codec::Json{{"kind", "everything"}}, &agent), "kind");
  ExpectBadField(Post("/api/v1/me/requests/data-access", codec::Json{{"about", "emp-x"}}, &agent),
                 "about");

  auto mine = Get("/api/v1/me/requests", &agent).json()["data_subject_requests"];
  EXPECT_EQ(mine.size(), 2u);
  EXPECT_TRUE(Get("/api/v1/me/requests", &OtherAgent()).json()["data_subject_requests"].empty());

  // The privacy officer's AVG-12 list has it with its deadline.
  auto list = service::DataSubjectRequests(app(), service::testing::Installation::PrivacyOfficer());
  ASSERT_TRUE(list.ok() && list->allowed());
  bool found = false;
  for (const auto& item : *list->value) found = found || item.request.id == id;
  EXPECT_TRUE(found);
}

// --- consents ------------------------------------------------------------------

TEST_F(AgentApiTest, ConsentsAreGivenListedAndWithdrawnByTheAgentOnly_KSF_4_9_KSF_5_1) {
  const domain::Recording recording = Record(Purpose::kCoaching);
  const Credentials& agent = As(Role::kAgent);
  auto hold = Post("/api/v1/me/consents",
                   codec::Json{{"kind", "hold"},
                               {"recording_id", recording.id},
                               {"reason", "Lopend geschil met de klant"},
                               {"hold_until", FormatDate(clock().Now() + Days(10))},
                               {"requested_by", "Juridische zaken"}},
                   &agent);
  ASSERT_EQ(hold.status, 201u) << hold.body;
  EXPECT_EQ(hold.json()["kind"], "retention_hold");
  auto training = Post("/api/v1/me/consents",
                       codec::Json{{"kind", "training"},
                                   {"recording_id", recording.id},
                                   {"training_use", "Voorbeeld in de basistraining"}},
                       &agent);
  ASSERT_EQ(training.status, 201u) << training.body;
  EXPECT_EQ(training.json()["kind"], "named_training");

  auto listed = Get("/api/v1/me/consents", &agent);
  ASSERT_EQ(listed.status, 200u);
  EXPECT_EQ(listed.json()["items"].size(), 2u);
  EXPECT_TRUE(Get("/api/v1/me/consents", &OtherAgent()).json()["items"].empty());

  // Another agent can neither consent for my recording nor withdraw mine.
  const std::string consent_id = hold.json()["id"];
  ExpectRefused(Delete("/api/v1/me/consents/" + consent_id, &OtherAgent()), "KSF-4.9");
  ExpectRefused(Post("/api/v1/me/consents",
                     codec::Json{{"kind", "hold"},
                                 {"recording_id", recording.id},
                                 {"reason", "Niet mijn opname"},
                                 {"hold_until", FormatDate(clock().Now() + Days(10))}},
                     &OtherAgent()),
                "KSF-4.9");
  ExpectRefused(Post("/api/v1/me/consents",
                     codec::Json{{"kind", "training"},
                                 {"recording_id", recording.id},
                                 {"training_use", "Niet mijn opname"}},
                     &OtherAgent()),
                "KSF-5.1");

  auto withdrawn = Delete("/api/v1/me/consents/" + consent_id, &agent);
  ASSERT_EQ(withdrawn.status, 200u) << withdrawn.body;
  EXPECT_FALSE(withdrawn.json()["withdrawn_at"].is_null());
  EXPECT_EQ(Delete("/api/v1/me/consents/cons-unknown", &agent).status, 404u);
}

TEST_F(AgentApiTest, ConsentInputIsChecked_AVG_5_storage) {
  const domain::Recording recording = Record(Purpose::kCoaching);
  const Credentials& agent = As(Role::kAgent);
  // AVG-5-storage: not beyond the recording's own retention.
  ExpectRefused(Post("/api/v1/me/consents",
                     codec::Json{{"kind", "hold"},
                                 {"recording_id", recording.id},
                                 {"reason", "Te lang"},
                                 {"hold_until", FormatDate(recording.destroy_at + Days(30))}},
                     &agent),
                "AVG-5-storage");
  ExpectBadField(Post("/api/v1/me/consents",
                      codec::Json{{"kind", "forever"}, {"recording_id", recording.id}}, &agent),
                 "kind");
  ExpectBadField(
      Post("/api/v1/me/consents",
           codec::Json{{"kind", "hold"}, {"recording_id", recording.id}, {"reason", "x"}}, &agent),
      "hold_until");
  ExpectBadField(Post("/api/v1/me/consents",
                      codec::Json{{"kind", "training"},
                                  {"recording_id", recording.id},
                                  {"training_use", "x"},
                                  {"reason", "y"}},
                      &agent),
                 "reason");
  EXPECT_EQ(
      Post("/api/v1/me/consents",
           codec::Json{{"kind", "training"}, {"recording_id", "rec-none"}, {"training_use", "x"}},
           &agent)
          .status,
      404u);
}

// --- complaints ------------------------------------------------------------------

TEST_F(AgentApiTest, ComplaintIsFiledAndAppealedOnlyAfterTheTerm_KSF_3_10) {
  const Credentials& agent = As(Role::kAgent);
  auto filed = Post(
      "/api/v1/complaints",
      codec::Json{{"subject", "Te veel opnames"}, {"text", "Ik word vaker opgenomen."}}, &agent);
  ASSERT_EQ(filed.status, 201u) << filed.body;
  const std::string id = filed.json()["id"];
  auto listed = Get("/api/v1/me/complaints", &agent);
  ASSERT_EQ(listed.status, 200u);
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_FALSE(listed.json()["items"][0]["appealable"].get<bool>());
  EXPECT_TRUE(Get("/api/v1/me/complaints", &OtherAgent()).json()["items"].empty());

  // Not yet: management still has time to take it up.
  ExpectRefused(PostEmpty("/api/v1/complaints/" + id + "/appeal", &agent), "KSF-3.10");
  clock().Advance(Days(31));
  const Credentials agent_again = Login(UsernameOf(Role::kAgent));
  const Credentials other_again = Login("agent.b");
  // Only the complainant appeals.
  ExpectRefused(PostEmpty("/api/v1/complaints/" + id + "/appeal", &other_again), "KSF-3.10");
  auto appealed = PostEmpty("/api/v1/complaints/" + id + "/appeal", &agent_again);
  ASSERT_EQ(appealed.status, 200u) << appealed.body;
  EXPECT_FALSE(appealed.json()["appealed_at"].is_null());
  EXPECT_EQ(PostEmpty("/api/v1/complaints/cmp-none/appeal", &agent_again).status, 404u);
}

TEST_F(AgentApiTest, MonitorsFileComplaintsTooButOthersAreRefusedByRole) {
  auto filed = Post("/api/v1/complaints",
                    codec::Json{{"subject", "Scope"}, {"text", "Mijn autorisatie is te ruim."}},
                    &As(Role::kMonitor));
  EXPECT_EQ(filed.status, 201u) << filed.body;
  ExpectBadField(Post("/api/v1/complaints", codec::Json{{"subject", "Leeg"}}, &As(Role::kAgent)),
                 "text");
  // The role table: a client files no complaint here, a monitor has no /me/recordings.
  EXPECT_EQ(
      Post("/api/v1/complaints", codec::Json{{"subject", "x"}, {"text", "y"}}, &As(Role::kClient))
          .status,
      403u);
  EXPECT_EQ(Get("/api/v1/me/recordings", &As(Role::kMonitor)).status, 403u);
  EXPECT_EQ(Get("/api/v1/me/recordings").status, 401u);
}

// --- live listens, reminders ------------------------------------------------

TEST_F(AgentApiTest, LiveListensShowWhoListened_KSF_6_4) {
  const std::string line = "6" + installation().teams()[0].agent_numbers[0];
  auto started = service::StartLiveListen(app(), installation().Monitor(), AgentId(), line,
                                          Purpose::kCoaching);
  ASSERT_TRUE(started.ok()) << started.error().ToString();
  ASSERT_TRUE(started->allowed()) << started->decision.reason_en;
  auto listed = Get("/api/v1/me/live-listens", &As(Role::kAgent));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_TRUE(listed.json()["items"][0]["active"].get<bool>());
  EXPECT_EQ(listed.json()["items"][0]["listener_role"], "monitor");
  EXPECT_FALSE(listed.json()["items"][0]["listener_name"].get<std::string>().empty());
  EXPECT_TRUE(Get("/api/v1/me/live-listens", &OtherAgent()).json()["items"].empty());
}

TEST_F(AgentApiTest, RemindersAreThePersonsOwn_KSF_4_4) {
  const domain::Recording recording = Record(Purpose::kCoaching);
  clock().Set(recording.evaluate_by - Days(1));
  auto run = service::RunReminders(app());
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  ASSERT_GE(run->sent, 1);
  auto monitor = Get("/api/v1/me/reminders", &As(Role::kMonitor), {{"Accept-Language", "en"}});
  ASSERT_EQ(monitor.status, 200u) << monitor.body;
  ASSERT_FALSE(monitor.json()["items"].empty());
  EXPECT_EQ(monitor.json()["items"][0]["kind"], "evaluation_due");
  EXPECT_EQ(monitor.json()["items"][0]["rule"], "KSF-4.4");
  EXPECT_EQ(monitor.json()["items"][0]["text"], monitor.json()["items"][0]["text_en"]);
  auto agent = Get("/api/v1/me/reminders", &As(Role::kAgent));
  ASSERT_EQ(agent.status, 200u);
  EXPECT_TRUE(agent.json()["items"].empty());
  ExpectBadField(Get("/api/v1/me/reminders?limit=-1", &As(Role::kAgent)), "limit");
}

// --- export (AVG-15) ------------------------------------------------------------

TEST_F(AgentApiTest, ExportIsOneTarOfMyDataAndLeavesNothingInTheSpool_AVG_15) {
  const domain::Recording recording = Record(Purpose::kCoaching);
  auto answer = Get("/api/v1/me/export", &As(Role::kAgent));
  ASSERT_EQ(answer.status, 200u) << answer.body;
  EXPECT_EQ(answer.header("Content-Type"), "application/x-tar");
  EXPECT_NE(answer.header("Content-Disposition").find("fairqm-export-" + AgentId() + ".tar"),
            std::string::npos);
  ASSERT_GT(answer.body.size(), 1024u);
  ASSERT_EQ(answer.body.size() % 512, 0u);
  // The first entry is the top folder, in ustar format.
  EXPECT_EQ(answer.body.substr(257, 5), "ustar");
  EXPECT_EQ(answer.body.substr(0, 15 + AgentId().size()), "fairqm-export-" + AgentId() + "/");

  // The system tar reads it and finds index.json and the recording.
  const auto archive = installation().scratch() / "export.tar";
  {
    std::ofstream out(archive, std::ios::binary);
    out << answer.body;
  }
  const auto listing = installation().scratch() / "listing.txt";
  const std::string command = "tar -tf '" + archive.string() + "' > '" + listing.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(listing);
  const std::string names((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(names.find("fairqm-export-" + AgentId() + "/index.json"), std::string::npos) << names;
  EXPECT_NE(names.find("recordings/" + recording.id + ".ogg"), std::string::npos) << names;
  EXPECT_EQ(names.find(OtherAgentId()), std::string::npos);

  // Nothing stays behind in the spool directory.
  const auto spool = installation().data_dir() / "spool";
  for (const auto& entry : std::filesystem::directory_iterator(spool)) {
    ADD_FAILURE() << "left in spool: " << entry.path();
  }
}

// --- live notices (TRANSPARENCY-live, KSF-6.4) -----------------------------------

TEST_F(AgentApiTest, NoticeArrivesLiveWhenACaptureStarts_TRANSPARENCY_live) {
  SseClient stream(port(), As(Role::kAgent));
  ASSERT_TRUE(stream.WaitFor("retry:", std::chrono::seconds(2))) << stream.received();
  EXPECT_NE(stream.received().find("text/event-stream"), std::string::npos);

  const domain::Recording recording = Record(Purpose::kCoaching);
  ASSERT_TRUE(stream.WaitFor("event: recording_started", std::chrono::seconds(1)))
      << stream.received();
  ASSERT_TRUE(stream.WaitFor("\n\n", std::chrono::seconds(1)));
  const std::string& text = stream.received();
  EXPECT_NE(text.find("\"who_role\":\"capture_source\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"text_nl\":"), std::string::npos);
  EXPECT_NE(text.find("\"text_en\":"), std::string::npos);
  EXPECT_NE(text.find("\"purpose\":\"coaching\""), std::string::npos);

  // The other agent's stream carries nothing of it.
  SseClient other(port(), OtherAgent());
  ASSERT_TRUE(other.WaitFor("retry:", std::chrono::seconds(2)));
  EXPECT_FALSE(other.WaitFor("recording_started", std::chrono::milliseconds(300)));
}

TEST_F(AgentApiTest, LiveListenNoticeNamesTheRole_KSF_6_4) {
  SseClient stream(port(), As(Role::kAgent));
  ASSERT_TRUE(stream.WaitFor("retry:", std::chrono::seconds(2)));
  const std::string line = "6" + installation().teams()[0].agent_numbers[0];
  auto started = service::StartLiveListen(app(), installation().Monitor(), AgentId(), line,
                                          Purpose::kCoaching);
  ASSERT_TRUE(started.ok() && started->allowed());
  ASSERT_TRUE(stream.WaitFor("event: live_listen_started", std::chrono::seconds(1)))
      << stream.received();
  ASSERT_TRUE(stream.WaitFor("\"who_role\":\"monitor\"", std::chrono::seconds(1)));
}

TEST_F(AgentApiTest, LastEventIdReplaysWhatWasMissed) {
  const std::int64_t before = app().notices().last_seq();
  Record(Purpose::kCoaching);
  const std::int64_t after = app().notices().last_seq();
  ASSERT_GT(after, before);
  // Reconnecting with the last id seen before the capture replays it.
  SseClient replay(port(), As(Role::kAgent), "/api/v1/me/notices",
                   {{"Last-Event-ID", std::to_string(before)}});
  ASSERT_TRUE(replay.WaitFor("event: recording_started", std::chrono::seconds(1)))
      << replay.received();
  EXPECT_NE(replay.received().find("id: " + std::to_string(after)), std::string::npos);
  // ?since= does the same for clients that cannot set headers.
  SseClient since(port(), As(Role::kAgent), "/api/v1/me/notices?since=" + std::to_string(before));
  EXPECT_TRUE(since.WaitFor("event: recording_started", std::chrono::seconds(1)));
  // Up to date: nothing replayed.
  SseClient current(port(), As(Role::kAgent), "/api/v1/me/notices",
                    {{"Last-Event-ID", std::to_string(after)}});
  ASSERT_TRUE(current.WaitFor("retry:", std::chrono::seconds(2)));
  EXPECT_FALSE(current.WaitFor("recording_started", std::chrono::milliseconds(300)));

  auto bad = Get("/api/v1/me/notices", &As(Role::kAgent), {{"Last-Event-ID", "yesterday"}});
  ExpectBadField(bad, "Last-Event-ID");
  ExpectBadField(Get("/api/v1/me/notices?since=-3", &As(Role::kAgent)), "since");
}

}  // namespace
}  // namespace fairqm::api
