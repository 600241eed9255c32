// api/errors: the one place where outcomes become HTTP status codes.
//
// Every error body has the same shape: {"error": code, "message": text,
// "rule"?: id}. A refusal by the regulation is 403 with the rule ID and the
// reason in the caller's language (STYLE.md 4: a refusal is not an error, it
// reaches the person who asked). Internal errors never carry details to the
// client (they may name paths or SQL); the server logs them with the request
// id instead.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "api/http.h"
#include "codec/json.h"
#include "common/result.h"
#include "policy/decision.h"

namespace fairqm::api {

unsigned StatusFor(ErrorCode code);

// {"error": code, "message": message}
Response ErrorResponse(unsigned status, std::string_view code, std::string_view message);

// Maps a service error. Internal, I/O and corruption errors hide their text.
Response FromError(const Error& error);

// 403 {"error":"refused","rule":…, "message": reason in lang}.
Response Refusal(const policy::Decision& decision, std::string_view lang);

// 200 (or `status`) with a JSON body.
Response JsonResponse(const codec::Json& body, unsigned status = 200);

}  // namespace fairqm::api
