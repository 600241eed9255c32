// Admin: accounts, API tokens, configuration and the retention sweep. An
// admin manages the installation and never reads recordings or evaluations
// (no route here returns personal data beyond account names).
#include "accounts/accounts.h"
#include "api/handler_util.h"
#include "api/metrics.h"
#include "api/routes.h"
#include "domain/names.h"
#include "policy/access.h"
#include "retention/sweep.h"
#include "service/audit_trail.h"

namespace fairqm::api {
namespace {

codec::Json AccountJson(const accounts::Account& account) {
  return codec::Json{{"id", account.id},
                     {"username", account.username},
                     {"display_name", account.display_name},
                     {"role", domain::Name(account.role)},
                     {"employee_id", account.employee_id},
                     {"client_id", account.client_id},
                     {"lang", account.lang},
                     {"disabled", account.disabled},
                     {"has_password", account.has_password},
                     {"created_at", FormatTime(account.created_at)}};
}

codec::Json TokenJson(const accounts::ApiToken& token) {
  codec::Json json = {{"id", token.id},
                      {"account_id", token.account_id},
                      {"label", token.label},
                      {"scopes", token.scopes},
                      {"created_at", FormatTime(token.created_at)}};
  json["expires_at"] = token.expires_at ? codec::Json(FormatTime(*token.expires_at)) : nullptr;
  json["revoked_at"] = token.revoked_at ? codec::Json(FormatTime(*token.revoked_at)) : nullptr;
  json["last_used_at"] =
      token.last_used_at ? codec::Json(FormatTime(*token.last_used_at)) : nullptr;
  return json;
}

Result<Response> ListAccounts(Context& context) {
  return Answer(
      accounts::ListAccounts(context.app, context.actor()), context,
      [](const std::vector<accounts::Account>& list) { return ItemsJson(list, AccountJson); });
}

Result<Response> CreateAccount(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields(
      {"username", "display_name", "role", "employee_id", "client_id", "lang", "password"}));
  accounts::NewAccount account;
  FAIRQM_ASSIGN_OR_RETURN(account.username, body.String("username"));
  FAIRQM_ASSIGN_OR_RETURN(account.display_name, body.String("display_name"));
  FAIRQM_ASSIGN_OR_RETURN(account.role, body.EnumValue<domain::Role>("role"));
  FAIRQM_ASSIGN_OR_RETURN(auto employee, body.OptionalString("employee_id"));
  FAIRQM_ASSIGN_OR_RETURN(auto client, body.OptionalString("client_id"));
  FAIRQM_ASSIGN_OR_RETURN(auto lang, body.OptionalString("lang"));
  FAIRQM_ASSIGN_OR_RETURN(auto password, body.OptionalString("password", 1024));
  account.employee_id = employee.value_or("");
  account.client_id = client.value_or("");
  account.lang = lang.value_or("nl");
  account.password = password.value_or("");
  return Answer(
      accounts::CreateAccount(context.app, context.actor(), account, context.password_cost),
      context, AccountJson, 201);
}

Result<Response> DisableAccount(Context& context) {
  return Answer(accounts::DisableAccount(context.app, context.actor(), Param(context, "id")),
                context, AccountJson);
}

Result<Response> EnableAccount(Context& context) {
  return Answer(accounts::EnableAccount(context.app, context.actor(), Param(context, "id")),
                context, AccountJson);
}

Result<Response> SetAccountPassword(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"password"}));
  FAIRQM_ASSIGN_OR_RETURN(std::string password, body.String("password", 1024));
  return Answer(accounts::SetPassword(context.app, context.actor(), Param(context, "id"), "",
                                      password, context.password_cost),
                context, AccountJson);
}

Result<Response> ListApiTokens(Context& context) {
  const std::string account_id = context.request.Query("account_id");
  if (account_id.empty()) {
    return Error{ErrorCode::kInvalidInput, "account_id: required (query parameter)"};
  }
  return Answer(
      accounts::ListApiTokens(context.app, context.actor(), account_id), context,
      [](const std::vector<accounts::ApiToken>& list) { return ItemsJson(list, TokenJson); });
}

