#include "service/audit_trail.h"

#include "domain/names.h"

namespace fairqm::service {

Status Record(db::Connection& conn, TimeMs now, const Actor& actor, std::string_view action,
              const AuditSubject& subject, const policy::Decision& decision,
              const codec::Json& detail) {
  audit::Entry entry;
  entry.at = now;
  entry.actor_id = actor.id;
  entry.actor_role = actor.id == "system" ? "system" : std::string(domain::Name(actor.role));
  entry.action = std::string(action);
  entry.subject_kind = subject.kind;
  entry.subject_id = subject.id;
  entry.subject_agent_id = subject.agent_id;
  entry.purpose = subject.purpose;
  entry.decision = decision.allowed ? audit::Decision::kAllowed : audit::Decision::kRefused;
  entry.rule = decision.rule;
  codec::Json d = detail.is_object() ? detail : codec::Json::object();
  if (!decision.allowed) d["reason"] = decision.reason_en;
  entry.detail = d.dump();
  auto seq = audit::Append(conn, entry);
  if (!seq.ok()) return seq.error();
  return OkStatus();
}

Status RecordAlone(db::Connection& conn, TimeMs now, const Actor& actor, std::string_view action,
                   const AuditSubject& subject, const policy::Decision& decision,
                   const codec::Json& detail) {
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(conn));
  FAIRQM_RETURN_IF_ERROR(Record(conn, now, actor, action, subject, decision, detail));
  return tx.Commit();
}

Status RecordRefusal(db::Connection& conn, TimeMs now, const Actor& actor, std::string_view action,
                     const AuditSubject& subject, const policy::Decision& decision,
                     const codec::Json& detail) {
  return RecordAlone(conn, now, actor, action, subject, decision, detail);
}

}  // namespace fairqm::service
