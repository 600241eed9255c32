// cli/serve: `fairqm serve` — the HTTP API and the web app over the data
// directory, until SIGTERM/SIGINT (graceful: requests in flight finish).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/commands.h"

namespace fairqm::cli {

void AddServeCommand(CLI::App& app, GlobalOptions& options, std::function<int()>& run);

}  // namespace fairqm::cli
