// Shared fixtures for the policy tests: a complete active regulation, an
// informed agent, an authorised monitor, and the table-driven case type.
// Test-only; included by *_test.cc files of this module.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <string>

#include "common/time.h"
#include "domain/types.h"
#include "policy/decision.h"

namespace fairqm::policy::testing_util {

using namespace fairqm::domain;  // NOLINT: test fixtures only

// Monday 2 March 2026, 09:00 UTC.
inline TimeMs T0() { return *ParseTime("2026-03-02T09:00:00Z"); }

inline PurposeRules FullRules(Purpose purpose) {
  PurposeRules rules;
  rules.purpose = purpose;
  rules.enabled = true;
  rules.frequency_quota = 10;
  rules.frequency_period_days = 30;
  rules.recording_retention_days = 30;
  rules.evaluation_retention_days = 365;
  rules.evaluation_term_working_days = 10;
  rules.min_gap_days = purpose == Purpose::kAssessment ? 30 : 0;
  rules.legitimate_interest = "Goede dienstverlening aan klanten";
  rules.legal_ground = LegalGround::kLegitimateInterest;
  rules.necessity_justification = "Meelopen alleen geeft geen beeld van alle kanalen";
  rules.proportionality_justification = "Tien contacten per maand is een klein deel";
  rules.channels = {Channel::kVoice, Channel::kScreen};
  return rules;
}

inline Regulation ActiveRegulation() {
  Regulation regulation;
  regulation.id = "reg-1";
  regulation.version = 1;
  regulation.title = "Regeling kwaliteitsmonitoring 2026";
  regulation.status = RegulationStatus::kActive;
  regulation.purposes = {FullRules(Purpose::kCoaching), FullRules(Purpose::kAssessment),
                         FullRules(Purpose::kQuality)};
  regulation.works_council_consent_at = T0() - Days(40);
  regulation.works_council_consent_reference = "OR-2026-004";
  regulation.dpia_at = T0() - Days(60);
  regulation.dpia_reference = "DPIA-2026-01";
  regulation.assessment_protocol_reference = "BP-2026";
  regulation.assessment_protocol_approved_at = T0() - Days(40);
  regulation.privacy_statement_url = "https://example.nl/privacy";
  regulation.controller_name = "Voorbeeld Contactcenter B.V.";
  regulation.created_at = T0() - Days(90);
  regulation.submitted_at = T0() - Days(50);
  regulation.activated_at = T0() - Days(30);
  return regulation;
}

inline Employee Agent() {
  Employee agent;
  agent.id = "emp-agent";
  agent.name = "Anne Agent";
  agent.function = JobFunction::kAgent;
  agent.contract = ContractType::kPermanent;
  agent.customer_contact = true;
  agent.team_id = "team-a";
  agent.start_date = T0() - Days(100);
  agent.informed_at = T0() - Days(20);
  return agent;
}

inline Authorisation MonitorAuthorisation(const std::string& monitor_id = "emp-monitor") {
  Authorisation authorisation;
  authorisation.id = "auth-" + monitor_id;
  authorisation.monitor_id = monitor_id;
  authorisation.purposes = {Purpose::kCoaching, Purpose::kAssessment, Purpose::kQuality};
  authorisation.team_ids = {"team-a"};
  authorisation.valid_from = T0() - Days(10);
  authorisation.confidentiality_acknowledged_at = T0() - Days(10);
  authorisation.granted_by = "emp-manager";
  authorisation.granted_at = T0() - Days(10);
  return authorisation;
}

inline ClientContract IndividualContract() {
  ClientContract contract;
  contract.id = "cc-1";
  contract.client_id = "client-1";
  contract.client_name = "Energiebedrijf";
  contract.signed_at = T0() - Days(20);
  contract.team_ids = {"team-a"};
  contract.purpose = Purpose::kQuality;
  contract.individual_level = true;
  contract.document_sha256 = std::string(64, 'a');
  contract.legal_ground = LegalGround::kContract;
  contract.agents_informed_at = T0() - Days(10);
  return contract;
}

inline Authorisation ClientAuthorisation() {
  Authorisation authorisation = MonitorAuthorisation("client-user-1");
  authorisation.purposes = {Purpose::kQuality};
  authorisation.client_id = "client-1";
  return authorisation;
}

inline Recording AgentRecording(Purpose purpose = Purpose::kAssessment) {
  Recording recording;
  recording.id = "rec-1";
  recording.contact_id = "con-1";
  recording.agent_id = "emp-agent";
  recording.purpose = purpose;
  recording.channel = Channel::kVoice;
  recording.regulation_id = "reg-1";
  recording.created_at = T0() - Days(1);
  recording.evaluate_by = AddWorkingDays(recording.created_at, 10);
  recording.destroy_at = recording.created_at + Days(30);
  return recording;
}

// One row of a decision table.
template <typename Facts>
struct Case {
  std::string name;                    // test name, starting with the rule ID
  std::function<void(Facts&)> mutate;  // applied to the allowed base facts
  std::string expect_rule;             // "" = allowed
};

template <typename Facts>
void PrintTo(const Case<Facts>& c, std::ostream* os) {
  *os << c.name;
}

struct CaseName {
  template <typename Param>
  std::string operator()(const ::testing::TestParamInfo<Param>& info) const {
    return info.param.name;
  }
};

// Checks the decision against the expected rule ("" = allowed); every refusal
// names a RULES.md ID and has reasons in both languages.
inline void ExpectDecision(const Decision& decision, const std::string& expect_rule) {
  if (expect_rule.empty()) {
    EXPECT_TRUE(decision.allowed) << decision.rule << ": " << decision.reason_en;
    EXPECT_TRUE(decision.rule.empty());
    return;
  }
  EXPECT_FALSE(decision.allowed) << "expected refusal under " << expect_rule;
  EXPECT_EQ(decision.rule, expect_rule) << decision.reason_en;
  EXPECT_TRUE(IsKnownRule(decision.rule)) << decision.rule;
  EXPECT_FALSE(decision.reason_nl.empty());
  EXPECT_FALSE(decision.reason_en.empty());
}

}  // namespace fairqm::policy::testing_util
