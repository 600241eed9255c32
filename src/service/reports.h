// service/reports: the works council's periodic report and the client's
// aggregate report.
//
//   WorksCouncilReport  KSF-3.10/3.11 oversight, per purpose: the DECLARED
//                       frequency (quota per period, from the regulation)
//                       against the ACTUAL recordings — in total and per agent
//                       per frequency period (mean, maximum, and how many
//                       agent-periods went over the quota: a breach count,
//                       KSF-3.6) — evaluations on time / late / not evaluated
//                       (KSF-4.4, KSF-4.10), destructions by rule
//                       (DELETION-log), retention holds in force (KSF-4.9),
//                       capture refusals by rule; and the complaints (filed,
//                       not taken up within the term, appealed, resolved,
//                       overdue; KSF-3.10). Aggregates only: no agent, monitor
//                       or customer appears in it. Roles: works council,
//                       manager, privacy officer.
//   ClientReport        KSF-6.1 aggregate quality figures for a client, per
//                       team of the contract's scope and overall: recordings,
//                       evaluated, and the mean score of shared/closed
//                       evaluations. A cell with fewer distinct agents than
//                       the regulation's client_min_group_size is suppressed
//                       (policy::DecideClientReport, with the reason), the
//                       score separately from the counts (the agents who were
//                       evaluated may be fewer than those recorded). Never an
//                       individual evaluation, name or id (KSF-6.5); only the
//                       contract's purpose and only that client's contacts
//                       (KSF-6.3); the contract never widens the regulation
//                       (KSF-2.3). Roles: the client (actor.client_id) and
//                       the contact-centre manager, who may look at exactly
//                       what a client would get before it goes out.
//
// Both are read in one snapshot (a reader transaction) and audited
// (AVG-5-accountability); a refusal is audited too. Errors are Result values
// (bad period, catalogue failures). Thread-safety: as App.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "codec/json.h"
#include "service/actor.h"
#include "service/app.h"
#include "store/reports.h"

namespace fairqm::service {

// ---------------------------------------------------------------------------
// Works council

// Declared versus actual frequency for one purpose (KSF-3.6).
struct FrequencyFigures {
  // Declared by the active regulation; nullopt when the purpose is not
  // enabled (or there is no active regulation).
  std::optional<int> declared_quota;
  std::optional<int> declared_period_days;
  // Sampled recordings (extra moments not counted, as for the quota) per agent
  // per frequency period, over the frequency periods overlapping the report
  // period, each judged against the regulation version it was recorded under.
  std::int64_t extra_moment_recordings = 0;  // KSF-4.7, outside the quota
  std::int64_t agents_recorded = 0;          // distinct agents with a recording
  std::int64_t agent_periods = 0;            // (agent, period) pairs with a recording
  double mean_per_agent_period = 0.0;        // over those pairs
  std::int64_t max_per_agent_period = 0;
  std::int64_t agent_periods_over_quota = 0;  // breaches: more than the quota
};

struct WorksCouncilPurpose {
  store::PurposeFigures figures;  // captured, evaluated, destroyed, held, refused
  FrequencyFigures frequency;
};

struct WorksCouncilReportData {
  TimeMs from = 0;
  TimeMs to = 0;
  TimeMs generated_at = 0;
  std::string regulation_id;  // the active regulation, if any
  int regulation_version = 0;
  std::vector<WorksCouncilPurpose> purposes;  // domain::kAllPurposes order
  std::map<std::string, std::int64_t> capture_refusals_without_purpose;
  std::int64_t complaints_filed = 0;
  // KSF-3.10: complaints whose term to be taken up ended in the period while
  // they had not been taken up by then.
  std::int64_t complaints_taken_up_late = 0;
  std::int64_t complaints_appealed = 0;
  std::int64_t complaints_resolved = 0;
  std::int64_t complaints_overdue = 0;  // unresolved at `to` and past the term
};

// The report for [from, to). Refusals: roles other than works council,
// manager and privacy officer (AVG-32, least privilege).
Result<Decided<WorksCouncilReportData>> WorksCouncilReport(App& app, const Actor& actor,
                                                           TimeMs from, TimeMs to);

codec::Json ToJson(const WorksCouncilReportData& report);
// A plain-text table for the CLI; lang "nl" (default for anything else but
// "en") or "en".
std::string RenderWorksCouncilReport(const WorksCouncilReportData& report, const std::string& lang);

// ---------------------------------------------------------------------------
// Client

// One cell: a team of the contract's scope, or the overall row. When
// suppressed, every figure is zero/absent and `decision` says why (KSF-6.1).
struct ClientReportCell {
  std::string team_id;    // empty for the overall row
  std::string team_name;  // "" for the overall row
  bool overall = false;
  bool shown = false;
  policy::Decision decision;
  std::int64_t distinct_agents = 0;  // only when shown
  std::int64_t recordings = 0;
  std::int64_t evaluated = 0;
  // Mean score (0..100) of shared or closed quality evaluations citing the
  // cell's recordings; suppressed on its own when fewer distinct agents were
  // evaluated than the minimum, absent for other purposes.
  bool score_shown = false;
  std::optional<double> mean_score;
  policy::Decision score_decision;
};

struct ClientReportData {
  std::string client_id;
  std::string client_name;
  std::string contract_id;
  domain::Purpose purpose = domain::Purpose::kQuality;
  TimeMs from = 0;  // the asked period clipped to the contract's validity
  TimeMs to = 0;
  TimeMs generated_at = 0;
  int min_group_size = 0;               // policy::EffectiveMinGroupSize of the regulation's
  std::vector<ClientReportCell> cells;  // teams by name, then the overall row
};

// The report for the client's contract in force at now, for [from, to).
// `client_id` is needed when a manager asks; a client gets its own (an other
// id is refused, AVG-32). Refusals: KSF-3.1 no active regulation; KSF-6.3 no
// contract in force; KSF-6.5 a contract for assessment; KSF-2.3 a purpose the
// regulation does not enable; AVG-32 other roles.
Result<Decided<ClientReportData>> ClientReport(App& app, const Actor& actor, TimeMs from, TimeMs to,
                                               const std::string& client_id = "");

codec::Json ToJson(const ClientReportData& report);

}  // namespace fairqm::service
