#include "wire/request.h"

#include <exception>
#include <limits>
#include <set>

namespace fairqm::wire {
namespace {

constexpr std::size_t kMaxQuotedBytes = 64;

Error BodyError(const std::string& what) {
  return MakeError(ErrorCode::kInvalidInput, "request body: " + what);
}

// A value from the request, shortened for an error message without cutting a
// UTF-8 sequence (the message is itself sent back as JSON).
std::string Quoted(std::string_view value) {
  if (value.size() <= kMaxQuotedBytes) return std::string(value);
  std::size_t end = kMaxQuotedBytes;
  while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
  return std::string(value.substr(0, end)) + "…";
}

// Thrown inside the parser callback to stop at the first refusal; caught in
// Parse and never seen outside this file.
struct Refused {
  std::string what;
};

// Watches the parse for what nlohmann::json accepts but a request must not
// contain: a key repeated in one object, and deep nesting (which would also
// make later recursive walks of the value deep).
class StructureCheck {
 public:
  bool operator()(int /*depth*/, codec::Json::parse_event_t event, codec::Json& parsed) {
    using Event = codec::Json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        if (keys_.size() >= kMaxNestingDepth) {
          throw Refused{"nested deeper than " + std::to_string(kMaxNestingDepth) + " levels"};
        }
        keys_.emplace_back(event == Event::object_start
                               ? std::optional<std::set<std::string>>(std::set<std::string>())
                               : std::nullopt);
        break;
      case Event::object_end:
      case Event::array_end:
        if (!keys_.empty()) keys_.pop_back();
        break;
      case Event::key:
        if (!keys_.empty() && keys_.back().has_value() && parsed.is_string()) {
          const std::string& key = parsed.get_ref<const std::string&>();
          if (!keys_.back()->insert(key).second) {
            throw Refused{"field '" + Quoted(key) + "' appears more than once"};
          }
        }
        break;
      case Event::value:
        break;
    }
    return true;
  }

 private:
  // One entry per open container: the keys seen so far for an object.
  std::vector<std::optional<std::set<std::string>>> keys_;
};

}  // namespace

Result<RequestBody> RequestBody::Parse(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return BodyError("larger than " + std::to_string(max_bytes) + " bytes");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return BodyError("empty; expected a JSON object");
  }
  codec::Json json;
  try {
    StructureCheck check;
    json =
        codec::Json::parse(text.begin(), text.end(),
                           [&check](int depth, codec::Json::parse_event_t event,
                                    codec::Json& parsed) { return check(depth, event, parsed); });
  } catch (const Refused& refused) {
    return BodyError(refused.what);
  } catch (const nlohmann::json::exception& e) {
    // The parser quotes the bytes it last read, which may be invalid UTF-8;
    // the message is sent back as JSON, so it keeps printable ASCII only.
    std::string message = e.what();
    for (char& c : message) {
      if (c < 0x20 || c > 0x7e) c = '?';
    }
    return BodyError("not valid JSON: " + message);
  } catch (const std::exception& e) {
    return BodyError(std::string("could not be read: ") + e.what());
  }
  if (!json.is_object()) return BodyError("must be a JSON object");
  return RequestBody(std::move(json), "");
}

const codec::Json* RequestBody::Find(std::string_view key) const {
  auto it = json_.find(std::string(key));
  if (it == json_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool RequestBody::Has(std::string_view key) const { return Find(key) != nullptr; }

std::string RequestBody::Field(std::string_view key) const { return path_ + std::string(key); }

Error RequestBody::Invalid(std::string_view key, const std::string& what) const {
  return MakeError(ErrorCode::kInvalidInput, Field(key) + ": " + what);
}

Error RequestBody::UnknownValue(std::string_view key, std::string_view value) const {
  return Invalid(key, "unknown value '" + Quoted(value) + "'");
}

Result<std::optional<std::string>> RequestBody::OptionalString(std::string_view key,
                                                               std::size_t max_bytes) const {
  const codec::Json* value = Find(key);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) return Invalid(key, "must be text");
  const std::string& text = value->get_ref<const std::string&>();
  if (text.size() > max_bytes) {
    return Invalid(key, "longer than " + std::to_string(max_bytes) + " bytes");
  }
  // A NUL would cut the text short in C interfaces further on.
  if (text.find('\0') != std::string::npos) return Invalid(key, "must not contain NUL characters");
  return std::optional<std::string>(text);
}

Result<std::string> RequestBody::String(std::string_view key, std::size_t max_bytes) const {
  FAIRQM_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(key, max_bytes));
  if (!text) return Invalid(key, "required");
  if (text->empty()) return Invalid(key, "must not be empty");
  return std::move(*text);
}

