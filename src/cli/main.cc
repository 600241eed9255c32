// fairqm — quality monitoring for contact centres under the KSF guideline.
// This file only wires the command line to cli/commands.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S %l %v");
  spdlog::set_level(spdlog::level::warn);
  CLI::App app{"fairqm: quality monitoring that a works council can sign", "fairqm"};
  fairqm::cli::GlobalOptions options;
  std::function<int()> run;
  fairqm::cli::AddCommands(app, options, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : fairqm::cli::kExitBadInput;
  }
  if (!run) return fairqm::cli::kExitBadInput;
  return run();
}
