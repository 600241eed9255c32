#include "policy/capture.h"

#include "domain/names.h"
#include "policy/access.h"
#include "policy/checks.h"
#include "policy/clients.h"

namespace fairqm::policy {

using domain::Channel;
using domain::Purpose;
using domain::Role;

namespace {

std::string ChannelNl(Channel channel) {
  switch (channel) {
    case Channel::kVoice:
      return "spraak";
    case Channel::kScreen:
      return "beeldscherm";
    case Channel::kChat:
      return "chat";
    case Channel::kEmail:
      return "e-mail";
  }
  return "onbekend";
}

}  // namespace

Decision DecideCapture(const CaptureFacts& facts) {
  // 1. Regulation.
  if (Decision d = CheckRegulationActive(facts.regulation, facts.now); !d) return d;
  const domain::Regulation& regulation = *facts.regulation;
  // 2. Protected lines.
  if (Decision d = CheckLineMonitorable(facts.line_kind); !d) return d;
  // 3. The person.
  if (Decision d = CheckAgentMonitorable(facts.agent, facts.now); !d) return d;
  // 4. The customer.
  if (facts.do_not_record) {
    // AVG-21
    return Decision::Refuse("AVG-21",
                            "De klant heeft bezwaar gemaakt tegen opnemen; dit contact wordt niet "
                            "opgenomen.",
                            "The customer objected to recording; this contact is not recorded.");
  }
  if (!facts.announced && !facts.customer_informed_by_contract) {
    // KSF-6.6
    return Decision::Refuse("KSF-6.6",
                            "De klant is niet vooraf verteld dat het contact kan worden "
                            "opgenomen; zonder die aankondiging wordt niet opgenomen.",
                            "The customer was not told beforehand that the contact may be "
                            "recorded; without that announcement nothing is recorded.");
  }
  // 5. Purpose and channel.
  if (Decision d = CheckPurposeEnabled(regulation, facts.purpose); !d) return d;
  const domain::PurposeRules& rules = *regulation.RulesFor(facts.purpose);
  if (rules.channels.count(facts.channel) == 0) {
    // KSF-1.3
    return Decision::Refuse("KSF-1.3",
                            "Het kanaal '" + ChannelNl(facts.channel) +
                                "' is in de regeling niet opgenomen voor het doel '" +
                                PurposeNl(facts.purpose) + "'.",
                            "The channel '" + std::string(domain::Name(facts.channel)) +
                                "' is not enabled in the regulation for the purpose '" +
                                PurposeEn(facts.purpose) + "'.");
  }
  // 6. Assessment prerequisites.
  if (Decision d = CheckAssessmentProtocol(regulation, facts.purpose, facts.now); !d) return d;
  if (facts.purpose == Purpose::kAssessment &&
      (!facts.form_published_at.has_value() || *facts.form_published_at > facts.now)) {
    // KSF-4.2
    return Decision::Refuse("KSF-4.2",
                            "Er is nog geen gepubliceerd evaluatieformulier; de "
                            "beoordelingscriteria moeten vooraf bekend zijn.",
                            "No evaluation form has been published yet; the assessment "
                            "criteria must be known in advance.");
  }
  // 7. Quota.
  if (facts.extra_moment) {
    // KSF-4.7: outside the quota, but at most N per assessment period.
    if (facts.purpose != Purpose::kAssessment) {
      return Decision::Refuse("KSF-4.7",
                              "Een extra monitoringmoment op verzoek van de medewerker bestaat "
                              "alleen voor beoordeling.",
                              "An extra moment at the agent's request exists for assessment "
                              "only.");
    }
    if (facts.extra_moments_in_assessment_period >= regulation.extra_moments_per_period) {
      return Decision::Refuse(
          "KSF-4.7",
          "Het maximum van " + std::to_string(regulation.extra_moments_per_period) +
              " extra monitoringmomenten in deze beoordelingsperiode is "
              "bereikt.",
          "The maximum of " + std::to_string(regulation.extra_moments_per_period) +
              " extra moments in this assessment period has been reached.");
    }
    return Decision::Allow();
  }
  if (facts.recordings_in_period >= rules.frequency_quota) {
    // KSF-3.6
    return Decision::Refuse("KSF-3.6",
                            "De frequentie uit de regeling (" +
                                std::to_string(rules.frequency_quota) + " contacten per " +
                                std::to_string(rules.frequency_period_days) +
                                " dagen) is voor deze medewerker bereikt.",
                            "The regulation's frequency (" + std::to_string(rules.frequency_quota) +
                                " contacts per " + std::to_string(rules.frequency_period_days) +
                                " days) has been reached for this agent.");
  }
  return Decision::Allow();
}

Decision DecideCaptureSegment(SegmentState state) {
  switch (state) {
    case SegmentState::kActive:
      return Decision::Allow();
    case SegmentState::kPausedForCardData:
      // PCI-pause
      return Decision::Refuse("PCI-pause",
                              "De opname is gepauzeerd terwijl betaalkaartgegevens worden "
                              "doorgegeven.",
                              "Recording is paused while payment-card data is given.");
    case SegmentState::kCustomerOnHold:
      // HOLD-silence
      return Decision::Refuse("HOLD-silence", "De klant staat in de wacht en wordt niet opgenomen.",
                              "The customer is on hold and is not recorded.");
  }
  return Decision::Refuse("PCI-pause", "Onbekende toestand; uit voorzorg wordt niet opgenomen.",
                          "Unknown state; as a precaution nothing is recorded.");
}

Decision DecideLiveListen(const LiveListenFacts& facts) {
  if (Decision d = CheckRegulationActive(facts.regulation, facts.now); !d) return d;
  const Role role = facts.listener_role;
  if (role != Role::kMonitor && role != Role::kManager && role != Role::kClient) {
    if (Decision d = DecideRoleAccess(role, Action::kLiveListen); !d) return d;
  }
  if (Decision d = CheckLineMonitorable(facts.line_kind); !d) return d;
  if (Decision d = CheckAgentMonitorable(facts.agent, facts.now); !d) return d;
  if (Decision d = CheckPurposeEnabled(*facts.regulation, facts.purpose); !d) return d;
  if (Decision d = CheckAssessmentProtocol(*facts.regulation, facts.purpose, facts.now); !d) {
    return d;
  }
  if (role == Role::kClient) {
    ClientAccessFacts client;
    client.regulation = facts.regulation;
    client.contract = facts.contract;
    client.client_id = facts.contract.has_value() ? facts.contract->client_id : std::string();
    client.purpose = facts.purpose;
    client.agent_team_id = facts.agent->team_id;
    client.now = facts.now;
    if (Decision d = DecideClientIndividualAccess(client); !d) return d;
    return CheckAuthorised(facts.listener_authorisations, facts.listener_id, *facts.agent,
                           facts.purpose, facts.now, client.client_id);
  }
  return CheckAuthorised(facts.listener_authorisations, facts.listener_id, *facts.agent,
                         facts.purpose, facts.now);
}

namespace {

std::string RoleNl(Role role) {
  switch (role) {
    case Role::kMonitor:
      return "monitor";
    case Role::kManager:
      return "leidinggevende";
    case Role::kClient:
      return "opdrachtgever";
    case Role::kWorksCouncil:
      return "ondernemingsraad";
    case Role::kPrivacyOfficer:
      return "functionaris gegevensbescherming";
    default:
      return "medewerker";
  }
}

std::string RoleEn(Role role) {
  switch (role) {
    case Role::kMonitor:
      return "monitor";
    case Role::kManager:
      return "manager";
    case Role::kClient:
      return "client";
    case Role::kWorksCouncil:
      return "works council";
    case Role::kPrivacyOfficer:
      return "privacy officer";
    default:
      return "employee";
  }
}

}  // namespace

LiveNotice BuildLiveNotice(const LiveNoticeFacts& facts) {
  LiveNotice notice;
  if (!facts.recording && facts.listeners.empty()) return notice;
  notice.visible = true;
  std::string nl;
  std::string en;
  if (facts.recording) {
    nl = "Dit contact wordt opgenomen voor " + PurposeNl(facts.purpose) + ".";
    en = "This contact is being recorded for " + PurposeEn(facts.purpose) + ".";
  }
  if (!facts.listeners.empty()) {
    if (!nl.empty()) {
      nl += " ";
      en += " ";
    }
    nl += "Live meegeluisterd door: ";
    en += "Listened to live by: ";
    bool first = true;
    for (const LiveListener& listener : facts.listeners) {
      if (!first) {
        nl += ", ";
        en += ", ";
      }
      first = false;
      if (listener.role == Role::kClient) {
        // KSF-6.4: the agent knows a client listens; role and client, not a name.
        notice.client_listening = true;
        const std::string who =
            listener.client_name.empty() ? std::string() : " " + listener.client_name;
        nl += "opdrachtgever" + who;
        en += "client" + who;
      } else {
        const std::string name = listener.name.empty() ? std::string() : listener.name + " ";
        nl += name + "(" + RoleNl(listener.role) + ")";
        en += name + "(" + RoleEn(listener.role) + ")";
      }
    }
    nl += ".";
    en += ".";
  }
  notice.text_nl = std::move(nl);
  notice.text_en = std::move(en);
  return notice;
}

}  // namespace fairqm::policy
