#include "policy/checks.h"

#include "domain/names.h"

namespace fairqm::policy {

using domain::Employee;
using domain::JobFunction;
using domain::LineKind;
using domain::ProtectedRole;
using domain::Purpose;
using domain::Regulation;
using domain::RegulationStatus;

std::string PurposeNl(Purpose purpose) { return std::string(domain::DutchName(purpose)); }
std::string PurposeEn(Purpose purpose) { return std::string(domain::Name(purpose)); }

Decision CheckRegulationActive(const std::optional<Regulation>& regulation, TimeMs now) {
  // KSF-3.1: no monitoring at all without an active regulation.
  if (!regulation.has_value() || regulation->status != RegulationStatus::kActive ||
      !regulation->activated_at.has_value() || *regulation->activated_at > now) {
    return Decision::Refuse(
        "KSF-3.1",
        "Er is geen actieve regeling kwaliteitsmonitoring; zonder regeling wordt niet "
        "gemonitord.",
        "There is no active quality-monitoring regulation; without one, nobody is monitored.");
  }
  return Decision::Allow();
}

Decision CheckLineMonitorable(LineKind line) {
  switch (line) {
    case LineKind::kBusiness:
      return Decision::Allow();
    case LineKind::kPrivate:
      // KSF-3.9
      return Decision::Refuse("KSF-3.9",
                              "Dit is een privélijn. Privégesprekken worden nooit opgenomen of "
                              "meegeluisterd.",
                              "This is a private line. Private calls are never recorded or "
                              "listened to.");
    case LineKind::kConfidential:
      // KSF-2.1-confidential
      return Decision::Refuse(
          "KSF-2.1-confidential",
          "Deze lijn wordt gebruikt door iemand met een geheimhoudingsplicht (bijvoorbeeld de "
          "bedrijfsarts of een vertrouwenspersoon) en wordt nooit gemonitord.",
          "This line is used by someone with a duty of confidentiality (such as the company "
          "doctor or a confidential adviser) and is never monitored.");
  }
  return Decision::Refuse("KSF-1.3",
                          "Onbekend soort lijn; alleen zakelijke lijnen worden gemonitord.",
                          "Unknown kind of line; only business lines are monitored.");
}

bool IsProtectedPerson(const Employee& person) {
  return person.protected_role != ProtectedRole::kNone ||
         person.function == JobFunction::kCompanyDoctor ||
         person.function == JobFunction::kConfidentialAdviser;
}

Decision CheckAgentMonitorable(const std::optional<Employee>& agent, TimeMs now) {
  if (!agent.has_value()) {
    // KSF-3.2: a person we cannot identify cannot be established to be an agent.
    return Decision::Refuse("KSF-3.2",
                            "Deze medewerker is onbekend; alleen bekende "
                            "contactcentermedewerkers worden gemonitord.",
                            "This employee is unknown; only known contact-centre agents are "
                            "monitored.");
  }
  if (IsProtectedPerson(*agent)) {
    // KSF-2.1-confidential
    return Decision::Refuse(
        "KSF-2.1-confidential",
        "Deze persoon heeft een wettelijke geheimhoudingsplicht (bedrijfsarts, "
        "OR-lid of vertrouwenspersoon) en wordt nooit gemonitord.",
        "This person has a legal duty of confidentiality (company doctor, works-council member "
        "or confidential adviser) and is never monitored.");
  }
  if (agent->leave_date.has_value() && *agent->leave_date <= now) {
    // KSF-3.2: someone who has left is no longer an agent of this employer.
    return Decision::Refuse("KSF-3.2",
                            "Deze medewerker is uit dienst en wordt niet meer gemonitord.",
                            "This employee has left and is no longer monitored.");
  }
  if (agent->start_date > now) {
    return Decision::Refuse("KSF-3.2", "Deze medewerker is nog niet in dienst.",
                            "This employee has not started yet.");
  }
  // KSF-3.2: only agents, whatever their contract (permanent, temporary, on
  // call, agency) — so the contract type is deliberately not checked.
  if (agent->function != JobFunction::kAgent || !agent->customer_contact) {
    return Decision::Refuse("KSF-3.2",
                            "Alleen contactcentermedewerkers met direct klantcontact worden "
                            "gemonitord; deze persoon is dat niet.",
                            "Only contact-centre agents whose direct work is customer contact "
                            "are monitored; this person is not one.");
  }
  if (!agent->informed_at.has_value() || *agent->informed_at > now) {
    // KSF-3.7
    return Decision::Refuse("KSF-3.7",
                            "Deze medewerker is nog niet over de regeling kwaliteitsmonitoring "
                            "geïnformeerd en wordt daarom niet opgenomen.",
                            "This agent has not yet been informed of the monitoring regulation "
                            "and is therefore not recorded.");
  }
  return Decision::Allow();
}

Decision CheckPurposeEnabled(const Regulation& regulation, Purpose purpose) {
  // KSF-1.2
  if (regulation.RulesFor(purpose) == nullptr) {
    return Decision::Refuse(
        "KSF-1.2", "Het doel '" + PurposeNl(purpose) + "' staat niet in de actieve regeling.",
        "The purpose '" + PurposeEn(purpose) + "' is not enabled in the active regulation.");
  }
  return Decision::Allow();
}

Decision CheckAssessmentProtocol(const Regulation& regulation, Purpose purpose, TimeMs now) {
  if (purpose != Purpose::kAssessment) return Decision::Allow();
  // KSF-4.1
  if (regulation.assessment_protocol_reference.empty() ||
      !regulation.assessment_protocol_approved_at.has_value() ||
      *regulation.assessment_protocol_approved_at > now) {
    return Decision::Refuse("KSF-4.1",
                            "Er is geen door de ondernemingsraad goedgekeurd "
                            "beoordelingsprotocol; zonder protocol wordt niet voor beoordeling "
                            "gemonitord.",
                            "There is no assessment protocol approved by the works council; "
                            "without it, nothing is monitored for assessment.");
  }
  return Decision::Allow();
}

}  // namespace fairqm::policy
