// The monitor's endpoints over real HTTP: the queue by deadline (KSF-4.4),
// recording metadata and content with byte ranges compared byte for byte with
// what the vault decrypts, purpose binding (KSF-3.4) and authorisation
// (KSF-3.3) on every open, the evaluation from start to close (KSF-3.8,
// KSF-4.5), the printable written evaluation, live listening (KSF-3.9,
// TRANSPARENCY-live) and the confidentiality acknowledgement (KSF-3.3).
#include <gtest/gtest.h>

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "api/testing.h"
#include "audit/audit.h"
#include "service/capture.h"
#include "service/capture_events.h"
#include "service/people.h"
#include "service/views.h"

namespace fairqm::api {
namespace {

using domain::Purpose;
using domain::Role;
using testing::ApiTest;
using testing::Credentials;
namespace http = boost::beast::http;

class MonitorApiTest : public ApiTest {
 protected:
  // A POST without a body (actions on a resource).
  testing::HttpResult PostEmpty(const std::string& target, const Credentials* as) {
    return Call(http::verb::post, target, "", as);
  }
  // A recording of the test agent, through the real gate and ingest.
  std::string Record(Purpose purpose, const std::string& agent_id = "") {
    auto recording = installation().Capture(agent_id.empty() ? AgentId() : agent_id, purpose);
    EXPECT_TRUE(recording.ok()) << recording.error().ToString();
    return recording.ok() ? recording->id : "";
  }

  // The whole decrypted content, read through the service as the fixture's
  // monitor.
  std::string ContentOf(const std::string& recording_id, Purpose purpose) {
    auto opened = service::OpenRecording(app(), installation().Monitor(), recording_id, purpose,
                                         policy::RecordingAccess::kListen);
    EXPECT_TRUE(opened.ok() && opened->allowed());
    if (!opened.ok() || !opened->allowed()) return "";
    vault::VaultReader& reader = **opened->value;
    std::string content(reader.size(), '\0');
    auto got = reader.ReadAt(
        0, std::span(reinterpret_cast<std::uint8_t*>(content.data()), content.size()));
    EXPECT_TRUE(got.ok());
    EXPECT_EQ(*got, content.size());
    return content;
  }

  std::int64_t AuditCount(const std::string& action) {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    audit::Filter filter;
    filter.action = action;
    filter.limit = 10000;
    auto entries = audit::Search(**conn, filter);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? static_cast<std::int64_t>(entries->size()) : -1;
  }

  // A second monitor: the Zuid team lead as a coach, authorised for coaching
  // only over team Noord (acknowledged unless told otherwise), logged in.
  Credentials Coach(bool acknowledge = true, std::string* authorisation_id = nullptr) {
    const std::string coach_id = installation().teams()[1].lead_id;
    domain::Authorisation a;
    a.monitor_id = coach_id;
    a.purposes = {Purpose::kCoaching};
    a.team_ids = {installation().teams()[0].id};
    a.valid_from = clock().Now();
    auto granted = service::GrantAuthorisation(app(), service::testing::Installation::Manager(), a);
    EXPECT_TRUE(granted.ok() && granted->allowed());
    if (authorisation_id) *authorisation_id = granted->value->id;
    if (acknowledge) {
      auto acknowledged = service::AcknowledgeConfidentiality(
          app(), service::Actor{coach_id, Role::kMonitor, ""}, granted->value->id);
      EXPECT_TRUE(acknowledged.ok() && acknowledged->allowed());
    }
    accounts::NewAccount account;
    account.username = "coach";
    account.display_name = "Coach";
    account.role = Role::kMonitor;
    account.employee_id = coach_id;
    account.password = testing::kTestPassword;
    auto created = accounts::CreateAccount(app(), service::testing::Installation::Admin(), account,
                                           accounts::PasswordCost::Minimum());
    EXPECT_TRUE(created.ok() && created->allowed());
    auto login = Post("/api/v1/session",
                      codec::Json{{"username", "coach"}, {"password", testing::kTestPassword}});
    EXPECT_EQ(login.status, 200u) << login.body;
    Credentials credentials;
    const std::string cookie = login.header("Set-Cookie");
    credentials.cookie = cookie.substr(0, cookie.find(';'));
    credentials.csrf = login.json().value("csrf_token", "");
    return credentials;
  }

