#include "cli/serve.h"

#include <spdlog/spdlog.h>

#include <thread>
#include <toml.hpp>

#include "api/metrics.h"
#include "api/routes.h"
#include "api/server.h"
#include "cli/output.h"
#include "service/app.h"

namespace fairqm::cli {
namespace {

struct ServeOptions {
  std::string listen;  // flag wins over fairqm.toml [server] listen
  std::string tls_certificate;
  std::string tls_key;
  std::string web_root;
  int io_threads = 0;
  int worker_threads = 0;
  bool trust_proxy = false;
};

// [server] settings of fairqm.toml beyond `listen` (which service::Config
// reads): tls_certificate, tls_private_key, io_threads, worker_threads,
// trust_forwarded_for, web_root. Flags override them.
Status ReadServerSection(const std::filesystem::path& path, ServeOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return OkStatus();
  try {
    auto doc = toml::parse(path.string());
    auto text = [&](const char* key, std::string& into) {
      // find_or with a "" literal would hand back a reference to a temporary.
      static const std::string kNone;
      if (into.empty()) into = toml::find_or(doc, "server", key, kNone);
    };
    text("tls_certificate", options.tls_certificate);
    text("tls_private_key", options.tls_key);
    text("web_root", options.web_root);
    if (options.io_threads == 0)
      options.io_threads = toml::find_or<int>(doc, "server", "io_threads", 0);
    if (options.worker_threads == 0) {
      options.worker_threads = toml::find_or<int>(doc, "server", "worker_threads", 0);
    }
    if (!options.trust_proxy) {
      options.trust_proxy = toml::find_or<bool>(doc, "server", "trust_forwarded_for", false);
    }
  } catch (const std::exception& error) {
    return MakeError(ErrorCode::kInvalidInput, path.string() + ": " + error.what());
  }
  return OkStatus();
}

int RunServe(const GlobalOptions& g, ServeOptions options) {
  spdlog::set_level(spdlog::level::info);
  SystemClock clock;
  SodiumRandom random;
  auto app = service::App::Open(service::ResolveDataDir(g.data_dir), clock, random);
  if (!app.ok()) return Fail(g.out, app.error());
  Status section = ReadServerSection((*app)->paths().config, options);
  if (!section.ok()) return Fail(g.out, section.error());
  auto router = api::BuildRouter();
  if (!router.ok()) return Fail(g.out, router.error());
  if (Status complete = api::CheckEveryRowHasARoute(*router); !complete.ok()) {
    return Fail(g.out, complete.error());
  }
  const service::Config& config = (*app)->config();
  api::ServerOptions server;
  server.listen = options.listen.empty() ? config.listen : options.listen;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  server.io_threads = options.io_threads > 0 ? options.io_threads : std::max(1, cores / 2);
  server.worker_threads = options.worker_threads > 0 ? options.worker_threads : cores;
  server.max_upload_bytes = config.max_upload_bytes;
  server.sweep_interval = std::chrono::minutes(std::max(1, config.sweep_interval_minutes));
  server.reminder_interval = server.sweep_interval;
  server.trust_forwarded_for = options.trust_proxy;
  server.handle_signals = true;
  server.web_root =
      options.web_root.empty() ? api::DefaultWebRoot() : std::filesystem::path(options.web_root);
  if (!options.tls_certificate.empty() || !options.tls_key.empty()) {
    if (options.tls_certificate.empty() || options.tls_key.empty()) {
      return Fail(g.out, MakeError(ErrorCode::kInvalidInput,
                                   "TLS needs both a certificate chain and a private key"));
    }
    server.tls = api::TlsOptions{options.tls_certificate, options.tls_key};
  }
  api::Metrics metrics;
  api::Server http(**app, *router, metrics, server);
  if (Status started = http.Start(); !started.ok()) return Fail(g.out, started.error());
  const std::string scheme = server.tls ? "https" : "http";
  std::string host = server.listen.substr(0, server.listen.rfind(':'));
  if (host.empty() || host == "0.0.0.0") host = "localhost";
  spdlog::info(
      "serve: fairqm on {}://{}:{} ({} I/O thread(s), {} worker(s){})", scheme, host, http.port(),
      server.io_threads, server.worker_threads,
      server.web_root.empty() ? ", no web app" : ", web app from " + server.web_root.string());
  http.Wait();
  spdlog::info("serve: stopped");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, GlobalOptions& g, std::function<int()>& run) {
  static ServeOptions options;
  auto* serve = app.add_subcommand("serve", "serve the HTTP API and the web app");
  serve->add_option("--listen", options.listen,
                    "ADDR:PORT (default: fairqm.toml [server] listen, else 127.0.0.1:8080)");
  serve->add_option("--tls-cert", options.tls_certificate, "PEM certificate chain (enables TLS)");
  serve->add_option("--tls-key", options.tls_key, "PEM private key");
  serve->add_option("--web-root", options.web_root, "directory of the built web app");
  serve->add_option("--io-threads", options.io_threads, "threads for socket I/O")
      ->check(CLI::Range(1, 64));
  serve->add_option("--workers", options.worker_threads, "threads for catalogue and vault work")
      ->check(CLI::Range(1, 256));
  serve->add_flag("--trust-proxy", options.trust_proxy,
                  "take the client address from X-Forwarded-For (behind a reverse proxy)");
  serve->callback([&] { run = [&] { return RunServe(g, options); }; });
}

}  // namespace fairqm::cli
