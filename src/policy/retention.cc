#include "policy/retention.h"

#include <algorithm>

#include "policy/consents.h"

namespace fairqm::policy {

namespace {

RetentionVerdict Destroy(const char* rule, std::string nl, std::string en) {
  RetentionVerdict verdict;
  verdict.destroy = true;
  verdict.rule = rule;
  verdict.reason_nl = std::move(nl);
  verdict.reason_en = std::move(en);
  return verdict;
}

RetentionVerdict Keep(TimeMs review_at, std::string nl, std::string en) {
  RetentionVerdict verdict;
  verdict.review_at = review_at;
  verdict.reason_nl = std::move(nl);
  verdict.reason_en = std::move(en);
  return verdict;
}

RetentionVerdict AlreadyDestroyed() {
  RetentionVerdict verdict;
  verdict.already_destroyed = true;
  verdict.reason_nl = "Al vernietigd.";
  verdict.reason_en = "Already destroyed.";
  return verdict;
}

}  // namespace

TimeMs RecordingEvaluateBy(TimeMs created_at, const domain::PurposeRules& rules) {
  // KSF-4.4
  return AddWorkingDays(created_at, rules.evaluation_term_working_days);
}

TimeMs RecordingDestroyAt(TimeMs created_at, const domain::PurposeRules& rules) {
  // AVG-5-storage
  return created_at + Days(rules.recording_retention_days);
}

TimeMs EvaluationDestroyAt(TimeMs created_at, const domain::PurposeRules& rules) {
  // RETENTION-split
  return created_at + Days(rules.evaluation_retention_days);
}

RetentionVerdict DecideRecordingRetention(const RecordingRetentionFacts& facts) {
  const domain::Recording& recording = facts.recording;
  const TimeMs now = facts.now;
  if (recording.destroyed_at.has_value()) return AlreadyDestroyed();
  if (now >= recording.destroy_at) {
    // AVG-5-storage
    return Destroy("AVG-5-storage", "De maximale bewaartermijn van het doel is verstreken.",
                   "The purpose's maximum retention term has passed.");
  }
  if (facts.agent_left_at.has_value() && *facts.agent_left_at <= now) {
    // AVG-leavers
    return Destroy("AVG-leavers",
                   "De medewerker is uit dienst; zijn of haar opnames worden "
                   "vernietigd.",
                   "The agent has left; their recordings are destroyed.");
  }
  if (recording.evaluated_at.has_value() && *recording.evaluated_at <= now) {
    if (facts.evaluation_open) {
      // KSF-4.8: the agent can still see and hear what their evaluation uses.
      return Keep(recording.destroy_at, "De evaluatie van deze opname is nog niet afgesloten.",
                  "The evaluation of this recording has not been closed yet.");
    }
    // KSF-4.9
    std::optional<TimeMs> hold_until;
    for (const domain::Consent& hold : facts.holds) {
      if (HoldActive(hold, recording, now)) {
        hold_until = std::max(hold_until.value_or(now), *hold.hold_until);
      }
    }
    if (!hold_until.has_value()) {
      return Destroy("KSF-4.9", "De opname is geëvalueerd en wordt daarom vernietigd.",
                     "The recording has been evaluated and is therefore destroyed.");
    }
    return Keep(std::min(*hold_until, recording.destroy_at),
                "Bewaard met toestemming van de medewerker tot " + FormatDate(*hold_until) + ".",
                "Kept with the agent's consent until " + FormatDate(*hold_until) + ".");
  }
  if (now > recording.evaluate_by) {
    // KSF-4.10
    return Destroy("KSF-4.10",
                   "De opname is niet binnen de evaluatietermijn geëvalueerd en wordt vernietigd.",
                   "The recording was not evaluated within the term and is destroyed.");
  }
  return Keep(std::min(recording.evaluate_by + 1, recording.destroy_at),
              "Wacht op evaluatie (uiterlijk " + FormatDate(recording.evaluate_by) + ").",
              "Awaiting evaluation (by " + FormatDate(recording.evaluate_by) + ").");
}

RetentionVerdict DecideEvaluationRetention(const EvaluationRetentionFacts& facts) {
  const domain::Evaluation& evaluation = facts.evaluation;
  const bool left = facts.agent_left_at.has_value() && *facts.agent_left_at <= facts.now;
  if (evaluation.destroyed_at.has_value()) return AlreadyDestroyed();
  if (facts.now >= evaluation.destroy_at) {
    if (left) {
      // AVG-leavers
      return Destroy("AVG-leavers",
                     "De medewerker is uit dienst en de bewaartermijn van de evaluatie is "
                     "verstreken.",
                     "The agent has left and the evaluation's retention term has passed.");
    }
    // RETENTION-split
    return Destroy("RETENTION-split", "De bewaartermijn van de evaluatie is verstreken.",
                   "The evaluation's retention term has passed.");
  }
  if (left && !evaluation.shared_at.has_value()) {
    // AVG-leavers
    return Destroy("AVG-leavers",
                   "De medewerker is uit dienst en deze evaluatie is nooit met hem of haar "
                   "gedeeld; zij wordt vernietigd.",
                   "The agent has left and this evaluation was never shared with them; it is "
                   "destroyed.");
  }
  return Keep(evaluation.destroy_at,
              "Bewaard tot " + FormatDate(evaluation.destroy_at) + " volgens de regeling.",
              "Kept until " + FormatDate(evaluation.destroy_at) + " under the regulation.");
}

}  // namespace fairqm::policy
