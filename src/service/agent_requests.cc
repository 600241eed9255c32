#include "service/agent_requests.h"

#include "domain/names.h"
#include "policy/access.h"
#include "policy/capture.h"
#include "policy/clients.h"
#include "policy/consents.h"
#include "policy/requests.h"
#include "service/audit_trail.h"
#include "service/notices.h"
#include "store/authorisations.h"
#include "store/clients.h"
#include "store/evaluations.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/regulations.h"
#include "store/requests.h"

namespace fairqm::service {
namespace {

// Writes `value` with `put` and its audit entry in one transaction, or audits
// the refusal. The common tail of every function here.
template <typename T, typename PutFn>
Result<Decided<T>> Conclude(App& app, db::Connection& conn, const Actor& actor,
                            std::string_view action, const AuditSubject& subject,
                            const policy::Decision& decision, T value, PutFn put,
                            const codec::Json& detail = codec::Json::object()) {
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(conn, app.Now(), actor, action, subject, decision));
    return Decided<T>::Refuse(decision);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(conn));
  FAIRQM_RETURN_IF_ERROR(put(conn, value));
  FAIRQM_RETURN_IF_ERROR(Record(conn, app.Now(), actor, action, subject, decision, detail));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<T>::Allow(std::move(value));
}

// A consent of the acting agent for a recording, given now.
domain::Consent NewConsent(App& app, const Actor& actor, domain::ConsentKind kind,
                           const std::string& recording_id) {
  domain::Consent c;
  c.id = NewId(app.random(), "cons");
  c.agent_id = actor.id;
  c.kind = kind;
  c.recording_id = recording_id;
  c.given_at = app.Now();
  return c;
}

// The listener's name for the agent's live notice: an employee's name;
// nothing for a client (TRANSPARENCY-live, KSF-6.4: role only) or for someone
// who is not an employee.
Result<std::string> ListenerName(db::Connection& conn, const Actor& actor) {
  if (actor.role == domain::Role::kClient) return std::string();
  auto employee = store::GetEmployee(conn, actor.id);
  if (!employee.ok()) {
    if (employee.error().code == ErrorCode::kNotFound) return std::string();
    return employee.error();
  }
  return employee->name;
}

policy::Decision OnlyRole(const Actor& actor, domain::Role role, std::string rule, std::string nl,
                          std::string en) {
  if (actor.role == role) return policy::Decision::Allow();
  return policy::Decision::Refuse(std::move(rule), std::move(nl), std::move(en));
}

}  // namespace

Result<Decided<domain::AgentRequest>> RequestExtraMoment(App& app, const Actor& actor,
                                                         const std::string& reason) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const TimeMs now = app.Now();
  policy::ExtraMomentFacts f;
  FAIRQM_ASSIGN_OR_RETURN(f.regulation, store::ActiveRegulation(*conn));
  f.requester_role = actor.role;
  f.requester_id = actor.id;
  f.agent_id = actor.id;
  f.now = now;
  if (f.regulation) {
    TimeMs anchor = f.regulation->activated_at.value_or(f.regulation->created_at);
    policy::Period period =
        policy::CurrentPeriod(anchor, f.regulation->assessment_period_days, now);
    FAIRQM_ASSIGN_OR_RETURN(auto earlier,
                            store::CountExtraMomentRequests(*conn, actor.id, period.start));
    f.earlier_requests_in_period = static_cast<int>(earlier);
  }
  domain::AgentRequest r;
  r.id = NewId(app.random(), "req");
  r.agent_id = actor.id;
  r.kind = domain::RequestKind::kExtraMoment;
  r.created_at = now;
  r.reason = reason;
  // KSF-4.7: an allowed request is honoured at once.
  r.status = domain::RequestStatus::kGranted;
  r.decided_at = now;
  policy::Decision decision = policy::DecideExtraMomentRequest(f);
  return Conclude(app, *conn, actor, "request.extra_moment",
                  AuditSubject{"request", r.id, actor.id, domain::Purpose::kAssessment}, decision,
                  r, store::PutAgentRequest,
                  codec::Json{{"earlier_in_period", f.earlier_requests_in_period}});
}

