// service/audit_trail: the one way service code writes the audit log.
//
// Record() appends an entry for an action and its decision inside the
// caller's transaction (AVG-5-accountability: every access to personal data
// and every decision, allowed or refused). RecordRefusal() is for refusals,
// which change nothing else: it opens and commits its own transaction so the
// refusal is on record even though the action did not happen.
#pragma once

#include <optional>
#include <string>

#include "audit/audit.h"
#include "codec/json.h"
#include "db/db.h"
#include "policy/decision.h"
#include "service/actor.h"

namespace fairqm::service {

struct AuditSubject {
  std::string kind;  // "recording", "evaluation", "regulation", …
  std::string id;
  std::string agent_id;  // whose personal data, if any
  std::optional<domain::Purpose> purpose;
};

Status Record(db::Connection& conn, TimeMs now, const Actor& actor, std::string_view action,
              const AuditSubject& subject, const policy::Decision& decision,
              const codec::Json& detail = codec::Json::object());

Status RecordRefusal(db::Connection& conn, TimeMs now, const Actor& actor, std::string_view action,
                     const AuditSubject& subject, const policy::Decision& decision,
                     const codec::Json& detail = codec::Json::object());

// An entry in a transaction of its own, for reads that change nothing else
// (verifying the chain, listing entries): the read is on record.
Status RecordAlone(db::Connection& conn, TimeMs now, const Actor& actor, std::string_view action,
                   const AuditSubject& subject, const policy::Decision& decision,
                   const codec::Json& detail = codec::Json::object());

}  // namespace fairqm::service
