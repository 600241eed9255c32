// api/static_files: serves the built web app (web/dist) for paths outside
// /api. Unknown paths without a file extension get index.html, so the app's
// own routes survive a reload; paths are resolved segment by segment
// (SplitPath refuses "..") and must stay inside the root.
// Thread-safety: pure function over the file system.
#pragma once

#include <filesystem>
#include <string_view>

#include "api/http.h"

namespace fairqm::api {

Response ServeStatic(const std::filesystem::path& root, std::string_view path);

// "text/html; charset=utf-8" for ".html" etc.; application/octet-stream else.
std::string_view ContentTypeFor(const std::filesystem::path& file);

}  // namespace fairqm::api
