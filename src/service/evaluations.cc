#include "service/evaluations.h"

#include <functional>

#include "domain/names.h"
#include "policy/access.h"
#include "policy/evaluation.h"
#include "policy/retention.h"
#include "service/audit_trail.h"
#include "store/authorisations.h"
#include "store/evaluations.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/regulations.h"

namespace fairqm::service {
namespace {

using Answer = Decided<domain::Evaluation>;

AuditSubject Subject(const domain::Evaluation& e) {
  return AuditSubject{"evaluation", e.id, e.agent_id, e.purpose};
}

Result<std::string> SupervisorOf(db::Connection& conn, const domain::Employee& agent) {
  if (agent.team_id.empty()) return std::string();
  auto team = store::GetTeam(conn, agent.team_id);
  if (!team.ok()) return std::string();
  return team->supervisor_id;
}

// The shape every step after the start shares: load the evaluation, let
// `decide` judge it, let `apply` change it, then save and audit together; a
// refusal is audited on its own.
Result<Answer> Step(
    App& app, const Actor& actor, const std::string& evaluation_id, std::string_view action,
    const std::function<policy::Decision(db::Connection&, domain::Evaluation&)>& decide,
    const std::function<Status(db::Connection&, domain::Evaluation&)>& apply,
    codec::Json detail = codec::Json::object()) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto evaluation, store::GetEvaluation(*conn, evaluation_id));
  policy::Decision decision = decide(*conn, evaluation);
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, app.Now(), actor, action, Subject(evaluation), decision));
    return Answer::Refuse(decision);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(apply(*conn, evaluation));
  FAIRQM_RETURN_IF_ERROR(store::PutEvaluation(*conn, evaluation));
  FAIRQM_RETURN_IF_ERROR(
      Record(*conn, app.Now(), actor, action, Subject(evaluation), decision, detail));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Answer::Allow(evaluation);
}

// What the policy needs to know around an evaluation: the actor's
// authorisations, the agent and their direct supervisor. A look-up that fails
// leaves its part empty, which the policy refuses: facts fail closed.
struct Surroundings {
  std::vector<domain::Authorisation> actor_authorisations;
  domain::Employee agent;
  std::string supervisor_id;
};

Surroundings Gather(db::Connection& conn, const Actor& actor, const domain::Evaluation& e) {
  Surroundings out;
  auto auths = store::AuthorisationsForMonitor(conn, actor.id);
  if (auths.ok()) out.actor_authorisations = std::move(*auths);
  auto agent = store::GetEmployee(conn, e.agent_id);
  if (agent.ok()) {
    out.agent = *agent;
    auto supervisor = SupervisorOf(conn, *agent);
    if (supervisor.ok()) out.supervisor_id = *supervisor;
  }
  return out;
}

policy::EvaluationActionFacts ActionFacts(App& app, db::Connection& conn, const Actor& actor,
                                          const domain::Evaluation& e) {
  policy::EvaluationActionFacts f;
  f.actor_role = actor.role;
  f.actor_id = actor.id;
  f.evaluation = e;
  f.now = app.Now();
  f.supervisor_id = Gather(conn, actor, e).supervisor_id;
  return f;
}

policy::Decision OnlyMonitorDraft(const Actor& actor, const domain::Evaluation& e) {
  if (actor.id != e.monitor_id) {
    return policy::Decision::Refuse("KSF-3.3",
                                    "Alleen de monitor van deze evaluatie kan haar invullen.",
                                    "Only the monitor of this evaluation can fill it in.");
  }
  if (e.status != domain::EvaluationStatus::kDraft) {
    return policy::Decision::Refuse(
        "KSF-3.8", "Een evaluatie die met de medewerker is gedeeld, wordt niet meer gewijzigd.",
        "An evaluation shared with the agent is no longer changed.");
  }
  return policy::Decision::Allow();
}

Status NoChange(db::Connection&, domain::Evaluation&) { return OkStatus(); }

}  // namespace

