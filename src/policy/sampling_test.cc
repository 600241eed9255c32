// KSF-3.6 sampling: never above the quota, fair across agents, spread over the
// period, and not predictable (different random sources pick different
// contacts). Uses SeededRandom, so every run is the same.
#include "policy/sampling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "policy/policy_test_util.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

constexpr int kPeriodDays = 28;

// Contact start times of one agent in one period, sorted.
std::vector<TimeMs> UniformContacts(const Period& period, int count, Random& random) {
  std::vector<TimeMs> times;
  for (int contact_idx = 0; contact_idx < count; ++contact_idx) {
    times.push_back(period.start + static_cast<TimeMs>(random.Uniform(
                                       static_cast<std::uint64_t>(period.end - period.start))));
  }
  std::sort(times.begin(), times.end());
  return times;
}

// Contacts only on weekdays between 09:00 and 17:00.
std::vector<TimeMs> OfficeHourContacts(const Period& period, int count, Random& random) {
  std::vector<TimeMs> times;
  while (static_cast<int>(times.size()) < count) {
    TimeMs t =
        period.start +
        static_cast<TimeMs>(random.Uniform(static_cast<std::uint64_t>(period.end - period.start)));
    TimeMs in_day = ((t % kDayMs) + kDayMs) % kDayMs;
    if (Weekday(t) < 5 && in_day >= 9 * kHourMs && in_day < 17 * kHourMs) times.push_back(t);
  }
  std::sort(times.begin(), times.end());
  return times;
}

// Runs the sampler over one agent's contacts; returns the chosen indexes.
std::vector<int> Sample(const std::vector<TimeMs>& contacts, const Period& period, int quota,
                        double expected, Random& random) {
  SamplerState state;
  state.period = period;
  state.quota = quota;
  state.expected_contacts_in_period = expected;
  std::vector<int> chosen;
  for (int contact_idx = 0; contact_idx < static_cast<int>(contacts.size()); ++contact_idx) {
    if (ShouldRecord(state, contacts[contact_idx], random)) {
      chosen.push_back(contact_idx);
      ++state.recorded_in_period;
    }
  }
  return chosen;
}

Period TestPeriod() { return CurrentPeriod(T0(), kPeriodDays, T0()); }

TEST(Sampling, KSF_3_6_NeverExceedsQuota) {
  SeededRandom contacts_random(1);
  SeededRandom sampler_random(2);
  const Period period = TestPeriod();
  for (double expected : {0.0, 1.0, 50.0, 200.0, 5000.0}) {
    for (int quota : {1, 3, 8, 20}) {
      std::vector<TimeMs> contacts = UniformContacts(period, 600, contacts_random);
      std::vector<int> chosen = Sample(contacts, period, quota, expected, sampler_random);
      EXPECT_LE(static_cast<int>(chosen.size()), quota) << "expected " << expected;
    }
  }
}

TEST(Sampling, KSF_3_6_ZeroQuotaOrOutsidePeriodRecordsNothing) {
  SamplerState state;
  state.period = TestPeriod();
  state.quota = 0;
  EXPECT_EQ(RecordProbability(state, T0() + kHourMs), 0.0);
  state.quota = 5;
  EXPECT_EQ(RecordProbability(state, state.period.start - 1), 0.0);
  EXPECT_EQ(RecordProbability(state, state.period.end), 0.0);
  state.recorded_in_period = 5;
  EXPECT_EQ(RecordProbability(state, T0() + kHourMs), 0.0);
}

TEST(Sampling, KSF_3_6_ProbabilityRisesTowardsSlotEndAndCatchesUp) {
  SamplerState state;
  state.period = TestPeriod();
  state.quota = 4;                          // slots of 7 days
  state.expected_contacts_in_period = 400;  // 100 per slot
  EXPECT_NEAR(RecordProbability(state, state.period.start), 0.01, 1e-9);
  EXPECT_NEAR(RecordProbability(state, state.period.start + Days(7) / 2), 0.02, 1e-6);
  EXPECT_DOUBLE_EQ(RecordProbability(state, state.period.start + Days(7) - kMinuteMs), 1.0);
  // Slot 0 already has its recording: nothing more until slot 1.
  state.recorded_in_period = 1;
  EXPECT_EQ(RecordProbability(state, state.period.start + Days(3)), 0.0);
  // Slot 2 with only one recording so far: two are due, so the chance doubles.
  EXPECT_NEAR(RecordProbability(state, state.period.start + Days(14)), 0.02, 1e-9);
  // No estimate: kDefaultExpectedContactsPerSlot.
  state.recorded_in_period = 0;
  state.expected_contacts_in_period = 0;
  EXPECT_NEAR(RecordProbability(state, state.period.start), 1.0 / kDefaultExpectedContactsPerSlot,
              1e-9);
}

struct Fleet {
  std::vector<int> counts;  // recordings per agent
  std::vector<int> quarter_counts = {0, 0, 0, 0};
  std::vector<std::vector<int>> chosen;  // per agent
  int first_in_slot = 0;                 // picks that were the slot's first contact
};

