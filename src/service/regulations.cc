#include "service/regulations.h"

#include "domain/names.h"
#include "policy/access.h"
#include "policy/regulation.h"
#include "service/audit_trail.h"
#include "store/regulations.h"

namespace fairqm::service {
namespace {

AuditSubject RegulationSubject(const domain::Regulation& r) {
  return AuditSubject{"regulation", r.id, "", std::nullopt};
}

// Stores the regulation and its audit entry in one transaction.
Result<Decided<domain::Regulation>> Save(App& app, db::Connection& conn, const Actor& actor,
                                         std::string_view action,
                                         const domain::Regulation& regulation,
                                         const codec::Json& detail = codec::Json::object()) {
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(conn));
  FAIRQM_RETURN_IF_ERROR(store::PutRegulation(conn, regulation));
  FAIRQM_RETURN_IF_ERROR(Record(conn, app.Now(), actor, action, RegulationSubject(regulation),
                                policy::Decision::Allow(), detail));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<domain::Regulation>::Allow(regulation);
}

Result<Decided<domain::Regulation>> Refused(App& app, db::Connection& conn, const Actor& actor,
                                            std::string_view action,
                                            const domain::Regulation& regulation,
                                            policy::Decision decision) {
  FAIRQM_RETURN_IF_ERROR(
      RecordRefusal(conn, app.Now(), actor, action, RegulationSubject(regulation), decision));
  return Decided<domain::Regulation>::Refuse(std::move(decision));
}

// Role check first: only the roles the guideline names act on a regulation.
std::optional<policy::Decision> RoleRefusal(const Actor& actor, policy::Action action) {
  policy::Decision d = policy::DecideRoleAccess(actor.role, action);
  if (d.allowed) return std::nullopt;
  return d;
}

}  // namespace

Result<std::optional<domain::Regulation>> GetActiveRegulation(App& app) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
  return store::ActiveRegulation(*conn);
}

Result<domain::Regulation> FindRegulation(App& app, const std::string& id_or_active) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
  if (id_or_active == "active") {
    FAIRQM_ASSIGN_OR_RETURN(auto active, store::ActiveRegulation(*conn));
    if (!active) return MakeError(ErrorCode::kNotFound, "there is no active regulation");
    return *active;
  }
  return store::GetRegulation(*conn, id_or_active);
}

Result<Decided<domain::Regulation>> ImportRegulation(App& app, const Actor& actor,
                                                     domain::Regulation draft) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  if (auto refusal = RoleRefusal(actor, policy::Action::kDraftRegulation)) {
    return Refused(app, *conn, actor, "regulation.import", draft, *refusal);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto all, store::ListRegulations(*conn));
  int last_version = 0;
  for (const auto& r : all) last_version = std::max(last_version, r.version);
  draft.id = NewId(app.random(), "reg");
  draft.version = last_version + 1;
  draft.status = domain::RegulationStatus::kDraft;
  draft.created_at = app.Now();
  draft.works_council_consent_at.reset();
  draft.works_council_consent_reference.clear();
  draft.works_council_rejected_at.reset();
  draft.works_council_rejection_reference.clear();
  draft.works_council_rejection_reason.clear();
  draft.submitted_at.reset();
  draft.activated_at.reset();
  draft.superseded_at.reset();
  return Save(app, *conn, actor, "regulation.import", draft,
              codec::Json{{"version", draft.version}});
}

Result<std::vector<policy::Decision>> MissingForSubmission(App& app,
                                                           const std::string& regulation_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, FindRegulation(app, regulation_id));
  return policy::MissingForSubmission(regulation);
}

Result<Decided<domain::Regulation>> SubmitRegulation(App& app, const Actor& actor,
                                                     const std::string& regulation_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::GetRegulation(*conn, regulation_id));
  if (auto refusal = RoleRefusal(actor, policy::Action::kDraftRegulation)) {
    return Refused(app, *conn, actor, "regulation.submit", regulation, *refusal);
  }
  // KSF-2.1-interest, KSF-3.5, KSF-3.6 …: nothing incomplete reaches the works council.
  policy::Decision decision = policy::DecideSubmitRegulation(regulation);
  if (!decision.allowed) {
    return Refused(app, *conn, actor, "regulation.submit", regulation, decision);
  }
  regulation.status = domain::RegulationStatus::kSubmitted;
  regulation.submitted_at = app.Now();
  return Save(app, *conn, actor, "regulation.submit", regulation);
}

Result<Decided<domain::Regulation>> ConsentRegulation(App& app, const Actor& actor,
                                                      const std::string& regulation_id,
                                                      TimeMs consent_at,
                                                      const std::string& reference) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::GetRegulation(*conn, regulation_id));
  if (auto refusal = RoleRefusal(actor, policy::Action::kRecordWorksCouncilConsent)) {
    return Refused(app, *conn, actor, "regulation.consent", regulation, *refusal);
  }
  // KSF-3.11: consent is recorded with its date and reference.
  policy::Decision decision =
      policy::DecideConsentRegulation(regulation, consent_at, reference, app.Now());
  if (!decision.allowed) {
    return Refused(app, *conn, actor, "regulation.consent", regulation, decision);
  }
  regulation.works_council_consent_at = consent_at;
  regulation.works_council_consent_reference = reference;
  return Save(app, *conn, actor, "regulation.consent", regulation,
              codec::Json{{"reference", reference}, {"consent_at", FormatDate(consent_at)}});
}

