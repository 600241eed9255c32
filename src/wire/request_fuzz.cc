// libFuzzer target for wire/request: JSON request bodies (outside input).
// Every getter is called on every field of the parsed body, nested objects
// included, and the body is handed to the codec decoders and the capture
// metadata parser the handlers use. Checks: nothing throws or crashes, every
// error is kInvalidInput with a valid UTF-8 message (the API sends it back as
// JSON), and values that are returned honour the limits asked for. Build with
// -DFAIRQM_FUZZ=ON using clang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "capture/metadata.h"
#include "codec/json.h"
#include "wire/request.h"

namespace {

using fairqm::Result;
using fairqm::wire::RequestBody;

template <typename T>
void Check(const Result<T>& result) {
  if (result.ok()) return;
  if (result.error().code != fairqm::ErrorCode::kInvalidInput) __builtin_trap();
  if (result.error().message.empty()) __builtin_trap();
  try {
    (void)fairqm::codec::Json(result.error().message).dump();
  } catch (const std::exception&) {
    __builtin_trap();  // not UTF-8
  }
}

template <typename Enum>
void CheckEnum(const RequestBody& body, std::string_view key) {
  Check(body.EnumValue<Enum>(key));
  Check(body.OptionalEnum<Enum>(key));
}

void Exercise(const RequestBody& body, int depth) {
  std::vector<std::string> keys = {"purpose", "role", "password", "absent"};
  for (const auto& item : body.json().items()) keys.push_back(item.key());

  for (const std::string& key : keys) {
    (void)body.Has(key);
    auto text = body.String(key, 16);
    Check(text);
    if (text.ok() &&
        (text->empty() || text->size() > 16 || text->find('\0') != std::string::npos)) {
      __builtin_trap();
    }
    Check(body.OptionalString(key));
    auto number = body.Int(key, -5, 1000);
    Check(number);
    if (number.ok() && (*number < -5 || *number > 1000)) __builtin_trap();
    Check(body.OptionalInt(key, INT64_MIN, INT64_MAX));
    Check(body.Bool(key));
    Check(body.OptionalBool(key));
    Check(body.Time(key));
    Check(body.OptionalTime(key));
    CheckEnum<fairqm::domain::Purpose>(body, key);
    CheckEnum<fairqm::domain::Channel>(body, key);
    CheckEnum<fairqm::domain::LineKind>(body, key);
    CheckEnum<fairqm::domain::ContractType>(body, key);
    CheckEnum<fairqm::domain::JobFunction>(body, key);
    CheckEnum<fairqm::domain::ProtectedRole>(body, key);
    CheckEnum<fairqm::domain::LegalGround>(body, key);
    CheckEnum<fairqm::domain::RegulationStatus>(body, key);
    CheckEnum<fairqm::domain::EvaluationStatus>(body, key);
    CheckEnum<fairqm::domain::RequestKind>(body, key);
    CheckEnum<fairqm::domain::RequestStatus>(body, key);
    CheckEnum<fairqm::domain::ConsentKind>(body, key);
    CheckEnum<fairqm::domain::DataSubjectKind>(body, key);
    CheckEnum<fairqm::domain::DataSubjectRequestKind>(body, key);
    CheckEnum<fairqm::domain::Role>(body, key);
    auto list = body.StringList(key, 4, 8);
    Check(list);
    if (list.ok() && list->size() > 4) __builtin_trap();
    auto nested = body.Object(key);
    Check(nested);
    if (nested.ok() && depth < 4) Exercise(*nested, depth + 1);
  }
  Check(body.NoOtherFields({"purpose", "role", "password"}));
  Check(body.NoOtherFields({}));

  (void)fairqm::codec::RegulationFromJson(body.json());
  (void)fairqm::codec::FormFromJson(body.json());
  (void)fairqm::codec::AuthorisationFromJson(body.json());
  (void)fairqm::codec::ClientContractFromJson(body.json());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto body = RequestBody::Parse(text, 16 * 1024);
  Check(body);
  if (!body.ok()) return 0;
  Exercise(*body, 0);
  (void)fairqm::capture::ParseContactMetadata(text);
  return 0;
}