  std::string ContentPath(const std::string& id, const std::string& purpose,
                          const std::string& access = "listen") {
    return "/api/v1/recordings/" + id + "/content?purpose=" + purpose + "&access=" + access;
  }

  testing::HttpResult Put(const std::string& target, const codec::Json& body,
                          const Credentials* as) {
    return Call(http::verb::put, target, body.dump(), as);
  }
};

// --- queue -------------------------------------------------------------------

TEST_F(MonitorApiTest, QueueIsOrderedByDeadlineWithDaysLeft_KSF_4_4) {
  const std::string first = Record(Purpose::kCoaching);
  clock().Advance(Days(3));
  const std::string second = Record(Purpose::kQuality, installation().teams()[0].agent_ids[1]);

  auto queue = Get("/api/v1/queue", &As(Role::kMonitor));
  ASSERT_EQ(queue.status, 200u) << queue.body;
  const auto items = queue.json()["items"];
  ASSERT_EQ(items.size(), 2u) << queue.body;
  EXPECT_EQ(items[0]["recording"]["id"], first);
  EXPECT_EQ(items[1]["recording"]["id"], second);
  EXPECT_LT(items[0]["deadline"].get<std::string>(), items[1]["deadline"].get<std::string>());
  for (const auto& item : items) {
    const TimeMs deadline = *ParseTime(item["deadline"].get<std::string>());
    EXPECT_EQ(item["days_left"].get<std::int64_t>(), service::DaysLeft(deadline, clock().Now()));
    EXPECT_FALSE(item["overdue"].get<bool>());
    EXPECT_FALSE(item["agent_name"].get<std::string>().empty());
  }
  EXPECT_LE(items[0]["days_left"].get<std::int64_t>(), items[1]["days_left"].get<std::int64_t>());

  auto limited = Get("/api/v1/queue?limit=1", &As(Role::kMonitor));
  ASSERT_EQ(limited.status, 200u);
  EXPECT_EQ(limited.json()["items"].size(), 1u);
  auto bad = Get("/api/v1/queue?limit=zero", &As(Role::kMonitor));
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.json()["message"].get<std::string>().find("limit"), std::string::npos);
}

TEST_F(MonitorApiTest, QueueIsNotForAgents_AVG_32) {
  auto refused = Get("/api/v1/queue", &As(Role::kAgent));
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(refused.json()["error"], "refused");
  EXPECT_FALSE(refused.json()["rule"].get<std::string>().empty());
}

// --- recording metadata ------------------------------------------------------------

TEST_F(MonitorApiTest, RecordingMetadataForTheMonitorAndTheAgentButNotOthers) {
  const std::string id = Record(Purpose::kCoaching);
  auto info = Get("/api/v1/recordings/" + id, &As(Role::kMonitor));
  ASSERT_EQ(info.status, 200u) << info.body;
  EXPECT_EQ(info.json()["recording"]["id"], id);
  EXPECT_EQ(info.json()["recording"]["purpose"], "coaching");
  EXPECT_TRUE(info.json()["paused"].is_array());
  EXPECT_TRUE(info.json()["days_left"].is_number());
  // KSF-4.8: the agent sees their own.
  EXPECT_EQ(Get("/api/v1/recordings/" + id, &As(Role::kAgent)).status, 200u);
  // Another agent's recording is not the agent's.
  const std::string other = Record(Purpose::kCoaching, installation().teams()[0].agent_ids[1]);
  auto refused = Get("/api/v1/recordings/" + other, &As(Role::kAgent));
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_FALSE(refused.json()["rule"].get<std::string>().empty());
  // KSF-6.5 / KSF-6.2: an aggregate-only client opens no recording.
  EXPECT_EQ(Get("/api/v1/recordings/" + id, &As(Role::kClient)).status, 403u);
  // AVG-32: a manager is not in the role table for recordings.
  EXPECT_EQ(Get("/api/v1/recordings/" + id, &As(Role::kManager)).status, 403u);
  EXPECT_EQ(Get("/api/v1/recordings/rec-unknown", &As(Role::kMonitor)).status, 404u);
}

// --- content with byte ranges -------------------------------------------------------

TEST_F(MonitorApiTest, ContentRangesMatchTheDecryptedContentByteForByte) {
  const std::string id = Record(Purpose::kCoaching);
  const std::string content = ContentOf(id, Purpose::kCoaching);
  ASSERT_GT(content.size(), 200u);
  const std::uint64_t size = content.size();
  const Credentials& monitor = As(Role::kMonitor);
  const std::string path = ContentPath(id, "coaching");

  auto whole = Get(path, &monitor);
  ASSERT_EQ(whole.status, 200u) << whole.body;
  EXPECT_EQ(whole.body, content);
  EXPECT_EQ(whole.header("Accept-Ranges"), "bytes");
  EXPECT_EQ(whole.header("Content-Length"), std::to_string(size));
  EXPECT_EQ(whole.header("Content-Type").rfind("audio/ogg", 0), 0u) << whole.header("Content-Type");
  EXPECT_EQ(whole.header("Content-Disposition").rfind("inline", 0), 0u);

  struct Case {
    std::string range;
    std::uint64_t first;
    std::uint64_t last;
  };
  const std::vector<Case> cases = {
      {"bytes=0-0", 0, 0},
      {"bytes=0-99", 0, 99},
      {"bytes=100-", 100, size - 1},
      {"bytes=" + std::to_string(size - 1) + "-" + std::to_string(size - 1), size - 1,
       size - 1},  // the last byte
      {"bytes=-1", size - 1, size - 1},
      {"bytes=-150", size - 150, size - 1},
      {"bytes=50-" + std::to_string(size + 1000), 50, size - 1},  // end clipped
      {"bytes=-" + std::to_string(size * 2), 0, size - 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.range);
    auto part = Get(path, &monitor, {{"Range", c.range}});
    ASSERT_EQ(part.status, 206u) << part.body;
    EXPECT_EQ(part.body, content.substr(c.first, c.last - c.first + 1));
    EXPECT_EQ(part.header("Content-Range"), "bytes " + std::to_string(c.first) + "-" +
                                                std::to_string(c.last) + "/" +
                                                std::to_string(size));
    EXPECT_EQ(part.header("Content-Length"), std::to_string(c.last - c.first + 1));
    EXPECT_EQ(part.header("Accept-Ranges"), "bytes");
  }

  // Beyond the end: 416 with the size.
  for (const std::string& range :
       {"bytes=" + std::to_string(size) + "-", std::string("bytes=-0")}) {
    auto beyond = Get(path, &monitor, {{"Range", range}});
    EXPECT_EQ(beyond.status, 416u) << range;
    EXPECT_EQ(beyond.header("Content-Range"), "bytes */" + std::to_string(size));
  }
  // Several ranges: the whole content (documented choice); a malformed
  // header is ignored.
  auto several = Get(path, &monitor, {{"Range", "bytes=0-9,20-29"}});
  EXPECT_EQ(several.status, 200u);
  EXPECT_EQ(several.body, content);
  auto malformed = Get(path, &monitor, {{"Range", "bytes=9-2"}});
  EXPECT_EQ(malformed.status, 200u);
  EXPECT_EQ(malformed.body, content);
}

TEST_F(MonitorApiTest, EveryContentRequestIsDecidedAndAudited_AVG_5_accountability) {
  const std::string id = Record(Purpose::kCoaching);
  const std::string path = ContentPath(id, "coaching");
  const std::int64_t before = AuditCount("recording.listen");
  constexpr int kRequests = 20;
  const auto started = std::chrono::steady_clock::now();
  for (int request = 0; request < kRequests; ++request) {
    auto part =
        Get(path, &As(Role::kMonitor), {{"Range", "bytes=" + std::to_string(request * 10) + "-"}});
    ASSERT_EQ(part.status, 206u);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // One entry per range request: a player's handful of ranges per listening
  // is a handful of entries.
  EXPECT_EQ(AuditCount("recording.listen"), before + kRequests);
  // The cost of deciding and auditing each range stays far below what a
  // player notices (generous bound for sanitizer builds on a shared machine).
  EXPECT_LT(seconds / kRequests, 0.5);
  RecordProperty("seconds_per_range_request", std::to_string(seconds / kRequests));
}

TEST_F(MonitorApiTest, DownloadIsAnAttachmentAndAudited) {
  const std::string id = Record(Purpose::kCoaching);
  const std::int64_t before = AuditCount("recording.download");
  auto download = Get(ContentPath(id, "coaching", "download"), &As(Role::kMonitor));
  ASSERT_EQ(download.status, 200u);
  EXPECT_EQ(download.header("Content-Disposition"), "attachment; filename=\"" + id + ".ogg\"");
  EXPECT_EQ(AuditCount("recording.download"), before + 1);
}

TEST_F(MonitorApiTest, ContentNeedsAKnownPurposeAndAccess) {
  const std::string id = Record(Purpose::kCoaching);
  auto missing = Get("/api/v1/recordings/" + id + "/content", &As(Role::kMonitor));
  EXPECT_EQ(missing.status, 400u);
  EXPECT_NE(missing.json()["message"].get<std::string>().find("purpose"), std::string::npos);
  auto unknown = Get(ContentPath(id, "logging"), &As(Role::kMonitor));
  EXPECT_EQ(unknown.status, 400u);
  auto access = Get(ContentPath(id, "coaching", "export"), &As(Role::kMonitor));
  EXPECT_EQ(access.status, 400u);
  EXPECT_NE(access.json()["message"].get<std::string>().find("access"), std::string::npos);
  EXPECT_EQ(Get(ContentPath("rec-unknown", "coaching"), &As(Role::kMonitor)).status, 404u);
}

TEST_F(MonitorApiTest, CoachingDataIsNeverOpenedForAnotherPurpose_KSF_3_4) {
  const std::string coaching = Record(Purpose::kCoaching);
  auto refused = Get(ContentPath(coaching, "assessment"), &As(Role::kMonitor));
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(refused.json()["rule"], "KSF-3.4");
}

TEST_F(MonitorApiTest, CoachWithCoachingOnlyAuthorisationCannotOpenAnAssessmentRecording_KSF_3_4) {
  const std::string assessment = Record(Purpose::kAssessment);
  const std::string coaching = Record(Purpose::kCoaching, installation().teams()[0].agent_ids[1]);
  const Credentials coach = Coach();
  const std::int64_t refusals_before = AuditCount("recording.listen");
  auto refused = Get(ContentPath(assessment, "assessment"), &coach);
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.json()["rule"], "KSF-3.4");
  // KSF-3.3 (3.3.4): the refused access is on record too.
  EXPECT_EQ(AuditCount("recording.listen"), refusals_before + 1);
  EXPECT_EQ(Get("/api/v1/recordings/" + assessment, &coach).status, 403u);
  // Within the authorisation's purpose the coach listens.
  auto allowed = Get(ContentPath(coaching, "coaching"), &coach);
  EXPECT_EQ(allowed.status, 200u) << allowed.body;
  EXPECT_EQ(allowed.body, ContentOf(coaching, Purpose::kCoaching));
}

TEST_F(MonitorApiTest, AuthorisationActiveOnlyAfterAcknowledgingConfidentiality_KSF_3_3) {
  const std::string coaching = Record(Purpose::kCoaching);
  std::string authorisation_id;
  const Credentials coach = Coach(/*acknowledge=*/false, &authorisation_id);
  auto before = Get(ContentPath(coaching, "coaching"), &coach);
  EXPECT_EQ(before.status, 403u);
  EXPECT_EQ(before.json()["rule"], "KSF-3.3");
  // Nobody acknowledges for someone else.
  auto other =
      PostEmpty("/api/v1/authorisations/" + authorisation_id + "/acknowledge", &As(Role::kMonitor));
  EXPECT_EQ(other.status, 403u) << other.body;
  // KSF-3.3 (3.3.5): the monitor sees its own authorisation waiting for the acknowledgement.
  auto mine = Get("/api/v1/me/authorisations", &coach);
  ASSERT_EQ(mine.status, 200u) << mine.body;
  ASSERT_EQ(mine.json()["items"].size(), 1u);
  EXPECT_EQ(mine.json()["items"][0]["id"], authorisation_id);
  EXPECT_FALSE(mine.json()["items"][0]["acknowledged"].get<bool>());
  EXPECT_FALSE(mine.json()["items"][0]["active"].get<bool>());
  // Only monitors have such a list (AVG-32).
  EXPECT_EQ(Get("/api/v1/me/authorisations", &As(Role::kAgent)).json()["rule"], "AVG-32");
  auto acknowledged =
      PostEmpty("/api/v1/authorisations/" + authorisation_id + "/acknowledge", &coach);
  ASSERT_EQ(acknowledged.status, 200u) << acknowledged.body;
  EXPECT_FALSE(acknowledged.json()["confidentiality_acknowledged_at"].is_null());
  EXPECT_EQ(Get(ContentPath(coaching, "coaching"), &coach).status, 200u);
  EXPECT_TRUE(
      Get("/api/v1/me/authorisations", &coach).json()["items"][0]["acknowledged"].get<bool>());
  EXPECT_EQ(PostEmpty("/api/v1/authorisations/auth-unknown/acknowledge", &coach).status, 404u);
}

// --- paused spans -------------------------------------------------------------

TEST_F(MonitorApiTest, PausesShowTheCardDataSpans_PCI_pause) {
  // A contact decided, paused while card data was spoken, resumed, uploaded.
  const service::Actor source = service::testing::Installation::CaptureSource();
  capture::ContactMetadata m;
  m.agent = AgentId();
  m.line = "6" + installation().teams()[0].agent_numbers[0];
  m.purpose = Purpose::kCoaching;
  m.announced = true;
  auto decided = service::DecideCapture(app(), source, m);
  ASSERT_TRUE(decided.ok() && decided->allowed() && decided->value->selected);
  m.ticket = decided->value->ticket;
  const TimeMs at = clock().Now();
  FAIRQM_ASSERT_OK(service::RecordCaptureEvent(app(), source, m.ticket,
                                               service::CaptureEventKind::kPause, at + 1000,
                                               "kaartnummer", service::PauseReason::kCardData));
  FAIRQM_ASSERT_OK(service::RecordCaptureEvent(app(), source, m.ticket,
                                               service::CaptureEventKind::kResume, at + 5000, ""));
  // People read the spans of a stored recording only.
  EXPECT_EQ(Get("/api/v1/recordings/" + m.ticket + "/pauses", &As(Role::kMonitor)).status, 404u);
  const auto wav = installation().scratch() / "paused.wav";
  FAIRQM_ASSERT_OK(audio::WriteWav(wav.string(), audio::Tone(8000, 2, 2.0, 440.0, 0.3), 8000, 2,
                                   SF_FORMAT_PCM_16));
  auto ingested = service::Ingest(app(), source, wav, m);
  ASSERT_TRUE(ingested.ok() && ingested->allowed());

  auto pauses = Get("/api/v1/recordings/" + m.ticket + "/pauses", &As(Role::kMonitor));
  ASSERT_EQ(pauses.status, 200u) << pauses.body;
  const auto items = pauses.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["reason"], "card_data");
  EXPECT_EQ(items[0]["start_offset_ms"], 1000);
  EXPECT_EQ(items[0]["end_offset_ms"], 4000 + 1000);
  EXPECT_EQ(items[0]["note"], "kaartnummer");
  // The agent sees the spans of their own recording; a client does not.
  EXPECT_EQ(Get("/api/v1/recordings/" + m.ticket + "/pauses", &As(Role::kAgent)).status, 200u);
  EXPECT_EQ(Get("/api/v1/recordings/" + m.ticket + "/pauses", &As(Role::kClient)).status, 403u);
  EXPECT_EQ(Get("/api/v1/recordings/rec-unknown/pauses", &As(Role::kMonitor)).status, 404u);
}

