// Agents' requests, complaints and data-subject requests, and the periods
// they are counted in.
//
//   CurrentPeriod                  the frequency / assessment period holding `now`
//   DecideExtraMomentRequest       KSF-4.7: at most N (<= 3) per assessment period
//   DecideOtherEvaluatorRequest    KSF-4.6: another authorised assessor instead
//   ComplaintRespondBy / DecideAppeal  KSF-3.10: appeal to the works council
//   DataSubjectRequestDueAt / DecideExtendDataSubjectRequest  AVG-12
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

struct Period {
  TimeMs start = 0;  // inclusive
  TimeMs end = 0;    // exclusive
};

// Periods of `period_days` days laid end to end from `anchor` (e.g. the
// regulation's activated_at); returns the one containing `now`. For now <
// anchor it returns the period just before anchor. period_days <= 0 is treated
// as 1.
Period CurrentPeriod(TimeMs anchor, int period_days, TimeMs now);

struct ExtraMomentFacts {
  std::optional<domain::Regulation> regulation;  // the active regulation
  domain::Role requester_role = domain::Role::kAgent;
  std::string requester_id;
  std::string agent_id;  // for whom the extra moment is asked
  // Requests of this agent in the current assessment period that were granted
  // or are still open (refused ones do not count).
  int earlier_requests_in_period = 0;
  TimeMs now = 0;
};

// KSF-3.1 active regulation; KSF-4.7 assessment enabled, asked by the agent
// themself, fewer than Regulation::extra_moments_per_period earlier requests
// (the 4th is refused with the default of 3).
Decision DecideExtraMomentRequest(const ExtraMomentFacts& facts);

struct OtherEvaluatorFacts {
  domain::Role requester_role = domain::Role::kAgent;
  std::string requester_id;
  domain::Employee agent;           // the agent asking
  std::string original_monitor_id;  // who would monitor otherwise
  std::string requested_evaluator_id;
  std::vector<domain::Authorisation> requested_evaluator_authorisations;
  domain::Purpose purpose = domain::Purpose::kAssessment;
  TimeMs now = 0;
};

// KSF-4.6: asked by the agent themself; a person is named, who is not the
// original monitor and not the agent; and that person holds an active,
// acknowledged authorisation covering this agent for the purpose (an
// authorisation issued to a client does not count — KSF-6.5).
Decision DecideOtherEvaluatorRequest(const OtherEvaluatorFacts& facts);

// KSF-3.10: the date by which management must take up a complaint.
TimeMs ComplaintRespondBy(TimeMs filed_at, const domain::Regulation& regulation);

// KSF-3.10: an appeal to the works council, by the complainant, once: allowed
// when management responded (response recorded or resolved), or when the
// complaint was not taken up by respond_by (not taken up at all and now is past
// respond_by, or taken up only after respond_by).
Decision DecideAppeal(const domain::Complaint& complaint, const std::string& appellant_id,
                      TimeMs now);

// AVG-12: one calendar month after receipt, or three when the person was told
// of the extension within the first month.
TimeMs DataSubjectRequestDueAt(TimeMs received_at, bool extended);

// AVG-12: an extension is told at `now`, at most once, before the request is
// answered and within the first month.
Decision DecideExtendDataSubjectRequest(const domain::DataSubjectRequest& request, TimeMs now);

}  // namespace fairqm::policy
