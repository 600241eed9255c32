#include "domain/names.h"

#include <utility>

namespace fairqm::domain {
namespace {

template <typename T, std::size_t N>
std::string_view Lookup(const std::pair<T, std::string_view> (&table)[N], T value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename T, std::size_t N>
std::optional<T> Reverse(const std::pair<T, std::string_view> (&table)[N], std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

constexpr std::pair<Purpose, std::string_view> kPurposes[] = {{Purpose::kCoaching, "coaching"},
                                                              {Purpose::kAssessment, "assessment"},
                                                              {Purpose::kQuality, "quality"}};
constexpr std::pair<Channel, std::string_view> kChannels[] = {{Channel::kVoice, "voice"},
                                                              {Channel::kScreen, "screen"},
                                                              {Channel::kChat, "chat"},
                                                              {Channel::kEmail, "email"}};
constexpr std::pair<LineKind, std::string_view> kLineKinds[] = {
    {LineKind::kBusiness, "business"},
    {LineKind::kPrivate, "private"},
    {LineKind::kConfidential, "confidential"}};
constexpr std::pair<ContractType, std::string_view> kContracts[] = {
    {ContractType::kPermanent, "permanent"},
    {ContractType::kTemporary, "temporary"},
    {ContractType::kOnCall, "on_call"},
    {ContractType::kAgency, "agency"}};
constexpr std::pair<JobFunction, std::string_view> kFunctions[] = {
    {JobFunction::kAgent, "agent"},
    {JobFunction::kTeamLead, "team_lead"},
    {JobFunction::kCoach, "coach"},
    {JobFunction::kQaAnalyst, "qa_analyst"},
    {JobFunction::kTrainer, "trainer"},
    {JobFunction::kManager, "manager"},
    {JobFunction::kCompanyDoctor, "company_doctor"},
    {JobFunction::kConfidentialAdviser, "confidential_adviser"},
    {JobFunction::kPrivacyOfficer, "privacy_officer"},
    {JobFunction::kOther, "other"}};
constexpr std::pair<ProtectedRole, std::string_view> kProtected[] = {
    {ProtectedRole::kNone, "none"},
    {ProtectedRole::kCompanyDoctor, "company_doctor"},
    {ProtectedRole::kWorksCouncilMember, "works_council_member"},
    {ProtectedRole::kConfidentialAdviser, "confidential_adviser"}};
constexpr std::pair<LegalGround, std::string_view> kGrounds[] = {
    {LegalGround::kUnset, "unset"},
    {LegalGround::kContract, "contract"},
    {LegalGround::kLegitimateInterest, "legitimate_interest"}};
constexpr std::pair<RegulationStatus, std::string_view> kRegStatus[] = {
    {RegulationStatus::kDraft, "draft"},
    {RegulationStatus::kSubmitted, "submitted"},
    {RegulationStatus::kRejected, "rejected"},
    {RegulationStatus::kActive, "active"},
    {RegulationStatus::kSuperseded, "superseded"}};
constexpr std::pair<EvaluationStatus, std::string_view> kEvalStatus[] = {
    {EvaluationStatus::kDraft, "draft"},
    {EvaluationStatus::kShared, "shared"},
    {EvaluationStatus::kClosed, "closed"}};
constexpr std::pair<RequestKind, std::string_view> kRequestKinds[] = {
    {RequestKind::kExtraMoment, "extra_moment"},
    {RequestKind::kOtherEvaluator, "other_evaluator"},
    {RequestKind::kAccess, "access"}};
constexpr std::pair<RequestStatus, std::string_view> kRequestStatus[] = {
    {RequestStatus::kOpen, "open"},
    {RequestStatus::kGranted, "granted"},
    {RequestStatus::kRefused, "refused"},
    {RequestStatus::kFulfilled, "fulfilled"}};
constexpr std::pair<ConsentKind, std::string_view> kConsentKinds[] = {
    {ConsentKind::kRetentionHold, "retention_hold"},
    {ConsentKind::kNamedTraining, "named_training"}};
constexpr std::pair<DataSubjectKind, std::string_view> kSubjectKinds[] = {
    {DataSubjectKind::kAgent, "agent"}, {DataSubjectKind::kCustomer, "customer"}};
constexpr std::pair<DataSubjectRequestKind, std::string_view> kDsrKinds[] = {
    {DataSubjectRequestKind::kAccess, "access"},
    {DataSubjectRequestKind::kErasure, "erasure"},
    {DataSubjectRequestKind::kObjection, "objection"},
    {DataSubjectRequestKind::kRectification, "rectification"}};
constexpr std::pair<Role, std::string_view> kRoles[] = {{Role::kAgent, "agent"},
                                                        {Role::kMonitor, "monitor"},
                                                        {Role::kManager, "manager"},
                                                        {Role::kWorksCouncil, "works_council"},
                                                        {Role::kPrivacyOfficer, "privacy_officer"},
                                                        {Role::kClient, "client"},
                                                        {Role::kAdmin, "admin"},
                                                        {Role::kCaptureSource, "capture_source"}};

}  // namespace

#define FAIRQM_ENUM_NAMES_IMPL(Type, table)                          \
  std::string_view Name(Type value) { return Lookup(table, value); } \
  std::optional<Type> Parse##Type(std::string_view name) { return Reverse(table, name); }

FAIRQM_ENUM_NAMES_IMPL(Purpose, kPurposes)
FAIRQM_ENUM_NAMES_IMPL(Channel, kChannels)
FAIRQM_ENUM_NAMES_IMPL(LineKind, kLineKinds)
FAIRQM_ENUM_NAMES_IMPL(ContractType, kContracts)
FAIRQM_ENUM_NAMES_IMPL(JobFunction, kFunctions)
FAIRQM_ENUM_NAMES_IMPL(ProtectedRole, kProtected)
FAIRQM_ENUM_NAMES_IMPL(LegalGround, kGrounds)
FAIRQM_ENUM_NAMES_IMPL(RegulationStatus, kRegStatus)
FAIRQM_ENUM_NAMES_IMPL(EvaluationStatus, kEvalStatus)
FAIRQM_ENUM_NAMES_IMPL(RequestKind, kRequestKinds)
FAIRQM_ENUM_NAMES_IMPL(RequestStatus, kRequestStatus)
FAIRQM_ENUM_NAMES_IMPL(ConsentKind, kConsentKinds)
FAIRQM_ENUM_NAMES_IMPL(DataSubjectKind, kSubjectKinds)
FAIRQM_ENUM_NAMES_IMPL(DataSubjectRequestKind, kDsrKinds)
FAIRQM_ENUM_NAMES_IMPL(Role, kRoles)

std::string_view DutchName(Purpose purpose) {
  switch (purpose) {
    case Purpose::kCoaching:
      return "coaching, training en begeleiding";
    case Purpose::kAssessment:
      return "beoordeling";
    case Purpose::kQuality:
      return "procesverbetering en kwaliteitsbewaking";
  }
  return "onbekend";
}

}  // namespace fairqm::domain
