#include "api/errors.h"

namespace fairqm::api {

unsigned StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnsupported:
      return 415;
    case ErrorCode::kPermission:
    case ErrorCode::kIo:
    case ErrorCode::kCorrupt:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(unsigned status, std::string_view code, std::string_view message) {
  codec::Json body = {{"error", code}, {"message", message}};
  return JsonResponse(body, status);
}

Response FromError(const Error& error) {
  const unsigned status = StatusFor(error.code);
  if (status >= 500) {
    return ErrorResponse(status, "internal", "the server could not complete the request");
  }
  std::string_view code = "invalid_input";
  if (error.code == ErrorCode::kNotFound) code = "not_found";
  if (error.code == ErrorCode::kConflict) code = "conflict";
  if (error.code == ErrorCode::kUnsupported) code = "unsupported";
  return ErrorResponse(status, code, error.message);
}

Response Refusal(const policy::Decision& decision, std::string_view lang) {
  codec::Json body = {{"error", "refused"},
                      {"rule", decision.rule},
                      {"message", lang == "en" ? decision.reason_en : decision.reason_nl},
                      {"reason_nl", decision.reason_nl},
                      {"reason_en", decision.reason_en}};
  return JsonResponse(body, 403);
}

Response JsonResponse(const codec::Json& body, unsigned status) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = body.dump(-1, ' ', false, codec::Json::error_handler_t::replace);
  return response;
}

}  // namespace fairqm::api
