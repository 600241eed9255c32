// The capture sources' endpoints over real HTTP: the capture decision with
// its rule (KSF-2.1-confidential, AVG-21, KSF-6.6), multipart uploads written
// with Beast (201 and then listenable; refused tickets leave nothing), an
// upload killed halfway on a raw socket (nothing left in spool/, the vault or
// the catalogue), pause/resume/do-not-record events (PCI-pause, AVG-21) and
// live-listen reports from the switch (KSF-3.3).
#include "service/capture.h"

#include <gtest/gtest.h>

#include <boost/asio/write.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "accounts/accounts.h"
#include "api/testing.h"
#include "service/people.h"
#include "service/views.h"
#include "store/recordings.h"

namespace fairqm::api {
namespace {

using domain::Purpose;
using domain::Role;
using testing::ApiTest;
using testing::Credentials;
namespace http = boost::beast::http;

constexpr const char* kBoundary = "fairqm-test-boundary-7d1e";

class CaptureApiTest : public ApiTest {
 protected:
  // A POST without a body (actions on a resource).
  testing::HttpResult PostEmpty(const std::string& target, const Credentials* as) {
    return Call(http::verb::post, target, "", as);
  }
  std::string AgentNumber(std::size_t index = 0) {
    return installation().teams()[0].agent_numbers[index];
  }

  codec::Json Metadata(std::size_t agent_index = 0, const std::string& purpose = "coaching") {
    return codec::Json{{"agent", AgentNumber(agent_index)},
                       {"line", "6" + AgentNumber(agent_index)},
                       {"channel", "voice"},
                       {"purpose", purpose},
                       {"announced", true}};
  }

  testing::HttpResult Decide(const codec::Json& metadata) {
    return Post("/api/v1/captures", metadata, &As(Role::kCaptureSource));
  }

  // A selected contact's ticket.
  std::string Ticket(std::size_t agent_index = 0) {
    auto decided = Decide(Metadata(agent_index));
    EXPECT_EQ(decided.status, 200u) << decided.body;
    EXPECT_EQ(decided.json()["decision"], "record") << decided.body;
    return decided.json().value("ticket", "");
  }

