#include "api/handler_util.h"

#include "service/views.h"

namespace fairqm::api {

Result<wire::RequestBody> Body(const Context& context) {
  const std::string& text = context.request.body;
  // The server has bounded the body already (ServerOptions::max_json_bytes).
  return wire::RequestBody::Parse(text.empty() ? std::string_view("{}") : std::string_view(text),
                                  text.size() + 1);
}

const std::string& Param(const Context& context, const std::string& name) {
  static const std::string kEmpty;
  auto it = context.request.params.find(name);
  return it == context.request.params.end() ? kEmpty : it->second;
}

Result<std::optional<TimeMs>> QueryTime(const Context& context, const std::string& name) {
  auto it = context.request.query.find(name);
  if (it == context.request.query.end() || it->second.empty()) return std::optional<TimeMs>();
  std::optional<TimeMs> parsed = ParseTime(it->second);
  if (!parsed) {
    return MakeError(ErrorCode::kInvalidInput,
                     name + ": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  }
  return parsed;
}

codec::Json AuthorisationItemJson(const service::AuthorisationItem& item) {
  codec::Json json = codec::ToJson(item.authorisation);
  json["monitor_name"] = item.monitor_name;
  json["acknowledged"] = item.acknowledged;  // KSF-3.3 (3.3.5)
  json["active"] = item.active;
  return json;
}

}  // namespace fairqm::api
