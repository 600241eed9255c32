#include "api/server.h"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <future>
#include <limits>
#include <mutex>
#include <set>
#include <thread>
#include <type_traits>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/sessions.h"
#include "api/errors.h"
#include "api/static_files.h"
#include "api/upload.h"
#include "domain/names.h"
#include "retention/sweep.h"
#include "service/reminders.h"

namespace fairqm::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kSessionCookie = "fqm_session";
constexpr std::size_t kStreamChunk = 64 * 1024;

// Runs `fn` on the worker pool and resumes the calling coroutine on its own
// executor (the connection's strand) with the result.
//
// GCC 12 may destroy a non-trivial temporary of a co_await expression twice,
// so nothing non-trivial is created inside one here or at the call sites:
// `fn` must capture only pointers and references (it is then trivially
// destructible), and the executor and the function travel by reference to
// this frame until the initiation has copied them.
template <typename T, typename Fn>
awaitable<T> Offload(asio::thread_pool& pool, Fn fn) {
  static_assert(std::is_trivially_destructible_v<Fn>,
                "capture only pointers and references in an offloaded function");
  auto executor = co_await asio::this_coro::executor;
  auto* executor_ptr = &executor;
  auto* pool_ptr = &pool;
  auto* fn_ptr = &fn;
  co_return co_await asio::async_initiate<decltype(use_awaitable), void(T)>(
      [pool_ptr, executor_ptr, fn_ptr](auto handler) {
        auto executor_copy = *executor_ptr;
        Fn work = *fn_ptr;
        asio::post(*pool_ptr, [executor_copy, work, handler = std::move(handler)]() mutable {
          T result = work();
          asio::post(executor_copy,
                     [handler = std::move(handler), result = std::move(result)]() mutable {
                       std::move(handler)(std::move(result));
                     });
        });
      },
      use_awaitable);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "nl-NL,nl;q=0.9,en;q=0.8" → the supported language with the highest q.
std::string LanguageFrom(std::string_view header) {
  std::string best;
  double best_q = -1;
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string item = Lower(header.substr(start, end - start));
    start = end + 1;
    double q = 1.0;
    if (auto semi = item.find(";q="); semi != std::string::npos) {
      q = std::atof(item.c_str() + semi + 3);
      item.resize(semi);
    }
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    std::string primary = item.substr(0, item.find('-'));
    if ((primary == "nl" || primary == "en") && q > best_q) {
      best = primary;
      best_q = q;
    }
  }
  return best;
}

std::string CookieValue(std::string_view header, std::string_view name) {
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(';', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.size() > name.size() && item.substr(0, name.size()) == name &&
        item[name.size()] == '=') {
      return std::string(item.substr(name.size() + 1));
    }
    start = end + 1;
  }
  return "";
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string DecodeQueryPart(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size() && HexDigit(text[i + 1]) >= 0 &&
               HexDigit(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexDigit(text[i + 1]) * 16 + HexDigit(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view item = query.substr(start, end - start);
    std::size_t eq = item.find('=');
    if (!item.empty()) {
      out[DecodeQueryPart(item.substr(0, eq))] =
          eq == std::string_view::npos ? "" : DecodeQueryPart(item.substr(eq + 1));
    }
    start = end + 1;
  }
  return out;
}

bool IsUnsafe(http::verb method) {
  return method != http::verb::get && method != http::verb::head && method != http::verb::options;
}

bool IsApiPath(std::string_view path) { return path.rfind("/api/", 0) == 0; }

std::string RoleRefusalReason(domain::Role role, bool english) {
  const std::string name = std::string(domain::Name(role));
  return english ? "Your role (" + name + ") does not give access to this."
                 : "Uw rol (" + name + ") geeft hier geen toegang toe.";
}

// What the worker decided about who asks, before any body is read.
struct Admission {
  std::optional<accounts::Principal> principal;
  std::optional<Response> refusal;
};

}  // namespace

class Server::Impl {
 public:
  Impl(service::App& app, const Router& router, Metrics& metrics, ServerOptions options)
      : app_(app),
        router_(router),
        metrics_(metrics),
        options_(std::move(options)),
        io_(std::max(1, options_.io_threads)),
        workers_(static_cast<std::size_t>(std::max(1, options_.worker_threads))),
        acceptor_(io_),
        signals_(io_),
        schedule_timer_(io_) {}

  ~Impl() { Shutdown(); }

