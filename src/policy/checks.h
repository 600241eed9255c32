// Shared building blocks of the policy engine: the checks that several
// actions have in common (is there an active regulation, may this line and
// this person be monitored at all, is the purpose enabled). The Decide*
// functions in the other headers call them in a fixed order; the service
// layer may call them directly, e.g. to explain to an agent why nothing of
// theirs is recorded.
//
// All functions are pure and deterministic: no I/O, no clock (the current
// time is passed in as `now`). They return Decision::Allow() or a refusal
// naming the rule. Thread-safety: stateless, safe from any thread.
#pragma once

#include <optional>
#include <string>

#include "common/time.h"
#include "domain/types.h"
#include "policy/decision.h"

namespace fairqm::policy {

// KSF-3.1: a regulation exists, has status kActive and was activated at or
// before `now`. nullopt = no active regulation.
Decision CheckRegulationActive(const std::optional<domain::Regulation>& regulation, TimeMs now);

// KSF-3.9 (private lines) and KSF-2.1-confidential (confidential lines):
// only routine business lines are ever captured or listened to.
Decision CheckLineMonitorable(domain::LineKind line);

// May this person be monitored at all? In this order:
//   unknown person                      → KSF-3.2
//   protected role or function (company doctor, works-council member,
//   confidential adviser)               → KSF-2.1-confidential
//   has left (leave_date <= now), not yet started, not an agent
//   (function kAgent with customer contact, any contract type) → KSF-3.2
//   not informed of the regulation (informed_at unset or > now) → KSF-3.7
Decision CheckAgentMonitorable(const std::optional<domain::Employee>& agent, TimeMs now);

// KSF-2.1-confidential only: true when the person has a legal duty of
// confidentiality (by protected role or by job function).
bool IsProtectedPerson(const domain::Employee& person);

// KSF-1.2: the purpose is enabled in the regulation.
Decision CheckPurposeEnabled(const domain::Regulation& regulation, domain::Purpose purpose);

// KSF-4.1: for assessment, the works council approved the assessment protocol
// (reference set, approved_at <= now). Allows other purposes unconditionally.
Decision CheckAssessmentProtocol(const domain::Regulation& regulation, domain::Purpose purpose,
                                 TimeMs now);

// Dutch and English names of a purpose as used in reasons
// ("beoordeling" / "assessment").
std::string PurposeNl(domain::Purpose purpose);
std::string PurposeEn(domain::Purpose purpose);

}  // namespace fairqm::policy
