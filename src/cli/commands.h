// cli/commands: the `fairqm` subcommands. Each one parses its arguments, calls
// one service function and renders the answer (cli/output.h); no rules live
// here. Commands run as the role their action belongs to (a regulation is
// drafted by management, consented to by the works council, content is
// ingested by a capture source …) with the operator as the actor, so the audit
// log shows what was done from the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "cli/output.h"

namespace fairqm::cli {

struct GlobalOptions {
  std::string data_dir;
  OutputOptions out;
  std::string actor;  // --actor: the person acting (default: the operator)
};

// Adds every subcommand to `app`; `run` receives the action to run after
// parsing.
void AddCommands(CLI::App& app, GlobalOptions& options, std::function<int()>& run);

}  // namespace fairqm::cli
