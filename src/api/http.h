// api/http: what a handler sees of an HTTP exchange, and what it answers.
//
// The server (server.h) reads a request, finds its route (routes.h), checks
// who asks and whether their role may use the route, and then calls the
// route's Handler on a worker thread — never on an I/O thread, because
// handlers talk to the catalogue and the vault. A handler parses, calls one
// service function and renders (STYLE.md: handlers stay thin).
//
// A Response is either a whole body (JSON, HTML, text), a BodyStream (audio
// with byte ranges, decrypted chunk by chunk — never the whole recording in
// memory) or a live event stream (server-sent events). Errors are mapped to
// status codes in one place (errors.h).
// Thread-safety: plain values; a BodyStream is used by one thread at a time.
#pragma once

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/verb.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accounts/passwords.h"
#include "accounts/sessions.h"
#include "common/result.h"
#include "service/app.h"

namespace fairqm::api {

namespace http = boost::beast::http;

class Metrics;

// A streamed upload: the multipart form's small fields, and its one file part
// spooled to disk as it arrived (removed by the server after the handler).
struct Upload {
  std::map<std::string, std::string> fields;  // form field name → value
  std::filesystem::path content;              // the spooled file part
  std::string content_type;                   // the file part's declared type
  std::string file_name;
  std::int64_t size = 0;
};

struct Request {
  http::verb method = http::verb::get;
  std::string target;                         // as sent, with query
  std::string path;                           // decoded, without query
  std::map<std::string, std::string> query;   // decoded
  std::map<std::string, std::string> params;  // from the route pattern {name}
  http::fields headers;
  std::string body;  // JSON bodies (bounded by ServerOptions::max_json_bytes)
  std::optional<Upload> upload;
  std::string remote_address;
  std::string lang = "nl";  // "nl" or "en": Accept-Language, else the account's
  std::string request_id;

  std::string Header(http::field field) const;
  std::string Header(std::string_view name) const;
  // A query parameter, or `fallback` when absent.
  std::string Query(const std::string& name, const std::string& fallback = "") const;
};

// A body produced piece by piece (audio). Read returns 0 at the end.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  virtual Result<std::size_t> Read(char* buffer, std::size_t capacity) = 0;
};

// A server-sent event stream: the server calls Next() for what is ready and
// waits on the waker between calls.
class EventStream {
 public:
  struct Event {
    std::string id;
    std::string name;
    std::string data;  // one line of JSON
  };
  virtual ~EventStream() = default;
  // Events ready now (may be empty). `wake` is called, from any thread, when
  // more become ready; set once before the first Next.
  virtual std::vector<Event> Next() = 0;
  virtual void SetWaker(std::function<void()> wake) = 0;
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::unique_ptr<BodyStream> stream;  // when set, body is ignored
  std::optional<std::uint64_t> stream_length;
  std::unique_ptr<EventStream> events;  // server-sent events

  Response() = default;
  Response(Response&&) = default;
  Response& operator=(Response&&) = default;
};

// What a handler receives.
struct Context {
  service::App& app;
  Request& request;
  const accounts::Principal* principal;  // null on public routes
  Metrics& metrics;
  const accounts::PasswordCost& password_cost;  // for logins and new passwords

  const service::Actor& actor() const { return principal->actor; }
  const std::string& lang() const { return request.lang; }
};

using Handler = std::function<Result<Response>(Context&)>;

}  // namespace fairqm::api