Result<Decided<domain::AgentRequest>> RequestOtherEvaluator(App& app, const Actor& actor,
                                                            const std::string& evaluation_id,
                                                            const std::string& evaluator_id,
                                                            const std::string& reason) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const TimeMs now = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto evaluation, store::GetEvaluation(*conn, evaluation_id));
  policy::OtherEvaluatorFacts f;
  f.requester_role = actor.role;
  f.requester_id = actor.id;
  FAIRQM_ASSIGN_OR_RETURN(f.agent, store::GetEmployee(*conn, evaluation.agent_id));
  f.original_monitor_id = evaluation.monitor_id;
  f.requested_evaluator_id = evaluator_id;
  FAIRQM_ASSIGN_OR_RETURN(f.requested_evaluator_authorisations,
                          store::AuthorisationsForMonitor(*conn, evaluator_id));
  f.purpose = evaluation.purpose;
  f.now = now;
  policy::Decision decision = policy::DecideOtherEvaluatorRequest(f);  // KSF-4.6
  domain::AgentRequest r;
  r.id = NewId(app.random(), "req");
  r.agent_id = evaluation.agent_id;
  r.kind = domain::RequestKind::kOtherEvaluator;
  r.created_at = now;
  r.evaluation_id = evaluation_id;
  r.requested_evaluator_id = evaluator_id;
  r.reason = reason;
  r.status = domain::RequestStatus::kGranted;
  r.decided_at = now;
  return Conclude(
      app, *conn, actor, "request.other_evaluator",
      AuditSubject{"request", r.id, evaluation.agent_id, evaluation.purpose}, decision, r,
      [&](db::Connection& c, const domain::AgentRequest& request) -> Status {
        FAIRQM_RETURN_IF_ERROR(store::PutAgentRequest(c, request));
        // KSF-4.6: the other person monitors instead — a draft moves to them.
        if (evaluation.status == domain::EvaluationStatus::kDraft) {
          evaluation.monitor_id = evaluator_id;
          FAIRQM_RETURN_IF_ERROR(store::PutEvaluation(c, evaluation));
        }
        return OkStatus();
      },
      codec::Json{{"evaluation", evaluation_id}, {"evaluator", evaluator_id}});
}

Result<Decided<domain::Consent>> GiveHoldConsent(App& app, const Actor& actor,
                                                 const std::string& recording_id,
                                                 const std::string& reason, TimeMs hold_until,
                                                 const std::string& requested_by) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto recording, store::GetRecording(*conn, recording_id));
  domain::Consent c = NewConsent(app, actor, domain::ConsentKind::kRetentionHold, recording_id);
  c.reason = reason;
  c.hold_until = hold_until;
  c.requested_by = requested_by;
  // KSF-4.9: urgent reason, the agent's own consent, an end date.
  policy::Decision decision =
      policy::DecideRetentionHold(policy::RetentionHoldFacts{recording, c, actor.id, app.Now()});
  return Conclude(app, *conn, actor, "consent.hold",
                  AuditSubject{"recording", recording.id, recording.agent_id, recording.purpose},
                  decision, c, store::PutConsent,
                  codec::Json{{"reason", reason}, {"hold_until", FormatDate(hold_until)}});
}

Result<Decided<domain::Consent>> GiveTrainingConsent(App& app, const Actor& actor,
                                                     const std::string& recording_id,
                                                     const std::string& training_use) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto recording, store::GetRecording(*conn, recording_id));
  domain::Consent c = NewConsent(app, actor, domain::ConsentKind::kNamedTraining, recording_id);
  c.training_use = training_use;
  // KSF-5.1: the named version only with this written, revocable consent.
  policy::Decision decision =
      policy::DecideTrainingUse(policy::TrainingUseFacts{recording, true, c, app.Now()});
  if (decision.allowed && actor.id != recording.agent_id) {
    decision = policy::Decision::Refuse(
        "KSF-5.1", "Alleen de medewerker zelf kan toestemming geven voor gebruik met naam.",
        "Only the agent can consent to named use in training.");
  }
  return Conclude(app, *conn, actor, "consent.training",
                  AuditSubject{"recording", recording.id, recording.agent_id, recording.purpose},
                  decision, c, store::PutConsent, codec::Json{{"use", training_use}});
}

