#include "api/static_files.h"

#include <fstream>
#include <sstream>

#include "api/errors.h"
#include "api/router.h"

namespace fairqm::api {

std::string_view ContentTypeFor(const std::filesystem::path& file) {
  const std::string extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json") return "application/json";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

Response ServeStatic(const std::filesystem::path& root, std::string_view path) {
  auto segments = SplitPath(path);
  if (!segments) return ErrorResponse(400, "invalid_input", "malformed path");
  std::filesystem::path file = root;
  for (const std::string& segment : *segments) file /= segment;
  std::error_code ec;
  const bool has_extension = !segments->empty() && segments->back().find('.') != std::string::npos;
  if (segments->empty() || std::filesystem::is_directory(file, ec)) file = root / "index.html";
  if (!std::filesystem::is_regular_file(file, ec)) {
    if (has_extension) return ErrorResponse(404, "not_found", "no such file");
    file = root / "index.html";  // an app route: the app shows it
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return ErrorResponse(404, "not_found", "no such file");
  std::ostringstream content;
  content << in.rdbuf();
  Response response;
  response.content_type = std::string(ContentTypeFor(file));
  response.body = content.str();
  // Vite names its assets by content hash: they never change.
  if (file.parent_path().filename() == "assets") {
    response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    response.headers.emplace_back("Cache-Control", "no-cache");
  }
  return response;
}

}  // namespace fairqm::api
