// service/evaluations: the monitoring moment from start to close.
//
//   StartEvaluation   a monitor evaluates one agent's recordings of one
//                     purpose with a published form (KSF-3.3, KSF-3.4,
//                     KSF-4.2, KSF-4.4/4.10, KSF-2.1-feedback, KSF-6.5)
//   ScoreEvaluation   answers to the form: weights, critical questions, N/A,
//                     required comments; the score is computed, never typed
//   AddNote           a note anchored at a time in a recording
//   ShareEvaluation   the written outcome goes to the agent (KSF-3.8)
//   GiveAgentView     the agent's own view (KSF-2.1-view)
//   Acknowledge       the agent signs "seen" (voor gezien)
//   RecordFeedback    the feedback meeting with the direct supervisor (KSF-4.5)
//   CloseEvaluation   only after sharing (KSF-3.8) and, for assessment, the
//                     feedback meeting; the recordings then fall to KSF-4.9
//   ReadEvaluation    audited read (AVG-5-accountability)
// Every step is decided by policy and audited with the agent as subject.
#pragma once

#include <string>
#include <vector>

#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

Result<Decided<domain::Evaluation>> StartEvaluation(App& app, const Actor& actor,
                                                    const std::string& agent_id,
                                                    domain::Purpose purpose,
                                                    const std::string& form_id,
                                                    const std::vector<std::string>& recording_ids);
Result<Decided<domain::Evaluation>> ScoreEvaluation(App& app, const Actor& actor,
                                                    const std::string& evaluation_id,
                                                    std::vector<domain::Answer> answers,
                                                    const std::string& summary);
Result<Decided<domain::Evaluation>> AddNote(App& app, const Actor& actor,
                                            const std::string& evaluation_id,
                                            const std::string& recording_id, std::int64_t offset_ms,
                                            const std::string& text);
Result<Decided<domain::Evaluation>> ShareEvaluation(App& app, const Actor& actor,
                                                    const std::string& evaluation_id);
Result<Decided<domain::Evaluation>> GiveAgentView(App& app, const Actor& actor,
                                                  const std::string& evaluation_id,
                                                  const std::string& view);
Result<Decided<domain::Evaluation>> Acknowledge(App& app, const Actor& actor,
                                                const std::string& evaluation_id);
Result<Decided<domain::Evaluation>> RecordFeedback(App& app, const Actor& actor,
                                                   const std::string& evaluation_id, TimeMs held_at,
                                                   const std::string& summary);
Result<Decided<domain::Evaluation>> CloseEvaluation(App& app, const Actor& actor,
                                                    const std::string& evaluation_id);
Result<Decided<domain::Evaluation>> ReadEvaluation(App& app, const Actor& actor,
                                                   const std::string& evaluation_id);

}  // namespace fairqm::service
