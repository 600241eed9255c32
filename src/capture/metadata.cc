#include "capture/metadata.h"

#include "codec/json.h"
#include "domain/names.h"

namespace fairqm::capture {
namespace {

Status Invalid(const std::string& field, const std::string& what) {
  return MakeError(ErrorCode::kInvalidInput, "metadata: " + field + " " + what);
}

Status ReadText(const codec::Json& json, const char* key, std::string& out, bool required,
                std::size_t max_size = 256) {
  auto it = json.find(key);
  if (it == json.end() || it->is_null()) {
    return required ? Invalid(key, "is required") : OkStatus();
  }
  if (!it->is_string()) return Invalid(key, "must be text");
  out = it->get<std::string>();
  if (out.size() > max_size) return Invalid(key, "is too long");
  if (required && out.empty()) return Invalid(key, "is empty");
  return OkStatus();
}

Status ReadBool(const codec::Json& json, const char* key, bool& out) {
  auto it = json.find(key);
  if (it == json.end() || it->is_null()) return OkStatus();
  if (!it->is_boolean()) return Invalid(key, "must be true or false");
  out = it->get<bool>();
  return OkStatus();
}

}  // namespace

bool IsMediaType(std::string_view text) {
  // type "/" subtype, RFC 6838 restricted names, optional "; parameters".
  auto params = text.find(';');
  std::string_view essence = text.substr(0, params);
  auto slash = essence.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= essence.size()) return false;
  for (std::size_t i = 0; i < essence.size(); ++i) {
    char c = essence[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '!' || c == '#' || c == '$' || c == '&' || c == '-' || c == '^' || c == '_' ||
              c == '.' || c == '+' || (c == '/' && i == slash);
    if (!ok) return false;
  }
  return essence.size() <= 127;
}

Result<ContactMetadata> ParseContactMetadata(std::string_view json_text) {
  FAIRQM_ASSIGN_OR_RETURN(codec::Json json, codec::ParseJsonText(json_text));
  if (!json.is_object()) return Invalid("document", "must be a JSON object").error();
  static const char* const kKnown[] = {"agent",
                                       "line",
                                       "channel",
                                       "purpose",
                                       "started_at",
                                       "customer_number",
                                       "contact_ref",
                                       "client_id",
                                       "announced",
                                       "customer_informed_by_contract",
                                       "do_not_record",
                                       "extra_moment_request",
                                       "may_contain_card_data",
                                       "media_type",
                                       "ticket"};
  for (const auto& [key, value] : json.items()) {
    bool known = false;
    for (const char* k : kKnown) known = known || key == k;
    // An unknown field is refused rather than ignored: a capture source that
    // sends "purpose_override" must learn that nothing reads it.
    if (!known) return Invalid("'" + key + "'", "is not a known field").error();
  }
  ContactMetadata m;
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "agent", m.agent, true));
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "line", m.line, false));
  std::string channel = "voice";
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "channel", channel, false));
  auto parsed_channel = domain::ParseChannel(channel);
  if (!parsed_channel) return Invalid("channel", "unknown value '" + channel + "'").error();
  m.channel = *parsed_channel;
  std::string purpose;
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "purpose", purpose, true));
  auto parsed_purpose = domain::ParsePurpose(purpose);
  // KSF-1.2: exactly one of the three purposes; nothing else exists.
  if (!parsed_purpose) return Invalid("purpose", "unknown value '" + purpose + "'").error();
  m.purpose = *parsed_purpose;
  FAIRQM_ASSIGN_OR_RETURN(m.started_at, codec::OptionalTime(json, "started_at"));
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "customer_number", m.customer_number, false, 64));
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "contact_ref", m.contact_ref, false));
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "client_id", m.client_id, false));
  FAIRQM_RETURN_IF_ERROR(ReadBool(json, "announced", m.announced));
  FAIRQM_RETURN_IF_ERROR(
      ReadBool(json, "customer_informed_by_contract", m.customer_informed_by_contract));
  FAIRQM_RETURN_IF_ERROR(ReadBool(json, "do_not_record", m.do_not_record));
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "extra_moment_request", m.extra_moment_request, false));
  FAIRQM_RETURN_IF_ERROR(ReadBool(json, "may_contain_card_data", m.may_contain_card_data));
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "media_type", m.media_type, false));
  FAIRQM_RETURN_IF_ERROR(ReadText(json, "ticket", m.ticket, false));
  if (!m.media_type.empty() && !IsMediaType(m.media_type)) {
    return Invalid("media_type", "is not a media type like 'video/webm'").error();
  }
  if (m.channel == domain::Channel::kVoice && m.line.empty()) {
    return Invalid("line", "is required for a voice contact").error();
  }
  return m;
}

}  // namespace fairqm::capture
