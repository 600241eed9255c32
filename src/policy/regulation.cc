#include "policy/regulation.h"

#include <set>

#include "policy/checks.h"
#include "policy/clients.h"

namespace fairqm::policy {

using domain::LegalGround;
using domain::Purpose;
using domain::Regulation;
using domain::RegulationStatus;

namespace {

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// The longest calendar span of `working_days` working days (Mon–Fri): starting
// on a Friday, every started week adds a weekend.
int MaxCalendarDays(int working_days) { return working_days + 2 * ((working_days + 4) / 5); }

}  // namespace

std::vector<Decision> MissingForSubmission(const Regulation& regulation) {
  std::vector<Decision> missing;
  auto add = [&missing](const char* rule, const std::string& nl, const std::string& en) {
    missing.push_back(Decision::Refuse(rule, nl, en));
  };

  // KSF-1.2
  std::set<Purpose> seen;
  bool any_enabled = false;
  for (const domain::PurposeRules& rules : regulation.purposes) {
    if (!seen.insert(rules.purpose).second) {
      add("KSF-1.2",
          "Het doel '" + PurposeNl(rules.purpose) + "' staat meer dan eens in de regeling.",
          "The purpose '" + PurposeEn(rules.purpose) + "' is listed more than once.");
    }
    any_enabled = any_enabled || rules.enabled;
  }
  if (!any_enabled) {
    add("KSF-1.2", "De regeling noemt geen enkel doel.", "The regulation names no purpose.");
  }
  if (Blank(regulation.title)) {
    // KSF-3.10: the regulation is public; people must be able to name it.
    add("KSF-3.10", "De regeling heeft geen titel.", "The regulation has no title.");
  }

  bool assessment = false;
  for (const domain::PurposeRules& rules : regulation.purposes) {
    if (!rules.enabled) continue;
    assessment = assessment || rules.purpose == Purpose::kAssessment;
    const std::string nl = "Doel '" + PurposeNl(rules.purpose) + "': ";
    const std::string en = "Purpose '" + PurposeEn(rules.purpose) + "': ";
    // KSF-2.1-interest
    if (Blank(rules.legitimate_interest)) {
      add("KSF-2.1-interest", nl + "het gerechtvaardigd belang ontbreekt.",
          en + "the legitimate interest is missing.");
    }
    if (rules.legal_ground == LegalGround::kUnset) {
      add("KSF-2.1-interest",
          nl + "de grondslag (overeenkomst of gerechtvaardigd belang, art. 6 AVG) ontbreekt.",
          en + "the legal ground (contract or legitimate interest, GDPR art. 6) is missing.");
    }
    // KSF-3.5
    if (Blank(rules.necessity_justification)) {
      add("KSF-3.5",
          nl + "er staat niet waarom minder ingrijpende middelen niet volstaan (subsidiariteit).",
          en + "it does not say why less intrusive means do not suffice (subsidiarity).");
    }
    if (Blank(rules.proportionality_justification)) {
      add("KSF-3.5",
          nl + "er staat niet waarom de frequentie in verhouding staat (proportionaliteit).",
          en + "it does not say why the frequency is proportionate (proportionality).");
    }
    // KSF-3.6
    if (rules.frequency_quota <= 0) {
      add("KSF-3.6", nl + "het aantal contacten per medewerker per periode ontbreekt.",
          en + "the number of contacts per agent per period is missing.");
    }
    if (rules.frequency_period_days <= 0) {
      add("KSF-3.6", nl + "de lengte van de frequentieperiode ontbreekt.",
          en + "the length of the frequency period is missing.");
    }
    // KSF-1.3
    if (rules.channels.empty()) {
      add("KSF-1.3", nl + "er is geen kanaal (spraak, beeldscherm, chat, e-mail) gekozen.",
          en + "no channel (voice, screen, chat, e-mail) is chosen.");
    }
    // AVG-5-storage
    if (rules.recording_retention_days <= 0) {
      add("AVG-5-storage", nl + "de bewaartermijn van opnames ontbreekt.",
          en + "the retention term of recordings is missing.");
    }
    if (rules.evaluation_retention_days <= 0) {
      add("AVG-5-storage", nl + "de bewaartermijn van evaluaties ontbreekt.",
          en + "the retention term of evaluations is missing.");
    }
    // RETENTION-split
    if (rules.evaluation_retention_days > 0 && rules.recording_retention_days > 0 &&
        rules.evaluation_retention_days < rules.recording_retention_days) {
      add("RETENTION-split",
          nl + "evaluaties moeten minstens zo lang bewaard worden als de opnames waarop ze "
               "berusten.",
          en + "evaluations must be kept at least as long as the recordings they are based on.");
    }
    // KSF-4.4
    if (rules.evaluation_term_working_days <= 0) {
      add("KSF-4.4", nl + "de evaluatietermijn ontbreekt.", en + "the evaluation term is missing.");
    } else if (rules.recording_retention_days > 0 &&
               rules.recording_retention_days <
                   MaxCalendarDays(rules.evaluation_term_working_days)) {
      add("KSF-4.4",
          nl + "opnames worden korter bewaard (" + std::to_string(rules.recording_retention_days) +
              " dagen) dan de evaluatietermijn van " +
              std::to_string(rules.evaluation_term_working_days) + " werkdagen duurt.",
          en + "recordings are kept shorter (" + std::to_string(rules.recording_retention_days) +
              " days) than the evaluation term of " +
              std::to_string(rules.evaluation_term_working_days) + " working days.");
    }
  }

  if (assessment) {
    // KSF-4.1
    if (Blank(regulation.assessment_protocol_reference)) {
      add("KSF-4.1", "Voor beoordeling ontbreekt de verwijzing naar het beoordelingsprotocol.",
          "Assessment needs a reference to the assessment protocol.");
    }
    // KSF-2.1-feedback
    const domain::PurposeRules* rules = regulation.RulesFor(Purpose::kAssessment);
    if (rules != nullptr && rules->min_gap_days <= 0) {
      add("KSF-2.1-feedback",
          "Voor beoordeling ontbreekt de minimale tijd tussen twee beoordelingsmomenten.",
          "Assessment needs a minimum gap between two assessment moments.");
    }
    // KSF-4.7
    if (regulation.extra_moments_per_period < 1 ||
        regulation.extra_moments_per_period > kMaxExtraMomentsPerPeriod) {
      add("KSF-4.7",
          "Het aantal extra monitoringmomenten op verzoek van de medewerker moet tussen 1 en 3 "
          "liggen.",
          "The number of extra moments at the agent's request must be between 1 and 3.");
    }
    if (regulation.assessment_period_days <= 0) {
      add("KSF-4.7", "De lengte van de beoordelingsperiode ontbreekt.",
          "The length of the assessment period is missing.");
    }
  }
  // KSF-6.1
  if (regulation.client_min_group_size < kMinClientGroupSizeFloor) {
    add("KSF-6.1",
        "De minimale groepsgrootte voor cijfers aan opdrachtgevers moet minstens " +
            std::to_string(kMinClientGroupSizeFloor) + " medewerkers zijn.",
        "The minimum group size for client figures must be at least " +
            std::to_string(kMinClientGroupSizeFloor) + " agents.");
  }
  // KSF-3.10
  if (regulation.complaint_term_days <= 0) {
    add("KSF-3.10",
        "De termijn waarbinnen het management een klacht in behandeling neemt, ontbreekt.",
        "The term within which management takes up a complaint is missing.");
  }
  // KSF-6.6
  if (Blank(regulation.privacy_statement_url)) {
    add("KSF-6.6", "De verwijzing naar de privacyverklaring voor klanten ontbreekt.",
        "The link to the privacy statement for customers is missing.");
  }
  // AVG-30
  if (Blank(regulation.controller_name)) {
    add("AVG-30", "De naam van de verwerkingsverantwoordelijke ontbreekt.",
        "The name of the controller is missing.");
  }
  return missing;
}

Decision DecideSubmitRegulation(const Regulation& regulation) {
  if (regulation.status != RegulationStatus::kDraft &&
      regulation.status != RegulationStatus::kRejected) {
    // KSF-3.11
    return Decision::Refuse("KSF-3.11",
                            "Alleen een concept (of een afgewezen versie) kan aan de "
                            "ondernemingsraad worden voorgelegd.",
                            "Only a draft (or a rejected version) can be submitted to the works "
                            "council.");
  }
  std::vector<Decision> missing = MissingForSubmission(regulation);
  if (!missing.empty()) return missing.front();
  return Decision::Allow();
}

Decision DecideConsentRegulation(const Regulation& regulation, TimeMs consent_at,
                                 const std::string& consent_reference, TimeMs now) {
  // KSF-3.11
  if (regulation.status != RegulationStatus::kSubmitted) {
    return Decision::Refuse("KSF-3.11",
                            "De ondernemingsraad kan alleen instemmen met een voorgelegde versie.",
                            "The works council can only consent to a submitted version.");
  }
  if (Blank(consent_reference)) {
    return Decision::Refuse("KSF-3.11",
                            "De kenmerk/verwijzing van het instemmingsbesluit ontbreekt.",
                            "The reference of the consent decision is missing.");
  }
  if (consent_at > now ||
      (regulation.submitted_at.has_value() && consent_at < *regulation.submitted_at)) {
    return Decision::Refuse("KSF-3.11",
                            "De datum van instemming ligt in de toekomst of vóór het voorleggen.",
                            "The consent date is in the future or before submission.");
  }
  return Decision::Allow();
}

Decision DecideActivateRegulation(const ActivateRegulationFacts& facts) {
  const Regulation& regulation = facts.regulation;
  if (regulation.status != RegulationStatus::kSubmitted) {
    // KSF-3.11
    return Decision::Refuse("KSF-3.11",
                            "Alleen een aan de ondernemingsraad voorgelegde versie kan actief "
                            "worden.",
                            "Only a version submitted to the works council can become active.");
  }
  std::vector<Decision> missing = MissingForSubmission(regulation);
  if (!missing.empty()) return missing.front();
  // KSF-3.11
  if (!regulation.works_council_consent_at.has_value() ||
      *regulation.works_council_consent_at > facts.now ||
      Blank(regulation.works_council_consent_reference)) {
    return Decision::Refuse("KSF-3.11",
                            "De instemming van de ondernemingsraad (datum en kenmerk) is nog niet "
                            "vastgelegd.",
                            "The works council's consent (date and reference) has not been "
                            "recorded yet.");
  }
  // AVG-35
  if (!regulation.dpia_at.has_value() || *regulation.dpia_at > facts.now ||
      Blank(regulation.dpia_reference)) {
    return Decision::Refuse("AVG-35",
                            "Er is geen gegevensbeschermingseffectbeoordeling (DPIA) vastgelegd "
                            "met datum en kenmerk.",
                            "No data-protection impact assessment (DPIA) has been recorded with "
                            "date and reference.");
  }
  // KSF-4.1
  if (Decision d = CheckAssessmentProtocol(regulation, Purpose::kAssessment, facts.now);
      regulation.RulesFor(Purpose::kAssessment) != nullptr && !d) {
    return d;
  }
  // KSF-3.12: at most one change a year without a recorded legal reason.
  if (facts.previous_active.has_value() && facts.previous_active->activated_at.has_value() &&
      facts.now < AddMonths(*facts.previous_active->activated_at, 12) &&
      Blank(regulation.change_legal_reason)) {
    return Decision::Refuse("KSF-3.12",
                            "De vorige versie werd minder dan twaalf maanden geleden actief (" +
                                FormatDate(*facts.previous_active->activated_at) +
                                "); een nieuwe versie binnen het jaar vraagt een vastgelegde "
                                "wettelijke reden.",
                            "The previous version became active less than twelve months ago (" +
                                FormatDate(*facts.previous_active->activated_at) +
                                "); a new version within the year needs a recorded legal "
                                "reason.");
  }
  return Decision::Allow();
}

}  // namespace fairqm::policy
