// service/api_monitor: the use cases the HTTP API's monitor and capture areas
// need beyond the other service files.
//
//   ReadEvaluationDocument  KSF-3.8, KSF-4.5: the written evaluation as the
//                           agent keeps it — the evaluation (read through
//                           ReadEvaluation: decided by policy and audited,
//                           AVG-5-accountability) with the form version it was
//                           scored on (question texts, maximum scores) and the
//                           names of the agent, the monitor and the supervisor
//                           who held the feedback meeting.
//   OpenRecordingContent    OpenRecording (decided by policy, every attempt
//                           audited: AVG-5-accountability) together with what
//                           the player needs to label the bytes: the
//                           recording's media type and channel.
//   ReportLiveListenStart   a PBX reports that a person started listening in
//                           on a live contact through the switch. The PBX
//                           asserts only WHO listens; whether that person may
//                           is decided as if they had asked themselves
//                           (StartLiveListen with the listener as the actor, in
//                           the monitor role): their own authorisation,
//                           acknowledged (KSF-3.3), its purpose (KSF-3.4), the
//                           line (KSF-3.9, KSF-2.1-confidential). A PBX never
//                           speaks for a client's listener (KSF-6.2 listening
//                           goes through the client's own login) and never for
//                           someone unknown: both refused under KSF-3.3. Each
//                           report is audited under the PBX as actor, naming
//                           the listener, beside the listener's own entry.
//   ReportLiveListenStop    the PBX reports the end of a session it could have
//                           reported (an employee's, listener role monitor).
// Only capture sources report (AVG-32). Errors: kNotFound for an unknown
// evaluation, session or form; catalogue failures. Thread-safety: as App.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "policy/access.h"
#include "service/actor.h"
#include "service/app.h"
#include "vault/vault.h"

namespace fairqm::service {

struct EvaluationDocument {
  domain::Evaluation evaluation;
  domain::EvaluationForm form;  // the version the evaluation was scored on
  std::string agent_name;
  std::string monitor_name;
  std::string supervisor_name;  // of the feedback meeting, if held
};

Result<Decided<EvaluationDocument>> ReadEvaluationDocument(App& app, const Actor& actor,
                                                           const std::string& evaluation_id);

struct RecordingContent {
  std::unique_ptr<vault::VaultReader> reader;
  std::string recording_id;
  std::string media_type;  // "audio/ogg; codecs=opus", "text/plain; charset=utf-8" …
  domain::Channel channel = domain::Channel::kVoice;
};

Result<Decided<RecordingContent>> OpenRecordingContent(App& app, const Actor& actor,
                                                       const std::string& recording_id,
                                                       domain::Purpose access_purpose,
                                                       policy::RecordingAccess access);

// `listener` and `agent`: employee id or HR number.
Result<Decided<domain::LiveListenSession>> ReportLiveListenStart(App& app, const Actor& source,
                                                                 const std::string& listener,
                                                                 const std::string& agent,
                                                                 const std::string& line_number,
                                                                 domain::Purpose purpose);
Result<Decided<domain::LiveListenSession>> ReportLiveListenStop(App& app, const Actor& source,
                                                                const std::string& session_id);

}  // namespace fairqm::service
