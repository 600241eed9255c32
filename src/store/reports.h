// Store: the aggregates of the works council's periodic report (KSF-3.10,
// KSF-3.11 oversight): per purpose, what was captured, evaluated on time or
// late, destroyed under which rule, held, and refused at capture; plus the
// complaints. Only counts — no person appears in it.
//
// Every figure is one GROUP BY or range count over a covering index, so the
// report stays fast on a catalogue of millions of recordings (see the
// benchmark test in reports_test.cc). Thread-safety is the connection's; use a
// reader connection inside a transaction for one consistent snapshot.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

struct PurposeFigures {
  domain::Purpose purpose = domain::Purpose::kCoaching;
  // Recordings created in the period, and of those: evaluated by their
  // deadline (KSF-4.4), evaluated after it, not evaluated (yet or ever).
  std::int64_t recordings_captured = 0;
  std::int64_t evaluated_on_time = 0;
  std::int64_t evaluated_late = 0;
  std::int64_t not_evaluated = 0;
  // DELETION-log entries in the period (recordings and evaluations), by rule.
  std::map<std::string, std::int64_t> destructions_by_rule;
  // KSF-4.9: retention holds in force at the end of the period.
  std::int64_t active_holds = 0;
  // Capture-gate refusals in the period, by rule.
  std::map<std::string, std::int64_t> capture_refusals_by_rule;
};

struct WorksCouncilReport {
  TimeMs from = 0;
  TimeMs to = 0;
  std::vector<PurposeFigures> purposes;  // one per purpose, in domain::kAllPurposes order
  // Refusals decided before a purpose was known (e.g. KSF-3.1, KSF-3.9), by rule.
  std::map<std::string, std::int64_t> capture_refusals_without_purpose;
  std::int64_t complaints_filed = 0;     // filed in the period
  std::int64_t complaints_resolved = 0;  // resolved in the period
  std::int64_t complaints_appealed = 0;  // appealed in the period
  std::int64_t complaints_overdue = 0;   // unresolved at `to` and past respond_by
};

// The report for the period [from, to).
Result<WorksCouncilReport> BuildWorksCouncilReport(db::Connection& conn, TimeMs from, TimeMs to);

}  // namespace fairqm::store
