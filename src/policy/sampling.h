// KSF-3.6 random sampling: which contacts within the frequency quota are
// recorded, chosen at random and spread over the period, so that nobody — not
// the agent, not a team lead, not the customer — can pick or avoid the
// recorded contacts.
//
// Design. The period is cut into `quota` equal slots; by the end of slot k
// (0-based) at most k+1 contacts of the agent have been recorded, so the
// recordings are spread over the period and never exceed the quota. Within a
// slot a contact arriving at time t is recorded with probability
//
//     p = min(1, due / max(1, expected contacts in the rest of the slot))
//
// where due = (k + 1) − recorded_in_period (slots missed earlier are caught up)
// and the expected contacts in the rest of the slot come from the agent's
// expected contact rate. With contacts arriving at a steady rate this hazard
// (1 / remaining time) makes the recorded moment uniform over the slot; when
// the rate is overestimated, the probability climbs to 1 near the end of the
// slot so the quota is still used; when underestimated, the slot fills early
// and later contacts in it are skipped. The decision uses only the injected
// Random, so production (SodiumRandom) is unpredictable and tests
// (SeededRandom) are repeatable.
//
// This is the "will" after the capture gate's "may" (capture.h): the service
// asks DecideCapture first and records only if both agree. Extra moments
// (KSF-4.7) are outside the quota and are not sampled here.
// Pure functions; thread-safety: as safe as the Random passed in.
#pragma once

#include "common/random.h"
#include "common/time.h"
#include "policy/requests.h"

namespace fairqm::policy {

// Used per slot when the caller has no estimate of the agent's contacts.
inline constexpr double kDefaultExpectedContactsPerSlot = 20.0;

struct SamplerState {
  Period period;               // the current frequency period (CurrentPeriod)
  int quota = 0;               // KSF-3.6: contacts per agent per period
  int recorded_in_period = 0;  // sampled recordings of this agent+purpose so far
  // Estimated contacts of this agent in a whole period (e.g. last period's
  // count); <= 0 = unknown, kDefaultExpectedContactsPerSlot per slot is used.
  double expected_contacts_in_period = 0.0;
};

// The probability that a contact at `now` is recorded (0 when the quota is
// used, the quota is 0, or now is outside the period).
double RecordProbability(const SamplerState& state, TimeMs now);

// Draws once from `random` and returns true when the contact is to be
// recorded. Never true once recorded_in_period >= quota.
bool ShouldRecord(const SamplerState& state, TimeMs now, Random& random);

}  // namespace fairqm::policy