Result<Decided<domain::Consent>> WithdrawConsent(App& app, const Actor& actor,
                                                 const std::string& consent_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto c, store::GetConsent(*conn, consent_id));
  policy::Decision decision =
      actor.id == c.agent_id
          ? policy::Decision::Allow()
          : policy::Decision::Refuse(
                "KSF-4.9", "Alleen de medewerker die toestemming gaf, kan haar intrekken.",
                "Only the agent who consented can withdraw the consent.");
  if (!c.withdrawn_at) c.withdrawn_at = app.Now();
  return Conclude(app, *conn, actor, "consent.withdraw",
                  AuditSubject{"consent", c.id, c.agent_id, std::nullopt}, decision, c,
                  store::PutConsent);
}

Result<Decided<domain::Complaint>> FileComplaint(App& app, const Actor& actor,
                                                 const std::string& subject,
                                                 const std::string& text) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::ActiveRegulation(*conn));
  if (text.empty()) return MakeError(ErrorCode::kInvalidInput, "the complaint is empty");
  domain::Complaint c;
  c.id = NewId(app.random(), "cmp");
  c.complainant_id = actor.id;
  c.subject = subject;
  c.text = text;
  c.filed_at = app.Now();
  // KSF-3.10: management must take it up within the regulation's term.
  c.respond_by =
      regulation ? policy::ComplaintRespondBy(c.filed_at, *regulation) : c.filed_at + Days(30);
  return Conclude(app, *conn, actor, "complaint.file",
                  AuditSubject{"complaint", c.id, actor.id, std::nullopt},
                  policy::Decision::Allow(), c, store::PutComplaint);
}

Result<Decided<domain::Complaint>> TakeUpComplaint(App& app, const Actor& actor,
                                                   const std::string& complaint_id,
                                                   const std::string& response, bool resolved) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto c, store::GetComplaint(*conn, complaint_id));
  policy::Decision decision =
      OnlyRole(actor, domain::Role::kManager, "KSF-3.10",
               "Klachten over de toepassing van de regeling worden door het management behandeld.",
               "Complaints about how the regulation is applied are handled by management.");
  if (!c.taken_up_at) c.taken_up_at = app.Now();
  c.response = response;
  if (resolved) c.resolved_at = app.Now();
  return Conclude(app, *conn, actor, "complaint.take_up",
                  AuditSubject{"complaint", c.id, c.complainant_id, std::nullopt}, decision, c,
                  store::PutComplaint);
}

Result<Decided<domain::Complaint>> AppealComplaint(App& app, const Actor& actor,
                                                   const std::string& complaint_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto c, store::GetComplaint(*conn, complaint_id));
  policy::Decision decision = policy::DecideAppeal(c, actor.id, app.Now());  // KSF-3.10
  c.appealed_at = app.Now();
  return Conclude(app, *conn, actor, "complaint.appeal",
                  AuditSubject{"complaint", c.id, c.complainant_id, std::nullopt}, decision, c,
                  store::PutComplaint);
}

Result<Decided<domain::Complaint>> DecideAppeal(App& app, const Actor& actor,
                                                const std::string& complaint_id,
                                                const std::string& decision_text) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto c, store::GetComplaint(*conn, complaint_id));
  policy::Decision decision = OnlyRole(actor, domain::Role::kWorksCouncil, "KSF-3.10",
                                       "Over een beroep beslist de ondernemingsraad.",
                                       "The works council decides on an appeal.");
  if (decision.allowed && !c.appealed_at) {
    decision = policy::Decision::Refuse("KSF-3.10", "Tegen deze klacht is geen beroep ingesteld.",
                                        "No appeal was lodged against this complaint.");
  }
  c.appeal_decision = decision_text;
  c.appeal_decided_at = app.Now();
  return Conclude(app, *conn, actor, "complaint.appeal_decision",
                  AuditSubject{"complaint", c.id, c.complainant_id, std::nullopt}, decision, c,
                  store::PutComplaint);
}

