// service/agent_requests: what agents ask for and consent to, complaints and
// their appeal, data-subject requests, client contracts and live listening.
//
//   RequestExtraMoment     KSF-4.7: honoured up to the regulation's limit
//                          (three) per assessment period; the fourth refused
//   RequestOtherEvaluator  KSF-4.6: another authorised assessor; a draft
//                          evaluation moves to them
//   GiveHoldConsent        KSF-4.9: the agent consents to keeping a recording
//                          for a stated urgent reason until a date
//   GiveTrainingConsent    KSF-5.1: named use in training, revocable
//   WithdrawConsent        any consent, by the agent, at any time
//   FileComplaint / TakeUpComplaint / AppealComplaint / DecideAppeal (KSF-3.10)
//   OpenDataSubjectRequest / ExtendDataSubjectRequest / AnswerDataSubjectRequest (AVG-12)
//   AddClientContract      KSF-6.2, KSF-6.3: recorded with date, scope,
//                          fingerprint and legal ground
//   StartLiveListen / StopLiveListen  KSF-3.3, KSF-6.2, KSF-6.4, TRANSPARENCY-live
// Each step is decided by policy and audited. Thread-safety: as App.
#pragma once

#include <string>

#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

Result<Decided<domain::AgentRequest>> RequestExtraMoment(App& app, const Actor& actor,
                                                         const std::string& reason);
Result<Decided<domain::AgentRequest>> RequestOtherEvaluator(App& app, const Actor& actor,
                                                            const std::string& evaluation_id,
                                                            const std::string& evaluator_id,
                                                            const std::string& reason);

Result<Decided<domain::Consent>> GiveHoldConsent(App& app, const Actor& actor,
                                                 const std::string& recording_id,
                                                 const std::string& reason, TimeMs hold_until,
                                                 const std::string& requested_by);
Result<Decided<domain::Consent>> GiveTrainingConsent(App& app, const Actor& actor,
                                                     const std::string& recording_id,
                                                     const std::string& training_use);
Result<Decided<domain::Consent>> WithdrawConsent(App& app, const Actor& actor,
                                                 const std::string& consent_id);

Result<Decided<domain::Complaint>> FileComplaint(App& app, const Actor& actor,
                                                 const std::string& subject,
                                                 const std::string& text);
Result<Decided<domain::Complaint>> TakeUpComplaint(App& app, const Actor& actor,
                                                   const std::string& complaint_id,
                                                   const std::string& response, bool resolved);
Result<Decided<domain::Complaint>> AppealComplaint(App& app, const Actor& actor,
                                                   const std::string& complaint_id);
Result<Decided<domain::Complaint>> DecideAppeal(App& app, const Actor& actor,
                                                const std::string& complaint_id,
                                                const std::string& decision);

Result<Decided<domain::DataSubjectRequest>> OpenDataSubjectRequest(
    App& app, const Actor& actor, domain::DataSubjectKind subject_kind,
    const std::string& subject_ref, domain::DataSubjectRequestKind kind, TimeMs received_at);
Result<Decided<domain::DataSubjectRequest>> ExtendDataSubjectRequest(App& app, const Actor& actor,
                                                                     const std::string& id);
Result<Decided<domain::DataSubjectRequest>> AnswerDataSubjectRequest(App& app, const Actor& actor,
                                                                     const std::string& id,
                                                                     const std::string& notes);

Result<Decided<domain::ClientContract>> AddClientContract(App& app, const Actor& actor,
                                                          domain::ClientContract contract);

Result<Decided<domain::LiveListenSession>> StartLiveListen(App& app, const Actor& actor,
                                                           const std::string& agent_id,
                                                           const std::string& line_number,
                                                           domain::Purpose purpose);
Result<Decided<domain::LiveListenSession>> StopLiveListen(App& app, const Actor& actor,
                                                          const std::string& session_id);

}  // namespace fairqm::service
