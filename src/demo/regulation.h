// demo/regulation: the documents of the demo contact centre — its monitoring
// regulation (TOML), its three evaluation forms (JSON) and one client
// contract (JSON) — as text, exactly as a customer would hand them to
// `fairqm regulation import`, `fairqm form import` and `fairqm client add`.
//
// The regulation fills in everything the guideline asks of it for all three
// purposes: legitimate interest and legal ground (KSF-2.1-interest), necessity
// and proportionality (KSF-3.5), frequencies (KSF-3.6), retention per purpose
// for recordings and evaluations apart (RETENTION-split), the evaluation term
// (KSF-4.4), the minimum gap between assessments (KSF-2.1-feedback), the
// assessment protocol (KSF-4.1), the DPIA (AVG-35), the client group minimum
// (KSF-6.1). Lifecycle facts (works-council consent, activation) are not in
// the file (codec ignores them); DemoTimeline gives the dates the wiring uses
// to record them through the lifecycle commands.
//
// Output depends only on `today`. Organisations, people and documents are
// fictional. Thread-safety: pure functions. They cannot fail.
#pragma once

#include <string>
#include <vector>

#include "common/time.h"

namespace fairqm::demo {

inline constexpr const char* kControllerName = "Klantcontact Nederland B.V.";
inline constexpr const char* kClientId = "polderstroom";
inline constexpr const char* kClientName = "Polderstroom Energie B.V.";

// When things happened in the demo's past, relative to `today` (all dates at
// UTC midnight, in this order).
struct DemoTimeline {
  TimeMs dpia_at = 0;                          // AVG-35
  TimeMs submitted_at = 0;                     // regulation offered to the works council
  TimeMs assessment_protocol_approved_at = 0;  // KSF-4.1
  TimeMs works_council_consent_at = 0;         // KSF-3.11
  std::string works_council_consent_reference;
  TimeMs activated_at = 0;
  TimeMs rollout_at = 0;                 // agents informed from here on (KSF-3.7)
  TimeMs client_contract_signed_at = 0;  // KSF-6.2
  TimeMs client_agents_informed_at = 0;  // KSF-6.2
};

DemoTimeline MakeTimeline(TimeMs today);

// The regulation in TOML (codec::ParseTomlText + codec::RegulationFromJson).
std::string RegulationToml(TimeMs today);

// Evaluation forms in JSON (codec::FormFromJson), one per purpose (KSF-4.2).
// The assessment form has a critical question: the customer's identity
// verified according to procedure.
std::string AssessmentFormJson();
std::string CoachingFormJson();
std::string QualityFormJson();

// The signed agreement with the client, as plain text; its SHA-256 is the
// contract's document fingerprint (KSF-6.2).
std::string ClientContractDocument(TimeMs today);
// Lower-case hex SHA-256 of ClientContractDocument(today) (libsodium).
std::string ClientContractDocumentSha256(TimeMs today);
// The client contract in JSON (codec::ClientContractFromJson): aggregate
// level, quality purpose, legitimate interest (KSF-6.1, KSF-6.3). `team_ids`
// is the scope; the wiring passes the ids the team import assigned.
std::string ClientContractJson(TimeMs today, const std::vector<std::string>& team_ids);

}  // namespace fairqm::demo