Result<Decided<domain::DataSubjectRequest>> OpenDataSubjectRequest(
    App& app, const Actor& actor, domain::DataSubjectKind subject_kind,
    const std::string& subject_ref, domain::DataSubjectRequestKind kind, TimeMs received_at) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  policy::Decision decision =
      policy::DecideRoleAccess(actor.role, policy::Action::kHandleDataSubjectRequest);
  domain::DataSubjectRequest r;
  r.id = NewId(app.random(), "dsr");
  r.subject_kind = subject_kind;
  // A customer is known by the keyed reference of their number, never the number.
  r.subject_ref =
      subject_kind == domain::DataSubjectKind::kCustomer && subject_ref.rfind("cref-", 0) != 0
          ? app.customer_refs().Reference(subject_ref)
          : subject_ref;
  r.kind = kind;
  r.received_at = received_at;
  r.due_at = policy::DataSubjectRequestDueAt(received_at, false);  // AVG-12
  std::string agent = subject_kind == domain::DataSubjectKind::kAgent ? subject_ref : "";
  return Conclude(app, *conn, actor, "dsr.open", AuditSubject{"dsr", r.id, agent, std::nullopt},
                  decision, r, store::PutDataSubjectRequest,
                  codec::Json{{"due_at", FormatDate(r.due_at)}});
}

Result<Decided<domain::DataSubjectRequest>> ExtendDataSubjectRequest(App& app, const Actor& actor,
                                                                     const std::string& id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto r, store::GetDataSubjectRequest(*conn, id));
  policy::Decision decision =
      policy::DecideRoleAccess(actor.role, policy::Action::kHandleDataSubjectRequest);
  if (decision.allowed) decision = policy::DecideExtendDataSubjectRequest(r, app.Now());
  r.extension_told_at = app.Now();
  r.due_at = policy::DataSubjectRequestDueAt(r.received_at, true);
  return Conclude(app, *conn, actor, "dsr.extend", AuditSubject{"dsr", r.id, "", std::nullopt},
                  decision, r, store::PutDataSubjectRequest,
                  codec::Json{{"due_at", FormatDate(r.due_at)}});
}

Result<Decided<domain::DataSubjectRequest>> AnswerDataSubjectRequest(App& app, const Actor& actor,
                                                                     const std::string& id,
                                                                     const std::string& notes) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto r, store::GetDataSubjectRequest(*conn, id));
  policy::Decision decision =
      policy::DecideRoleAccess(actor.role, policy::Action::kHandleDataSubjectRequest);
  if (!r.answered_at) r.answered_at = app.Now();
  r.notes = notes;
  return Conclude(app, *conn, actor, "dsr.answer", AuditSubject{"dsr", r.id, "", std::nullopt},
                  decision, r, store::PutDataSubjectRequest,
                  codec::Json{{"on_time", app.Now() <= r.due_at}});
}

Result<Decided<domain::ClientContract>> AddClientContract(App& app, const Actor& actor,
                                                          domain::ClientContract contract) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  contract.id = NewId(app.random(), "ctr");
  policy::Decision decision =
      OnlyRole(actor, domain::Role::kManager, "KSF-6.2",
               "Contracten met opdrachtgevers worden door het management vastgelegd.",
               "Client contracts are recorded by management.");
  // KSF-6.3: every client arrangement records its legal ground.
  if (decision.allowed && contract.legal_ground == domain::LegalGround::kUnset) {
    decision = policy::Decision::Refuse("KSF-6.3", "Het contract vermeldt geen rechtsgrond.",
                                        "The contract states no legal ground.");
  }
  // KSF-6.5: no arrangement lets a client assess agents.
  if (decision.allowed && contract.purpose == domain::Purpose::kAssessment) {
    decision = policy::Decision::Refuse(
        "KSF-6.5",
        "Opdrachtgevers beoordelen geen medewerkers; een contract voor beoordeling kan niet.",
        "Clients never assess agents; a contract for assessment is not possible.");
  }
  return Conclude(app, *conn, actor, "contract.add",
                  AuditSubject{"contract", contract.id, "", contract.purpose}, decision, contract,
                  store::PutClientContract);
}