  std::string WavBytes(double seconds = 2.0) {
    const auto path = installation().scratch() / "upload.wav";
    auto written = audio::WriteWav(path.string(), audio::Tone(8000, 2, seconds, 440.0, 0.3), 8000,
                                   2, SF_FORMAT_PCM_16);
    EXPECT_TRUE(written.ok());
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  static std::string MultipartHead(const codec::Json& metadata) {
    return std::string("--") + kBoundary +
           "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata.dump() +
           "\r\n--" + kBoundary +
           "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"call.wav\"\r\n"
           "Content-Type: audio/wav\r\n\r\n";
  }
  static std::string MultipartTail() { return std::string("\r\n--") + kBoundary + "--\r\n"; }

  testing::HttpResult Upload(const codec::Json& metadata, const std::string& content) {
    return Call(http::verb::post, "/api/v1/recordings",
                MultipartHead(metadata) + content + MultipartTail(), &As(Role::kCaptureSource),
                {{"Content-Type", std::string("multipart/form-data; boundary=") + kBoundary}});
  }

  std::filesystem::path SpoolDir() { return app().paths().dir / "spool"; }
  std::filesystem::path VaultContentDir() { return app().vault().dir() / "content"; }
  std::filesystem::path VaultKeysDir() { return app().vault().dir() / "keys"; }

  static std::size_t FilesIn(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) return 0;
    std::size_t count = 0;
    for (auto it = std::filesystem::directory_iterator(dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      ++count;
    }
    return count;
  }

  std::size_t RecordingsOf(std::size_t agent_index = 0) {
    auto conn = app().Reader();
    EXPECT_TRUE(conn.ok());
    auto recordings =
        store::ListRecordingsForAgent(**conn, installation().teams()[0].agent_ids[agent_index]);
    EXPECT_TRUE(recordings.ok());
    return recordings.ok() ? recordings->size() : 999;
  }

  // Nothing of a refused or broken upload is left anywhere.
  void ExpectNothingStored() {
    EXPECT_EQ(FilesIn(SpoolDir()), 0u);
    EXPECT_EQ(FilesIn(VaultContentDir()), 0u);
    EXPECT_EQ(FilesIn(VaultKeysDir()), 0u);
    EXPECT_EQ(RecordingsOf(), 0u);
  }

  // KSF-2.1-confidential: a works-council member answering customer calls on
  // extension 61050, imported from HR like everyone else.
  void ImportWorksCouncilMember() {
    auto rows = codec::ParseEmployeesCsv(
        "employee_number,name,function,team,site,start_date,extension,customer_contact,"
        "informed_at,works_council_member\n"
        "1050,OR-lid Noord,agent,Noord,Utrecht,2025-01-01,61050,yes,2026-02-20,yes\n");
    ASSERT_TRUE(rows.ok()) << rows.error().ToString();
    auto imported =
        service::ImportEmployees(app(), service::testing::Installation::Manager(), *rows);
    ASSERT_TRUE(imported.ok() && imported->allowed());
  }
};

// --- the capture decision -------------------------------------------------------

TEST_F(CaptureApiTest, DecisionGivesATicketForASelectedContact_KSF_3_6) {
  auto decided = Decide(Metadata());
  ASSERT_EQ(decided.status, 200u) << decided.body;
  EXPECT_EQ(decided.json()["decision"], "record");
  EXPECT_EQ(decided.json()["record"], true);
  EXPECT_EQ(decided.json()["selected"], true);
  EXPECT_EQ(decided.json()["purpose"], "coaching");
  EXPECT_EQ(decided.json()["ticket"].get<std::string>().rfind("rec-", 0), 0u);
  EXPECT_TRUE(ParseTime(decided.json()["expires_at"].get<std::string>()).has_value());
  EXPECT_FALSE(decided.json().contains("rule"));
  EXPECT_NE(Get("/metrics").body.find("recorded"), std::string::npos);
}

TEST_F(CaptureApiTest, ProtectedPersonsLineIsNeverRecorded_KSF_2_1_confidential) {
  ImportWorksCouncilMember();
  codec::Json metadata = Metadata();
  metadata["agent"] = "1050";
  metadata["line"] = "61050";
  auto decided = Decide(metadata);
  // A refusal is the gate's ordinary answer: 200 with the rule.
  ASSERT_EQ(decided.status, 200u) << decided.body;
  EXPECT_EQ(decided.json()["decision"], "do_not_record");
  EXPECT_EQ(decided.json()["record"], false);
  EXPECT_EQ(decided.json()["rule"], "KSF-2.1-confidential");
  EXPECT_FALSE(decided.json()["reason"].get<std::string>().empty());
  EXPECT_FALSE(decided.json().contains("ticket"));
  const std::string metrics = Get("/metrics").body;
  EXPECT_NE(metrics.find("KSF-2.1-confidential"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("refused"), std::string::npos);
}

TEST_F(CaptureApiTest, CustomerWhoObjectsIsNotRecorded_AVG_21) {
  codec::Json metadata = Metadata();
  metadata["do_not_record"] = true;
  auto decided = Decide(metadata);
  ASSERT_EQ(decided.status, 200u) << decided.body;
  EXPECT_EQ(decided.json()["record"], false);
  EXPECT_EQ(decided.json()["rule"], "AVG-21");
}

TEST_F(CaptureApiTest, CustomerNotToldIsNotRecorded_KSF_6_6) {
  codec::Json metadata = Metadata();
  metadata["announced"] = false;
  auto decided = Post("/api/v1/captures?lang=en", metadata, &As(Role::kCaptureSource));
  ASSERT_EQ(decided.status, 200u) << decided.body;
  EXPECT_EQ(decided.json()["rule"], "KSF-6.6");
}

TEST_F(CaptureApiTest, DecisionRefusesBadMetadataAndOtherRoles) {
  codec::Json metadata = Metadata();
  metadata.erase("purpose");
  auto missing = Decide(metadata);
  EXPECT_EQ(missing.status, 400u);
  EXPECT_NE(missing.json()["message"].get<std::string>().find("purpose"), std::string::npos);
  auto empty = Call(http::verb::post, "/api/v1/captures", "", &As(Role::kCaptureSource));
  EXPECT_EQ(empty.status, 400u);
  // AVG-32: people do not feed the capture gate.
  auto monitor = Post("/api/v1/captures", Metadata(), &As(Role::kMonitor));
  EXPECT_EQ(monitor.status, 403u);
  EXPECT_EQ(monitor.json()["error"], "refused");
  // No credentials at all.
  EXPECT_EQ(Post("/api/v1/captures", Metadata()).status, 401u);
}

// --- uploads ----------------------------------------------------------------------

TEST_F(CaptureApiTest, MultipartUploadIsStoredAndThenListenable) {
  codec::Json metadata = Metadata();
  metadata["ticket"] = Ticket();
  auto uploaded = Upload(metadata, WavBytes());
  ASSERT_EQ(uploaded.status, 201u) << uploaded.body;
  const std::string id = uploaded.json()["id"];
  EXPECT_EQ(id, metadata["ticket"]);
  EXPECT_EQ(uploaded.json()["purpose"], "coaching");
  EXPECT_EQ(uploaded.json()["media_type"].get<std::string>().rfind("audio/ogg", 0), 0u);
  EXPECT_EQ(FilesIn(SpoolDir()), 0u);  // the spool file went with the request
  EXPECT_EQ(RecordingsOf(), 1u);

  auto listened =
      Get("/api/v1/recordings/" + id + "/content?purpose=coaching", &As(Role::kMonitor));
  ASSERT_EQ(listened.status, 200u) << listened.body;
  EXPECT_EQ(listened.body.rfind("OggS", 0), 0u);  // an Ogg stream
  EXPECT_EQ(listened.header("Content-Type").rfind("audio/ogg", 0), 0u);
  // A ticket is redeemed once.
  auto again = Upload(metadata, WavBytes());
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(RecordingsOf(), 1u);
}

TEST_F(CaptureApiTest, UploadWithUnknownTicketStoresNothing) {
  codec::Json metadata = Metadata();
  metadata["ticket"] = "rec-00000000000000000000000000000000";
  auto refused = Upload(metadata, WavBytes());
  EXPECT_EQ(refused.status, 400u) << refused.body;
  EXPECT_NE(refused.json()["message"].get<std::string>().find("ticket"), std::string::npos);
  ExpectNothingStored();
}

TEST_F(CaptureApiTest, UploadWithExpiredTicketStoresNothing) {
  codec::Json metadata = Metadata();
  metadata["ticket"] = Ticket();
  clock().Advance(service::kTicketLifetime + kHourMs);
  auto refused = Upload(metadata, WavBytes());
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_NE(refused.json()["message"].get<std::string>().find("expired"), std::string::npos);
  ExpectNothingStored();
}

TEST_F(CaptureApiTest, UploadOfAProtectedPersonIsRefusedWithTheRule_KSF_2_1_confidential) {
  ImportWorksCouncilMember();
  codec::Json metadata = Metadata();
  metadata["agent"] = "1050";
  metadata["line"] = "61050";
  // Without a ticket the upload is itself the capture decision.
  auto refused = Upload(metadata, WavBytes());
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.json()["rule"], "KSF-2.1-confidential");
  ExpectNothingStored();
}

TEST_F(CaptureApiTest, UploadNeedsMetadataAndValidContent) {
  auto no_metadata =
      Call(http::verb::post, "/api/v1/recordings",
           std::string("--") + kBoundary +
               "\r\nContent-Disposition: form-data; name=\"content\"; "
               "filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n" +
               WavBytes() + MultipartTail(),
           &As(Role::kCaptureSource),
           {{"Content-Type", std::string("multipart/form-data; boundary=") + kBoundary}});
  EXPECT_EQ(no_metadata.status, 400u) << no_metadata.body;
  EXPECT_NE(no_metadata.json()["message"].get<std::string>().find("metadata"), std::string::npos);
  codec::Json metadata = Metadata();
  metadata["ticket"] = Ticket();
  auto garbage = Upload(metadata, std::string(4096, 'x'));
  EXPECT_EQ(garbage.status, 415u) << garbage.body;  // not a recognised audio format
  auto bad_json = Upload(codec::Json{{"agent", AgentNumber()}, {"purpose", "nope"}}, WavBytes());
  EXPECT_EQ(bad_json.status, 400u) << bad_json.body;
  EXPECT_NE(bad_json.json()["message"].get<std::string>().find("metadata"), std::string::npos);
  EXPECT_EQ(FilesIn(SpoolDir()), 0u);
  EXPECT_EQ(FilesIn(VaultContentDir()), 0u);
  EXPECT_EQ(RecordingsOf(), 0u);
}

TEST_F(CaptureApiTest, UploadKilledHalfwayLeavesNothingBehind) {
  codec::Json metadata = Metadata();
  metadata["ticket"] = Ticket();
  const std::string head = MultipartHead(metadata);
  const std::string content = WavBytes(30.0);  // ~960 KB
  const std::size_t declared = head.size() + content.size() + MultipartTail().size();
  namespace asio = boost::asio;
  {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
    const std::string headers =
        "POST /api/v1/recordings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
        CaptureToken() + "\r\nContent-Type: multipart/form-data; boundary=" + kBoundary +
        "\r\nContent-Length: " + std::to_string(declared) + "\r\n\r\n";
    asio::write(socket, asio::buffer(headers));
    asio::write(socket, asio::buffer(head));
    asio::write(socket, asio::buffer(content.data(), content.size() / 2));
    // The server spools what arrived: wait until the half is on disk.
    bool spooled = false;
    for (int attempt = 0; attempt < 200 && !spooled; ++attempt) {
      std::error_code ec;
      for (auto it = std::filesystem::directory_iterator(SpoolDir(), ec);
           !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (std::filesystem::file_size(it->path(), ec) > 0) spooled = true;
      }
      if (!spooled) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(spooled) << "the half upload never reached the spool directory";
    boost::system::error_code ignored;
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }
  // The server notices the drop and removes the spool file.
  for (int attempt = 0; attempt < 250 && FilesIn(SpoolDir()) > 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ExpectNothingStored();
  // The ticket is still unused: a complete retry succeeds.
  auto retried = Upload(metadata, content);
  EXPECT_EQ(retried.status, 201u) << retried.body;
}

// --- capture events --------------------------------------------------------------

TEST_F(CaptureApiTest, PauseAndResumeForCardData_PCI_pause) {
  const std::string ticket = Ticket();
  const std::string events = "/api/v1/captures/" + ticket + "/events";
  const Credentials& pbx = As(Role::kCaptureSource);
  auto paused = Post(events, codec::Json{{"kind", "pause"}, {"reason", "card_data"}}, &pbx);
  ASSERT_EQ(paused.status, 201u) << paused.body;
  EXPECT_EQ(paused.json()["paused"], true);
  EXPECT_EQ(paused.json()["may_capture"], false);  // no card data is ever stored
  EXPECT_EQ(paused.json()["reason"], "card_data");
  EXPECT_EQ(paused.json()["ticket"], ticket);
  // A pause while paused is a conflict.
  EXPECT_EQ(Post(events, codec::Json{{"kind", "pause"}, {"reason", "hold"}}, &pbx).status, 409u);
  clock().Advance(5000);
  auto resumed = Post(events, codec::Json{{"kind", "resume"}}, &pbx);
  ASSERT_EQ(resumed.status, 201u) << resumed.body;
  EXPECT_EQ(resumed.json()["paused"], false);
  EXPECT_EQ(resumed.json()["may_capture"], true);
  EXPECT_EQ(Post(events, codec::Json{{"kind", "resume"}}, &pbx).status, 409u);
  // HOLD-silence: the customer on hold.
  auto hold =
      Post(events, codec::Json{{"kind", "pause"}, {"reason", "hold"}, {"note", "wacht"}}, &pbx);
  EXPECT_EQ(hold.status, 201u) << hold.body;
}

TEST_F(CaptureApiTest, EventsRefuseBadInput) {
  const std::string ticket = Ticket();
  const std::string events = "/api/v1/captures/" + ticket + "/events";
  const Credentials& pbx = As(Role::kCaptureSource);
  auto no_reason = Post(events, codec::Json{{"kind", "pause"}}, &pbx);
  EXPECT_EQ(no_reason.status, 400u);
  EXPECT_NE(no_reason.json()["message"].get<std::string>().find("reason"), std::string::npos);
  auto kind = Post(events, codec::Json{{"kind", "mute"}}, &pbx);
  EXPECT_EQ(kind.status, 400u);
  EXPECT_NE(kind.json()["message"].get<std::string>().find("kind"), std::string::npos);
  auto reason = Post(events, codec::Json{{"kind", "pause"}, {"reason", "coffee"}}, &pbx);
  EXPECT_EQ(reason.status, 400u);
  auto at = Post(events, codec::Json{{"kind", "resume"}, {"at", "yesterday"}}, &pbx);
  EXPECT_EQ(at.status, 400u);
  EXPECT_NE(at.json()["message"].get<std::string>().find("at"), std::string::npos);
  auto extra = Post(events, codec::Json{{"kind", "resume"}, {"why", "x"}}, &pbx);
  EXPECT_EQ(extra.status, 400u);
  EXPECT_EQ(
      Post("/api/v1/captures/rec-unknown/events", codec::Json{{"kind", "resume"}}, &pbx).status,
      404u);
}

TEST_F(CaptureApiTest, DoNotRecordCancelsTheTicket_AVG_21) {
  const std::string ticket = Ticket();
  auto flagged = Post("/api/v1/captures/" + ticket + "/events",
                      codec::Json{{"kind", "do_not_record"}}, &As(Role::kCaptureSource));
  ASSERT_EQ(flagged.status, 201u) << flagged.body;
  EXPECT_EQ(flagged.json()["ticket_cancelled"], true);
  // A later upload with the ticket is refused and nothing is stored.
  codec::Json metadata = Metadata();
  metadata["ticket"] = ticket;
  auto upload = Upload(metadata, WavBytes());
  EXPECT_EQ(upload.status, 403u) << upload.body;
  EXPECT_EQ(upload.json()["rule"], "AVG-21");
  ExpectNothingStored();
}

TEST_F(CaptureApiTest, AgentPausesOnlyTheirOwnContact_PCI_pause) {
  const std::string own = Ticket(0);
  const std::string other = Ticket(1);
  auto paused = Post("/api/v1/captures/" + own + "/events",
                     codec::Json{{"kind", "pause"}, {"reason", "card_data"}}, &As(Role::kAgent));
  EXPECT_EQ(paused.status, 201u) << paused.body;
  auto refused = Post("/api/v1/captures/" + other + "/events",
                      codec::Json{{"kind", "pause"}, {"reason", "card_data"}}, &As(Role::kAgent));
  EXPECT_EQ(refused.status, 403u) << refused.body;
  // An agent never flags do-not-record on the customer's behalf.
  auto objection = Post("/api/v1/captures/" + own + "/events",
                        codec::Json{{"kind", "do_not_record"}}, &As(Role::kAgent));
  EXPECT_EQ(objection.status, 403u) << objection.body;
}

// --- live-listen reports from the switch -------------------------------------------

TEST_F(CaptureApiTest, SwitchReportsAnAuthorisedListener_KSF_3_3) {
  const Credentials& pbx = As(Role::kCaptureSource);
  auto started = Post("/api/v1/captures/live-listens",
                      codec::Json{{"listener_id", "9100"},
                                  {"agent_id", AgentNumber()},
                                  {"line_number", "6" + AgentNumber()},
                                  {"purpose", "coaching"}},
                      &pbx);
  ASSERT_EQ(started.status, 201u) << started.body;
  EXPECT_EQ(started.json()["listener_id"], installation().monitor_id());
  EXPECT_EQ(started.json()["agent_id"], AgentId());
  const std::string session = started.json()["id"];
  // TRANSPARENCY-live: the agent's own list shows it.
  auto listens =
      service::MyLiveListens(app(), service::testing::Installation::AgentActor(AgentId()));
  ASSERT_TRUE(listens.ok() && listens->allowed());
  ASSERT_EQ(listens->value->size(), 1u);
  auto stopped = PostEmpty("/api/v1/captures/live-listens/" + session + "/stop", &pbx);
  ASSERT_EQ(stopped.status, 200u) << stopped.body;
  EXPECT_FALSE(stopped.json()["ended_at"].is_null());
  EXPECT_EQ(PostEmpty("/api/v1/captures/live-listens/live-unknown/stop", &pbx).status, 404u);
}

TEST_F(CaptureApiTest, SwitchCannotVouchForUnauthorisedOrUnknownListeners_KSF_3_3) {
  const Credentials& pbx = As(Role::kCaptureSource);
  auto body = [&](const std::string& listener) {
    return codec::Json{{"listener_id", listener},
                       {"agent_id", AgentNumber()},
                       {"line_number", "6" + AgentNumber()},
                       {"purpose", "coaching"}};
  };
  auto unknown = Post("/api/v1/captures/live-listens", body("0000"), &pbx);
  EXPECT_EQ(unknown.status, 403u) << unknown.body;
  EXPECT_EQ(unknown.json()["rule"], "KSF-3.3");
  // A colleague agent holds no authorisation.
  auto colleague = Post("/api/v1/captures/live-listens", body(AgentNumber(1)), &pbx);
  EXPECT_EQ(colleague.status, 403u) << colleague.body;
  EXPECT_EQ(colleague.json()["rule"], "KSF-3.3");
  auto missing = Post("/api/v1/captures/live-listens",
                      codec::Json{{"agent_id", AgentNumber()}, {"purpose", "coaching"}}, &pbx);
  EXPECT_EQ(missing.status, 400u);
  // People report nothing for the switch (AVG-32).
  EXPECT_EQ(Post("/api/v1/captures/live-listens", body("9100"), &As(Role::kMonitor)).status, 403u);
}

TEST_F(CaptureApiTest, TokenScopesSeparateCaptureFromLiveReports_AVG_32) {
  auto issued =
      accounts::IssueApiToken(app(), service::testing::Installation::Admin(),
                              AccountOf(Role::kCaptureSource).id, {"capture"}, "recorder only");
  ASSERT_TRUE(issued.ok() && issued->allowed());
  Credentials recorder;
  recorder.bearer = issued->value->secret;
  EXPECT_EQ(Post("/api/v1/captures", Metadata(), &recorder).status, 200u);
  auto live = Post("/api/v1/captures/live-listens",
                   codec::Json{{"listener_id", "9100"},
                               {"agent_id", AgentNumber()},
                               {"line_number", "6" + AgentNumber()},
                               {"purpose", "coaching"}},
                   &recorder);
  EXPECT_EQ(live.status, 403u) << live.body;
  EXPECT_EQ(live.json()["error"], "scope");
}

}  // namespace
}  // namespace fairqm::api
