#include "policy/evaluation.h"

#include <algorithm>
#include <map>
#include <set>

#include "policy/access.h"
#include "policy/checks.h"

namespace fairqm::policy {

using domain::EvaluationStatus;
using domain::Purpose;
using domain::Role;

namespace {

Decision RefuseClient() {
  // KSF-6.5
  return Decision::Refuse("KSF-6.5",
                          "Een opdrachtgever beoordeelt of evalueert nooit medewerkers; dat "
                          "blijft de verantwoordelijkheid van de werkgever.",
                          "A client never evaluates or assesses agents; that stays the "
                          "employer's responsibility.");
}

// Role gate shared by the evaluation actions.
Decision CheckEvaluatorRole(Role role) {
  if (role == Role::kClient) return RefuseClient();
  return DecideRoleAccess(role, Action::kEvaluate);
}

Decision RefuseAutomated() {
  // AVG-22
  return Decision::Refuse("AVG-22",
                          "Deze score is een automatische suggestie; een persoon moet hem eerst "
                          "bevestigen.",
                          "This score is an automated suggestion; a person must confirm it "
                          "first.");
}

bool NeedsConfirmation(const domain::Evaluation& evaluation) {
  return evaluation.automated_suggestion && evaluation.confirmed_by.empty();
}

}  // namespace

Decision DecideStartEvaluation(const StartEvaluationFacts& facts) {
  if (Decision d = CheckEvaluatorRole(facts.actor_role); !d) return d;
  if (Decision d = CheckRegulationActive(facts.regulation, facts.now); !d) return d;
  const domain::Regulation& regulation = *facts.regulation;
  if (Decision d = CheckPurposeEnabled(regulation, facts.purpose); !d) return d;

  bool all_extra = !facts.recordings.empty();
  for (const domain::Recording& recording : facts.recordings) {
    if (recording.destroyed_at.has_value()) {
      // AVG-17
      return Decision::Refuse("AVG-17",
                              "Een van de opnames is vernietigd en kan niet worden "
                              "geëvalueerd.",
                              "One of the recordings has been destroyed and cannot be "
                              "evaluated.");
    }
    if (recording.agent_id != facts.agent.id) {
      // KSF-3.4: one monitoring moment is about one agent.
      return Decision::Refuse("KSF-3.4",
                              "Een evaluatie gaat over één medewerker; opname " + recording.id +
                                  " is van iemand anders.",
                              "An evaluation is about one agent; recording " + recording.id +
                                  " belongs to someone else.");
    }
    if (recording.purpose != facts.purpose) {
      // KSF-3.4
      return Decision::Refuse(
          "KSF-3.4",
          "Opname " + recording.id + " is gemaakt voor '" + PurposeNl(recording.purpose) +
              "' en mag niet in een evaluatie voor '" + PurposeNl(facts.purpose) +
              "' worden gebruikt (doelbinding).",
          "Recording " + recording.id + " was made for '" + PurposeEn(recording.purpose) +
              "' and may not be cited in an evaluation for '" + PurposeEn(facts.purpose) +
              "' (purpose binding).");
    }
    if (recording.evaluated_at.has_value()) {
      // KSF-4.9: after evaluation a recording is to be destroyed, not reused.
      return Decision::Refuse("KSF-4.9",
                              "Opname " + recording.id +
                                  " is al geëvalueerd; na evaluatie wordt een opname vernietigd "
                                  "en niet opnieuw gebruikt.",
                              "Recording " + recording.id +
                                  " has already been evaluated; after evaluation a recording "
                                  "is destroyed, not reused.");
    }
    if (facts.now > recording.evaluate_by) {
      // KSF-4.10
      return Decision::Refuse(
          "KSF-4.10",
          "De evaluatietermijn van opname " + recording.id + " is op " +
              FormatDate(recording.evaluate_by) + " verstreken; de opname wordt vernietigd.",
          "The evaluation term of recording " + recording.id + " ended on " +
              FormatDate(recording.evaluate_by) + "; the recording is destroyed.");
    }
    all_extra = all_extra && recording.extra_moment;
  }
  if (facts.form.has_value() && facts.form->purpose != facts.purpose) {
    // KSF-3.4
    return Decision::Refuse("KSF-3.4",
                            "Dit evaluatieformulier hoort bij '" + PurposeNl(facts.form->purpose) +
                                "', niet bij '" + PurposeNl(facts.purpose) + "'.",
                            "This evaluation form belongs to '" + PurposeEn(facts.form->purpose) +
                                "', not to '" + PurposeEn(facts.purpose) + "'.");
  }
  if (Decision d = CheckAuthorised(facts.actor_authorisations, facts.actor_id, facts.agent,
                                   facts.purpose, facts.now);
      !d) {
    return d;
  }
  if (facts.purpose != Purpose::kAssessment) return Decision::Allow();

  if (Decision d = CheckAssessmentProtocol(regulation, facts.purpose, facts.now); !d) return d;
  // KSF-4.2: criteria known in advance.
  TimeMs earliest = facts.now;
  for (const domain::Recording& recording : facts.recordings) {
    earliest = std::min(earliest, recording.created_at);
  }
  if (!facts.form.has_value() || !facts.form->published_at.has_value() ||
      *facts.form->published_at > earliest) {
    return Decision::Refuse("KSF-4.2",
                            "Het evaluatieformulier was niet gepubliceerd voordat de opname werd "
                            "gemaakt; de beoordelingscriteria moeten vooraf bekend zijn.",
                            "The evaluation form was not published before the recording was "
                            "made; assessment criteria must be known in advance.");
  }
  // KSF-2.1-feedback
  const domain::PurposeRules& rules = *regulation.RulesFor(Purpose::kAssessment);
  if (!all_extra && facts.last_assessment_at.has_value() &&
      facts.now < *facts.last_assessment_at + Days(rules.min_gap_days)) {
    const TimeMs next = *facts.last_assessment_at + Days(rules.min_gap_days);
    return Decision::Refuse("KSF-2.1-feedback",
                            "De medewerker moet na het vorige beoordelingsmoment de kans krijgen "
                            "om aan verbeterpunten te werken; het volgende kan vanaf " +
                                FormatDate(next) + ".",
                            "The agent must get the chance to work on improvement points after "
                            "the previous assessment moment; the next one can be from " +
                                FormatDate(next) + ".");
  }
  return Decision::Allow();
}

Decision DecideShareEvaluation(const EvaluationActionFacts& facts) {
  if (Decision d = CheckEvaluatorRole(facts.actor_role); !d) return d;
  const domain::Evaluation& evaluation = facts.evaluation;
  if (facts.actor_id.empty() || facts.actor_id != evaluation.monitor_id) {
    // KSF-3.3
    return Decision::Refuse("KSF-3.3",
                            "Alleen de monitor die de evaluatie maakte, deelt haar met de "
                            "medewerker.",
                            "Only the monitor who wrote the evaluation shares it with the agent.");
  }
  if (evaluation.status != EvaluationStatus::kDraft) {
    // KSF-3.8
    return Decision::Refuse("KSF-3.8", "Deze evaluatie is al met de medewerker gedeeld.",
                            "This evaluation has already been shared with the agent.");
  }
  if (!evaluation.score.has_value() && evaluation.summary.empty()) {
    // KSF-3.8: the outcome is written down.
    return Decision::Refuse("KSF-3.8",
                            "De evaluatie bevat nog geen uitkomst (score of samenvatting).",
                            "The evaluation has no outcome yet (score or summary).");
  }
  if (NeedsConfirmation(evaluation)) return RefuseAutomated();
  return Decision::Allow();
}

Decision DecideCloseEvaluation(const EvaluationActionFacts& facts) {
  if (Decision d = CheckEvaluatorRole(facts.actor_role); !d) return d;
  const domain::Evaluation& evaluation = facts.evaluation;
  if (facts.actor_id.empty() ||
      (facts.actor_id != evaluation.monitor_id && facts.actor_id != facts.supervisor_id)) {
    // KSF-3.3
    return Decision::Refuse("KSF-3.3",
                            "Alleen de monitor of de direct leidinggevende sluit de evaluatie af.",
                            "Only the monitor or the direct supervisor closes the evaluation.");
  }
  if (evaluation.status == EvaluationStatus::kClosed) {
    return Decision::Refuse("KSF-3.8", "Deze evaluatie is al afgesloten.",
                            "This evaluation is already closed.");
  }
  if (evaluation.status != EvaluationStatus::kShared || !evaluation.shared_at.has_value() ||
      *evaluation.shared_at > facts.now) {
    // KSF-3.8
    return Decision::Refuse("KSF-3.8",
                            "Een evaluatie kan pas worden afgesloten nadat zij met de medewerker "
                            "is gedeeld.",
                            "An evaluation can only be closed after it has been shared with the "
                            "agent.");
  }
  if (NeedsConfirmation(evaluation)) return RefuseAutomated();
  if (evaluation.purpose == Purpose::kAssessment && !evaluation.feedback.has_value()) {
    // KSF-4.5
    return Decision::Refuse("KSF-4.5",
                            "Het feedbackgesprek met de medewerker is nog niet vastgelegd.",
                            "The feedback meeting with the agent has not been recorded yet.");
  }
  return Decision::Allow();
}

Decision DecideFeedbackMeeting(const FeedbackMeetingFacts& facts) {
  if (facts.actor_role == Role::kClient) return RefuseClient();
  if (Decision d = DecideRoleAccess(facts.actor_role, Action::kHoldFeedbackMeeting); !d) return d;
  const domain::Evaluation& evaluation = facts.evaluation;
  const bool supervisor = !facts.held_by_id.empty() && facts.held_by_id == facts.supervisor_id;
  if (!supervisor) {
    Decision authorised = CheckAuthorised(facts.held_by_authorisations, facts.held_by_id,
                                          facts.agent, evaluation.purpose, facts.now);
    if (!authorised) {
      // KSF-4.5
      return Decision::Refuse("KSF-4.5",
                              "Het feedbackgesprek wordt gevoerd door de direct leidinggevende "
                              "of door iemand die geautoriseerd is deze medewerker te "
                              "beoordelen.",
                              "The feedback meeting is held by the direct supervisor or by "
                              "someone authorised to assess this agent.");
    }
  }
  if (!evaluation.shared_at.has_value() || evaluation.status == EvaluationStatus::kDraft) {
    // KSF-4.5 with KSF-3.8: orally and in writing, so the written result first.
    return Decision::Refuse("KSF-4.5",
                            "Deel de schriftelijke evaluatie eerst met de medewerker; de "
                            "uitkomst wordt mondeling én schriftelijk gegeven.",
                            "Share the written evaluation with the agent first; the results are "
                            "given orally and in writing.");
  }
  // People give the meeting's time to the second (the API reads no finer),
  // while sharing is stamped to the millisecond: a meeting in the second of
  // sharing is not before it.
  const TimeMs shared_second = *evaluation.shared_at - *evaluation.shared_at % 1000;
  if (facts.held_at > facts.now || facts.held_at < shared_second) {
    return Decision::Refuse("KSF-4.5",
                            "De datum van het feedbackgesprek ligt in de toekomst of vóór het "
                            "delen van de evaluatie.",
                            "The date of the feedback meeting is in the future or before the "
                            "evaluation was shared.");
  }
  if (evaluation.feedback.has_value()) {
    return Decision::Refuse("KSF-4.5", "Het feedbackgesprek is al vastgelegd.",
                            "The feedback meeting has already been recorded.");
  }
  return Decision::Allow();
}

Decision DecideAgentView(const AgentViewFacts& facts) {
  const domain::Evaluation& evaluation = facts.evaluation;
  // KSF-2.1-view
  if (facts.actor_role != Role::kAgent || facts.actor_id.empty() ||
      facts.actor_id != evaluation.agent_id) {
    return Decision::Refuse("KSF-2.1-view",
                            "Alleen de medewerker over wie de evaluatie gaat, geeft hierop zijn "
                            "of haar visie.",
                            "Only the agent the evaluation is about gives their view on it.");
  }
  if (evaluation.status == EvaluationStatus::kDraft || !evaluation.shared_at.has_value()) {
    return Decision::Refuse("KSF-2.1-view",
                            "De evaluatie is nog niet met u gedeeld; daarna kunt u uw visie "
                            "geven.",
                            "The evaluation has not been shared with you yet; you can give your "
                            "view after that.");
  }
  if (facts.view.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Decision::Refuse("KSF-2.1-view", "Uw visie is leeg.", "Your view is empty.");
  }
  return Decision::Allow();
}

Decision DecideConfirmSuggestion(Role actor_role, const std::string& actor_id,
                                 const domain::Evaluation& evaluation) {
  // AVG-22
  if (actor_role == Role::kCaptureSource || actor_role == Role::kAdmin || actor_id.empty()) {
    return Decision::Refuse("AVG-22",
                            "Een automatische score moet door een persoon met een beoordelaarsrol "
                            "worden bevestigd.",
                            "An automated score must be confirmed by a person in an evaluating "
                            "role.");
  }
  if (actor_role == Role::kClient) return RefuseClient();
  if (actor_id == evaluation.agent_id) {
    return Decision::Refuse("AVG-22",
                            "De medewerker over wie de evaluatie gaat, kan de score niet zelf "
                            "bevestigen; wel kan hij of zij de uitkomst betwisten.",
                            "The agent the evaluation is about cannot confirm the score; they "
                            "can contest the outcome.");
  }
  return Decision::Allow();
}

Result<ScoreResult> ScoreEvaluation(const domain::EvaluationForm& form,
                                    const std::vector<domain::Answer>& answers) {
  std::map<std::string, const domain::Answer*> by_question;
  for (const domain::Answer& answer : answers) {
    if (!by_question.emplace(answer.question_id, &answer).second) {
      return MakeError(ErrorCode::kInvalidInput,
                       "question '" + answer.question_id + "' is answered more than once");
    }
  }
  std::set<std::string> form_questions;
  for (const domain::FormSection& section : form.sections) {
    for (const domain::FormQuestion& question : section.questions) {
      if (!form_questions.insert(question.id).second) {
        return MakeError(
            ErrorCode::kInvalidInput,
            "question '" + question.id + "' appears more than once on form '" + form.id + "'");
      }
    }
  }
  for (const auto& [question_id, answer] : by_question) {
    if (form_questions.count(question_id) == 0) {
      return MakeError(ErrorCode::kInvalidInput,
                       "question '" + question_id + "' is not on form '" + form.id + "'");
    }
  }
  ScoreResult result;
  double weighted = 0.0;
  for (const domain::FormSection& section : form.sections) {
    for (const domain::FormQuestion& question : section.questions) {
      if (question.max_score <= 0 || question.weight < 0.0) {
        return MakeError(ErrorCode::kInvalidInput,
                         "question '" + question.id + "' has an invalid max score or weight");
      }
      auto it = by_question.find(question.id);
      if (it == by_question.end()) {
        return MakeError(ErrorCode::kInvalidInput,
                         "question '" + question.id + "' is not answered");
      }
      const domain::Answer& answer = *it->second;
      if (!answer.score.has_value()) {
        if (!question.allow_na) {
          return MakeError(ErrorCode::kInvalidInput,
                           "question '" + question.id + "' does not allow N/A");
        }
        continue;  // N/A drops out of the weight
      }
      const int score = *answer.score;
      if (score < 0 || score > question.max_score) {
        return MakeError(ErrorCode::kInvalidInput, "question '" + question.id + "' score " +
                                                       std::to_string(score) + " is outside 0.." +
                                                       std::to_string(question.max_score));
      }
      if (question.comment_required && score < question.max_score &&
          answer.comment.find_first_not_of(" \t\r\n") == std::string::npos) {
        return MakeError(ErrorCode::kInvalidInput, "question '" + question.id +
                                                       "' needs a comment for a score below " +
                                                       std::to_string(question.max_score));
      }
      if (question.critical && score == 0 && !result.auto_failed) {
        result.auto_failed = true;
        result.failed_question = question.id;
      }
      weighted += question.weight * static_cast<double>(score) / question.max_score;
      result.counted_weight += question.weight;
    }
  }
  if (result.counted_weight <= 0.0) {
    return MakeError(ErrorCode::kInvalidInput,
                     "form '" + form.id + "' has no scored question with a positive weight");
  }
  result.score = result.auto_failed ? 0.0 : 100.0 * weighted / result.counted_weight;
  return result;
}

}  // namespace fairqm::policy