Result<std::optional<std::int64_t>> RequestBody::OptionalInt(std::string_view key, std::int64_t min,
                                                             std::int64_t max) const {
  const codec::Json* value = Find(key);
  if (value == nullptr) return std::optional<std::int64_t>();
  if (!value->is_number_integer()) return Invalid(key, "must be a whole number");
  auto out_of_range = [&] {
    return Invalid(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  };
  std::int64_t number = 0;
  if (value->is_number_unsigned()) {
    auto unsigned_number = value->get<std::uint64_t>();
    if (unsigned_number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return out_of_range();
    }
    number = static_cast<std::int64_t>(unsigned_number);
  } else {
    number = value->get<std::int64_t>();
  }
  if (number < min || number > max) return out_of_range();
  return std::optional<std::int64_t>(number);
}

Result<std::int64_t> RequestBody::Int(std::string_view key, std::int64_t min,
                                      std::int64_t max) const {
  FAIRQM_ASSIGN_OR_RETURN(std::optional<std::int64_t> number, OptionalInt(key, min, max));
  if (!number) return Invalid(key, "required");
  return *number;
}

Result<std::optional<bool>> RequestBody::OptionalBool(std::string_view key) const {
  const codec::Json* value = Find(key);
  if (value == nullptr) return std::optional<bool>();
  if (!value->is_boolean()) return Invalid(key, "must be true or false");
  return std::optional<bool>(value->get<bool>());
}

Result<bool> RequestBody::Bool(std::string_view key) const {
  FAIRQM_ASSIGN_OR_RETURN(std::optional<bool> flag, OptionalBool(key));
  if (!flag) return Invalid(key, "required");
  return *flag;
}

Result<std::optional<TimeMs>> RequestBody::OptionalTime(std::string_view key) const {
  const codec::Json* value = Find(key);
  if (value == nullptr) return std::optional<TimeMs>();
  constexpr const char* kExpected = "must be a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)";
  if (!value->is_string()) return Invalid(key, kExpected);
  const std::string& text = value->get_ref<const std::string&>();
  // Same reading as codec/json.h and the CLI: common/time.h ParseTime.
  std::optional<TimeMs> time = ParseTime(text);
  if (!time) return Invalid(key, std::string(kExpected) + ", not '" + Quoted(text) + "'");
  return time;
}

Result<TimeMs> RequestBody::Time(std::string_view key) const {
  FAIRQM_ASSIGN_OR_RETURN(std::optional<TimeMs> time, OptionalTime(key));
  if (!time) return Invalid(key, "required");
  return *time;
}

Result<std::vector<std::string>> RequestBody::StringList(std::string_view key,
                                                         std::size_t max_items,
                                                         std::size_t max_bytes) const {
  const codec::Json* value = Find(key);
  if (value == nullptr) return Invalid(key, "required");
  if (!value->is_array()) return Invalid(key, "must be a list");
  if (value->size() > max_items) {
    return Invalid(key, "has more than " + std::to_string(max_items) + " items");
  }
  std::vector<std::string> out;
  out.reserve(value->size());
  for (std::size_t item_idx = 0; item_idx < value->size(); ++item_idx) {
    const codec::Json& item = (*value)[item_idx];
    std::string item_key = std::string(key) + "[" + std::to_string(item_idx) + "]";
    if (!item.is_string()) return Invalid(item_key, "must be text");
    const std::string& text = item.get_ref<const std::string&>();
    if (text.empty()) return Invalid(item_key, "must not be empty");
    if (text.size() > max_bytes) {
      return Invalid(item_key, "longer than " + std::to_string(max_bytes) + " bytes");
    }
    if (text.find('\0') != std::string::npos) {
      return Invalid(item_key, "must not contain NUL characters");
    }
    out.push_back(text);
  }
  return out;
}

Result<RequestBody> RequestBody::Object(std::string_view key) const {
  const codec::Json* value = Find(key);
  if (value == nullptr) return Invalid(key, "required");
  if (!value->is_object()) return Invalid(key, "must be an object");
  return RequestBody(*value, Field(key) + ".");
}

Status RequestBody::NoOtherFields(std::initializer_list<std::string_view> allowed) const {
  for (const auto& item : json_.items()) {
    const std::string& key = item.key();
    bool known = false;
    for (std::string_view name : allowed) {
      if (name == key) {
        known = true;
        break;
      }
    }
    if (!known) return Invalid(Quoted(key), "unknown field");
  }
  return OkStatus();
}

}  // namespace fairqm::wire