// --- evaluations ------------------------------------------------------------------

TEST_F(MonitorApiTest, EvaluationFromStartToClose_KSF_3_8_KSF_4_5) {
  const std::string id = Record(Purpose::kAssessment);
  const Credentials& monitor = As(Role::kMonitor);
  const auto& form = installation().form(Purpose::kAssessment);

  auto started = Post("/api/v1/evaluations",
                      codec::Json{{"agent_id", AgentId()},
                                  {"purpose", "assessment"},
                                  {"form_id", form.id},
                                  {"recording_ids", codec::Json::array({id})}},
                      &monitor);
  ASSERT_EQ(started.status, 201u) << started.body;
  const std::string evaluation = started.json()["id"];
  const std::string base = "/api/v1/evaluations/" + evaluation;

  // Bad answers are refused naming the field.
  auto missing_score =
      Put(base + "/answers",
          codec::Json{{"answers", codec::Json::array({{{"question_id", "opening"}}})}}, &monitor);
  EXPECT_EQ(missing_score.status, 400u);
  EXPECT_NE(missing_score.json()["message"].get<std::string>().find("answers[0].score"),
            std::string::npos);
  auto both = Put(
      base + "/answers",
      codec::Json{
          {"answers", codec::Json::array(
                          {{{"question_id", "opening"}, {"score", 3}, {"not_applicable", true}}})}},
      &monitor);
  EXPECT_EQ(both.status, 400u);
  auto unknown_field =
      Put(base + "/answers", codec::Json{{"answers", codec::Json::array()}, {"summery", "x"}},
          &monitor);
  EXPECT_EQ(unknown_field.status, 400u);
  EXPECT_NE(unknown_field.json()["message"].get<std::string>().find("summery"), std::string::npos);

  auto scored = Put(
      base + "/answers",
      codec::Json{{"answers",
                   codec::Json::array({{{"question_id", "opening"}, {"score", 5}, {"comment", ""}},
                                       {{"question_id", "oplossing"},
                                        {"score", 3},
                                        {"comment", "Kan <beter> & sneller"}}})},
                  {"summary", "Goed gesprek <script>alert(1)</script>"}},
      &monitor);
  ASSERT_EQ(scored.status, 200u) << scored.body;
  EXPECT_TRUE(scored.json()["score"].is_number());

  auto note =
      Post(base + "/notes",
           codec::Json{{"recording_id", id}, {"offset_ms", 1500}, {"text", "Hier <b>"}}, &monitor);
  ASSERT_EQ(note.status, 201u) << note.body;
  auto bad_note =
      Post(base + "/notes", codec::Json{{"recording_id", id}, {"offset_ms", -1}, {"text", "x"}},
           &monitor);
  EXPECT_EQ(bad_note.status, 400u);
  EXPECT_NE(bad_note.json()["message"].get<std::string>().find("offset_ms"), std::string::npos);

  // KSF-3.8: not closed before it is shared.
  auto early = PostEmpty(base + "/close", &monitor);
  EXPECT_EQ(early.status, 403u) << early.body;
  EXPECT_EQ(early.json()["rule"], "KSF-3.8");

  auto shared = PostEmpty(base + "/share", &monitor);
  ASSERT_EQ(shared.status, 200u) << shared.body;
  EXPECT_EQ(shared.json()["status"], "shared");
  // The agent reads the shared evaluation (KSF-4.8).
  EXPECT_EQ(Get(base, &As(Role::kAgent)).status, 200u);

  // KSF-4.5: the direct supervisor (the manager account: team Noord's lead)
  // records the feedback meeting.
  auto feedback = Post(base + "/feedback",
                       codec::Json{{"held_at", FormatTime(clock().Now())},
                                   {"summary", "Besproken met de medewerker."}},
                       &As(Role::kManager));
  ASSERT_EQ(feedback.status, 200u) << feedback.body;
  auto bad_feedback = Post(base + "/feedback", codec::Json{{"summary", "x"}}, &As(Role::kManager));
  EXPECT_EQ(bad_feedback.status, 400u);
  EXPECT_NE(bad_feedback.json()["message"].get<std::string>().find("held_at"), std::string::npos);

  // The written evaluation, printable, in Dutch and English, escaped.
  auto dutch = Get(base + "/document?lang=nl", &As(Role::kAgent));
  ASSERT_EQ(dutch.status, 200u) << dutch.body;
  EXPECT_EQ(dutch.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(dutch.body.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(dutch.body.find("Schriftelijke evaluatie"), std::string::npos);
  EXPECT_NE(dutch.body.find("@media print"), std::string::npos);
  EXPECT_EQ(dutch.body.find("<script"), std::string::npos);
  EXPECT_NE(dutch.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(dutch.body.find("Kan &lt;beter&gt; &amp; sneller"), std::string::npos);
  EXPECT_NE(dutch.body.find("Hier &lt;b&gt;"), std::string::npos);
  EXPECT_NE(dutch.body.find("Opent het gesprek correct"), std::string::npos);
  EXPECT_NE(dutch.body.find("Besproken met de medewerker."), std::string::npos);  // KSF-4.5
  EXPECT_NE(dutch.body.find("nooit de enige grondslag"), std::string::npos);      // KSF-4.3
  auto english = Get(base + "/document?lang=en", &As(Role::kMonitor));
  ASSERT_EQ(english.status, 200u);
  EXPECT_NE(english.body.find("Written evaluation"), std::string::npos);
  EXPECT_NE(english.body.find("never its only basis"), std::string::npos);
  EXPECT_EQ(Get(base + "/document?lang=de", &monitor).status, 400u);

  auto closed = PostEmpty(base + "/close", &monitor);
  ASSERT_EQ(closed.status, 200u) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");

  auto list = Get("/api/v1/evaluations?status=closed", &monitor);
  ASSERT_EQ(list.status, 200u);
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["id"], evaluation);
  EXPECT_TRUE(Get("/api/v1/evaluations?status=draft", &monitor).json()["items"].empty());
  EXPECT_EQ(Get("/api/v1/evaluations?status=open", &monitor).status, 400u);
  EXPECT_EQ(Get("/api/v1/evaluations/ev-unknown", &monitor).status, 404u);
  EXPECT_EQ(Get("/api/v1/evaluations/ev-unknown/document", &monitor).status, 404u);
}

TEST_F(MonitorApiTest, EvaluationCitesOnlyRecordingsOfItsOwnPurpose_KSF_3_4) {
  const std::string coaching = Record(Purpose::kCoaching);
  auto refused = Post("/api/v1/evaluations",
                      codec::Json{{"agent_id", AgentId()},
                                  {"purpose", "assessment"},
                                  {"form_id", installation().form(Purpose::kAssessment).id},
                                  {"recording_ids", codec::Json::array({coaching})}},
                      &As(Role::kMonitor));
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.json()["rule"], "KSF-3.4");
  auto bad = Post("/api/v1/evaluations",
                  codec::Json{{"agent_id", AgentId()},
                              {"purpose", "logging"},
                              {"form_id", "f"},
                              {"recording_ids", codec::Json::array({coaching})}},
                  &As(Role::kMonitor));
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.json()["message"].get<std::string>().find("purpose"), std::string::npos);
  auto empty = Post("/api/v1/evaluations",
                    codec::Json{{"agent_id", AgentId()},
                                {"purpose", "coaching"},
                                {"form_id", "f"},
                                {"recording_ids", codec::Json::array()}},
                    &As(Role::kMonitor));
  EXPECT_EQ(empty.status, 400u);
  // AVG-32 / KSF-6.5: an agent or a client never evaluates.
  EXPECT_EQ(Post("/api/v1/evaluations", codec::Json::object(), &As(Role::kAgent)).status, 403u);
  auto client = Post("/api/v1/evaluations", codec::Json::object(), &As(Role::kClient));
  EXPECT_EQ(client.status, 403u);
  EXPECT_EQ(client.json()["rule"], "KSF-6.5");
}

