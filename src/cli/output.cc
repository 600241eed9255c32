#include "cli/output.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace fairqm::cli {

int ExitCodeFor(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidInput:
    case ErrorCode::kNotFound:
    case ErrorCode::kUnsupported:
    case ErrorCode::kConflict:
      return kExitBadInput;
    default:
      return kExitFailed;
  }
}

int Fail(const OutputOptions& out, const Error& error) {
  if (out.json) {
    std::cout << codec::Json{{"error", ErrorCodeName(error.code)}, {"message", error.message}}.dump(
                     2)
              << "\n";
  }
  std::cerr << "fairqm: " << error.message << "\n";
  return ExitCodeFor(error);
}

int Refused(const OutputOptions& out, const policy::Decision& decision) {
  const std::string& reason = out.lang == "en" ? decision.reason_en : decision.reason_nl;
  if (out.json) {
    std::cout << codec::Json{{"refused", true},
                             {"rule", decision.rule},
                             {"reason_nl", decision.reason_nl},
                             {"reason_en", decision.reason_en}}
                     .dump(2)
              << "\n";
  }
  std::cerr << (out.lang == "en" ? "refused" : "geweigerd") << " (" << decision.rule
            << "): " << reason << "\n";
  return kExitRefused;
}

int Print(const OutputOptions& out, const codec::Json& json, const std::string& text) {
  if (out.json) {
    std::cout << json.dump(2) << "\n";
  } else {
    std::cout << text;
    if (!text.empty() && text.back() != '\n') std::cout << "\n";
  }
  return kExitOk;
}

Progress::Progress(std::string label) : label_(std::move(label)), enabled_(isatty(2) != 0) {}

Progress::~Progress() {
  if (enabled_) std::fprintf(stderr, "\n");
}

void Progress::Update(long done, long total) {
  if (!enabled_) return;
  if (total > 0) {
    std::fprintf(stderr, "\r%s: %ld/%ld (%ld%%)", label_.c_str(), done, total, done * 100 / total);
  } else {
    std::fprintf(stderr, "\r%s: %ld", label_.c_str(), done);
  }
  std::fflush(stderr);
}

}  // namespace fairqm::cli
