#include "service/audit_access.h"

#include "policy/access.h"
#include "service/audit_trail.h"

namespace fairqm::service {

Result<Decided<audit::VerifyReport>> VerifyAudit(App& app, const Actor& actor) {
  using Answer = Decided<audit::VerifyReport>;
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  AuditSubject subject{"audit_log", "chain", "", std::nullopt};
  policy::Decision decision = policy::DecideRoleAccess(actor.role, policy::Action::kReadAuditLog);
  if (actor.id == "system") decision = policy::Decision::Allow();
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, app.Now(), actor, "audit.verify", subject, decision));
    return Answer::Refuse(decision);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto report, audit::Verify(*conn));
  // The verification is appended after it ran, so it does not verify itself.
  FAIRQM_RETURN_IF_ERROR(RecordAlone(
      *conn, app.Now(), actor, "audit.verify", subject, decision,
      codec::Json{{"ok", report.ok}, {"entries", report.entries}, {"problem", report.problem}}));
  return Answer::Allow(report);
}

Result<Decided<std::vector<audit::StoredEntry>>> AuditFor(App& app, const Actor& actor,
                                                          const std::string& agent_id, int limit) {
  using Answer = Decided<std::vector<audit::StoredEntry>>;
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  AuditSubject subject{"audit_log", agent_id, agent_id, std::nullopt};
  policy::Decision decision = policy::DecideRoleAccess(actor.role, policy::Action::kReadAuditLog);
  // AVG-5-accountability: an agent always sees who accessed their own data.
  if (actor.role == domain::Role::kAgent && actor.id == agent_id) {
    decision = policy::Decision::Allow();
  }
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*conn, app.Now(), actor, "audit.show", subject, decision));
    return Answer::Refuse(decision);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto entries, audit::ListForSubjectAgent(*conn, agent_id, limit));
  FAIRQM_RETURN_IF_ERROR(RecordAlone(*conn, app.Now(), actor, "audit.show", subject, decision,
                                     codec::Json{{"entries", entries.size()}}));
  return Answer::Allow(std::move(entries));
}

}  // namespace fairqm::service
