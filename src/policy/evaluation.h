// Evaluations (monitoring moments) from start to close, and their scores.
//
//   DecideStartEvaluation   KSF-6.5, AVG-32, KSF-3.3, KSF-3.1, KSF-1.2, KSF-3.4,
//                           AVG-17, KSF-4.9, KSF-4.10, KSF-4.1, KSF-4.2,
//                           KSF-2.1-feedback
//   DecideShareEvaluation   KSF-3.8 (draft only, by its monitor), AVG-22
//   DecideCloseEvaluation   KSF-3.8 shared first, AVG-22 confirmed by a person,
//                           KSF-4.5 assessment needs its feedback meeting
//   DecideFeedbackMeeting   KSF-4.5 held by the direct supervisor or an
//                           authorised assessor of the agent, after sharing
//   DecideAgentView         KSF-2.1-view: only the evaluation's agent, once shared
//   ScoreEvaluation         weights, critical questions, N/A, required comments
//   kAssessmentDisclaimerNl/En  KSF-4.3 text for every assessment summary
//
// Pure functions over plain data; `now` is passed in. ScoreEvaluation returns
// an Error (kInvalidInput) naming the question for answers that do not fit the
// form. Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/types.h"
#include "policy/decision.h"

namespace fairqm::policy {

// KSF-4.3: monitoring is never the only basis of a final appraisal. Every
// assessment summary the product exports carries this text.
inline constexpr char kAssessmentDisclaimerNl[] =
    "Deze monitoringresultaten zijn één bron van informatie naast andere. Ze vormen nooit de "
    "enige basis voor een eindbeoordeling; fairqm berekent geen eindbeoordeling.";
inline constexpr char kAssessmentDisclaimerEn[] =
    "These monitoring results are one input among others. They are never the only basis of a "
    "final appraisal; fairqm computes no final appraisal.";

struct StartEvaluationFacts {
  domain::Role actor_role = domain::Role::kMonitor;
  std::string actor_id;
  std::vector<domain::Authorisation> actor_authorisations;
  std::optional<domain::Regulation> regulation;  // the active regulation
  domain::Employee agent;                        // the agent evaluated
  domain::Purpose purpose = domain::Purpose::kCoaching;
  // The cited recordings; may be empty for an evaluation of a live listen.
  std::vector<domain::Recording> recordings;
  // The form used; required for assessment (KSF-4.2), optional otherwise.
  std::optional<domain::EvaluationForm> form;
  // KSF-2.1-feedback: the agent's last assessment moment (its created_at).
  std::optional<TimeMs> last_assessment_at;
  TimeMs now = 0;
};

// In this order:
//   client → KSF-6.5; administrator / capture source → AVG-32; agent → KSF-3.3;
//   KSF-3.1 active regulation; KSF-1.2 purpose enabled;
//   each recording: destroyed → AVG-17, other agent or other purpose → KSF-3.4,
//     already evaluated → KSF-4.9, past evaluate_by → KSF-4.10;
//   the form's purpose differs → KSF-3.4;
//   KSF-3.3 / KSF-3.4 the actor's authorisation for this agent and purpose;
//   assessment: KSF-4.1 protocol approved; KSF-4.2 a form published at or
//     before the creation of every cited recording (and before now);
//     KSF-2.1-feedback at least min_gap_days since the last assessment moment
//     — unless every cited recording is an extra moment the agent asked for
//     (KSF-4.7), which the agent chose to have sooner.
Decision DecideStartEvaluation(const StartEvaluationFacts& facts);

struct EvaluationActionFacts {
  domain::Role actor_role = domain::Role::kMonitor;
  std::string actor_id;
  domain::Evaluation evaluation;
  std::string supervisor_id;  // the agent's direct supervisor (Team::supervisor_id)
  TimeMs now = 0;
};

// Sharing with the agent (KSF-3.8): client → KSF-6.5; only the evaluation's
// monitor shares (KSF-3.3); only a draft (KSF-3.8); a score must have been
// computed (KSF-3.8: the outcome is written down); an automated suggestion
// must first be confirmed by a person (AVG-22).
Decision DecideShareEvaluation(const EvaluationActionFacts& facts);

// Closing: client → KSF-6.5; only the monitor or the direct supervisor
// (KSF-3.3); not yet closed and shared with the agent (KSF-3.8); AVG-22
// confirmed; assessment: the feedback meeting is recorded (KSF-4.5).
Decision DecideCloseEvaluation(const EvaluationActionFacts& facts);

struct FeedbackMeetingFacts {
  domain::Role actor_role = domain::Role::kMonitor;
  std::string held_by_id;  // who held the meeting
  std::vector<domain::Authorisation> held_by_authorisations;
  domain::Evaluation evaluation;
  domain::Employee agent;
  std::string supervisor_id;  // the agent's direct supervisor
  TimeMs held_at = 0;
  TimeMs now = 0;
};

// KSF-4.5: the results are given orally and in writing by the direct
// supervisor. Our choice: the direct supervisor always may; otherwise a person
// holding an active authorisation covering the agent for the evaluation's
// purpose (the other supervisor or trainer of KSF-4.6, or a stand-in when the
// supervisor is away). The written evaluation must be shared first (KSF-3.8),
// the meeting cannot be in the future or before sharing, and a client never
// holds it (KSF-6.5).
Decision DecideFeedbackMeeting(const FeedbackMeetingFacts& facts);

struct AgentViewFacts {
  domain::Role actor_role = domain::Role::kAgent;
  std::string actor_id;
  domain::Evaluation evaluation;
  std::string view;
  TimeMs now = 0;
};

// KSF-2.1-view: only the evaluation's agent gives their view, on a shared or
// closed evaluation, and it is not empty.
Decision DecideAgentView(const AgentViewFacts& facts);

// AVG-22: confirming an automated suggestion is a person's act: any actor but
// the capture source or an administrator, with a non-empty id, who is not the
// agent evaluated.
Decision DecideConfirmSuggestion(domain::Role actor_role, const std::string& actor_id,
                                 const domain::Evaluation& evaluation);

struct ScoreResult {
  double score = 0.0;           // 0..100
  bool auto_failed = false;     // a critical question scored zero
  std::string failed_question;  // the first critical question that scored zero
  double counted_weight = 0.0;  // sum of the weights of the answered questions
};

// Scores answers against a form. Every question must be answered exactly once
// (score, or nullopt = N/A only where allow_na); no answer for an unknown
// question; 0 <= score <= max_score; comment_required and score < max →
// non-empty comment. N/A answers drop out of the weight. A zero on a critical
// question makes the total 0 (auto_failed). The score is the weighted mean of
// score / max_score, times 100. Errors are kInvalidInput and name the question.
Result<ScoreResult> ScoreEvaluation(const domain::EvaluationForm& form,
                                    const std::vector<domain::Answer>& answers);

}  // namespace fairqm::policy
