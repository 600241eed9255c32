// codec/json: domain types ⇄ JSON, and TOML/JSON text → JSON values.
//
// This is how regulations, forms, employees and metadata enter fairqm from
// files (CLI) and later from HTTP requests, and how data leaves it (--json
// output, AVG-15 exports). Decoders validate types and enumerations and name
// the offending field ("purposes[1].legal_ground: unknown value 'x'"); they
// never throw. Dates are written as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ"
// and read from either form (TOML dates too).
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/types.h"

namespace fairqm::codec {

using Json = nlohmann::ordered_json;

// Text → JSON value. Errors are kInvalidInput with the parser's position.
Result<Json> ParseJsonText(std::string_view text);
Result<Json> ParseTomlText(std::string_view text, const std::string& source_name);
// By extension: ".toml" → TOML, otherwise JSON.
Result<Json> ParseDocument(std::string_view text, const std::string& file_name);

Json ToJson(const domain::Regulation& regulation);
Json ToJson(const domain::PurposeRules& rules);
Json ToJson(const domain::EvaluationForm& form);
Json ToJson(const domain::Employee& employee);
Json ToJson(const domain::Team& team);
Json ToJson(const domain::Line& line);
Json ToJson(const domain::Authorisation& authorisation);
Json ToJson(const domain::Contact& contact);
Json ToJson(const domain::Recording& recording);
Json ToJson(const domain::Evaluation& evaluation);
Json ToJson(const domain::AgentRequest& request);
Json ToJson(const domain::Consent& consent);
Json ToJson(const domain::Complaint& complaint);
Json ToJson(const domain::ClientContract& contract);
Json ToJson(const domain::DataSubjectRequest& request);
Json ToJson(const domain::LiveListenSession& session);

// Decoders for what people and systems submit. Lifecycle fields a file must
// not set (a regulation's status, consent, activation) are ignored on input:
// they change only through the lifecycle commands.
Result<domain::Regulation> RegulationFromJson(const Json& json);
Result<domain::EvaluationForm> FormFromJson(const Json& json);
Result<domain::Authorisation> AuthorisationFromJson(const Json& json);
Result<domain::ClientContract> ClientContractFromJson(const Json& json);

// Optional date field: absent/null → nullopt; present but malformed → error.
Result<std::optional<TimeMs>> OptionalTime(const Json& json, std::string_view key);

}  // namespace fairqm::codec