Result<Response> IssueApiToken(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"account_id", "scopes", "label", "expires_at"}));
  FAIRQM_ASSIGN_OR_RETURN(std::string account_id, body.String("account_id"));
  FAIRQM_ASSIGN_OR_RETURN(auto scope_list, body.StringList("scopes"));
  FAIRQM_ASSIGN_OR_RETURN(std::string label, body.String("label"));
  FAIRQM_ASSIGN_OR_RETURN(auto expires_at, body.OptionalTime("expires_at"));
  const std::set<std::string> scopes(scope_list.begin(), scope_list.end());
  return Answer(
      accounts::IssueApiToken(context.app, context.actor(), account_id, scopes, label, expires_at),
      context,
      [](const accounts::IssuedToken& issued) {
        codec::Json json = TokenJson(issued.token);
        // Shown this once; only its hash is kept.
        json["secret"] = issued.secret;
        return json;
      },
      201);
}

Result<Response> RevokeApiToken(Context& context) {
  return Answer(accounts::RevokeApiToken(context.app, context.actor(), Param(context, "id")),
                context, TokenJson);
}

// The running configuration, without secrets (there are none in it: keys
// live in their own files).
Result<Response> GetConfiguration(Context& context) {
  const policy::Decision decision =
      policy::DecideRoleAccess(context.actor().role, policy::Action::kConfigureSystem);
  if (!decision.allowed) return Refusal(decision, context.lang());
  const service::Config& config = context.app.config();
  return JsonResponse(codec::Json{
      {"listen", config.listen},
      {"sweep_interval_minutes", config.sweep_interval_minutes},
      {"opus_bitrate_bps", config.opus_bitrate_bps},
      {"opus_complexity", config.opus_complexity},
      {"max_upload_bytes", config.max_upload_bytes},
      {"expected_contacts_per_agent_per_day", config.expected_contacts_per_agent_per_day},
      {"catalogue", "sqlite"},
      {"vault", "local"}});
}

// Runs the retention sweep now (it also runs on the server's schedule).
Result<Response> RunRetentionSweep(Context& context) {
  const policy::Decision decision =
      policy::DecideRoleAccess(context.actor().role, policy::Action::kRunRetention);
  if (!decision.allowed) return Refusal(decision, context.lang());
  FAIRQM_ASSIGN_OR_RETURN(auto report, retention::Sweep(context.app));
  std::map<std::string, std::int64_t> destroyed = report.recordings_destroyed;
  for (const auto& [rule, count] : report.evaluations_destroyed) destroyed[rule] += count;
  context.metrics.CountSweep(report.errors.empty(), destroyed);
  return JsonResponse(codec::Json{{"recordings_destroyed", report.recordings_destroyed},
                                  {"evaluations_destroyed", report.evaluations_destroyed},
                                  {"kept_by_hold", report.kept_by_hold},
                                  {"kept_evaluation_open", report.kept_evaluation_open},
                                  {"errors", report.errors.size()},
                                  {"duration_ms", report.duration_ms}});
}

}  // namespace

void AddAdminRoutes(std::vector<Route>& routes) {
  auto add = [&routes](http::verb method, std::string pattern, std::string id, Handler handler,
                       policy::Action action, BodyKind body = BodyKind::kNone) {
    Route route = MakeRoute(method, std::move(pattern), std::move(id), std::move(handler), body);
    route.action = action;
    routes.push_back(std::move(route));
  };
  using policy::Action;
  add(http::verb::get, "/api/v1/accounts", "listAccounts", ListAccounts, Action::kManageAccounts);
  add(http::verb::post, "/api/v1/accounts", "createAccount", CreateAccount, Action::kManageAccounts,
      BodyKind::kJson);
  add(http::verb::post, "/api/v1/accounts/{id}/disable", "disableAccount", DisableAccount,
      Action::kManageAccounts);
  add(http::verb::post, "/api/v1/accounts/{id}/enable", "enableAccount", EnableAccount,
      Action::kManageAccounts);
  add(http::verb::put, "/api/v1/accounts/{id}/password", "setAccountPassword", SetAccountPassword,
      Action::kManageAccounts, BodyKind::kJson);
  add(http::verb::get, "/api/v1/api-tokens", "listApiTokens", ListApiTokens,
      Action::kManageAccounts);
  add(http::verb::post, "/api/v1/api-tokens", "issueApiToken", IssueApiToken,
      Action::kManageAccounts, BodyKind::kJson);
  add(http::verb::delete_, "/api/v1/api-tokens/{id}", "revokeApiToken", RevokeApiToken,
      Action::kManageAccounts);
  add(http::verb::get, "/api/v1/configuration", "getConfiguration", GetConfiguration,
      Action::kConfigureSystem);
  add(http::verb::post, "/api/v1/retention/sweep", "runRetentionSweep", RunRetentionSweep,
      Action::kRunRetention);
}

}  // namespace fairqm::api
