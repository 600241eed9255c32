#include "policy/requests.h"

#include "policy/access.h"
#include "policy/checks.h"

namespace fairqm::policy {

using domain::Purpose;
using domain::Role;

Period CurrentPeriod(TimeMs anchor, int period_days, TimeMs now) {
  const TimeMs length = Days(period_days > 0 ? period_days : 1);
  TimeMs offset = now - anchor;
  // Floor division, so times before the anchor fall in earlier periods.
  TimeMs index = offset / length;
  if (offset % length != 0 && offset < 0) --index;
  Period period;
  period.start = anchor + index * length;
  period.end = period.start + length;
  return period;
}

Decision DecideExtraMomentRequest(const ExtraMomentFacts& facts) {
  if (Decision d = CheckRegulationActive(facts.regulation, facts.now); !d) return d;
  const domain::Regulation& regulation = *facts.regulation;
  // KSF-4.7
  if (regulation.RulesFor(Purpose::kAssessment) == nullptr) {
    return Decision::Refuse("KSF-4.7",
                            "De regeling kent geen beoordeling; er zijn dus ook geen extra "
                            "beoordelingsmomenten.",
                            "The regulation has no assessment, so there are no extra assessment "
                            "moments either.");
  }
  if (facts.requester_role != Role::kAgent || facts.requester_id.empty() ||
      facts.requester_id != facts.agent_id) {
    return Decision::Refuse("KSF-4.7",
                            "Een extra monitoringmoment wordt alleen op verzoek van de medewerker "
                            "zelf opgenomen.",
                            "An extra moment is recorded only at the agent's own request.");
  }
  if (facts.earlier_requests_in_period >= regulation.extra_moments_per_period) {
    return Decision::Refuse("KSF-4.7",
                            "U heeft in deze beoordelingsperiode al " +
                                std::to_string(facts.earlier_requests_in_period) +
                                " extra momenten gevraagd; het maximum is " +
                                std::to_string(regulation.extra_moments_per_period) + ".",
                            "You have already asked for " +
                                std::to_string(facts.earlier_requests_in_period) +
                                " extra moments in this assessment period; the maximum is " +
                                std::to_string(regulation.extra_moments_per_period) + ".");
  }
  return Decision::Allow();
}

Decision DecideOtherEvaluatorRequest(const OtherEvaluatorFacts& facts) {
  // KSF-4.6
  if (facts.requester_role != Role::kAgent || facts.requester_id.empty() ||
      facts.requester_id != facts.agent.id) {
    return Decision::Refuse("KSF-4.6",
                            "Alleen de medewerker zelf kan om een andere beoordelaar vragen.",
                            "Only the agent themself can ask for another evaluator.");
  }
  if (facts.requested_evaluator_id.empty()) {
    return Decision::Refuse("KSF-4.6", "Noem wie u in plaats daarvan wilt als beoordelaar.",
                            "Name who you would like as evaluator instead.");
  }
  if (facts.requested_evaluator_id == facts.original_monitor_id) {
    return Decision::Refuse("KSF-4.6",
                            "De gevraagde persoon is dezelfde als de oorspronkelijke monitor.",
                            "The person asked for is the same as the original monitor.");
  }
  if (facts.requested_evaluator_id == facts.agent.id) {
    return Decision::Refuse("KSF-4.6", "U kunt uzelf niet als beoordelaar kiezen.",
                            "You cannot choose yourself as evaluator.");
  }
  if (!CheckAuthorised(facts.requested_evaluator_authorisations, facts.requested_evaluator_id,
                       facts.agent, facts.purpose, facts.now)) {
    return Decision::Refuse("KSF-4.6",
                            "De gevraagde persoon is niet geautoriseerd om u voor '" +
                                PurposeNl(facts.purpose) + "' te monitoren.",
                            "The person asked for is not authorised to monitor you for '" +
                                PurposeEn(facts.purpose) + "'.");
  }
  return Decision::Allow();
}

TimeMs ComplaintRespondBy(TimeMs filed_at, const domain::Regulation& regulation) {
  return filed_at + Days(regulation.complaint_term_days);
}

Decision DecideAppeal(const domain::Complaint& complaint, const std::string& appellant_id,
                      TimeMs now) {
  // KSF-3.10
  if (appellant_id.empty() || appellant_id != complaint.complainant_id) {
    return Decision::Refuse("KSF-3.10", "Alleen wie de klacht indiende, kan in beroep gaan.",
                            "Only the person who filed the complaint can appeal.");
  }
  if (complaint.appealed_at.has_value()) {
    return Decision::Refuse("KSF-3.10", "Tegen deze klacht is al beroep ingesteld.",
                            "This complaint has already been appealed.");
  }
  const bool responded = !complaint.response.empty() ||
                         (complaint.resolved_at.has_value() && *complaint.resolved_at <= now);
  const bool not_taken_up_in_term =
      now > complaint.respond_by &&
      (!complaint.taken_up_at.has_value() || *complaint.taken_up_at > complaint.respond_by);
  if (responded || not_taken_up_in_term) return Decision::Allow();
  return Decision::Refuse("KSF-3.10",
                          "Het management heeft tot " + FormatDate(complaint.respond_by) +
                              " om de klacht in behandeling te nemen en te reageren; daarna kunt "
                              "u in beroep gaan bij de ondernemingsraad.",
                          "Management has until " + FormatDate(complaint.respond_by) +
                              " to take up and answer the complaint; after that you can appeal "
                              "to the works council.");
}

TimeMs DataSubjectRequestDueAt(TimeMs received_at, bool extended) {
  return AddMonths(received_at, extended ? 3 : 1);
}

Decision DecideExtendDataSubjectRequest(const domain::DataSubjectRequest& request, TimeMs now) {
  // AVG-12
  if (request.extension_told_at.has_value()) {
    return Decision::Refuse("AVG-12", "De termijn van dit verzoek is al verlengd.",
                            "The term of this request has already been extended.");
  }
  if (request.answered_at.has_value()) {
    return Decision::Refuse("AVG-12", "Dit verzoek is al beantwoord.",
                            "This request has already been answered.");
  }
  if (now > AddMonths(request.received_at, 1)) {
    return Decision::Refuse("AVG-12",
                            "Verlengen kan alleen als de betrokkene dat binnen de eerste maand "
                            "hoort; die maand is voorbij.",
                            "An extension is only possible if the person is told within the "
                            "first month; that month has passed.");
  }
  return Decision::Allow();
}

}  // namespace fairqm::policy
