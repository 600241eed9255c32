#include "policy/consents.h"

#include "policy/checks.h"

namespace fairqm::policy {

using domain::ConsentKind;
using domain::Purpose;

namespace {

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

Decision RefuseHold(const std::string& why_nl, const std::string& why_en) {
  // KSF-4.9
  return Decision::Refuse("KSF-4.9",
                          "Een opname langer bewaren kan alleen om dringende redenen en met "
                          "toestemming van de medewerker: " +
                              why_nl,
                          "A recording can be kept longer only for urgent reasons and with the "
                          "agent's consent: " +
                              why_en);
}

}  // namespace

bool ConsentInForce(const domain::Consent& consent, TimeMs now) {
  return consent.given_at <= now &&
         !(consent.withdrawn_at.has_value() && *consent.withdrawn_at <= now);
}

Decision DecideRetentionHold(const RetentionHoldFacts& facts) {
  const domain::Recording& recording = facts.recording;
  if (recording.destroyed_at.has_value()) {
    // AVG-17
    return Decision::Refuse("AVG-17", "Deze opname is al vernietigd.",
                            "This recording has already been destroyed.");
  }
  const auto& consent = facts.consent;
  if (!consent.has_value() || consent->kind != ConsentKind::kRetentionHold ||
      consent->recording_id != recording.id) {
    return RefuseHold("er is geen toestemming voor deze opname vastgelegd.",
                      "no consent for this recording has been recorded.");
  }
  if (consent->agent_id != recording.agent_id || facts.consenting_actor_id != recording.agent_id) {
    return RefuseHold("alleen de medewerker van de opname kan toestemming geven.",
                      "only the recording's agent can give consent.");
  }
  if (!ConsentInForce(*consent, facts.now)) {
    return RefuseHold("de toestemming is ingetrokken.", "the consent has been withdrawn.");
  }
  if (Blank(consent->reason)) {
    return RefuseHold("de dringende reden ontbreekt.", "the urgent reason is missing.");
  }
  if (!consent->hold_until.has_value() || *consent->hold_until <= facts.now) {
    return RefuseHold("de einddatum van het bewaren moet in de toekomst liggen.",
                      "the end date of the hold must be in the future.");
  }
  if (*consent->hold_until > recording.destroy_at) {
    // AVG-5-storage
    return Decision::Refuse("AVG-5-storage",
                            "Ook met toestemming wordt een opname niet langer bewaard dan de "
                            "bewaartermijn van het doel (tot " +
                                FormatDate(recording.destroy_at) + ").",
                            "Even with consent a recording is not kept beyond its purpose's "
                            "retention term (until " +
                                FormatDate(recording.destroy_at) + ").");
  }
  return Decision::Allow();
}

bool HoldActive(const domain::Consent& consent, const domain::Recording& recording, TimeMs now) {
  return consent.kind == ConsentKind::kRetentionHold && consent.recording_id == recording.id &&
         consent.agent_id == recording.agent_id && ConsentInForce(consent, now) &&
         !Blank(consent.reason) && consent.hold_until.has_value() && *consent.hold_until > now;
}

Decision DecideTrainingUse(const TrainingUseFacts& facts) {
  const domain::Recording& recording = facts.recording;
  if (recording.destroyed_at.has_value()) {
    // AVG-17
    return Decision::Refuse("AVG-17", "Deze opname is vernietigd.",
                            "This recording has been destroyed.");
  }
  if (recording.may_contain_card_data) {
    // PCI-pause
    return Decision::Refuse("PCI-pause",
                            "Deze opname kan betaalkaartgegevens bevatten en wordt nooit voor "
                            "training gebruikt.",
                            "This recording may contain payment-card data and is never used for "
                            "training.");
  }
  if (!facts.named) return Decision::Allow();  // KSF-5.1: anonymised
  if (recording.purpose != Purpose::kCoaching) {
    // KSF-3.4
    return Decision::Refuse("KSF-3.4",
                            "Deze opname is gemaakt voor '" + PurposeNl(recording.purpose) +
                                "'; alleen een geanonimiseerde versie mag voor training worden "
                                "gebruikt.",
                            "This recording was made for '" + PurposeEn(recording.purpose) +
                                "'; only an anonymised version may be used for training.");
  }
  const auto& consent = facts.consent;
  // KSF-5.1
  if (!consent.has_value() || consent->kind != ConsentKind::kNamedTraining ||
      consent->agent_id != recording.agent_id || consent->recording_id != recording.id ||
      Blank(consent->training_use)) {
    return Decision::Refuse("KSF-5.1",
                            "Zonder schriftelijke toestemming van de medewerker wordt voor "
                            "training alleen een geanonimiseerde versie gebruikt.",
                            "Without the agent's written consent only an anonymised version is "
                            "used for training.");
  }
  if (!ConsentInForce(*consent, facts.now)) {
    return Decision::Refuse("KSF-5.1",
                            "De medewerker heeft de toestemming voor gebruik met naam "
                            "ingetrokken; alleen een geanonimiseerde versie mag worden gebruikt.",
                            "The agent withdrew the consent for named use; only an anonymised "
                            "version may be used.");
  }
  return Decision::Allow();
}

}  // namespace fairqm::policy
