// Store: contacts and recordings, and the queries that capture, monitoring
// and retention run over them.
//
// A recording row outlives the recording's content: destroying it (the vault
// destroys the content) stamps destroyed_at and the rule and appends the
// DELETION-log entry, so quota counts, reports and the agent's own history
// stay complete without keeping anything that was destroyed.
//
// The retention queries read partial indexes over live (not destroyed)
// recordings, so a sweep costs in proportion to what is due, not to the size
// of the catalogue, and they take a `limit` so a sweep works in batches.
// Get fails with kNotFound. Free functions; thread-safety is the connection's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

// --- contacts
Status PutContact(db::Connection& conn, const domain::Contact& contact);
Result<domain::Contact> GetContact(db::Connection& conn, std::string_view id);
// AVG-15: a customer's contacts by their keyed reference, oldest first.
Result<std::vector<domain::Contact>> ListContactsForCustomer(db::Connection& conn,
                                                             std::string_view customer_ref);

// --- recordings
Status PutRecording(db::Connection& conn, const domain::Recording& recording);
Result<domain::Recording> GetRecording(db::Connection& conn, std::string_view id);
// KSF-4.8, AVG-15: all of an agent's recordings, destroyed ones included (as
// metadata), newest first.
Result<std::vector<domain::Recording>> ListRecordingsForAgent(db::Connection& conn,
                                                              std::string_view agent_id);
Result<std::vector<domain::Recording>> ListRecordingsForContact(db::Connection& conn,
                                                                std::string_view contact_id);

// KSF-3.6: recordings of an agent for a purpose created in [from, to),
// destroyed ones included (destroying does not give quota back). Extra
// moments the agent asked for (KSF-4.7) do not use the quota unless
// include_extra_moments.
Result<std::int64_t> CountRecordingsInPeriod(db::Connection& conn, std::string_view agent_id,
                                             domain::Purpose purpose, TimeMs from, TimeMs to,
                                             bool include_extra_moments = false);

// KSF-4.4: the monitor's queue — live, not yet evaluated recordings of the
// agents and purposes the monitor is authorised for at `now` (active,
// employer-side authorisations; scope by agent or team), soonest deadline
// first. A monitor's own recordings are never in their queue. Client
// authorisations (KSF-6.5: clients never evaluate) do not count.
Result<std::vector<domain::Recording>> MonitorQueue(db::Connection& conn,
                                                    std::string_view monitor_id, TimeMs now,
                                                    int limit);

// Stamps evaluated_at on a live recording not yet evaluated; false if it was
// already evaluated or destroyed, kNotFound if there is no such recording.
Result<bool> MarkRecordingEvaluated(db::Connection& conn, std::string_view id, TimeMs at);

// Stamps destroyed_at/destroyed_rule and appends the DELETION-log entry,
// atomically. False if it was already destroyed (a re-run sweep), kNotFound
// if there is no such recording. The caller destroys the content (vault).
Result<bool> MarkRecordingDestroyed(db::Connection& conn, std::string_view id, TimeMs at,
                                    std::string_view rule);

}  // namespace fairqm::store
