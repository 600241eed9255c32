// Store: evaluations (monitoring moments, KSF-3.8) with their recordings,
// answers and timed notes.
//
// Put replaces the whole evaluation, children included, atomically. Answers
// are stored as JSON (versioned document data). Destroying an evaluation
// (RETENTION-split) erases its content — answers, notes, score, summary, the
// agent's view and the feedback summary — keeps the bare facts (who, purpose,
// dates) for reports, and appends the DELETION-log entry. Get fails with
// kNotFound. Free functions; thread-safety is the connection's.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

Status PutEvaluation(db::Connection& conn, const domain::Evaluation& evaluation);
Result<domain::Evaluation> GetEvaluation(db::Connection& conn, std::string_view id);
// KSF-4.8: an agent's evaluations, newest first.
Result<std::vector<domain::Evaluation>> ListEvaluationsForAgent(db::Connection& conn,
                                                                std::string_view agent_id);
// A monitor's evaluations, optionally of one status, newest first.
Result<std::vector<domain::Evaluation>> ListEvaluationsForMonitor(
    db::Connection& conn, std::string_view monitor_id,
    std::optional<domain::EvaluationStatus> status = std::nullopt);
// The evaluations that used a recording.
Result<std::vector<domain::Evaluation>> ListEvaluationsForRecording(db::Connection& conn,
                                                                    std::string_view recording_id);

// KSF-2.1-feedback: when the agent's latest assessment evaluation was made
// (its created_at), if ever.
Result<std::optional<TimeMs>> LastAssessmentMoment(db::Connection& conn, std::string_view agent_id);

// RETENTION-split: live evaluations with destroy_at <= now, at most `limit`,
// soonest first.
Result<std::vector<domain::Evaluation>> ExpiredEvaluations(db::Connection& conn, TimeMs now,
                                                           int limit);
// Erases the content, stamps destroyed_at and appends the DELETION-log entry,
// atomically. False if already destroyed; kNotFound if absent.
Result<bool> MarkEvaluationDestroyed(db::Connection& conn, std::string_view id, TimeMs at,
                                     std::string_view rule);

}  // namespace fairqm::store
