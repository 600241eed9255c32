// Test support for the API tests: a real `fairqm serve` on loopback (port 0)
// over the service test installation (service/testing.h), one account per
// role, and a small blocking HTTP client (Boost.Beast) to talk to it.
//
//   ApiTest::SetUp        builds the installation, creates the accounts
//                         (Argon2id at the minimum cost, to keep tests fast),
//                         adds a client contract for client "acme" over team
//                         Noord, and starts the server with the real router.
//   Call(...)             one request on a fresh connection; returns status,
//                         headers and body.
//   As(role)              a logged-in session of that role's account (login
//                         over HTTP, cookie + CSRF token kept).
//   CaptureToken()        an API token with the capture scope for the
//                         capture-source account.
//
// The clock is the installation's ManualClock: tests move it with clock().
// Tests only; not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "accounts/accounts.h"
#include "accounts/passwords.h"
#include "api/metrics.h"
#include "api/routes.h"
#include "api/server.h"
#include "codec/json.h"
#include "domain/names.h"
#include "service/testing.h"

namespace fairqm::api::testing {

namespace beast = boost::beast;

struct HttpResult {
  unsigned status = 0;
  beast::http::fields headers;
  std::string body;

  codec::Json json() const {
    auto parsed = codec::ParseJsonText(body);
    return parsed.ok() ? *parsed : codec::Json();
  }
  std::string header(std::string_view name) const {
    return std::string(headers[beast::string_view(name.data(), name.size())]);
  }
};

// A way in: a cookie session (with its CSRF token) or an API token.
struct Credentials {
  std::string cookie;
  std::string csrf;
  std::string bearer;
};

inline constexpr const char* kTestPassword = "correct horse battery staple";
inline constexpr const char* kTestClient = "acme";

class ApiTest : public ::testing::Test {
 protected:
  // Override to change the server's options before it starts.
  virtual void Configure(ServerOptions&) {}

  void SetUp() override {
    FAIRQM_ASSERT_OK(installation_.Build());
    auto contract =
        installation_.AddClientContract(kTestClient, {"Noord"}, domain::Purpose::kQuality,
                                        /*individual_level=*/false);
    ASSERT_TRUE(contract.ok()) << contract.error().ToString();
    CreateAccounts();
    auto router = BuildRouter();
    FAIRQM_ASSERT_OK(router);
    router_ = std::make_unique<Router>(std::move(*router));
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.run_schedule = false;
    options.password_cost = accounts::PasswordCost::Minimum();
    options.shutdown_grace = std::chrono::milliseconds(3000);
    Configure(options);
    server_ = std::make_unique<Server>(app(), *router_, metrics_, options);
    FAIRQM_ASSERT_OK(server_->Start());
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
    server_.reset();
  }

  service::testing::Installation& installation() { return installation_; }
  service::App& app() { return installation_.app(); }
  ManualClock& clock() { return installation_.clock(); }
  Server& server() { return *server_; }
  Metrics& metrics() { return metrics_; }
  std::uint16_t port() const { return server_->port(); }

  // The account of a role, and the employee it stands for (employee roles).
  const accounts::Account& AccountOf(domain::Role role) { return accounts_.at(role); }
  std::string UsernameOf(domain::Role role) { return accounts_.at(role).username; }
  // The agent account's employee (team Noord's first agent).
  std::string AgentId() { return installation_.teams()[0].agent_ids[0]; }

  HttpResult Call(beast::http::verb method, const std::string& target, const std::string& body = "",
                  const Credentials* as = nullptr,
                  const std::map<std::string, std::string>& headers = {}) {
    namespace asio = boost::asio;
    HttpResult result;
    try {
      asio::io_context io;
      beast::tcp_stream stream(io);
      stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
      beast::http::request<beast::http::string_body> request{method, target, 11};
      request.set(beast::http::field::host, "127.0.0.1");
      if (!body.empty()) request.set(beast::http::field::content_type, "application/json");
      if (as) {
        if (!as->cookie.empty()) request.set(beast::http::field::cookie, as->cookie);
        if (!as->csrf.empty()) request.set("X-CSRF-Token", as->csrf);
        if (!as->bearer.empty())
          request.set(beast::http::field::authorization, "Bearer " + as->bearer);
      }
      for (const auto& [name, value] : headers) request.set(name, value);
      request.body() = body;
      request.prepare_payload();
      beast::http::write(stream, request);
      beast::flat_buffer buffer;
      beast::http::response_parser<beast::http::string_body> parser;
      parser.body_limit(1ULL << 30);
      if (method == beast::http::verb::head) parser.skip(true);
      beast::http::read(stream, buffer, parser);
      result.status = parser.get().result_int();
      result.headers = parser.get().base();
      result.body = parser.get().body();
      beast::error_code ignored;
      stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    } catch (const std::exception& error) {
      ADD_FAILURE() << "HTTP " << target << ": " << error.what();
    }
    return result;
  }

