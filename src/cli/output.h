// cli/output: how fairqm commands answer — text for people, JSON with --json,
// and the exit codes every command shares:
//   0  done
//   1  refused by the regulation (the rule and the reason are printed)
//   2  bad input (a file, an argument, a document that does not parse)
//   3  anything else that failed (I/O, a damaged installation)
// Errors and refusals go to stderr; data goes to stdout. Progress is shown
// only when stderr is a terminal.
#pragma once

#include <string>

#include "codec/json.h"
#include "common/result.h"
#include "policy/decision.h"

namespace fairqm::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitFailed = 3;

struct OutputOptions {
  bool json = false;
  std::string lang = "nl";  // language of reasons for people: nl or en
};

int ExitCodeFor(const Error& error);

// Prints an error and returns its exit code.
int Fail(const OutputOptions& out, const Error& error);
// Prints a refusal (rule + reason in the chosen language) and returns 1.
int Refused(const OutputOptions& out, const policy::Decision& decision);
// Prints `json` as JSON with --json, else `text`; returns 0.
int Print(const OutputOptions& out, const codec::Json& json, const std::string& text);

// A one-line progress indicator on stderr when it is a terminal.
class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();
  void Update(long done, long total);

 private:
  std::string label_;
  bool enabled_;
};

}  // namespace fairqm::cli
