#include "policy/sampling.h"

#include <algorithm>
#include <cmath>

namespace fairqm::policy {

double RecordProbability(const SamplerState& state, TimeMs now) {
  // KSF-3.6: never beyond the quota, never outside the period.
  if (state.quota <= 0 || state.recorded_in_period >= state.quota) return 0.0;
  if (now < state.period.start || now >= state.period.end) return 0.0;
  const double length = static_cast<double>(state.period.end - state.period.start);
  const double slot_length = length / state.quota;
  const double elapsed = static_cast<double>(now - state.period.start);
  const int slot = std::min(state.quota - 1, static_cast<int>(std::floor(elapsed / slot_length)));
  const int due = slot + 1 - state.recorded_in_period;
  if (due <= 0) return 0.0;
  const double per_slot = state.expected_contacts_in_period > 0.0
                              ? state.expected_contacts_in_period / state.quota
                              : kDefaultExpectedContactsPerSlot;
  const double slot_end = slot_length * (slot + 1);
  const double remaining_fraction = std::clamp((slot_end - elapsed) / slot_length, 0.0, 1.0);
  const double expected_remaining = per_slot * remaining_fraction;
  return std::min(1.0, static_cast<double>(due) / std::max(1.0, expected_remaining));
}

bool ShouldRecord(const SamplerState& state, TimeMs now, Random& random) {
  const double p = RecordProbability(state, now);
  if (p <= 0.0) return false;
  // Always draw when there is a chance, so the sequence of draws does not
  // reveal whether p was 1.
  return random.UniformDouble() < p;
}

}  // namespace fairqm::policy
