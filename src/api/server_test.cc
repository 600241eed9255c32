// The server itself over real loopback HTTP: health, metrics, sessions,
// CSRF, limits, headers, errors. The role table has its own test
// (role_table_test.cc); each area's endpoints have theirs.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api/testing.h"

namespace fairqm::api {
namespace {

using testing::ApiTest;
using testing::Credentials;
namespace http = boost::beast::http;

class ServerTest : public ApiTest {};

TEST_F(ServerTest, HealthAndReadiness) {
  auto health = Get("/healthz");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(health.body, "ok\n");
  auto ready = Get("/readyz");
  EXPECT_EQ(ready.status, 200u);
  EXPECT_EQ(ready.json()["status"], "ready");
}

TEST_F(ServerTest, EveryAnswerCarriesTheSecurityHeaders) {
  auto answer = Get("/healthz");
  EXPECT_EQ(answer.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(answer.header("X-Frame-Options"), "DENY");
  EXPECT_NE(answer.header("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(answer.header("Cache-Control"), "no-store");
  EXPECT_FALSE(answer.header("X-Request-Id").empty());
  // HSTS only over TLS.
  EXPECT_EQ(answer.header("Strict-Transport-Security"), "");
}

TEST_F(ServerTest, LoginGivesAnHttpOnlySameSiteCookieAndACsrfToken) {
  auto login = Post("/api/v1/session",
                    codec::Json{{"username", "agent"}, {"password", testing::kTestPassword}});
  ASSERT_EQ(login.status, 200u) << login.body;
  const std::string cookie = login.header("Set-Cookie");
  EXPECT_NE(cookie.find("fqm_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_FALSE(login.json()["csrf_token"].get<std::string>().empty());
  EXPECT_EQ(login.json()["account"]["role"], "agent");

  Credentials session{cookie.substr(0, cookie.find(';')), "", ""};
  auto me = Get("/api/v1/session", &session);
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(me.json()["account"]["employee_id"], AgentId());
}

TEST_F(ServerTest, WrongPasswordIs401AndRepeatedFailuresAreThrottled) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto login = Post("/api/v1/session",
                      codec::Json{{"username", "agent"}, {"password", "not the password!"}});
    EXPECT_EQ(login.status, 401u) << login.body;
    EXPECT_EQ(login.json()["error"], "bad_credentials");
  }
  // Even the right password is refused while the user name is locked.
  auto locked = Post("/api/v1/session",
                     codec::Json{{"username", "agent"}, {"password", testing::kTestPassword}});
  EXPECT_EQ(locked.status, 429u) << locked.body;
  EXPECT_FALSE(locked.header("Retry-After").empty());
  clock().Advance(16 * kMinuteMs);
  auto later = Post("/api/v1/session",
                    codec::Json{{"username", "agent"}, {"password", testing::kTestPassword}});
  EXPECT_EQ(later.status, 200u) << later.body;
}

TEST_F(ServerTest, WithoutASessionAProtectedRouteIs401) {
  auto answer = Get("/api/v1/session");
  EXPECT_EQ(answer.status, 401u);
  EXPECT_EQ(answer.json()["error"], "unauthenticated");
  Credentials forged{"fqm_session=not-a-session", "", ""};
  EXPECT_EQ(Get("/api/v1/session", &forged).status, 401u);
}

TEST_F(ServerTest, UnsafeMethodWithoutTheCsrfTokenIsRefused) {
  Credentials session = As(domain::Role::kAgent);
  session.csrf.clear();
  auto answer = Call(http::verb::delete_, "/api/v1/session", "", &session);
  EXPECT_EQ(answer.status, 403u);
  EXPECT_EQ(answer.json()["error"], "csrf");
  session.csrf = "wrong";
  EXPECT_EQ(Call(http::verb::delete_, "/api/v1/session", "", &session).status, 403u);
}

TEST_F(ServerTest, LogoutEndsTheSession) {
  const Credentials session = As(domain::Role::kAgent);
  auto answer = Call(http::verb::delete_, "/api/v1/session", "", &session);
  EXPECT_EQ(answer.status, 204u) << answer.body;
  EXPECT_EQ(Get("/api/v1/session", &session).status, 401u);
}

TEST_F(ServerTest, RoleOutsideTheTableIsRefusedWithARule) {
  // The capture source's token may not change a password (no such row).
  Credentials pbx = As(domain::Role::kCaptureSource);
  auto answer = Post("/api/v1/session/password",
                     codec::Json{{"current_password", "x"}, {"new_password", "y"}}, &pbx);
  EXPECT_EQ(answer.status, 403u) << answer.body;
  EXPECT_EQ(answer.json()["error"], "refused");
  EXPECT_EQ(answer.json()["rule"], "AVG-32");
}

TEST_F(ServerTest, RefusalReasonFollowsAcceptLanguage) {
  Credentials pbx = As(domain::Role::kCaptureSource);
  auto dutch = Call(http::verb::post, "/api/v1/session/password", "{}", &pbx,
                    {{"Accept-Language", "nl-NL,nl;q=0.9"}});
  auto english = Call(http::verb::post, "/api/v1/session/password", "{}", &pbx,
                      {{"Accept-Language", "en-GB,en;q=0.9,nl;q=0.5"}});
  EXPECT_NE(dutch.json()["message"], english.json()["message"]);
  EXPECT_EQ(english.json()["message"], english.json()["reason_en"]);
  EXPECT_EQ(dutch.json()["message"], dutch.json()["reason_nl"]);
}

TEST_F(ServerTest, UnknownPathIs404AndWrongMethodIs405) {
  EXPECT_EQ(Get("/api/v1/nothing-here").status, 404u);
  EXPECT_EQ(Call(http::verb::put, "/healthz").status, 405u);
  // Path traversal never reaches a file.
  EXPECT_EQ(Get("/api/v1/%2e%2e/%2e%2e/etc/passwd").status, 404u);
}

TEST_F(ServerTest, JsonBodiesMustBeJsonAndSmall) {
  auto wrong_type = Call(http::verb::post, "/api/v1/session", "username=a&password=b", nullptr,
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(wrong_type.status, 415u) << wrong_type.body;
  const std::string huge = "{\"username\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  EXPECT_EQ(Call(http::verb::post, "/api/v1/session", huge).status, 413u);
  auto malformed = Call(http::verb::post, "/api/v1/session", "{\"username\":");
  EXPECT_EQ(malformed.status, 400u);
  EXPECT_EQ(malformed.json()["error"], "invalid_input");
  auto unknown_field = Post(
      "/api/v1/session", codec::Json{{"username", "agent"}, {"password", "x"}, {"remember", true}});
  EXPECT_EQ(unknown_field.status, 400u);
}

TEST_F(ServerTest, MetricsCountRequestsInPrometheusText) {
  Get("/healthz");
  auto metrics = Get("/metrics");
  ASSERT_EQ(metrics.status, 200u);
  EXPECT_NE(metrics.header("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_NE(metrics.body.find("fairqm_http_requests_total{operation=\"healthz\",status=\"200\"} 1"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("fairqm_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("fairqm_sweeps_total"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveCarriesSeveralRequestsOnOneConnection) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
  beast::flat_buffer buffer;
  for (int round = 0; round < 3; ++round) {
    http::request<http::empty_body> request{http::verb::get, "/healthz", 11};
    request.set(http::field::host, "127.0.0.1");
    http::write(stream, request);
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    EXPECT_EQ(response.result_int(), 200u);
    EXPECT_TRUE(response.keep_alive());
  }
}

// SIGTERM's path: a request whose body is still arriving when the shutdown
// starts is finished and answered; then the server takes no new connection.
TEST_F(ServerTest, ShutdownLetsARequestInFlightFinish) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
  const std::string body =
      codec::Json{{"username", "agent"}, {"password", testing::kTestPassword}}.dump();
  const std::string head =
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  asio::write(stream.socket(), asio::buffer(head + body.substr(0, 10)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::thread stopper([this] { server().Shutdown(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  asio::write(stream.socket(), asio::buffer(body.substr(10)));
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  beast::error_code ec;
  http::read(stream, buffer, response, ec);
  stopper.join();
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 200u) << response.body();
  EXPECT_FALSE(response.keep_alive());
  beast::tcp_stream late(io);
  late.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()), ec);
  EXPECT_TRUE(ec) << "the stopped server still accepts connections";
}

TEST_F(ServerTest, OversizedHeaderIs431) {
  auto answer = Get("/healthz", nullptr, {{"X-Padding", std::string(20 * 1024, 'x')}});
  EXPECT_EQ(answer.status, 431u);
}

}  // namespace
}  // namespace fairqm::api