Result<Decided<domain::LiveListenSession>> StartLiveListen(App& app, const Actor& actor,
                                                           const std::string& agent_id,
                                                           const std::string& line_number,
                                                           domain::Purpose purpose) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const TimeMs now = app.Now();
  policy::LiveListenFacts f;
  FAIRQM_ASSIGN_OR_RETURN(f.regulation, store::ActiveRegulation(*conn));
  auto agent = store::GetEmployee(*conn, agent_id);
  if (agent.ok()) f.agent = *agent;
  FAIRQM_ASSIGN_OR_RETURN(auto line, store::FindLineByNumber(*conn, line_number));
  // An unknown line is treated as confidential: never listened to blindly.
  f.line_kind = line ? line->kind : domain::LineKind::kConfidential;
  f.listener_role = actor.role;
  f.listener_id = actor.id;
  FAIRQM_ASSIGN_OR_RETURN(f.listener_authorisations,
                          store::AuthorisationsForMonitor(*conn, actor.id));
  f.purpose = purpose;
  f.now = now;
  if (actor.role == domain::Role::kClient) {
    FAIRQM_ASSIGN_OR_RETURN(auto contracts, store::ListContractsForClient(*conn, actor.client_id));
    for (const auto& c : contracts) {
      if (c.purpose == purpose) f.contract = c;
    }
  }
  policy::Decision decision = policy::DecideLiveListen(f);
  domain::LiveListenSession s;
  s.id = NewId(app.random(), "live");
  s.listener_id = actor.id;
  s.listener_role = actor.role;
  s.agent_id = agent_id;
  s.purpose = purpose;  // KSF-1.2
  s.started_at = now;
  // Read before the session is written, so a failed look-up cannot leave a
  // session the agent was not told about.
  std::string listener_name;
  if (decision.allowed) {
    FAIRQM_ASSIGN_OR_RETURN(listener_name, ListenerName(*conn, actor));
  }
  // TRANSPARENCY-live / KSF-6.4: the agent's log shows who listens, by role.
  FAIRQM_ASSIGN_OR_RETURN(auto started,
                          Conclude(app, *conn, actor, "live.start",
                                   AuditSubject{"live", s.id, agent.ok() ? agent_id : "", purpose},
                                   decision, s, store::PutLiveListenSession,
                                   codec::Json{{"listener_role", domain::Name(actor.role)}}));
  if (started.allowed()) {
    // ... and the agent sees it live (TRANSPARENCY-live, KSF-6.4).
    app.notices().Publish(LiveListenNotice(true, *started.value, listener_name, now));
  }
  return started;
}

Result<Decided<domain::LiveListenSession>> StopLiveListen(App& app, const Actor& actor,
                                                          const std::string& session_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto s, store::GetLiveListenSession(*conn, session_id));
  policy::Decision decision =
      actor.id == s.listener_id
          ? policy::Decision::Allow()
          : policy::Decision::Refuse("KSF-3.3", "Alleen de luisteraar beëindigt de sessie.",
                                     "Only the listener ends the session.");
  const bool was_running = !s.ended_at.has_value();
  std::string listener_name;
  if (decision.allowed && was_running) {
    FAIRQM_ASSIGN_OR_RETURN(listener_name, ListenerName(*conn, actor));
  }
  if (!s.ended_at) s.ended_at = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto stopped, Conclude(app, *conn, actor, "live.stop",
                                                 AuditSubject{"live", s.id, s.agent_id, s.purpose},
                                                 decision, s, store::PutLiveListenSession));
  if (stopped.allowed() && was_running) {
    // TRANSPARENCY-live, KSF-6.4: the agent sees the listening end; a second
    // stop of an ended session tells nothing new.
    app.notices().Publish(LiveListenNotice(false, *stopped.value, listener_name, *s.ended_at));
  }
  return stopped;
}

}  // namespace fairqm::service
