// The agent's consents: keeping a recording longer (KSF-4.9) and using a named
// recording for training (KSF-5.1).
//
//   ConsentInForce          given at or before now and not withdrawn
//   DecideRetentionHold     KSF-4.9: urgent reason, the agent's own consent, an
//                           end date in the future and never beyond the
//                           recording's AVG-5-storage destroy_at
//   DecideTrainingUse       KSF-5.1 / PCI-pause / KSF-3.4: anonymised always
//                           (except card data); named only with the agent's
//                           written, non-withdrawn consent
//
// Pure functions over plain data; `now` is passed in. Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>

#include "common/time.h"
#include "domain/types.h"
#include "policy/decision.h"

namespace fairqm::policy {

// given_at <= now and not withdrawn at or before now.
bool ConsentInForce(const domain::Consent& consent, TimeMs now);

struct RetentionHoldFacts {
  domain::Recording recording;
  // The hold as recorded: kind kRetentionHold, the agent's id, the recording's
  // id, the urgent reason and hold_until.
  std::optional<domain::Consent> consent;
  std::string consenting_actor_id;  // who gives the consent; must be the agent
  TimeMs now = 0;
};

// KSF-4.9, in this order: the recording is not destroyed (AVG-17); a consent
// record of kind kRetentionHold for this recording exists; it is the agent's
// (consent.agent_id and the acting person are the recording's agent); it is
// in force; it states a non-empty urgent reason; hold_until is set and after
// now. AVG-5-storage: hold_until may not pass the recording's destroy_at — a
// hold only postpones the destruction after evaluation, never the maximum
// retention of the purpose.
Decision DecideRetentionHold(const RetentionHoldFacts& facts);

// True when the consent is a hold for this recording that keeps it at `now`:
// kind kRetentionHold, same recording and agent, in force, reason non-empty,
// hold_until > now. Used by the retention decision.
bool HoldActive(const domain::Consent& consent, const domain::Recording& recording, TimeMs now);

struct TrainingUseFacts {
  domain::Recording recording;
  bool named = false;                      // the named (non-anonymised) version
  std::optional<domain::Consent> consent;  // the agent's KSF-5.1 consent, if any
  TimeMs now = 0;
};

// In this order: destroyed → AVG-17; may contain card data → PCI-pause (never
// to training, not even anonymised); anonymised → allowed; named: only a
// coaching recording (KSF-3.4 — training is the coaching purpose, other
// purposes' data is used for its own purpose only), and only with a consent of
// kind kNamedTraining by the recording's agent, for this recording, stating the
// use, in force (KSF-5.1).
Decision DecideTrainingUse(const TrainingUseFacts& facts);

}  // namespace fairqm::policy
