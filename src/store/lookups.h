// Store: look-ups by the identifiers outside systems use (the HR number), and
// capture tickets — the capture gate's "yes, record this contact" handed to a
// capture source, which the ingest of the content redeems once.
//
// A ticket fixes the purpose at decision time (KSF-1.2) and counts against
// the frequency quota from the moment it is issued (KSF-3.6), so two
// decisions before either upload cannot both take the last place.
// Free functions; thread-safety is the connection's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

Result<std::optional<domain::Employee>> FindEmployeeByExternalId(db::Connection& conn,
                                                                 std::string_view external_id);

struct CaptureTicket {
  std::string id;  // also the recording id the content will get
  std::string contact_id;
  std::string agent_id;
  domain::Purpose purpose = domain::Purpose::kCoaching;
  domain::Channel channel = domain::Channel::kVoice;
  std::string extra_moment_request;  // KSF-4.7, empty for sampled captures
  TimeMs issued_at = 0;
  TimeMs expires_at = 0;
  std::optional<TimeMs> redeemed_at;
};

Status PutCaptureTicket(db::Connection& conn, const CaptureTicket& ticket);
Result<std::optional<CaptureTicket>> FindCaptureTicket(db::Connection& conn, std::string_view id);
// Marks the ticket used; false if it was already used.
Result<bool> RedeemCaptureTicket(db::Connection& conn, std::string_view id, TimeMs at);
// KSF-3.6: tickets issued in [from, to) for this agent and purpose that are
// neither redeemed nor expired at `now` (redeemed ones are recordings).
Result<std::int64_t> CountOutstandingTickets(db::Connection& conn, std::string_view agent_id,
                                             domain::Purpose purpose, TimeMs from, TimeMs to,
                                             TimeMs now);

}  // namespace fairqm::store