  Status Start() {
    spool_dir_ = app_.paths().dir / "spool";
    auto removed = ResetSpool(spool_dir_);
    if (!removed.ok()) return removed.error();
    if (*removed > 0) spdlog::warn("serve: removed {} unfinished upload(s) from spool/", *removed);

    FAIRQM_RETURN_IF_ERROR(OpenAcceptor());
    if (options_.tls) FAIRQM_RETURN_IF_ERROR(LoadTls());

    asio::co_spawn(io_, Accept(), asio::detached);
    if (options_.run_schedule) asio::co_spawn(io_, Schedule(), asio::detached);
    if (options_.handle_signals) {
      signals_.add(SIGTERM);
      signals_.add(SIGINT);
      signals_.async_wait([this](beast::error_code ec, int signal) {
        if (ec) return;
        spdlog::info("serve: signal {} — finishing requests in flight, then stopping", signal);
        RequestStop();
      });
    }
    const int threads = std::max(1, options_.io_threads);
    for (int thread_idx = 0; thread_idx < threads; ++thread_idx) {
      {
        std::lock_guard lock(mutex_);
        ++io_running_;
      }
      io_threads_.emplace_back([this] {
        io_.run();
        std::lock_guard lock(mutex_);
        --io_running_;
        io_done_cv_.notify_all();
      });
    }
    return OkStatus();
  }

  std::uint16_t port() const { return port_; }

  // Graceful stop; every caller returns once the server has stopped.
  void Shutdown() {
    {
      std::unique_lock lock(mutex_);
      if (shutdown_started_) {
        stopped_cv_.wait(lock, [this] { return stopped_; });
        return;
      }
      shutdown_started_ = true;
      draining_ = true;
      stop_requested_ = true;
    }
    if (!io_threads_.empty()) {
      std::promise<void> closed;
      asio::post(io_, [this, &closed] {
        beast::error_code ignored;
        acceptor_.close(ignored);
        signals_.cancel(ignored);
        schedule_timer_.cancel();
        closed.set_value();
      });
      closed.get_future().wait();
      CloseIdle();
      WaitDrained();
      // Every connection has ended and the acceptor, signals and schedule
      // are cancelled: the I/O threads run out of work and return. Only if
      // something still holds them after a few seconds are they stopped.
      std::unique_lock lock(mutex_);
      if (!io_done_cv_.wait_for(lock, std::chrono::seconds(5),
                                [this] { return io_running_ == 0; })) {
        spdlog::warn("serve: I/O threads still busy after shutdown; stopping them");
        io_.stop();
      }
    }
    for (std::thread& thread : io_threads_) {
      if (thread.joinable()) thread.join();
    }
    workers_.join();
    std::lock_guard lock(mutex_);
    stopped_ = true;
    stopped_cv_.notify_all();
  }

  // Blocks until a signal or Shutdown(), then makes sure the stop completes.
  void Wait() {
    {
      std::unique_lock lock(mutex_);
      stopped_cv_.wait(lock, [this] { return stop_requested_ || stopped_; });
    }
    Shutdown();
  }

  void RequestStop() {
    std::lock_guard lock(mutex_);
    stop_requested_ = true;
    stopped_cv_.notify_all();
  }

 private:
  // --- connections ------------------------------------------------------
  struct Connection {
    std::function<void()> close;  // posts a close onto the connection's strand
    bool busy = false;
    bool streaming = false;
    std::function<void()> wake;  // an event stream's waker (ends its wait)
  };

  std::uint64_t Register(std::function<void()> close) {
    std::lock_guard lock(mutex_);
    const std::uint64_t id = ++next_connection_;
    connections_[id] = Connection{std::move(close), false, false, {}};
    return id;
  }

  void Unregister(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    connections_.erase(id);
    drained_cv_.notify_all();
  }

  void SetBusy(std::uint64_t id, bool busy, bool streaming = false) {
    std::lock_guard lock(mutex_);
    auto it = connections_.find(id);
    if (it == connections_.end()) return;
    it->second.busy = busy;
    it->second.streaming = streaming;
    if (!busy) drained_cv_.notify_all();
  }

  void SetWake(std::uint64_t id, std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    auto it = connections_.find(id);
    if (it != connections_.end()) it->second.wake = std::move(wake);
  }

  bool draining() {
    std::lock_guard lock(mutex_);
    return draining_;
  }

  // Idle keep-alive connections and live event streams end at once; requests
  // in flight finish.
  void CloseIdle() {
    std::vector<std::function<void()>> closers;
    {
      std::lock_guard lock(mutex_);
      for (auto& [id, connection] : connections_) {
        if (!connection.busy || connection.streaming) closers.push_back(connection.close);
        if (connection.wake) closers.push_back(connection.wake);
      }
    }
    for (auto& close : closers) close();
  }

