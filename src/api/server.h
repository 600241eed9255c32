// api/server: `fairqm serve` — HTTP/1.1 over Boost.Beast with C++20
// coroutines.
//
// I/O threads only read and write sockets; everything that touches the
// catalogue or the vault (authentication, handlers) runs on a separate worker
// pool and the connection resumes on its own strand afterwards. Each request
// passes, in order: size limits and timeouts; route lookup; who asks (session
// cookie or API token, accounts/); the route's role table and token scope
// (AVG-32: least privilege); CSRF for cookie sessions on unsafe methods; then
// the handler, which asks the policy engine through a service function.
//
// Uploads (BodyKind::kUpload) are multipart/form-data parsed as they arrive:
// the file part goes straight to a spool file in the data directory's
// spool/ (0600), never whole into memory; a connection that drops halfway
// removes it, and spool/ is emptied at startup, so an upload is either
// complete (in the vault and the catalogue) or absent.
//
// Shutdown (SIGTERM/SIGINT or Shutdown()): stop accepting, close idle
// keep-alive connections and live event streams, let requests in flight finish
// (bounded by shutdown_grace), then stop. The scheduler runs the retention
// sweep and the deadline reminders on their intervals.
//
// Ownership: the Server borrows the App, Router and Metrics (they must
// outlive it). Thread-safety: Start/Shutdown/Wait from one controlling thread.
// Failures: Start returns an error when the address cannot be bound or TLS
// files cannot be loaded; per-request failures become HTTP answers.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "accounts/passwords.h"
#include "api/metrics.h"
#include "api/router.h"
#include "common/result.h"
#include "service/app.h"

namespace fairqm::api {

struct TlsOptions {
  std::filesystem::path certificate_chain;  // PEM
  std::filesystem::path private_key;        // PEM
};

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // ADDR:PORT; port 0 picks a free one
  int io_threads = 1;
  int worker_threads = 2;  // catalogue and vault work
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_json_bytes = 1024 * 1024;
  std::int64_t max_upload_bytes = 2LL * 1024 * 1024 * 1024;
  std::chrono::milliseconds read_timeout{30'000};  // a request's header and JSON body
  std::chrono::milliseconds upload_timeout{600'000};
  std::chrono::milliseconds idle_timeout{75'000};  // between keep-alive requests
  std::chrono::milliseconds shutdown_grace{30'000};
  std::chrono::milliseconds heartbeat{15'000};  // event streams
  std::optional<TlsOptions> tls;
  std::filesystem::path web_root;  // the built web app; empty: none
  // Behind the documented reverse proxy: take the client address from the
  // last X-Forwarded-For hop.
  bool trust_forwarded_for = false;
  bool handle_signals = false;  // SIGTERM / SIGINT start a graceful shutdown
  bool run_schedule = true;
  std::chrono::milliseconds sweep_interval{15 * 60'000};
  std::chrono::milliseconds reminder_interval{15 * 60'000};
  std::chrono::milliseconds first_schedule_delay{5'000};
  accounts::PasswordCost password_cost;  // Argon2id cost for logins and new passwords
};

class Server {
 public:
  Server(service::App& app, const Router& router, Metrics& metrics, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads; returns once listening.
  Status Start();
  std::uint16_t port() const;
  // Graceful: returns when every connection has finished or the grace period
  // has passed. Safe to call more than once.
  void Shutdown();
  // Blocks until the server has stopped (after a signal or Shutdown()).
  void Wait();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Where the web app's static files are looked for by default: $FAIRQM_WEB_ROOT,
// else web/dist beside the source tree if it exists, else none.
std::filesystem::path DefaultWebRoot();

}  // namespace fairqm::api