Fleet RunFleet(int agents, int quota, int contacts_per_agent, double expected,
               std::uint64_t sampler_seed, bool office_hours = false) {
  SeededRandom contacts_random(12345);  // same contact stream for every sampler seed
  SeededRandom sampler_random(sampler_seed);
  const Period period = TestPeriod();
  const TimeMs length = period.end - period.start;
  Fleet fleet;
  for (int agent_idx = 0; agent_idx < agents; ++agent_idx) {
    std::vector<TimeMs> contacts =
        office_hours ? OfficeHourContacts(period, contacts_per_agent, contacts_random)
                     : UniformContacts(period, contacts_per_agent, contacts_random);
    std::vector<int> chosen = Sample(contacts, period, quota, expected, sampler_random);
    fleet.counts.push_back(static_cast<int>(chosen.size()));
    for (int contact_idx : chosen) {
      const TimeMs offset = contacts[contact_idx] - period.start;
      ++fleet.quarter_counts[static_cast<std::size_t>(offset * 4 / length)];
      const TimeMs slot_length = length / quota;
      const TimeMs slot_start = period.start + (offset / slot_length) * slot_length;
      if (contact_idx == 0 || contacts[contact_idx - 1] < slot_start) ++fleet.first_in_slot;
    }
    fleet.chosen.push_back(std::move(chosen));
  }
  return fleet;
}

TEST(Sampling, KSF_3_6_FairAcrossSixtyAgents) {
  Fleet fleet = RunFleet(60, 8, 200, 200.0, 7);
  int total = 0;
  for (int count : fleet.counts) {
    EXPECT_GE(count, 7);  // at most one slot may stay empty
    EXPECT_LE(count, 8);
    total += count;
  }
  EXPECT_GE(total, 60 * 8 - 6);  // nearly every agent gets exactly the quota
}

TEST(Sampling, KSF_3_6_RobustToWrongEstimates) {
  // Estimate three times too high: the probability still reaches 1 near each
  // slot's end, so agents still get (nearly) their quota.
  Fleet high = RunFleet(60, 8, 200, 600.0, 8);
  // Estimate three times too low: slots fill early; never above quota.
  Fleet low = RunFleet(60, 8, 200, 67.0, 9);
  for (std::size_t agent_idx = 0; agent_idx < 60; ++agent_idx) {
    EXPECT_GE(high.counts[agent_idx], 7);
    EXPECT_LE(high.counts[agent_idx], 8);
    EXPECT_GE(low.counts[agent_idx], 7);
    EXPECT_LE(low.counts[agent_idx], 8);
  }
}

TEST(Sampling, KSF_3_6_OfficeHoursStillFillQuota) {
  Fleet fleet = RunFleet(60, 8, 200, 200.0, 10, /*office_hours=*/true);
  for (int count : fleet.counts) {
    EXPECT_GE(count, 7);
    EXPECT_LE(count, 8);
  }
}

TEST(Sampling, KSF_3_6_SpreadEvenlyOverQuartersWithManySlots) {
  Fleet fleet = RunFleet(60, 8, 200, 200.0, 11);
  int total = 0;
  for (int count : fleet.quarter_counts) total += count;
  for (int count : fleet.quarter_counts) {
    EXPECT_NEAR(static_cast<double>(count) / total, 0.25, 0.03);
  }
}

// With one recording per period the moment within the period is uniform: a
// chi-square test over the four quarters (3 degrees of freedom, 1% critical
// value 11.34).
TEST(Sampling, KSF_3_6_SingleRecordingUniformOverPeriod) {
  const int agents = 400;
  Fleet fleet = RunFleet(agents, 1, 200, 200.0, 12);
  int total = 0;
  for (int count : fleet.quarter_counts) total += count;
  ASSERT_GE(total, agents - 5);
  double chi_square = 0.0;
  const double expected = total / 4.0;
  for (int count : fleet.quarter_counts) {
    chi_square += (count - expected) * (count - expected) / expected;
  }
  EXPECT_LT(chi_square, 11.34) << fleet.quarter_counts[0] << " " << fleet.quarter_counts[1] << " "
                               << fleet.quarter_counts[2] << " " << fleet.quarter_counts[3];
}

TEST(Sampling, KSF_3_6_NotPredictableAcrossRandomSources) {
  Fleet a = RunFleet(60, 8, 200, 200.0, 21);
  Fleet b = RunFleet(60, 8, 200, 200.0, 22);
  int same = 0;
  int total = 0;
  for (std::size_t agent_idx = 0; agent_idx < a.chosen.size(); ++agent_idx) {
    std::set<int> picks_a(a.chosen[agent_idx].begin(), a.chosen[agent_idx].end());
    for (int pick : b.chosen[agent_idx]) same += picks_a.count(pick) > 0 ? 1 : 0;
    total += static_cast<int>(a.chosen[agent_idx].size());
  }
  // About 1 in 25 would coincide by chance (25 contacts per slot).
  EXPECT_LT(static_cast<double>(same) / total, 0.10) << same << " of " << total;
  // Nor is "the first contact of each slot" a pattern anyone could rely on.
  EXPECT_LT(static_cast<double>(a.first_in_slot) / total, 0.10);
  // The same seed repeats exactly (tests are deterministic).
  Fleet a_again = RunFleet(60, 8, 200, 200.0, 21);
  EXPECT_EQ(a.chosen, a_again.chosen);
}

}  // namespace
}  // namespace fairqm::policy
