// api/handler_util: the few lines every handler would otherwise repeat —
// reading the JSON body, turning a service answer (Result<Decided<T>>) into
// an HTTP answer, and path parameters.
// Thread-safety: pure functions over the Context.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "api/errors.h"
#include "api/http.h"
#include "codec/json.h"
#include "service/actor.h"
#include "wire/request.h"

namespace fairqm::service {
struct AuthorisationItem;
}  // namespace fairqm::service

namespace fairqm::api {

// An authorisation as the manager and the monitor see it: the authorisation
// with the monitor's name, whether the confidentiality duty is acknowledged
// (KSF-3.3, 3.3.5) and whether it is in force now.
codec::Json AuthorisationItemJson(const service::AuthorisationItem& item);

// The request's JSON body (an empty body reads as {}).
Result<wire::RequestBody> Body(const Context& context);

// A path parameter named in the route pattern.
const std::string& Param(const Context& context, const std::string& name);

// A date or time query parameter ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ");
// nullopt when absent or empty, kInvalidInput naming it when malformed.
Result<std::optional<TimeMs>> QueryTime(const Context& context, const std::string& name);

// Result<Decided<T>> → 500/4xx for errors, 403 with the rule for a refusal,
// else `status` with render(value) as JSON.
template <typename T, typename Render>
Result<Response> Answer(Result<service::Decided<T>> result, const Context& context, Render render,
                        unsigned status = 200) {
  if (!result.ok()) return result.error();
  if (!result->allowed()) return Refusal(result->decision, context.lang());
  return JsonResponse(render(*result->value), status);
}

// Renders a list with ToJson-able items as {"items": [...]}.
template <typename Items, typename Render>
codec::Json ItemsJson(const Items& items, Render render) {
  codec::Json list = codec::Json::array();
  for (const auto& item : items) list.push_back(render(item));
  return codec::Json{{"items", std::move(list)}};
}

}  // namespace fairqm::api
