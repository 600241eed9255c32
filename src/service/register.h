// service/register: the record of processing activities (GDPR art. 30,
// AVG-30), produced from the active regulation.
//
// One processing activity per enabled purpose, each with: the purpose in
// Dutch and English, legal ground and legitimate interest (KSF-2.1-interest),
// necessity and proportionality (KSF-3.5), the categories of data subjects
// (agents; customers) and of personal data (per enabled channel: voice,
// screen, chat, e-mail; evaluations; the customer reference, pseudonymised —
// AVG-5-minimal), the recipients (authorised monitors counted by job
// function, the agent and their supervisor, clients: aggregates only unless
// a contract allows individual-level data — contracts listed), transfers to
// third countries (none), retention terms (AVG-5-storage, RETENTION-split),
// and the frequency (KSF-3.6). Then, for the whole: controller and contact,
// the security measures (AVG-32, AVG-17, AVG-5-accountability), the DPIA
// (AVG-35), the works council's consent (KSF-3.11) and the assessment
// protocol (KSF-4.1).
//
// The register holds no personal data (monitors are counted, not named), so
// every role may read it (KSF-3.10: the regulation is public). Each read is
// audited. Refused (KSF-3.1) when there is no active regulation. Errors are
// Result values. Thread-safety: as App.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "codec/json.h"
#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

// A line of text in both languages.
struct Bilingual {
  std::string nl;
  std::string en;
};

struct RegisterRecipient {
  Bilingual who;
  int count = 0;   // people or organisations of this kind; 0 = not counted
  Bilingual what;  // what they receive
};

struct RegisterActivity {
  domain::Purpose purpose = domain::Purpose::kCoaching;
  Bilingual description;
  domain::LegalGround legal_ground = domain::LegalGround::kUnset;
  std::string legitimate_interest;
  std::string necessity;
  std::string proportionality;
  std::vector<Bilingual> data_subjects;
  std::vector<Bilingual> data_categories;
  std::vector<RegisterRecipient> recipients;
  Bilingual transfers;
  int frequency_quota = 0;
  int frequency_period_days = 0;
  int recording_retention_days = 0;
  int evaluation_retention_days = 0;
  int evaluation_term_working_days = 0;
};

struct RegisterContract {
  std::string client_name;
  domain::Purpose purpose = domain::Purpose::kQuality;
  bool individual_level = false;
  domain::LegalGround legal_ground = domain::LegalGround::kUnset;
  TimeMs signed_at = 0;
  std::optional<TimeMs> valid_until;
  int teams = 0;
};

struct ProcessingRegister {
  std::string controller_name;
  std::string contact_email;
  std::string privacy_statement_url;
  std::string regulation_id;
  int regulation_version = 0;
  std::string regulation_title;
  std::optional<TimeMs> activated_at;
  std::vector<RegisterActivity> activities;  // enabled purposes, kAllPurposes order
  std::vector<RegisterContract> client_contracts;
  std::vector<Bilingual> security_measures;
  std::string dpia_reference;
  std::optional<TimeMs> dpia_at;
  std::string works_council_consent_reference;
  std::optional<TimeMs> works_council_consent_at;
  std::string assessment_protocol_reference;
  std::optional<TimeMs> assessment_protocol_approved_at;
  int client_min_group_size = 0;
  TimeMs generated_at = 0;
};

// Any role; refused (KSF-3.1) without an active regulation.
Result<Decided<ProcessingRegister>> Register(App& app, const Actor& actor);

codec::Json ToJson(const ProcessingRegister& record);
// Printable plain text; lang "nl" (anything but "en") or "en".
std::string RenderRegister(const ProcessingRegister& record, const std::string& lang);

}  // namespace fairqm::service
