// service/api_public: what anyone may read without an account — the published
// evaluation forms (KSF-4.2) and the privacy statement (GDPR art. 12-14),
// both built from the active regulation, which is public to all employees and
// clients (KSF-3.10).
//
// Nothing here holds personal data: forms are criteria, the statement names
// roles and organisations, never people. So these reads are not audited
// (AVG-5-accountability is about personal data) — which also keeps
// anonymous callers from writing to the audit chain.
//
// Errors are Result values: kNotFound for an unknown or unpublished form;
// catalogue failures. Thread-safety: as App.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/types.h"
#include "service/app.h"
#include "service/register.h"

namespace fairqm::service {

// KSF-4.2: every published version of every form, by id and version. Drafts
// (never published) are left out.
Result<std::vector<domain::EvaluationForm>> PublishedForms(App& app);

// One published form: `version`, or the newest published version when
// nullopt. kNotFound when there is no such published form.
Result<domain::EvaluationForm> PublishedForm(App& app, const std::string& form_id,
                                             std::optional<int> version);

// The privacy statement's parts, each text in Dutch and English.
struct PrivacyPurpose {
  domain::Purpose purpose = domain::Purpose::kCoaching;
  Bilingual description;
  domain::LegalGround legal_ground = domain::LegalGround::kUnset;
  Bilingual legal_ground_text;  // GDPR art. 6(1)(b) / 6(1)(f) in words
  std::string legitimate_interest;
  std::vector<domain::Channel> channels;
  int frequency_quota = 0;  // KSF-3.6
  int frequency_period_days = 0;
  int recording_retention_days = 0;  // AVG-5-storage, RETENTION-split
  int evaluation_retention_days = 0;
};

struct PrivacyRight {
  std::string rule;  // AVG-15, AVG-17, AVG-21 …
  Bilingual title;
  Bilingual text;
};

struct PrivacyStatement {
  std::string controller_name;
  std::string contact_email;  // who to ask
  std::string privacy_statement_url;
  std::string regulation_id;
  int regulation_version = 0;
  std::string regulation_title;
  std::optional<TimeMs> activated_at;
  std::vector<PrivacyPurpose> purposes;  // enabled purposes, kAllPurposes order
  std::vector<Bilingual> data_subjects;
  std::vector<Bilingual> data_categories;
  std::vector<Bilingual> recipients;  // by role, never by name
  std::vector<PrivacyRight> rights;   // AVG-12, AVG-15, AVG-17, AVG-21 …
  Bilingual answer_term;              // AVG-12: one month, extendable by two
  Bilingual who_to_ask;
};

// The statement for the active regulation; nullopt when none is active
// (KSF-3.1: then nothing is recorded).
Result<std::optional<PrivacyStatement>> BuildPrivacyStatement(App& app);

// The statement as JSON with every text in one language ("en", else Dutch).
codec::Json ToJson(const PrivacyStatement& statement, const std::string& lang);

}  // namespace fairqm::service
