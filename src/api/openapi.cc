#include "api/openapi.h"

#include <string>

namespace fairqm::api {
namespace internal {
struct EmbeddedOpenApiPart {
  std::string_view file_name;
  std::string_view json;
};
extern const EmbeddedOpenApiPart kEmbeddedOpenApiParts[];
extern const std::size_t kEmbeddedOpenApiPartCount;
}  // namespace internal

namespace {

Result<codec::Json> Merge() {
  codec::Json document = codec::Json::object();
  for (std::size_t part_idx = 0; part_idx < internal::kEmbeddedOpenApiPartCount; ++part_idx) {
    const auto& part = internal::kEmbeddedOpenApiParts[part_idx];
    const std::string file(part.file_name);
    auto parsed = codec::ParseJsonText(part.json);
    if (!parsed.ok()) {
      return Error{ErrorCode::kInternal, "openapi/" + file + ": " + parsed.error().message};
    }
    for (auto& [key, value] : parsed->items()) {
      if (key == "paths") {
        codec::Json& paths = document["paths"];
        for (auto& [path, operations] : value.items()) {
          for (auto& [method, operation] : operations.items()) {
            if (paths.contains(path) && paths[path].contains(method)) {
              return Error{ErrorCode::kInternal,
                           "openapi/" + file + ": " + method + " " + path + " defined twice"};
            }
            paths[path][method] = operation;
          }
        }
      } else if (key == "components") {
        for (auto& [section, entries] : value.items()) {
          for (auto& [name, entry] : entries.items()) {
            if (document["components"][section].contains(name)) {
              return Error{ErrorCode::kInternal, "openapi/" + file + ": components." + section +
                                                     "." + name + " defined twice"};
            }
            document["components"][section][name] = entry;
          }
        }
      } else if (key == "tags") {
        for (auto& tag : value) document["tags"].push_back(tag);
      } else {
        document[key] = value;
      }
    }
  }
  return document;
}

}  // namespace

const Result<codec::Json>& OpenApiDocument() {
  static const Result<codec::Json> kDocument = Merge();
  return kDocument;
}

}  // namespace fairqm::api
