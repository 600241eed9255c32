// The regulation's lifecycle: draft → submitted to the works council →
// consented → active (KSF-3.1, 3.5, 3.6, 3.11, 3.12, 2.1-interest, 4.1, 4.4,
// AVG-5-storage, RETENTION-split, AVG-35).
//
//   MissingForSubmission      everything a draft still lacks, in a fixed order
//                             (the web UI shows the full list)
//   DecideSubmitRegulation    status draft/rejected, then the first of
//                             MissingForSubmission
//   DecideConsentRegulation   KSF-3.11: recording the works council's consent
//   DecideActivateRegulation  KSF-3.11, AVG-35, KSF-4.1, KSF-3.12
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

// KSF-4.7: the guideline grants up to three extra assessment moments.
inline constexpr int kMaxExtraMomentsPerPeriod = 3;

// Every gap that stops a regulation from being submitted, as refusals naming
// the rule. Empty = complete. Checked, in this order:
//   KSF-1.2  at least one enabled purpose; no purpose listed twice
//   KSF-3.10 a title (the regulation is public and must be nameable)
//   per enabled purpose, in the order listed:
//     KSF-2.1-interest  legitimate interest text; legal ground set
//     KSF-3.5           necessity (subsidiarity) and proportionality texts
//     KSF-3.6           frequency quota > 0 and period > 0 days
//     KSF-1.3           at least one channel
//     AVG-5-storage     recording and evaluation retention > 0 days
//     RETENTION-split   evaluation retention >= recording retention
//     KSF-4.4           evaluation term > 0 working days, and recordings kept
//                       long enough to be evaluated within the term
//   assessment enabled:
//     KSF-4.1           assessment protocol reference
//     KSF-2.1-feedback  min_gap_days > 0
//     KSF-4.7           1 <= extra_moments_per_period <= 3, and
//                       assessment_period_days > 0
//   KSF-6.1  client_min_group_size >= kMinClientGroupSizeFloor (3)
//   KSF-3.10 complaint_term_days > 0
//   KSF-6.6  privacy statement URL (the announcement refers to it)
//   AVG-30   controller name (for the record of processing)
std::vector<Decision> MissingForSubmission(const domain::Regulation& regulation);

// KSF-3.11: only a draft (or a rejected version being resubmitted) is
// submitted; then the first item of MissingForSubmission, if any.
Decision DecideSubmitRegulation(const domain::Regulation& regulation);

// KSF-3.11: the works council's consent is recorded for a submitted version,
// with a reference and a date not in the future and not before submission.
Decision DecideConsentRegulation(const domain::Regulation& regulation, TimeMs consent_at,
                                 const std::string& consent_reference, TimeMs now);

struct ActivateRegulationFacts {
  domain::Regulation regulation;                      // the version to activate
  std::optional<domain::Regulation> previous_active;  // the version it replaces
  TimeMs now = 0;
};

// In this order: status submitted (KSF-3.11); still complete
// (MissingForSubmission); KSF-3.11 works-council consent date and reference;
// AVG-35 DPIA date and reference (not in the future); KSF-4.1 assessment
// protocol approved when assessment is enabled; KSF-3.12 when the previous
// active version was activated less than 12 calendar months before now, a
// non-empty change_legal_reason.
Decision DecideActivateRegulation(const ActivateRegulationFacts& facts);

}  // namespace fairqm::policy