Result<Answer> StartEvaluation(App& app, const Actor& actor, const std::string& agent_id,
                               domain::Purpose purpose, const std::string& form_id,
                               const std::vector<std::string>& recording_ids) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const TimeMs now = app.Now();
  policy::StartEvaluationFacts f;
  f.actor_role = actor.role;
  f.actor_id = actor.id;
  f.purpose = purpose;
  f.now = now;
  FAIRQM_ASSIGN_OR_RETURN(f.actor_authorisations, store::AuthorisationsForMonitor(*conn, actor.id));
  FAIRQM_ASSIGN_OR_RETURN(f.regulation, store::ActiveRegulation(*conn));
  FAIRQM_ASSIGN_OR_RETURN(f.agent, store::GetEmployee(*conn, agent_id));
  for (const auto& id : recording_ids) {
    FAIRQM_ASSIGN_OR_RETURN(auto recording, store::GetRecording(*conn, id));
    f.recordings.push_back(std::move(recording));
  }
  if (!form_id.empty()) {
    // The newest published version of the form.
    FAIRQM_ASSIGN_OR_RETURN(auto forms, store::FormsPublishedBefore(*conn, purpose, now + 1));
    for (const auto& form : forms) {
      if (form.id == form_id && (!f.form || form.version > f.form->version)) f.form = form;
    }
    if (!f.form) {
      return MakeError(ErrorCode::kNotFound, "no published form " + form_id + " for " +
                                                 std::string(domain::Name(purpose)));
    }
  }
  FAIRQM_ASSIGN_OR_RETURN(f.last_assessment_at, store::LastAssessmentMoment(*conn, agent_id));
  domain::Evaluation e;
  e.id = NewId(app.random(), "eval");
  e.agent_id = agent_id;
  e.monitor_id = actor.id;
  e.purpose = purpose;  // KSF-1.2
  e.recording_ids = recording_ids;
  e.created_at = now;
  if (f.form) {
    e.form_id = f.form->id;
    e.form_version = f.form->version;
  }
  policy::Decision decision = policy::DecideStartEvaluation(f);
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, now, actor, "evaluation.start", Subject(e), decision));
    return Answer::Refuse(decision);
  }
  const domain::PurposeRules* rules = f.regulation->RulesFor(purpose);
  e.destroy_at = policy::EvaluationDestroyAt(now, *rules);  // RETENTION-split
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(store::PutEvaluation(*conn, e));
  for (const auto& id : recording_ids) {
    FAIRQM_ASSIGN_OR_RETURN(bool marked, store::MarkRecordingEvaluated(*conn, id, now));
    (void)marked;
  }
  FAIRQM_RETURN_IF_ERROR(Record(*conn, now, actor, "evaluation.start", Subject(e), decision,
                                codec::Json{{"recordings", recording_ids}}));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Answer::Allow(e);
}

Result<Answer> ScoreEvaluation(App& app, const Actor& actor, const std::string& evaluation_id,
                               std::vector<domain::Answer> answers, const std::string& summary) {
  std::optional<Error> scoring_error;
  auto result = Step(
      app, actor, evaluation_id, "evaluation.score",
      [&](db::Connection&, domain::Evaluation& e) { return OnlyMonitorDraft(actor, e); },
      [&](db::Connection& conn, domain::Evaluation& e) -> Status {
        e.answers = answers;
        e.summary = summary;
        if (e.form_id.empty()) return OkStatus();  // free-form coaching notes
        FAIRQM_ASSIGN_OR_RETURN(auto form, store::GetForm(conn, e.form_id, e.form_version));
        auto scored = policy::ScoreEvaluation(form, answers);
        if (!scored.ok()) return scored.error();
        e.score = scored->score;
        return OkStatus();
      });
  return result;
}

Result<Answer> AddNote(App& app, const Actor& actor, const std::string& evaluation_id,
                       const std::string& recording_id, std::int64_t offset_ms,
                       const std::string& text) {
  return Step(
      app, actor, evaluation_id, "evaluation.note",
      [&](db::Connection&, domain::Evaluation& e) { return OnlyMonitorDraft(actor, e); },
      [&](db::Connection& conn, domain::Evaluation& e) -> Status {
        bool cited = false;
        for (const auto& id : e.recording_ids) cited = cited || id == recording_id;
        if (!cited) {
          return MakeError(ErrorCode::kInvalidInput,
                           "recording " + recording_id + " is not part of this evaluation");
        }
        FAIRQM_ASSIGN_OR_RETURN(auto recording, store::GetRecording(conn, recording_id));
        if (offset_ms < 0 || (recording.duration_ms > 0 && offset_ms > recording.duration_ms)) {
          return MakeError(ErrorCode::kInvalidInput, "the note's time is outside the recording");
        }
        if (text.empty()) return MakeError(ErrorCode::kInvalidInput, "the note is empty");
        e.notes.push_back(domain::TimedNote{recording_id, offset_ms, text, actor.id, app.Now()});
        return OkStatus();
      });
}

