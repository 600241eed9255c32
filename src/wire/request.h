// wire/request: typed access to a JSON request body, for the HTTP handlers.
//
// A handler parses the body once (RequestBody::Parse: size limit, a JSON
// object, no duplicate keys, bounded nesting), reads each field with a typed
// getter, and ends with NoOtherFields so that a misspelt field ("purpse") is
// refused instead of silently ignored. Every error is kInvalidInput and names
// the field with its path ("purpose: unknown value 'x'", "password: required",
// "client.name: must be text"), so the API can show it to the person who sent
// the request.
//
// Conventions: a field that is absent or null is "absent". Required getters
// (String, Int, Bool, Time, EnumValue, StringList, Object) refuse an absent
// field with "<field>: required"; Optional* getters return nullopt for it.
// Text must not contain NUL characters; required text must not be empty.
// Values from the request are quoted in messages only up to 64 bytes.
//
// Ownership: a RequestBody owns its parsed JSON; Object() returns an
// independent copy of the nested object. Thread-safety: const methods only;
// safe to share once built. Never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "codec/json.h"
#include "common/result.h"
#include "common/time.h"
#include "domain/names.h"
#include "domain/types.h"

namespace fairqm::wire {

inline constexpr std::size_t kDefaultMaxBodyBytes = 64 * 1024;
inline constexpr std::size_t kMaxNestingDepth = 32;
inline constexpr std::size_t kDefaultMaxTextBytes = 4096;
inline constexpr std::size_t kDefaultMaxListItems = 1000;

// Enumerations EnumValue can read: one overload per names.h parser.
namespace internal {
#define FAIRQM_WIRE_ENUM(Type)                                                                \
  inline std::optional<domain::Type> ParseEnum(std::string_view name,                         \
                                               std::type_identity<domain::Type> /*unused*/) { \
    return domain::Parse##Type(name);                                                         \
  }
FAIRQM_WIRE_ENUM(Purpose)
FAIRQM_WIRE_ENUM(Channel)
FAIRQM_WIRE_ENUM(LineKind)
FAIRQM_WIRE_ENUM(ContractType)
FAIRQM_WIRE_ENUM(JobFunction)
FAIRQM_WIRE_ENUM(ProtectedRole)
FAIRQM_WIRE_ENUM(LegalGround)
FAIRQM_WIRE_ENUM(RegulationStatus)
FAIRQM_WIRE_ENUM(EvaluationStatus)
FAIRQM_WIRE_ENUM(RequestKind)
FAIRQM_WIRE_ENUM(RequestStatus)
FAIRQM_WIRE_ENUM(ConsentKind)
FAIRQM_WIRE_ENUM(DataSubjectKind)
FAIRQM_WIRE_ENUM(DataSubjectRequestKind)
FAIRQM_WIRE_ENUM(Role)
#undef FAIRQM_WIRE_ENUM
}  // namespace internal

class RequestBody {
 public:
  // The body text → a JSON object. Refuses: more than max_bytes, empty
  // text, invalid JSON (or UTF-8), a non-object document, a key repeated
  // in one object (two readers could disagree on which one counts), nesting
  // deeper than kMaxNestingDepth.
  static Result<RequestBody> Parse(std::string_view text,
                                   std::size_t max_bytes = kDefaultMaxBodyBytes);

  // The whole object, e.g. for codec::RegulationFromJson.
  const codec::Json& json() const { return json_; }
  // Present and not null.
  bool Has(std::string_view key) const;

  Result<std::string> String(std::string_view key,
                             std::size_t max_bytes = kDefaultMaxTextBytes) const;
  // Absent → nullopt; present → text (may be empty).
  Result<std::optional<std::string>> OptionalString(
      std::string_view key, std::size_t max_bytes = kDefaultMaxTextBytes) const;
  // A JSON integer within [min, max]; 2.0 and "2" are refused.
  Result<std::int64_t> Int(std::string_view key, std::int64_t min, std::int64_t max) const;
  Result<std::optional<std::int64_t>> OptionalInt(std::string_view key, std::int64_t min,
                                                  std::int64_t max) const;
  Result<bool> Bool(std::string_view key) const;
  Result<std::optional<bool>> OptionalBool(std::string_view key) const;
  // "YYYY-MM-DD" (UTC midnight) or "YYYY-MM-DDTHH:MM:SSZ" (common/time.h).
  Result<TimeMs> Time(std::string_view key) const;
  Result<std::optional<TimeMs>> OptionalTime(std::string_view key) const;

  // A domain enumeration by its names.h name: EnumValue<domain::Purpose>("purpose").
  template <typename Enum>
  Result<Enum> EnumValue(std::string_view key) const {
    FAIRQM_ASSIGN_OR_RETURN(std::string name, String(key, 64));
    std::optional<Enum> parsed = internal::ParseEnum(name, std::type_identity<Enum>());
    if (!parsed) return UnknownValue(key, name);
    return *parsed;
  }
  template <typename Enum>
  Result<std::optional<Enum>> OptionalEnum(std::string_view key) const {
    if (!Has(key)) return std::optional<Enum>();
    FAIRQM_ASSIGN_OR_RETURN(Enum value, EnumValue<Enum>(key));
    return std::optional<Enum>(value);
  }

  // A list of non-empty texts (possibly an empty list).
  Result<std::vector<std::string>> StringList(std::string_view key,
                                              std::size_t max_items = kDefaultMaxListItems,
                                              std::size_t max_bytes = kDefaultMaxTextBytes) const;
  // A nested object; its errors name the path ("client.name: required").
  Result<RequestBody> Object(std::string_view key) const;

  // Refuses the first field (in document order) not in `allowed`:
  // "<field>: unknown field". Call after reading the fields.
  Status NoOtherFields(std::initializer_list<std::string_view> allowed) const;

 private:
  RequestBody(codec::Json json, std::string path)
      : json_(std::move(json)), path_(std::move(path)) {}

  // nullptr when absent or null.
  const codec::Json* Find(std::string_view key) const;
  std::string Field(std::string_view key) const;
  Error Invalid(std::string_view key, const std::string& what) const;
  Error UnknownValue(std::string_view key, std::string_view value) const;

  codec::Json json_;  // always an object
  std::string path_;  // "" at the top, "client." inside Object("client")
};

}  // namespace fairqm::wire