TEST_F(MonitorApiTest, AnotherMonitorCannotScoreOrShareMyEvaluation) {
  const std::string id = Record(Purpose::kCoaching);
  auto evaluation = installation().Evaluate(AgentId(), Purpose::kCoaching, {id}, 4, false);
  ASSERT_TRUE(evaluation.ok()) << evaluation.error().ToString();
  const Credentials coach = Coach();
  auto share = PostEmpty("/api/v1/evaluations/" + evaluation->id + "/share", &coach);
  EXPECT_EQ(share.status, 403u) << share.body;
  EXPECT_FALSE(share.json()["rule"].get<std::string>().empty());
  // A draft is not the agent's to read yet, nor shared by an agent.
  EXPECT_EQ(PostEmpty("/api/v1/evaluations/" + evaluation->id + "/share", &As(Role::kAgent)).status,
            403u);
}

// --- live listening -------------------------------------------------------------

TEST_F(MonitorApiTest, LiveListenStartAndStopOnABusinessLine_TRANSPARENCY_live) {
  const std::string line = "6" + installation().teams()[0].agent_numbers[0];
  auto started =
      Post("/api/v1/live-listens",
           codec::Json{{"agent_id", AgentId()}, {"line_number", line}, {"purpose", "coaching"}},
           &As(Role::kMonitor));
  ASSERT_EQ(started.status, 201u) << started.body;
  const std::string session = started.json()["id"];
  EXPECT_EQ(started.json()["listener_id"], installation().monitor_id());
  // Only the listener stops it (KSF-3.3).
  const Credentials coach = Coach();
  EXPECT_EQ(PostEmpty("/api/v1/live-listens/" + session + "/stop", &coach).status, 403u);
  auto stopped = PostEmpty("/api/v1/live-listens/" + session + "/stop", &As(Role::kMonitor));
  ASSERT_EQ(stopped.status, 200u) << stopped.body;
  EXPECT_FALSE(stopped.json()["ended_at"].is_null());
  EXPECT_EQ(PostEmpty("/api/v1/live-listens/live-unknown/stop", &As(Role::kMonitor)).status, 404u);
}

TEST_F(MonitorApiTest, LiveListenOnAnUnknownLineIsRefused_KSF_2_1_confidential) {
  // An unknown line counts as confidential: never listened to blindly.
  auto refused =
      Post("/api/v1/live-listens",
           codec::Json{{"agent_id", AgentId()}, {"line_number", "0000"}, {"purpose", "coaching"}},
           &As(Role::kMonitor));
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.json()["rule"], "KSF-2.1-confidential");
  auto missing =
      Post("/api/v1/live-listens", codec::Json{{"agent_id", AgentId()}, {"purpose", "coaching"}},
           &As(Role::kMonitor));
  EXPECT_EQ(missing.status, 400u);
  EXPECT_NE(missing.json()["message"].get<std::string>().find("line_number"), std::string::npos);
  // KSF-6.2: a client without an individual-level contract does not listen.
  auto client = Post("/api/v1/live-listens",
                     codec::Json{{"agent_id", AgentId()},
                                 {"line_number", "6" + installation().teams()[0].agent_numbers[0]},
                                 {"purpose", "quality"}},
                     &As(Role::kClient));
  EXPECT_EQ(client.status, 403u) << client.body;
}

}  // namespace
}  // namespace fairqm::api
