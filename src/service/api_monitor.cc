#include "service/api_monitor.h"

#include "domain/names.h"
#include "service/agent_requests.h"
#include "service/audit_trail.h"
#include "service/capture.h"
#include "service/evaluations.h"
#include "service/people.h"
#include "store/clients.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/regulations.h"

namespace fairqm::service {
namespace {

// A name for the document; an id the catalogue no longer knows (a leaver
// removed from HR) is shown as the id rather than failing the document.
Result<std::string> NameOf(db::Connection& conn, const std::string& employee_id) {
  if (employee_id.empty()) return std::string();
  auto employee = store::GetEmployee(conn, employee_id);
  if (employee.ok()) return employee->name;
  if (employee.error().code == ErrorCode::kNotFound) return employee_id;
  return employee.error();
}

// AVG-32: reporting what happens on the switch is the capture source's job.
std::optional<policy::Decision> SourceRefusal(const Actor& source) {
  if (source.role == domain::Role::kCaptureSource) return std::nullopt;
  return policy::Decision::Refuse(
      "AVG-32", "Alleen een opnamebron (telefooncentrale) meldt meeluisteren via de centrale.",
      "Only a capture source (the PBX) reports listening in through the switch.");
}

}  // namespace

Result<Decided<EvaluationDocument>> ReadEvaluationDocument(App& app, const Actor& actor,
                                                           const std::string& evaluation_id) {
  using Answer = Decided<EvaluationDocument>;
  FAIRQM_ASSIGN_OR_RETURN(auto read, ReadEvaluation(app, actor, evaluation_id));
  if (!read.allowed()) return Answer::Refuse(read.decision);
  EvaluationDocument document;
  document.evaluation = std::move(*read.value);
  const domain::Evaluation& e = document.evaluation;
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
  FAIRQM_ASSIGN_OR_RETURN(document.form, store::GetForm(*conn, e.form_id, e.form_version));
  FAIRQM_ASSIGN_OR_RETURN(document.agent_name, NameOf(*conn, e.agent_id));
  FAIRQM_ASSIGN_OR_RETURN(document.monitor_name, NameOf(*conn, e.monitor_id));
  if (e.feedback) {
    FAIRQM_ASSIGN_OR_RETURN(document.supervisor_name, NameOf(*conn, e.feedback->supervisor_id));
  }
  return Answer::Allow(std::move(document));
}

Result<Decided<RecordingContent>> OpenRecordingContent(App& app, const Actor& actor,
                                                       const std::string& recording_id,
                                                       domain::Purpose access_purpose,
                                                       policy::RecordingAccess access) {
  using Answer = Decided<RecordingContent>;
  FAIRQM_ASSIGN_OR_RETURN(auto opened,
                          OpenRecording(app, actor, recording_id, access_purpose, access));
  if (!opened.allowed()) return Answer::Refuse(opened.decision);
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
  FAIRQM_ASSIGN_OR_RETURN(auto recording, store::GetRecording(*conn, recording_id));
  RecordingContent content;
  content.reader = std::move(*opened.value);
  content.recording_id = recording.id;
  content.media_type = recording.media_type;
  content.channel = recording.channel;
  return Answer::Allow(std::move(content));
}

Result<Decided<domain::LiveListenSession>> ReportLiveListenStart(App& app, const Actor& source,
                                                                 const std::string& listener,
                                                                 const std::string& agent,
                                                                 const std::string& line_number,
                                                                 domain::Purpose purpose) {
  using Answer = Decided<domain::LiveListenSession>;
  const TimeMs now = app.Now();
  const codec::Json detail{{"listener", listener}, {"line", line_number}};
  std::optional<domain::Employee> person;
  std::string agent_id = agent;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
    AuditSubject subject{"live", "", "", purpose};
    if (auto refusal = SourceRefusal(source)) {
      FAIRQM_RETURN_IF_ERROR(RecordRefusal(*conn, now, source, "live.report", subject, *refusal));
      return Answer::Refuse(*refusal);
    }
    auto found = ResolveEmployee(*conn, listener);
    if (!found.ok() && found.error().code != ErrorCode::kNotFound) return found.error();
    if (found.ok()) person = *found;
    auto subject_agent = ResolveEmployee(*conn, agent);
    if (subject_agent.ok()) {
      agent_id = subject_agent->id;
      subject.agent_id = agent_id;
    } else if (subject_agent.error().code != ErrorCode::kNotFound) {
      return subject_agent.error();
    }
    if (!person) {
      // KSF-3.3: nobody unknown is authorised; a client's listener is not an
      // employee and is never vouched for by the switch.
      policy::Decision refusal = policy::Decision::Refuse(
          "KSF-3.3",
          "De centrale meldt een luisteraar die geen bekende medewerker is; alleen "
          "geautoriseerde medewerkers luisteren mee.",
          "The PBX reports a listener who is not a known employee; only authorised employees "
          "listen in.");
      FAIRQM_RETURN_IF_ERROR(
          RecordRefusal(*conn, now, source, "live.report", subject, refusal, detail));
      return Answer::Refuse(refusal);
    }
  }
  // The listener's own authorisation decides (and is audited with them as actor).
  const Actor as_listener{person->id, domain::Role::kMonitor, ""};
  FAIRQM_ASSIGN_OR_RETURN(auto started,
                          StartLiveListen(app, as_listener, agent_id, line_number, purpose));
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  AuditSubject subject{"live", started.allowed() ? started.value->id : "",
                       started.allowed() ? agent_id : "", purpose};
  codec::Json reported = detail;
  reported["listener"] = person->id;
  if (!started.allowed()) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, now, source, "live.report", subject, started.decision, reported));
    return started;
  }
  FAIRQM_RETURN_IF_ERROR(
      RecordAlone(*conn, now, source, "live.report", subject, started.decision, reported));
  return started;
}

Result<Decided<domain::LiveListenSession>> ReportLiveListenStop(App& app, const Actor& source,
                                                                const std::string& session_id) {
  using Answer = Decided<domain::LiveListenSession>;
  const TimeMs now = app.Now();
  domain::LiveListenSession session;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
    AuditSubject subject{"live", session_id, "", std::nullopt};
    if (auto refusal = SourceRefusal(source)) {
      FAIRQM_RETURN_IF_ERROR(
          RecordRefusal(*conn, now, source, "live.report_stop", subject, *refusal));
      return Answer::Refuse(*refusal);
    }
    FAIRQM_ASSIGN_OR_RETURN(session, store::GetLiveListenSession(*conn, session_id));
    subject.agent_id = session.agent_id;
    subject.purpose = session.purpose;
    if (session.listener_role != domain::Role::kMonitor) {
      // The PBX speaks only for the listens it could have reported.
      policy::Decision refusal = policy::Decision::Refuse(
          "AVG-32",
          "Deze sessie is niet via de centrale gemeld; alleen de luisteraar beëindigt haar.",
          "This session was not reported through the PBX; only its listener ends it.");
      FAIRQM_RETURN_IF_ERROR(
          RecordRefusal(*conn, now, source, "live.report_stop", subject, refusal));
      return Answer::Refuse(refusal);
    }
  }
  const Actor as_listener{session.listener_id, session.listener_role, ""};
  FAIRQM_ASSIGN_OR_RETURN(auto stopped, StopLiveListen(app, as_listener, session_id));
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_RETURN_IF_ERROR(RecordAlone(
      *conn, now, source, "live.report_stop",
      AuditSubject{"live", session_id, session.agent_id, session.purpose}, stopped.decision));
  return stopped;
}

}  // namespace fairqm::service
