// capture/metadata: what a capture source says about a contact, as JSON.
//
// Sent with `fairqm capture decide` and `fairqm ingest FILE --meta FILE` (and
// later with the HTTP capture endpoints). The customer's number arrives here
// and goes no further: the service turns it into a keyed reference at once
// (AVG-5-minimal, see customer_ref.h) and never stores or logs it.
//
//   {"agent": "1001" | "emp-…",   employee id or HR number (required)
//    "line": "2101",              the extension the contact ran on (required for voice)
//    "channel": "voice",          voice | screen | chat | email (default voice)
//    "purpose": "coaching",       the purpose this capture serves (required)
//    "started_at": "2026-11-27T10:15:00Z",
//    "customer_number": "+31 6 1234 5678",   optional; hashed, never kept
//    "contact_ref": "PBX-123",    the source's own contact id (optional)
//    "client_id": "cl-…",         optional
//    "announced": true,           KSF-6.6 the announcement was played
//    "customer_informed_by_contract": false,
//    "do_not_record": false,      AVG-21
//    "extra_moment_request": "req-…",   KSF-4.7 a granted agent request
//    "may_contain_card_data": false,    PCI-pause
//    "media_type": "video/webm",  for non-audio content (screen, chat, e-mail)
//    "ticket": "rec-…"}           the capture gate's ticket, when the upload
//                                 follows a `capture decide`
//
// Parse errors are kInvalidInput naming the field. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/types.h"

namespace fairqm::capture {

struct ContactMetadata {
  std::string agent;  // employee id or external (HR) id
  std::string line;
  domain::Channel channel = domain::Channel::kVoice;
  domain::Purpose purpose = domain::Purpose::kCoaching;
  std::optional<TimeMs> started_at;
  std::string customer_number;  // transient: hashed by the service, never stored
  std::string contact_ref;
  std::string client_id;
  bool announced = false;
  bool customer_informed_by_contract = false;
  bool do_not_record = false;
  std::string extra_moment_request;
  bool may_contain_card_data = false;
  std::string media_type;
  std::string ticket;
};

Result<ContactMetadata> ParseContactMetadata(std::string_view json_text);

// "video/webm", "text/plain; charset=utf-8" (RFC 6838 names).
bool IsMediaType(std::string_view text);

}  // namespace fairqm::capture
