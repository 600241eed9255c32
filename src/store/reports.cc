#include "store/reports.h"

#include "store/internal.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT

// Range seek into the covering index recordings_report (purpose, created_at,
// evaluated_at, evaluate_by): no table rows are read.
constexpr std::string_view kRecordingFigures =
    "SELECT COUNT(*),"
    " SUM(CASE WHEN evaluated_at IS NOT NULL AND evaluated_at <= evaluate_by THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN evaluated_at IS NOT NULL AND evaluated_at > evaluate_by THEN 1 ELSE 0 END)"
    " FROM recordings WHERE purpose = $1 AND created_at >= $2 AND created_at < $3";
// Covering index deletion_log_report (purpose, rule, destroyed_at): no sort.
constexpr std::string_view kDestructionFigures =
    "SELECT purpose, rule, COUNT(*) FROM deletion_log"
    " WHERE destroyed_at >= $1 AND destroyed_at < $2 GROUP BY purpose, rule";
// Holds are few; a hold counts if given by `to` and neither withdrawn nor
// ended by then.
constexpr std::string_view kActiveHoldFigures =
    "SELECT r.purpose, COUNT(*) FROM consents c JOIN recordings r ON r.id = c.recording_id"
    " WHERE c.kind = 'retention_hold' AND c.given_at < $1 AND c.hold_until > $1"
    " AND (c.withdrawn_at IS NULL OR c.withdrawn_at > $1) GROUP BY r.purpose";
// Covering index capture_refusals_report (purpose, rule, at): no sort.
constexpr std::string_view kRefusalFigures =
    "SELECT purpose, rule, COUNT(*) FROM capture_refusals"
    " WHERE at >= $1 AND at < $2 GROUP BY purpose, rule";
constexpr std::string_view kComplaintFigures =
    "SELECT"
    " SUM(CASE WHEN filed_at >= $1 AND filed_at < $2 THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN resolved_at >= $1 AND resolved_at < $2 THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN appealed_at >= $1 AND appealed_at < $2 THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN filed_at < $2 AND (resolved_at IS NULL OR resolved_at >= $2)"
    "     AND respond_by < $2 THEN 1 ELSE 0 END)"
    " FROM complaints";

PurposeFigures* FiguresFor(WorksCouncilReport& report, const std::string& purpose_name) {
  const std::optional<domain::Purpose> purpose = domain::ParsePurpose(purpose_name);
  if (!purpose) return nullptr;
  for (PurposeFigures& figures : report.purposes) {
    if (figures.purpose == *purpose) return &figures;
  }
  return nullptr;
}

}  // namespace

Result<WorksCouncilReport> BuildWorksCouncilReport(db::Connection& conn, TimeMs from, TimeMs to) {
  if (to < from) return MakeError(ErrorCode::kInvalidInput, "report period ends before it starts");
  WorksCouncilReport report;
  report.from = from;
  report.to = to;
  for (domain::Purpose purpose : domain::kAllPurposes) {
    PurposeFigures figures;
    figures.purpose = purpose;
    FAIRQM_ASSIGN_OR_RETURN(db::Rows rows,
                            conn.Query(kRecordingFigures, {EnumText(purpose), Int(from), Int(to)}));
    if (!rows.empty()) {
      figures.recordings_captured = rows[0].Int(0);
      figures.evaluated_on_time = rows[0].Int(1);
      figures.evaluated_late = rows[0].Int(2);
      figures.not_evaluated =
          figures.recordings_captured - figures.evaluated_on_time - figures.evaluated_late;
    }
    report.purposes.push_back(std::move(figures));
  }

  FAIRQM_ASSIGN_OR_RETURN(db::Rows destructions,
                          conn.Query(kDestructionFigures, {Int(from), Int(to)}));
  for (const db::Row& row : destructions) {
    if (PurposeFigures* figures = FiguresFor(report, row.Text(0))) {
      figures->destructions_by_rule[row.Text(1)] += row.Int(2);
    }
  }
  FAIRQM_ASSIGN_OR_RETURN(db::Rows holds, conn.Query(kActiveHoldFigures, {Int(to)}));
  for (const db::Row& row : holds) {
    if (PurposeFigures* figures = FiguresFor(report, row.Text(0))) {
      figures->active_holds += row.Int(1);
    }
  }
  FAIRQM_ASSIGN_OR_RETURN(db::Rows refusals, conn.Query(kRefusalFigures, {Int(from), Int(to)}));
  for (const db::Row& row : refusals) {
    if (PurposeFigures* figures = FiguresFor(report, row.Text(0))) {
      figures->capture_refusals_by_rule[row.Text(1)] += row.Int(2);
    } else {
      report.capture_refusals_without_purpose[row.Text(1)] += row.Int(2);
    }
  }
  FAIRQM_ASSIGN_OR_RETURN(db::Rows complaints, conn.Query(kComplaintFigures, {Int(from), Int(to)}));
  if (!complaints.empty()) {
    report.complaints_filed = complaints[0].Int(0);
    report.complaints_resolved = complaints[0].Int(1);
    report.complaints_appealed = complaints[0].Int(2);
    report.complaints_overdue = complaints[0].Int(3);
  }
  return report;
}

}  // namespace fairqm::store