Result<Answer> ShareEvaluation(App& app, const Actor& actor, const std::string& evaluation_id) {
  return Step(
      app, actor, evaluation_id, "evaluation.share",
      [&](db::Connection& conn, domain::Evaluation& e) {
        return policy::DecideShareEvaluation(ActionFacts(app, conn, actor, e));
      },
      [&](db::Connection&, domain::Evaluation& e) -> Status {
        e.status = domain::EvaluationStatus::kShared;
        e.shared_at = app.Now();  // KSF-3.8: the agent is told
        return OkStatus();
      });
}

Result<Answer> GiveAgentView(App& app, const Actor& actor, const std::string& evaluation_id,
                             const std::string& view) {
  return Step(
      app, actor, evaluation_id, "evaluation.agent_view",
      [&](db::Connection&, domain::Evaluation& e) {
        return policy::DecideAgentView(
            policy::AgentViewFacts{actor.role, actor.id, e, view, app.Now()});
      },
      [&](db::Connection&, domain::Evaluation& e) -> Status {
        e.agent_view = view;  // KSF-2.1-view: recorded with the evaluation
        e.agent_view_at = app.Now();
        return OkStatus();
      });
}

Result<Answer> Acknowledge(App& app, const Actor& actor, const std::string& evaluation_id) {
  return Step(
      app, actor, evaluation_id, "evaluation.acknowledge",
      [&](db::Connection&, domain::Evaluation& e) {
        if (actor.id != e.agent_id) {
          return policy::Decision::Refuse(
              "KSF-3.8", "Alleen de medewerker zelf tekent de evaluatie voor gezien.",
              "Only the agent signs the evaluation as seen.");
        }
        if (!e.shared_at) {
          return policy::Decision::Refuse("KSF-3.8", "De evaluatie is nog niet met u gedeeld.",
                                          "The evaluation has not been shared with you yet.");
        }
        return policy::Decision::Allow();
      },
      [&](db::Connection&, domain::Evaluation& e) -> Status {
        if (!e.acknowledged_at) e.acknowledged_at = app.Now();
        return OkStatus();
      });
}

Result<Answer> RecordFeedback(App& app, const Actor& actor, const std::string& evaluation_id,
                              TimeMs held_at, const std::string& summary) {
  return Step(
      app, actor, evaluation_id, "evaluation.feedback",
      [&](db::Connection& conn, domain::Evaluation& e) {
        Surroundings around = Gather(conn, actor, e);
        policy::FeedbackMeetingFacts f;
        f.actor_role = actor.role;
        f.held_by_id = actor.id;
        f.held_by_authorisations = std::move(around.actor_authorisations);
        f.evaluation = e;
        f.agent = std::move(around.agent);
        f.supervisor_id = std::move(around.supervisor_id);
        f.held_at = held_at;
        f.now = app.Now();
        return policy::DecideFeedbackMeeting(f);  // KSF-4.5
      },
      [&](db::Connection&, domain::Evaluation& e) -> Status {
        e.feedback = domain::FeedbackMeeting{held_at, actor.id, summary};
        return OkStatus();
      });
}

Result<Answer> CloseEvaluation(App& app, const Actor& actor, const std::string& evaluation_id) {
  return Step(
      app, actor, evaluation_id, "evaluation.close",
      [&](db::Connection& conn, domain::Evaluation& e) {
        return policy::DecideCloseEvaluation(ActionFacts(app, conn, actor, e));  // KSF-3.8
      },
      [&](db::Connection&, domain::Evaluation& e) -> Status {
        e.status = domain::EvaluationStatus::kClosed;
        e.closed_at = app.Now();
        return OkStatus();
      });
}

Result<Answer> ReadEvaluation(App& app, const Actor& actor, const std::string& evaluation_id) {
  return Step(
      app, actor, evaluation_id, "evaluation.read",
      [&](db::Connection& conn, domain::Evaluation& e) {
        Surroundings around = Gather(conn, actor, e);
        policy::ReadEvaluationFacts f;
        f.actor_role = actor.role;
        f.actor_id = actor.id;
        f.actor_authorisations = std::move(around.actor_authorisations);
        f.evaluation = e;
        f.agent = std::move(around.agent);
        f.supervisor_id = std::move(around.supervisor_id);
        f.now = app.Now();
        return policy::DecideReadEvaluation(f);
      },
      NoChange);
}

}  // namespace fairqm::service
