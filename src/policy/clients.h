// Clients (chapter 6 of the guideline): what a client (opdrachtgever) may see.
//
//   DecideClientReport            KSF-6.1: aggregate figures only; a cell for a
//                                 group smaller than the minimum is suppressed,
//                                 and so is a second cell when a single
//                                 suppressed cell could be derived from the rest.
//   DecideClientIndividualAccess  KSF-6.2, KSF-6.3, KSF-2.3, KSF-6.5: individual-
//                                 level access (live listening, opening a
//                                 recording) under a written contract only.
//
// Pure functions over plain data; `now` is passed in. Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "domain/types.h"
#include "policy/decision.h"

namespace fairqm::policy {

// KSF-6.1: the smallest group size we ever show, whatever the regulation says.
// With two agents in a group each of them can compute the other's figure from
// the aggregate and their own, so two is already traceable to an individual.
inline constexpr int kMinClientGroupSizeFloor = 3;

// The configured minimum (Regulation::client_min_group_size), raised to the
// floor when it is lower.
int EffectiveMinGroupSize(int configured);

// One figure of a client report: a group (team, week, queue …) identified by
// `key`, how many distinct agents contributed, and the aggregate value.
struct ReportCell {
  std::string key;
  int distinct_agents = 0;
  double value = 0.0;
};

struct ReportCellOutcome {
  std::string key;
  bool shown = false;
  double value = 0.0;  // the cell's value when shown, 0 when suppressed
  Decision decision;   // Allow, or a KSF-6.1 refusal saying why it is hidden
};

// KSF-6.1: one outcome per input cell, same order. A cell with fewer than
// EffectiveMinGroupSize(min_group_size) distinct agents is suppressed. When
// exactly one cell of a report would be suppressed, the smallest shown cell
// is suppressed too (secondary suppression): a client who knows the total
// could otherwise subtract the shown cells and recover the small group.
std::vector<ReportCellOutcome> DecideClientReport(const std::vector<ReportCell>& cells,
                                                  int min_group_size);

struct ClientAccessFacts {
  std::optional<domain::Regulation> regulation;         // the active regulation
  std::optional<domain::ClientContract> contract;       // the client's contract, if any
  std::string client_id;                                // the client asking
  domain::Purpose purpose = domain::Purpose::kQuality;  // purpose of the data asked for
  std::string agent_team_id;                            // team of the agent concerned
  bool evaluate = false;                                // the client wants to evaluate/assess
  TimeMs now = 0;
};

// Individual-level access for a client, checked in this order:
//   KSF-3.1 active regulation;
//   KSF-6.5 clients never evaluate or assess (also: no contract for assessment);
//   KSF-6.2 a contract of this client, in force (signed_at <= now < valid_until),
//           individual_level, document fingerprint (SHA-256 hex) recorded,
//           agents informed (agents_informed_at <= now), agent's team in scope;
//   KSF-6.3 the contract's legal ground recorded;
//   KSF-2.3 the contract never widens the regulation: the purpose must be
//           enabled in the regulation and equal the contract's purpose.
Decision DecideClientIndividualAccess(const ClientAccessFacts& facts);

}  // namespace fairqm::policy
