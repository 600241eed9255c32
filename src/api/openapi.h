// api/openapi: the OpenAPI 3.1 document served at /api/v1/openapi.json.
//
// It is written by hand, in parts (src/api/openapi/*.json: base.json with the
// info, security schemes and shared schemas; one part per area with its
// paths), embedded at build time and merged here. Every operation carries
// `x-fairqm-roles`, the roles allowed by the role table; a test checks that
// the document and the route table describe exactly the same operations,
// paths, methods and roles.
// Thread-safety: the merged document is built once and then read-only.
// Failures: a part that is not valid JSON, or two parts defining the same
// path and method, is a programming error reported by OpenApiDocument()'s
// Result (and by the test).
#pragma once

#include "codec/json.h"
#include "common/result.h"

namespace fairqm::api {

const Result<codec::Json>& OpenApiDocument();

}  // namespace fairqm::api
