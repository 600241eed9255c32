#include "policy/clients.h"

#include <algorithm>
#include <cctype>

#include "policy/checks.h"

namespace fairqm::policy {

using domain::LegalGround;
using domain::Purpose;

int EffectiveMinGroupSize(int configured) { return std::max(configured, kMinClientGroupSizeFloor); }

std::vector<ReportCellOutcome> DecideClientReport(const std::vector<ReportCell>& cells,
                                                  int min_group_size) {
  const int minimum = EffectiveMinGroupSize(min_group_size);
  std::vector<ReportCellOutcome> out;
  out.reserve(cells.size());
  int suppressed = 0;
  for (const ReportCell& cell : cells) {
    ReportCellOutcome outcome;
    outcome.key = cell.key;
    if (cell.distinct_agents < minimum) {
      // KSF-6.1
      outcome.decision = Decision::Refuse(
          "KSF-6.1",
          "Deze groep telt minder dan " + std::to_string(minimum) +
              " medewerkers; het cijfer zou naar personen herleidbaar zijn en wordt niet getoond.",
          "This group has fewer than " + std::to_string(minimum) +
              " agents; the figure could be traced to individuals and is not shown.");
      ++suppressed;
    } else {
      outcome.shown = true;
      outcome.value = cell.value;
      outcome.decision = Decision::Allow();
    }
    out.push_back(std::move(outcome));
  }
  if (suppressed == 1 && cells.size() > 1) {
    // KSF-6.1 secondary suppression: hide the smallest remaining group so the
    // single small group cannot be recovered from a known total.
    std::size_t victim = cells.size();
    for (std::size_t cell_idx = 0; cell_idx < cells.size(); ++cell_idx) {
      if (!out[cell_idx].shown) continue;
      if (victim == cells.size() ||
          cells[cell_idx].distinct_agents < cells[victim].distinct_agents) {
        victim = cell_idx;
      }
    }
    if (victim < cells.size()) {
      out[victim].shown = false;
      out[victim].value = 0.0;
      out[victim].decision = Decision::Refuse(
          "KSF-6.1",
          "Dit cijfer wordt ook verborgen, omdat anders het verborgen cijfer van een kleine "
          "groep uit het totaal te berekenen is.",
          "This figure is hidden too, because otherwise the hidden figure of a small group "
          "could be computed from the total.");
    }
  }
  return out;
}

namespace {

bool IsSha256Hex(const std::string& text) {
  if (text.size() != 64) return false;
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isxdigit(c) != 0; });
}

Decision RefuseContract(const std::string& why_nl, const std::string& why_en) {
  // KSF-6.2
  return Decision::Refuse("KSF-6.2",
                          "Toegang voor een opdrachtgever tot gegevens van individuele "
                          "medewerkers kan alleen met een geldige schriftelijke overeenkomst: " +
                              why_nl,
                          "A client may access data of individual agents only under a valid "
                          "written agreement: " +
                              why_en);
}

}  // namespace

Decision DecideClientIndividualAccess(const ClientAccessFacts& facts) {
  if (Decision d = CheckRegulationActive(facts.regulation, facts.now); !d) return d;
  // KSF-6.5
  if (facts.evaluate || facts.purpose == Purpose::kAssessment ||
      (facts.contract.has_value() && facts.contract->purpose == Purpose::kAssessment)) {
    return Decision::Refuse("KSF-6.5",
                            "Een opdrachtgever beoordeelt of evalueert nooit medewerkers; dat "
                            "blijft de verantwoordelijkheid van de werkgever.",
                            "A client never evaluates or assesses agents; that stays the "
                            "employer's responsibility.");
  }
  const auto& contract = facts.contract;
  if (!contract.has_value() || contract->client_id != facts.client_id) {
    return RefuseContract("er is geen overeenkomst met deze opdrachtgever.",
                          "there is no agreement with this client.");
  }
  if (contract->signed_at > facts.now ||
      (contract->valid_until.has_value() && *contract->valid_until <= facts.now)) {
    return RefuseContract("de overeenkomst is niet (meer) van kracht.",
                          "the agreement is not (or no longer) in force.");
  }
  if (!contract->individual_level) {
    return RefuseContract(
        "de overeenkomst staat alleen totaalcijfers toe, geen gegevens per medewerker.",
        "the agreement allows aggregate figures only, not data per agent.");
  }
  if (!IsSha256Hex(contract->document_sha256)) {
    return RefuseContract("de vingerafdruk van het ondertekende document is niet vastgelegd.",
                          "the fingerprint of the signed document is not recorded.");
  }
  if (!contract->agents_informed_at.has_value() || *contract->agents_informed_at > facts.now) {
    return RefuseContract("de betrokken medewerkers zijn nog niet geïnformeerd.",
                          "the agents concerned have not been told yet.");
  }
  if (contract->team_ids.count(facts.agent_team_id) == 0) {
    return RefuseContract("het team van deze medewerker valt buiten de overeenkomst.",
                          "this agent's team is outside the agreement's scope.");
  }
  // KSF-6.3
  if (contract->legal_ground == LegalGround::kUnset) {
    return Decision::Refuse("KSF-6.3",
                            "In de overeenkomst met de opdrachtgever is geen grondslag "
                            "vastgelegd.",
                            "The client agreement does not record its legal ground.");
  }
  // KSF-2.3: the contract can never widen the regulation.
  if (Decision d = CheckPurposeEnabled(*facts.regulation, facts.purpose); !d) {
    return Decision::Refuse("KSF-2.3",
                            "Het doel '" + PurposeNl(facts.purpose) +
                                "' staat niet in de regeling; een overeenkomst met een "
                                "opdrachtgever kan niet meer toestaan dan de regeling.",
                            "The purpose '" + PurposeEn(facts.purpose) +
                                "' is not in the regulation; a client agreement can never allow "
                                "more than the regulation.");
  }
  if (contract->purpose != facts.purpose) {
    return Decision::Refuse("KSF-2.3",
                            "De overeenkomst geldt voor het doel '" + PurposeNl(contract->purpose) +
                                "', niet voor '" + PurposeNl(facts.purpose) + "'.",
                            "The agreement covers the purpose '" + PurposeEn(contract->purpose) +
                                "', not '" + PurposeEn(facts.purpose) + "'.");
  }
  return Decision::Allow();
}

}  // namespace fairqm::policy