  void WaitDrained() {
    const auto deadline = Clock::now() + options_.shutdown_grace;
    std::unique_lock lock(mutex_);
    while (!connections_.empty()) {
      const bool timed_out = drained_cv_.wait_until(lock, deadline) == std::cv_status::timeout;
      // Connections that finished their request meanwhile are closed too;
      // after the grace period, all are.
      std::vector<std::function<void()>> closers;
      for (auto& [id, connection] : connections_) {
        if (timed_out || !connection.busy || connection.streaming) {
          closers.push_back(connection.close);
        }
        if (connection.wake) closers.push_back(connection.wake);
      }
      if (timed_out) {
        spdlog::warn("serve: {} connection(s) still busy after the grace period; closing",
                     connections_.size());
      }
      lock.unlock();
      for (auto& close : closers) close();
      if (timed_out) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return;
      }
      lock.lock();
    }
  }

  // --- listening ----------------------------------------------------------
  Status OpenAcceptor() {
    const std::string& listen = options_.listen;
    const std::size_t colon = listen.rfind(':');
    if (colon == std::string::npos) {
      return Error{ErrorCode::kInvalidInput, "--listen wants ADDR:PORT, got '" + listen + "'"};
    }
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    const std::string port_text = listen.substr(colon + 1);
    char* end = nullptr;
    const long port = std::strtol(port_text.c_str(), &end, 10);
    if (port_text.empty() || *end != '\0' || port < 0 || port > 65535) {
      return Error{ErrorCode::kInvalidInput, "--listen: bad port '" + port_text + "'"};
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
    if (ec) return Error{ErrorCode::kInvalidInput, "--listen: bad address '" + host + "'"};
    const tcp::endpoint endpoint(address, static_cast<std::uint16_t>(port));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Error{ErrorCode::kIo, "cannot listen on " + listen + ": " + ec.message()};
    port_ = acceptor_.local_endpoint().port();
    return OkStatus();
  }

  Status LoadTls() {
    tls_ = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                      asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    beast::error_code ec;
    tls_->use_certificate_chain_file(options_.tls->certificate_chain.string(), ec);
    if (ec) {
      return Error{ErrorCode::kInvalidInput, "TLS certificate chain " +
                                                 options_.tls->certificate_chain.string() + ": " +
                                                 ec.message()};
    }
    tls_->use_private_key_file(options_.tls->private_key.string(), asio::ssl::context::pem, ec);
    if (ec) {
      return Error{ErrorCode::kInvalidInput,
                   "TLS private key " + options_.tls->private_key.string() + ": " + ec.message()};
    }
    return OkStatus();
  }

  awaitable<void> Accept() {
    for (;;) {
      beast::error_code ec;
      auto strand = asio::make_strand(io_);  // a local: see Offload
      tcp::socket socket =
          co_await acceptor_.async_accept(strand, asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (!acceptor_.is_open()) co_return;
        continue;
      }
      if (draining()) co_return;
      auto executor = socket.get_executor();
      if (tls_) {
        asio::co_spawn(executor, ServeTls(std::move(socket)), asio::detached);
      } else {
        asio::co_spawn(executor, ServePlain(std::move(socket)), asio::detached);
      }
    }
  }

  awaitable<void> ServePlain(tcp::socket socket) {
    auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
    const std::uint64_t id = Register([stream] {
      asio::post(stream->get_executor(), [stream] {
        beast::error_code ignored;
        stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream->socket().close(ignored);
      });
    });
    try {
      co_await ServeConnection(*stream, *stream, id);
      co_await DrainBeforeClose(*stream);
    } catch (const std::exception& error) {
      spdlog::debug("serve: connection ended: {}", error.what());
    }
    beast::error_code ignored;
    stream->socket().shutdown(tcp::socket::shutdown_send, ignored);
    Unregister(id);
  }

  // Lingering close: the peer may still be sending a body we refused (413)
  // or did not read. Closing at once would make the kernel answer the rest
  // with a reset, which can destroy our answer before the peer has read it
  // (a browser would show "connection reset" instead of "too large"). So:
  // send FIN, then read and drop what still arrives, for at most a second
  // and 16 MiB, and only then close.
  static awaitable<void> DrainBeforeClose(beast::tcp_stream& stream) {
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) co_return;
    std::array<char, 16384> sink{};
    std::size_t drained = 0;
    stream.expires_after(std::chrono::seconds(1));
    while (drained < (std::size_t{16} << 20)) {
      const std::size_t n = co_await stream.async_read_some(
          asio::buffer(sink), asio::redirect_error(use_awaitable, ec));
      if (ec) break;
      drained += n;
    }
  }

  awaitable<void> ServeTls(tcp::socket socket) {
    using TlsStream = beast::ssl_stream<beast::tcp_stream>;
    auto stream = std::make_shared<TlsStream>(std::move(socket), *tls_);
    const std::uint64_t id = Register([stream] {
      asio::post(stream->get_executor(), [stream] {
        beast::error_code ignored;
        beast::get_lowest_layer(*stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(*stream).socket().close(ignored);
      });
    });
    try {
      beast::get_lowest_layer(*stream).expires_after(options_.read_timeout);
      co_await stream->async_handshake(asio::ssl::stream_base::server, use_awaitable);
      co_await ServeConnection(*stream, beast::get_lowest_layer(*stream), id);
      beast::error_code ec;
      beast::get_lowest_layer(*stream).expires_after(std::chrono::seconds(5));
      co_await stream->async_shutdown(asio::redirect_error(use_awaitable, ec));
    } catch (const std::exception& error) {
      spdlog::debug("serve: TLS connection ended: {}", error.what());
    }
    Unregister(id);
  }

  // --- one connection -----------------------------------------------------
  template <typename Stream>
  awaitable<void> ServeConnection(Stream& stream, beast::tcp_stream& lowest, std::uint64_t id) {
    beast::flat_buffer buffer;
    std::string remote;
    {
      beast::error_code ec;
      auto endpoint = lowest.socket().remote_endpoint(ec);
      if (!ec) remote = endpoint.address().to_string();
    }
    bool first = true;
    for (;;) {
      http::request_parser<http::empty_body> header_parser;
      header_parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
      // The body's limit depends on the route; it is set once the route is known.
      header_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      lowest.expires_after(first ? options_.read_timeout : options_.idle_timeout);
      first = false;
      beast::error_code ec;
      co_await http::async_read_header(stream, buffer, header_parser,
                                       asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (ec == http::error::header_limit) {
          Response error = PlainError(431, "request header too large");
          co_await Write(stream, lowest, error, false);
        } else if (ec != http::error::end_of_stream && ec != beast::error::timeout &&
                   ec != asio::error::operation_aborted && ec != asio::error::eof &&
                   ec != asio::error::connection_reset && ec != asio::error::bad_descriptor) {
          Response error = PlainError(400, "malformed request");
          co_await Write(stream, lowest, error, false);
        }
        co_return;
      }
      SetBusy(id, true);
      lowest.expires_after(options_.read_timeout);
      const bool keep_alive = co_await HandleOne(stream, lowest, buffer, header_parser, remote, id);
      SetBusy(id, false);
      if (!keep_alive || draining()) co_return;
    }
  }

  // Reads the rest of one request, answers it; returns whether the
  // connection may carry another.
  template <typename Stream>
  awaitable<bool> HandleOne(Stream& stream, beast::tcp_stream& lowest, beast::flat_buffer& buffer,
                            http::request_parser<http::empty_body>& header_parser,
                            const std::string& remote, std::uint64_t id) {
    const auto started = Clock::now();
    auto& header = header_parser.get();
    // Frame locals, never temporaries, cross the co_await points below (see
    // Offload).
    Request request_storage;
    Request* request = &request_storage;
    request->method = header.method();
    request->target = std::string(header.target());
    request->headers = header.base();
    request->remote_address = remote;
    request->request_id = NewRequestId();
    if (options_.trust_forwarded_for) {
      std::string forwarded = std::string(header["X-Forwarded-For"]);
      if (!forwarded.empty()) {
        std::size_t comma = forwarded.rfind(',');
        std::string last = forwarded.substr(comma == std::string::npos ? 0 : comma + 1);
        while (!last.empty() && last.front() == ' ') last.erase(last.begin());
        request->remote_address = last;
      }
    }
    const std::size_t question = request->target.find('?');
    request->path = request->target.substr(0, question);
    if (question != std::string::npos)
      request->query = ParseQuery(request->target.substr(question + 1));
    std::string lang = request->Query("lang");
    if (lang != "nl" && lang != "en")
      lang = LanguageFrom(std::string(header[http::field::accept_language]));
    const bool lang_explicit = !lang.empty();
    request->lang = lang_explicit ? lang : "nl";
    bool keep_alive = header.keep_alive();
    const bool has_body = header_parser.content_length().value_or(0) > 0 || header_parser.chunked();

    Match match = router_.Find(request->method, request->path);
    std::string operation = match.route ? match.route->operation_id : "unmatched";
    Response response;

    if (!match.route) {
      if (!IsApiPath(request->path) && !options_.web_root.empty() &&
          (request->method == http::verb::get || request->method == http::verb::head)) {
        operation = "web";
        response = ServeStatic(options_.web_root, request->path);
      } else if (match.path_known) {
        response =
            ErrorResponse(405, "method_not_allowed", "this resource does not take that method");
      } else {
        response = ErrorResponse(404, "not_found", "no such resource: " + request->path);
      }
      if (has_body) keep_alive = false;
    } else {
      const Route& route = *match.route;
      request->params = std::move(match.params);
      // Who asks, and may their role use this route? (on a worker)
      const Route* route_ptr = &route;
      if (route.body == BodyKind::kNone && !has_body) {
        // Most requests: who asks and the handler in one trip to the
        // workers (every trip costs two thread switches).
        response = co_await Offload<Response>(workers_, [this, route_ptr, request, lang_explicit] {
          Admission admission = Admit(*route_ptr, *request);
          if (admission.refusal) return std::move(*admission.refusal);
          if (admission.principal && !lang_explicit) {
            request->lang = admission.principal->account.lang;
          }
          return RunHandler(*route_ptr, *request,
                            admission.principal ? &*admission.principal : nullptr);
        });
      } else {
        Admission admission = co_await Offload<Admission>(
            workers_, [this, route_ptr, request] { return Admit(*route_ptr, *request); });
        if (admission.principal && !lang_explicit)
          request->lang = admission.principal->account.lang;
        if (admission.refusal) {
          response = std::move(*admission.refusal);
          if (has_body) keep_alive = false;
        } else {
          std::unique_ptr<UploadReceiver> upload;
          std::optional<Response> body_error;
          const std::string content_type = Lower(std::string(header[http::field::content_type]));
          if (route.body == BodyKind::kJson && has_body &&
              content_type.rfind("application/json", 0) != 0) {
            // Only JSON is accepted, which also keeps plain cross-site form
            // posts out (they cannot send application/json).
            body_error =
                ErrorResponse(415, "unsupported", "send the request body as application/json");
            keep_alive = false;
          } else if (route.body == BodyKind::kJson &&
                     header_parser.content_length().value_or(0) > options_.max_json_bytes) {
            body_error = ErrorResponse(413, "too_large", "the request body is too large");
            keep_alive = false;
          } else if (route.body == BodyKind::kJson && has_body) {
            http::request_parser<http::string_body> body_parser(std::move(header_parser));
            body_parser.body_limit(options_.max_json_bytes);
            beast::error_code ec;
            co_await http::async_read(stream, buffer, body_parser,
                                      asio::redirect_error(use_awaitable, ec));
            if (ec == http::error::body_limit) {
              body_error = ErrorResponse(413, "too_large", "the request body is too large");
              keep_alive = false;
            } else if (ec) {
              co_return false;
            } else {
              request->body = std::move(body_parser.get().body());
            }
          } else if (route.body == BodyKind::kUpload) {
            auto received = co_await ReceiveUpload(stream, lowest, buffer, header_parser, *request);
            if (!received.ok()) {
              body_error =
                  received.error().code == ErrorCode::kIo
                      ? FromError(received.error())
                      : ErrorResponse(received.error().code == ErrorCode::kUnsupported ? 413 : 400,
                                      received.error().code == ErrorCode::kUnsupported
                                          ? "too_large"
                                          : "invalid_input",
                                      received.error().message);
              keep_alive = false;
            } else if (*received == nullptr) {
              co_return false;  // the peer went away halfway: nothing is kept
            } else {
              upload = std::move(*received);
            }
          } else if (has_body) {
            body_error = ErrorResponse(400, "invalid_input", "this resource takes no request body");
            keep_alive = false;
          }
          if (body_error) {
            response = std::move(*body_error);
          } else {
            std::optional<accounts::Principal> principal_storage = std::move(admission.principal);
            std::optional<accounts::Principal>* principal = &principal_storage;
            const Route* route_ptr = &route;
            response = co_await Offload<Response>(workers_, [this, route_ptr, request, principal] {
              return RunHandler(*route_ptr, *request,
                                principal->has_value() ? &**principal : nullptr);
            });
          }
          // `upload` (and its spool file) goes when this scope ends: the
          // handler has moved the content into the vault or refused it.
        }
      }
    }

    keep_alive = keep_alive && !draining();
    if (response.events) {
      metrics_.CountRequest(operation, response.status,
                            std::chrono::duration<double>(Clock::now() - started).count());
      SetBusy(id, true, true);
      co_await StreamEvents(stream, lowest, *request, response, id);
      co_return false;
    }
    const unsigned status = response.status;
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (request->method == http::verb::head) response.stream.reset();
    const bool written = co_await Write(stream, lowest, response, keep_alive, request);
    metrics_.CountRequest(operation, status, seconds);
    if (status >= 500) {
      spdlog::error("serve: {} {} → {} (request {})", std::string(http::to_string(request->method)),
                    operation, status, request->request_id);
    }
    co_return written&& keep_alive;
  }

  // Streams a multipart body into an UploadReceiver. nullptr: the peer went
  // away (the receiver, and so the spool file, are gone already).
  template <typename Stream>
  awaitable<Result<std::unique_ptr<UploadReceiver>>> ReceiveUpload(
      Stream& stream, beast::tcp_stream& lowest, beast::flat_buffer& buffer,
      http::request_parser<http::empty_body>& header_parser, const Request& request) {
    auto receiver = UploadReceiver::Create(
        spool_dir_, std::string(header_parser.get()[http::field::content_type]),
        options_.max_upload_bytes);
    if (!receiver.ok()) co_return receiver.error();
    if (Lower(std::string(header_parser.get()[http::field::expect])) == "100-continue") {
      http::response<http::empty_body> go_on{http::status::continue_, 11};
      co_await http::async_write(stream, go_on, use_awaitable);
    }
    http::request_parser<http::buffer_body> body_parser(std::move(header_parser));
    body_parser.body_limit(static_cast<std::uint64_t>(options_.max_upload_bytes) + 64 * 1024);
    lowest.expires_after(options_.upload_timeout);
    std::vector<char> chunk(kStreamChunk);
    while (!body_parser.is_done()) {
      body_parser.get().body().data = chunk.data();
      body_parser.get().body().size = chunk.size();
      beast::error_code ec;
      co_await http::async_read_some(stream, buffer, body_parser,
                                     asio::redirect_error(use_awaitable, ec));
      if (ec == http::error::need_buffer) ec = {};
      if (ec == http::error::body_limit) {
        co_return Error{ErrorCode::kUnsupported, "the upload is larger than this server accepts"};
      }
      if (ec) co_return std::unique_ptr<UploadReceiver>{};
      const std::size_t got = chunk.size() - body_parser.get().body().size;
      if (got > 0) {
        Status fed = (*receiver)->Feed(std::string_view(chunk.data(), got));
        if (!fed.ok()) co_return fed.error();
      }
    }
    (void)request;
    auto finished = (*receiver)->Finish();
    if (!finished.ok()) co_return finished.error();
    const_cast<Request&>(request).upload = std::move(*finished);
    co_return std::move(*receiver);
  }

  // --- on the worker pool -------------------------------------------------
  Admission Admit(const Route& route, Request& request) {
    Admission admission;
    if (route.is_public) {
      // A public route still learns who asks when a session is present (the
      // session endpoint, logout), but never requires it.
      auto principal = Authenticate(request);
      if (principal.ok() && *principal) admission.principal = std::move(**principal);
      return admission;
    }
    auto principal = Authenticate(request);
    if (!principal.ok()) {
      admission.refusal = FromError(principal.error());
      return admission;
    }
    if (!*principal) {
      Response refusal = ErrorResponse(401, "unauthenticated",
                                       request.lang == "en" ? "Log in first." : "Log eerst in.");
      refusal.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"fairqm\"");
      admission.refusal = std::move(refusal);
      return admission;
    }
    const accounts::Principal& who = **principal;
    const domain::Role role = who.account.role;
    if (!route.roles.count(role)) {
      policy::Decision decision;
      if (route.action) decision = policy::DecideRoleAccess(role, *route.action);
      if (!route.action || decision.allowed) {
        decision = policy::Decision::Refuse("AVG-32", RoleRefusalReason(role, false),
                                            RoleRefusalReason(role, true));
      }
      admission.refusal = Refusal(decision, request.lang);
      // Tells the role-table test (and a puzzled integrator) that the role
      // table, not the regulation's finer rules, refused.
      admission.refusal->headers.emplace_back("X-Fairqm-Refused-By", "role-table");
      return admission;
    }
    if (who.via_token && !who.scopes.count(route.scope)) {
      admission.refusal = ErrorResponse(
          403, "scope", "this API token does not carry the scope '" + route.scope + "'");
      return admission;
    }
    // CSRF: a cookie session must echo its token on every unsafe request.
    if (!who.via_token && IsUnsafe(request.method) &&
        !accounts::CsrfMatches(who, request.Header("X-CSRF-Token"))) {
      admission.refusal = ErrorResponse(403, "csrf", "missing or wrong X-CSRF-Token header");
      return admission;
    }
    admission.principal = std::move(**principal);
    return admission;
  }

  Result<std::optional<accounts::Principal>> Authenticate(const Request& request) {
    std::string authorization = request.Header(http::field::authorization);
    if (authorization.rfind("Bearer ", 0) == 0) {
      return accounts::ResolveApiToken(app_, authorization.substr(7));
    }
    std::string cookie = CookieValue(request.Header(http::field::cookie), kSessionCookie);
    if (!cookie.empty()) return accounts::ResolveSession(app_, cookie);
    return std::optional<accounts::Principal>{};
  }

  Response RunHandler(const Route& route, Request& request, const accounts::Principal* principal) {
    Context context{app_, request, principal, metrics_, options_.password_cost};
    try {
      auto result = route.handler(context);
      if (!result.ok()) {
        if (StatusFor(result.error().code) >= 500) {
          spdlog::error("serve: {} failed (request {}): {}", route.operation_id, request.request_id,
                        result.error().message);
        }
        return FromError(result.error());
      }
      return std::move(*result);
    } catch (const std::exception& error) {
      spdlog::error("serve: {} threw (request {}): {}", route.operation_id, request.request_id,
                    error.what());
      return ErrorResponse(500, "internal", "the server could not complete the request");
    }
  }

  // --- writing ------------------------------------------------------------
  static Response PlainError(unsigned status, std::string_view message) {
    return ErrorResponse(status, status == 431 ? "too_large" : "invalid_input", message);
  }

  void AddCommonHeaders(http::response_header<>& header, const Response& response,
                        const Request* request) {
    header.set(http::field::server, "fairqm");
    header.set(http::field::content_type, response.content_type);
    header.set("X-Content-Type-Options", "nosniff");
    header.set("X-Frame-Options", "DENY");
    header.set("Referrer-Policy", "no-referrer");
    header.set("Cross-Origin-Opener-Policy", "same-origin");
    header.set("Cross-Origin-Resource-Policy", "same-origin");
    header.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    header.set("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; "
               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    if (tls_) header.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (request) header.set("X-Request-Id", request->request_id);
    bool cache_set = false;
    for (const auto& [name, value] : response.headers) {
      header.insert(name, value);
      if (Lower(name) == "cache-control") cache_set = true;
    }
    if (!cache_set) header.set(http::field::cache_control, "no-store");
  }

  template <typename Stream>
  awaitable<bool> Write(Stream& stream, beast::tcp_stream& lowest, Response& response,
                        bool keep_alive, const Request* request = nullptr) {
    beast::error_code ec;
    lowest.expires_after(options_.read_timeout);
    if (!response.stream) {
      http::response<http::string_body> message{static_cast<http::status>(response.status), 11};
      AddCommonHeaders(message.base(), response, request);
      const bool head = request && request->method == http::verb::head;
      message.body() = head ? std::string() : std::move(response.body);
      message.keep_alive(keep_alive);
      message.prepare_payload();
      // HEAD announces the length GET would send, streamed bodies included.
      if (head) message.content_length(response.stream_length.value_or(response.body.size()));
      co_await http::async_write(stream, message, asio::redirect_error(use_awaitable, ec));
      co_return !ec;
    }
    // A body produced chunk by chunk (decrypted audio).
    http::response<http::buffer_body> message{static_cast<http::status>(response.status), 11};
    AddCommonHeaders(message.base(), response, request);
    message.keep_alive(keep_alive);
    if (response.stream_length) {
      message.content_length(*response.stream_length);
    } else {
      message.chunked(true);
    }
    message.body().data = nullptr;
    message.body().more = true;
    http::response_serializer<http::buffer_body> serializer{message};
    co_await http::async_write_header(stream, serializer, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return false;
    std::vector<char> chunk(kStreamChunk);
    for (;;) {
      auto got = response.stream->Read(chunk.data(), chunk.size());
      if (!got.ok()) {
        spdlog::error("serve: stream failed (request {}): {}", request ? request->request_id : "-",
                      got.error().message);
        co_return false;  // the client sees a short body; never a wrong one
      }
      lowest.expires_after(options_.read_timeout);
      if (*got == 0) {
        message.body().data = nullptr;
        message.body().size = 0;
        message.body().more = false;
      } else {
        message.body().data = chunk.data();
        message.body().size = *got;
        message.body().more = true;
      }
      co_await http::async_write(stream, serializer, asio::redirect_error(use_awaitable, ec));
      if (ec == http::error::need_buffer) ec = {};
      if (ec) co_return false;
      if (*got == 0) break;
    }
    co_return true;
  }

  // Server-sent events: header, then events as they come, a comment line as
  // heartbeat; ends when the peer leaves or the server drains.
  template <typename Stream>
  awaitable<void> StreamEvents(Stream& stream, beast::tcp_stream& lowest, const Request& request,
                               Response& response, std::uint64_t id) {
    metrics_.StreamOpened();
    auto executor = co_await asio::this_coro::executor;
    auto timer = std::make_shared<asio::steady_timer>(executor);
    auto woken = std::make_shared<std::atomic<bool>>(false);
    SetWake(id, [timer, executor] { asio::post(executor, [timer] { timer->cancel(); }); });
    response.events->SetWaker([timer, woken, executor] {
      woken->store(true);
      asio::post(executor, [timer] { timer->cancel(); });
    });
    std::unique_ptr<EventStream> events = std::move(response.events);
    http::response<http::buffer_body> message{static_cast<http::status>(response.status), 11};
    response.content_type = "text/event-stream";
    response.headers.emplace_back("Cache-Control", "no-store");
    response.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: do not buffer
    AddCommonHeaders(message.base(), response, &request);
    message.keep_alive(false);
    message.chunked(true);
    message.body().data = nullptr;
    message.body().more = true;
    http::response_serializer<http::buffer_body> serializer{message};
    beast::error_code ec;
    lowest.expires_never();
    co_await http::async_write_header(stream, serializer, asio::redirect_error(use_awaitable, ec));
    std::string text = "retry: 3000\n\n";
    while (!ec && !draining()) {
      woken->store(false);
      for (const EventStream::Event& event : events->Next()) {
        if (!event.id.empty()) text += "id: " + event.id + "\n";
        if (!event.name.empty()) text += "event: " + event.name + "\n";
        text += "data: " + event.data + "\n\n";
      }
      if (!text.empty()) {
        message.body().data = text.data();
        message.body().size = text.size();
        message.body().more = true;
        lowest.expires_after(options_.read_timeout);
        co_await http::async_write(stream, serializer, asio::redirect_error(use_awaitable, ec));
        if (ec == http::error::need_buffer) ec = {};
        lowest.expires_never();
        text.clear();
        if (ec) break;
      }
      if (woken->load()) continue;
      timer->expires_after(options_.heartbeat);
      beast::error_code wait_ec;
      co_await timer->async_wait(asio::redirect_error(use_awaitable, wait_ec));
      if (!wait_ec) text = ": heartbeat\n\n";  // the timer ran out: keep proxies from timing out
    }
    events->SetWaker([] {});
    metrics_.StreamClosed();
  }

  // --- schedule -----------------------------------------------------------
  awaitable<void> Schedule() {
    auto next_sweep = Clock::now() + options_.first_schedule_delay;
    auto next_reminders = Clock::now() + options_.first_schedule_delay;
    while (!draining()) {
      schedule_timer_.expires_at(std::min(next_sweep, next_reminders));
      beast::error_code ec;
      co_await schedule_timer_.async_wait(asio::redirect_error(use_awaitable, ec));
      if (draining()) co_return;
      const auto now = Clock::now();
      if (now >= next_sweep) {
        next_sweep = now + options_.sweep_interval;
        co_await Offload<bool>(workers_, [this] {
          auto report = retention::Sweep(app_);
          if (!report.ok()) {
            spdlog::error("serve: retention sweep failed: {}", report.error().message);
            metrics_.CountSweep(false, {});
            return false;
          }
          std::map<std::string, std::int64_t> destroyed = report->recordings_destroyed;
          for (const auto& [rule, count] : report->evaluations_destroyed) destroyed[rule] += count;
          metrics_.CountSweep(report->errors.empty(), destroyed);
          spdlog::info("serve: sweep destroyed {} recording(s), {} evaluation(s) in {} ms",
                       report->recordings_destroyed_total(), report->evaluations_destroyed_total(),
                       report->duration_ms);
          return true;
        });
      }
      if (now >= next_reminders) {
        next_reminders = now + options_.reminder_interval;
        co_await Offload<bool>(workers_, [this] {
          auto report = service::RunReminders(app_);
          if (!report.ok()) {
            spdlog::error("serve: reminders failed: {}", report.error().message);
            return false;
          }
          metrics_.CountReminders(report->sent);
          return true;
        });
      }
    }
  }

  std::string NewRequestId() {
    static std::atomic<std::uint64_t> counter{0};
    return fmt::format("{:x}-{}", port_, ++counter);
  }

  service::App& app_;
  const Router& router_;
  Metrics& metrics_;
  ServerOptions options_;
  asio::io_context io_;
  asio::thread_pool workers_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer schedule_timer_;
  std::unique_ptr<asio::ssl::context> tls_;
  std::filesystem::path spool_dir_;
  std::uint16_t port_ = 0;
  std::vector<std::thread> io_threads_;

  std::mutex mutex_;
  std::condition_variable drained_cv_;
  std::condition_variable stopped_cv_;
  std::condition_variable io_done_cv_;
  int io_running_ = 0;                               // GUARDED_BY(mutex_)
  std::map<std::uint64_t, Connection> connections_;  // GUARDED_BY(mutex_)
  std::uint64_t next_connection_ = 0;                // GUARDED_BY(mutex_)
  bool draining_ = false;                            // GUARDED_BY(mutex_)
  bool shutdown_started_ = false;                    // GUARDED_BY(mutex_)
  bool stop_requested_ = false;                      // GUARDED_BY(mutex_)
  bool stopped_ = false;                             // GUARDED_BY(mutex_)
};

std::string Request::Header(http::field field) const { return std::string(headers[field]); }
std::string Request::Header(std::string_view name) const {
  return std::string(headers[beast::string_view(name.data(), name.size())]);
}
std::string Request::Query(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

Server::Server(service::App& app, const Router& router, Metrics& metrics, ServerOptions options)
    : impl_(std::make_unique<Impl>(app, router, metrics, std::move(options))) {}
Server::~Server() = default;
Status Server::Start() { return impl_->Start(); }
std::uint16_t Server::port() const { return impl_->port(); }
void Server::Shutdown() { impl_->Shutdown(); }
void Server::Wait() { impl_->Wait(); }

std::filesystem::path DefaultWebRoot() {
  if (const char* env = std::getenv("FAIRQM_WEB_ROOT"); env && *env) return env;
  std::filesystem::path built = std::filesystem::path(FAIRQM_SOURCE_DIR) / "web" / "dist";
  std::error_code ec;
  if (std::filesystem::exists(built / "index.html", ec)) return built;
  return {};
}

}  // namespace fairqm::api