  HttpResult Get(const std::string& target, const Credentials* as = nullptr,
                 const std::map<std::string, std::string>& headers = {}) {
    return Call(beast::http::verb::get, target, "", as, headers);
  }
  HttpResult Post(const std::string& target, const codec::Json& body,
                  const Credentials* as = nullptr) {
    return Call(beast::http::verb::post, target, body.dump(), as);
  }

  // A refusal by the regulation or the role table, with its rule.
  static void ExpectRefused(const HttpResult& answer, const std::string& rule) {
    EXPECT_EQ(answer.status, 403u) << answer.body;
    EXPECT_EQ(answer.json().value("error", ""), "refused") << answer.body;
    EXPECT_EQ(answer.json().value("rule", ""), rule) << answer.body;
  }

  // Bad input whose message names the field.
  static void ExpectBadField(const HttpResult& answer, const std::string& field) {
    EXPECT_EQ(answer.status, 400u) << answer.body;
    EXPECT_NE(answer.json().value("message", "").find(field), std::string::npos) << answer.body;
  }

  // A POST that carries no body (the route takes none).
  HttpResult Put(const std::string& target, const codec::Json& body,
                 const Credentials* as = nullptr) {
    return Call(beast::http::verb::put, target, body.dump(), as);
  }
  HttpResult Act(const std::string& target, const Credentials* as) {
    return Call(beast::http::verb::post, target, "", as);
  }

  // Logs the role's account in over HTTP (once per test) and returns the
  // session.
  const Credentials& As(domain::Role role) {
    auto it = sessions_.find(role);
    if (it != sessions_.end()) return it->second;
    Credentials credentials =
        role == domain::Role::kCaptureSource ? Credentials{"", "", CaptureToken()} : Login(role);
    return sessions_.emplace(role, credentials).first->second;
  }

  // A new session of the role, beside the one As() keeps: needed after
  // moving the clock past that session's lifetime.
  const Credentials* FreshSession(domain::Role role) {
    fresh_sessions_[role] = Login(role);
    return &fresh_sessions_[role];
  }

  // A new cookie session of the role's account, logged in over HTTP.
  Credentials Login(domain::Role role) {
    HttpResult login = Post("/api/v1/session", codec::Json{{"username", UsernameOf(role)},
                                                           {"password", kTestPassword}});
    EXPECT_EQ(login.status, 200u) << login.body;
    const std::string cookie = login.header("Set-Cookie");
    return Credentials{cookie.substr(0, cookie.find(';')), login.json().value("csrf_token", ""),
                       ""};
  }

  // A capture-scoped API token of the capture-source account (one per test).
  std::string CaptureToken() {
    if (!capture_token_.empty()) return capture_token_;
    auto issued = accounts::IssueApiToken(app(), service::testing::Installation::Admin(),
                                          AccountOf(domain::Role::kCaptureSource).id,
                                          {"capture", "live"}, "test PBX");
    EXPECT_TRUE(issued.ok() && issued->allowed());
    if (issued.ok() && issued->allowed()) capture_token_ = issued->value->secret;
    return capture_token_;
  }

 private:
  void CreateAccounts() {
    const auto& teams = installation_.teams();
    struct Spec {
      domain::Role role;
      std::string username;
      std::string employee_id;
      std::string client_id;
    };
    const std::vector<Spec> specs = {
        {domain::Role::kAgent, "agent", teams[0].agent_ids[0], ""},
        {domain::Role::kMonitor, "monitor", installation_.monitor_id(), ""},
        {domain::Role::kManager, "manager", teams[0].lead_id, ""},
        {domain::Role::kWorksCouncil, "works.council", teams[1].agent_ids[0], ""},
        {domain::Role::kPrivacyOfficer, "privacy.officer", teams[1].agent_ids[1], ""},
        {domain::Role::kClient, "client", "", kTestClient},
        {domain::Role::kAdmin, "admin", "", ""},
        {domain::Role::kCaptureSource, "pbx", "", ""},
    };
    for (const Spec& spec : specs) {
      accounts::NewAccount account;
      account.username = spec.username;
      account.display_name = spec.username;
      account.role = spec.role;
      account.employee_id = spec.employee_id;
      account.client_id = spec.client_id;
      account.password = spec.role == domain::Role::kCaptureSource ? "" : kTestPassword;
      auto created = accounts::CreateAccount(app(), service::testing::Installation::Admin(),
                                             account, accounts::PasswordCost::Minimum());
      ASSERT_TRUE(created.ok()) << created.error().ToString();
      ASSERT_TRUE(created->allowed()) << created->decision.reason_en;
      accounts_.emplace(spec.role, *created->value);
    }
  }

  service::testing::Installation installation_;
  std::map<domain::Role, accounts::Account> accounts_;
  std::map<domain::Role, Credentials> sessions_;
  std::map<domain::Role, Credentials> fresh_sessions_;
  std::string capture_token_;
  Metrics metrics_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<Server> server_;
};

}  // namespace fairqm::api::testing