Result<Decided<domain::Regulation>> UpdateRegulationDraft(App& app, const Actor& actor,
                                                          const std::string& regulation_id,
                                                          domain::Regulation content) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto existing, store::GetRegulation(*conn, regulation_id));
  if (auto refusal = RoleRefusal(actor, policy::Action::kDraftRegulation)) {
    return Refused(app, *conn, actor, "regulation.update", existing, *refusal);
  }
  if (existing.status != domain::RegulationStatus::kDraft) {
    // KSF-3.11: what the works council saw (or may be seeing) never changes.
    return MakeError(ErrorCode::kConflict,
                     "only a draft can be changed; start a new draft from this version");
  }
  content.id = existing.id;
  content.version = existing.version;
  content.status = domain::RegulationStatus::kDraft;
  content.created_at = existing.created_at;
  content.works_council_consent_at.reset();
  content.works_council_consent_reference.clear();
  content.works_council_rejected_at.reset();
  content.works_council_rejection_reference.clear();
  content.works_council_rejection_reason.clear();
  content.submitted_at.reset();
  content.activated_at.reset();
  content.superseded_at.reset();
  return Save(app, *conn, actor, "regulation.update", content,
              codec::Json{{"version", content.version}});
}

Result<Decided<domain::Regulation>> RejectRegulation(App& app, const Actor& actor,
                                                     const std::string& regulation_id,
                                                     const std::string& reference,
                                                     const std::string& reason) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::GetRegulation(*conn, regulation_id));
  if (auto refusal = RoleRefusal(actor, policy::Action::kRecordWorksCouncilConsent)) {
    return Refused(app, *conn, actor, "regulation.reject", regulation, *refusal);
  }
  if (regulation.status != domain::RegulationStatus::kSubmitted) {
    return MakeError(ErrorCode::kConflict, "only a submitted regulation can be rejected");
  }
  if (reference.find_first_not_of(" \t\r\n") == std::string::npos) {
    // KSF-3.11: a refusal is a decision of the council, traceable by its reference.
    return MakeError(ErrorCode::kInvalidInput, "reference: required");
  }
  regulation.status = domain::RegulationStatus::kRejected;
  regulation.works_council_rejected_at = app.Now();
  regulation.works_council_rejection_reference = reference;
  regulation.works_council_rejection_reason = reason;
  return Save(app, *conn, actor, "regulation.reject", regulation,
              codec::Json{{"reference", reference}, {"reason", reason}});
}

Result<Decided<domain::Regulation>> ActivateRegulation(App& app, const Actor& actor,
                                                       const std::string& regulation_id) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::GetRegulation(*conn, regulation_id));
  if (auto refusal = RoleRefusal(actor, policy::Action::kDraftRegulation)) {
    return Refused(app, *conn, actor, "regulation.activate", regulation, *refusal);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto previous, store::ActiveRegulation(*conn));
  policy::ActivateRegulationFacts facts{regulation, previous, app.Now()};
  // KSF-3.11, KSF-3.12, AVG-35, KSF-4.1
  policy::Decision decision = policy::DecideActivateRegulation(facts);
  if (!decision.allowed) {
    return Refused(app, *conn, actor, "regulation.activate", regulation, decision);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  if (previous) {
    previous->status = domain::RegulationStatus::kSuperseded;
    previous->superseded_at = app.Now();
    FAIRQM_RETURN_IF_ERROR(store::PutRegulation(*conn, *previous));
  }
  regulation.status = domain::RegulationStatus::kActive;
  regulation.activated_at = app.Now();
  FAIRQM_RETURN_IF_ERROR(store::PutRegulation(*conn, regulation));
  FAIRQM_RETURN_IF_ERROR(Record(
      *conn, app.Now(), actor, "regulation.activate", RegulationSubject(regulation), decision,
      codec::Json{{"supersedes", previous ? codec::Json(previous->id) : codec::Json()}}));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<domain::Regulation>::Allow(regulation);
}

Result<Decided<domain::EvaluationForm>> PublishForm(App& app, const Actor& actor,
                                                    domain::EvaluationForm form) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  AuditSubject subject{"form", form.id, "", form.purpose};
  if (auto refusal = RoleRefusal(actor, policy::Action::kDraftRegulation)) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, app.Now(), actor, "form.publish", subject, *refusal));
    return Decided<domain::EvaluationForm>::Refuse(*refusal);
  }
  if (form.id.empty()) form.id = NewId(app.random(), "form");
  FAIRQM_ASSIGN_OR_RETURN(auto forms, store::ListForms(*conn));
  int version = 0;
  for (const auto& f : forms) {
    if (f.id == form.id) version = std::max(version, f.version);
  }
  // A published form is never changed: a change is a new version (KSF-4.2).
  form.version = version + 1;
  form.published_at = app.Now();
  subject.id = form.id;
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(store::PutForm(*conn, form));
  FAIRQM_RETURN_IF_ERROR(Record(*conn, app.Now(), actor, "form.publish", subject,
                                policy::Decision::Allow(), codec::Json{{"version", form.version}}));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Decided<domain::EvaluationForm>::Allow(form);
}

}  // namespace fairqm::service
