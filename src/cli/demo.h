// cli/demo: `fairqm demo` — a believable contact centre, built through the
// same service functions a real installation uses.
//
// Two sites, ~60 agents in teams (one works-council member, a company doctor's
// line, private lines), monitors with different authorisations, an approved
// regulation with all three purposes, published forms, a client contract; then
// two weeks of contacts offered to the capture gate, the randomly selected
// ones recorded from real speech (espeak-ng, two channels: agent and
// customer) or chat transcripts; evaluations in every state; agents' requests,
// a hold with consent, complaints, a data-subject request, live listening;
// refusals by the gate (protected people, private lines, objecting customers);
// and finally a retention sweep. Same --seed and --today: the same centre.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/commands.h"

namespace fairqm::cli {

void AddDemoCommand(CLI::App& app, GlobalOptions& options, std::function<int()>& run);

}  // namespace fairqm::cli
