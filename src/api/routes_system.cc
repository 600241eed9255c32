// The system's own routes: health, readiness, metrics, the OpenAPI document,
// and the session (log in, who am I, log out, change my password).
#include <fmt/format.h>

#include "accounts/accounts.h"
#include "accounts/sessions.h"
#include "api/handler_util.h"
#include "api/metrics.h"
#include "api/openapi.h"
#include "api/routes.h"
#include "domain/names.h"

namespace fairqm::api {
namespace {

constexpr std::string_view kSessionCookie = "fqm_session";

codec::Json AccountJson(const accounts::Account& account) {
  return codec::Json{{"id", account.id},
                     {"username", account.username},
                     {"display_name", account.display_name},
                     {"role", domain::Name(account.role)},
                     {"employee_id", account.employee_id},
                     {"client_id", account.client_id},
                     {"lang", account.lang}};
}

std::string SessionCookie(const Context& context, const std::string& value, TimeMs max_age_ms) {
  // HttpOnly: scripts never see the session; SameSite=Strict: other sites
  // cannot make the browser send it. Secure when the request came over TLS
  // or through a proxy that says so.
  const bool secure = context.request.Header("X-Forwarded-Proto") == "https" ||
                      context.request.Header("X-Fairqm-Tls") == "1";
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kSessionCookie,
                     value, max_age_ms / 1000, secure ? "; Secure" : "");
}

Result<Response> Healthz(Context&) {
  Response response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = "ok\n";
  return response;
}

// Ready when the catalogue answers and the vault directory is there.
Result<Response> Readyz(Context& context) {
  auto conn = context.app.Reader();
  if (conn.ok()) {
    auto rows = (*conn)->Query("SELECT 1", {});
    if (rows.ok()) {
      std::error_code ec;
      if (std::filesystem::is_directory(context.app.paths().vault, ec)) {
        return JsonResponse(codec::Json{{"status", "ready"}});
      }
    }
  }
  return JsonResponse(codec::Json{{"status", "not ready"}}, 503);
}

Result<Response> MetricsText(Context& context) {
  Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = context.metrics.Render();
  return response;
}

Result<Response> GetOpenApi(Context&) {
  const auto& document = OpenApiDocument();
  if (!document.ok()) return document.error();
  Response response = JsonResponse(*document);
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

Result<Response> Login(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"username", "password"}));
  FAIRQM_ASSIGN_OR_RETURN(std::string username, body.String("username"));
  FAIRQM_ASSIGN_OR_RETURN(std::string password, body.String("password"));
  FAIRQM_ASSIGN_OR_RETURN(
      auto outcome, accounts::Login(context.app, username, password, context.request.remote_address,
                                    context.password_cost));
  const bool english = context.lang() == "en";
  switch (outcome.status) {
    case accounts::LoginStatus::kOk:
      break;
    case accounts::LoginStatus::kThrottled: {
      const TimeMs wait_ms = std::max<TimeMs>(0, outcome.retry_after - context.app.Now());
      Response response =
          ErrorResponse(429, "throttled",
                        english ? "Too many failed attempts. Try again later."
                                : "Te veel mislukte pogingen. Probeer het later opnieuw.");
      response.headers.emplace_back("Retry-After", std::to_string((wait_ms + 999) / 1000));
      return response;
    }
    case accounts::LoginStatus::kDisabled:
      return ErrorResponse(403, "disabled",
                           english ? "This account is disabled." : "Dit account is geblokkeerd.");
    case accounts::LoginStatus::kBadCredentials:
      return ErrorResponse(
          401, "bad_credentials",
          english ? "Wrong user name or password." : "Onjuiste gebruikersnaam of wachtwoord.");
  }
  const accounts::SessionTicket& ticket = *outcome.session;
  Response response = JsonResponse(codec::Json{{"account", AccountJson(ticket.principal.account)},
                                               {"csrf_token", ticket.csrf_token},
                                               {"expires_at", FormatTime(ticket.expires_at)}});
  response.headers.emplace_back(
      "Set-Cookie", SessionCookie(context, ticket.token, ticket.expires_at - context.app.Now()));
  return response;
}

Result<Response> GetSession(Context& context) {
  const accounts::Principal& who = *context.principal;
  codec::Json body = {
      {"account", AccountJson(who.account)}, {"via_token", who.via_token}, {"scopes", who.scopes}};
  if (!who.via_token) body["csrf_token"] = who.csrf_token;
  return JsonResponse(body);
}

std::string SessionToken(const Context& context) {
  const std::string cookies = context.request.Header(http::field::cookie);
  const std::string key = std::string(kSessionCookie) + "=";
  std::size_t at = cookies.find(key);
  while (at != std::string::npos && at > 0 && cookies[at - 1] != ' ' && cookies[at - 1] != ';') {
    at = cookies.find(key, at + 1);
  }
  if (at == std::string::npos) return "";
  const std::size_t start = at + key.size();
  return cookies.substr(start, cookies.find(';', start) - start);
}

Result<Response> Logout(Context& context) {
  FAIRQM_RETURN_IF_ERROR(accounts::Logout(context.app, SessionToken(context)));
  Response response;
  response.status = 204;
  response.headers.emplace_back("Set-Cookie", SessionCookie(context, "", 0));
  return response;
}

Result<Response> ChangeMyPassword(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"current_password", "new_password"}));
  FAIRQM_ASSIGN_OR_RETURN(std::string current, body.String("current_password"));
  FAIRQM_ASSIGN_OR_RETURN(std::string replacement, body.String("new_password"));
  auto result = accounts::SetPassword(context.app, context.actor(), context.principal->account.id,
                                      current, replacement, context.password_cost);
  // The password change ends every session, this one included.
  return Answer(std::move(result), context,
                [](const accounts::Account& account) { return AccountJson(account); });
}

}  // namespace

void AddSystemRoutes(std::vector<Route>& routes) {
  routes.push_back(MakeRoute(http::verb::get, "/healthz", "healthz", Healthz));
  routes.push_back(MakeRoute(http::verb::get, "/readyz", "readyz", Readyz));
  routes.push_back(MakeRoute(http::verb::get, "/metrics", "metrics", MetricsText));
  routes.push_back(MakeRoute(http::verb::get, "/api/v1/openapi.json", "getOpenApi", GetOpenApi));
  routes.push_back(MakeRoute(http::verb::post, "/api/v1/session", "login", Login, BodyKind::kJson));
  routes.push_back(MakeRoute(http::verb::get, "/api/v1/session", "getSession", GetSession));
  routes.push_back(MakeRoute(http::verb::delete_, "/api/v1/session", "logout", Logout));
  routes.push_back(MakeRoute(http::verb::post, "/api/v1/session/password", "changeMyPassword",
                             ChangeMyPassword, BodyKind::kJson));
}

}  // namespace fairqm::api
