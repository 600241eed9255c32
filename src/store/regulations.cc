#include "store/regulations.h"

#include <nlohmann/json.hpp>

#include "store/internal.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT
using nlohmann::json;

constexpr std::string_view kPutRegulation =
    "INSERT INTO regulations (id, version, title, status, works_council_consent_at,"
    " works_council_consent_reference, dpia_at, dpia_reference, assessment_protocol_reference,"
    " assessment_protocol_approved_at, client_min_group_size, extra_moments_per_period,"
    " assessment_period_days, complaint_term_days, privacy_statement_url, controller_name,"
    " contact_email, change_legal_reason, created_at, submitted_at, activated_at, superseded_at,"
    " works_council_rejected_at, works_council_rejection_reference,"
    " works_council_rejection_reason)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
    " $19, $20, $21, $22, $23, $24, $25)"
    " ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title,"
    " status = excluded.status, works_council_consent_at = excluded.works_council_consent_at,"
    " works_council_consent_reference = excluded.works_council_consent_reference,"
    " dpia_at = excluded.dpia_at, dpia_reference = excluded.dpia_reference,"
    " assessment_protocol_reference = excluded.assessment_protocol_reference,"
    " assessment_protocol_approved_at = excluded.assessment_protocol_approved_at,"
    " client_min_group_size = excluded.client_min_group_size,"
    " extra_moments_per_period = excluded.extra_moments_per_period,"
    " assessment_period_days = excluded.assessment_period_days,"
    " complaint_term_days = excluded.complaint_term_days,"
    " privacy_statement_url = excluded.privacy_statement_url,"
    " controller_name = excluded.controller_name, contact_email = excluded.contact_email,"
    " change_legal_reason = excluded.change_legal_reason, created_at = excluded.created_at,"
    " submitted_at = excluded.submitted_at, activated_at = excluded.activated_at,"
    " superseded_at = excluded.superseded_at,"
    " works_council_rejected_at = excluded.works_council_rejected_at,"
    " works_council_rejection_reference = excluded.works_council_rejection_reference,"
    " works_council_rejection_reason = excluded.works_council_rejection_reason";
constexpr std::string_view kDeleteRegulationPurposes =
    "DELETE FROM regulation_purposes WHERE regulation_id = $1";
constexpr std::string_view kInsertRegulationPurpose =
    "INSERT INTO regulation_purposes (regulation_id, purpose, position, enabled, frequency_quota,"
    " frequency_period_days, recording_retention_days, evaluation_retention_days,"
    " evaluation_term_working_days, min_gap_days, legitimate_interest, legal_ground,"
    " necessity_justification, proportionality_justification, channels_json)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
constexpr std::string_view kSelectRegulationPurposes =
    "SELECT purpose, enabled, frequency_quota, frequency_period_days, recording_retention_days,"
    " evaluation_retention_days, evaluation_term_working_days, min_gap_days,"
    " legitimate_interest, legal_ground, necessity_justification, proportionality_justification,"
    " channels_json FROM regulation_purposes WHERE regulation_id = $1 ORDER BY position";
#define FAIRQM_REGULATION_COLUMNS                                                               \
  "id, version, title, status, works_council_consent_at, works_council_consent_reference,"      \
  " dpia_at, dpia_reference, assessment_protocol_reference,"                                    \
  " assessment_protocol_approved_at, client_min_group_size, extra_moments_per_period,"          \
  " assessment_period_days, complaint_term_days, privacy_statement_url, controller_name,"       \
  " contact_email, change_legal_reason, created_at, submitted_at, activated_at, superseded_at," \
  " works_council_rejected_at, works_council_rejection_reference, works_council_rejection_reason"
constexpr std::string_view kGetRegulation =
    "SELECT " FAIRQM_REGULATION_COLUMNS " FROM regulations WHERE id = $1";
constexpr std::string_view kListRegulations =
    "SELECT " FAIRQM_REGULATION_COLUMNS " FROM regulations ORDER BY version, created_at, id";
constexpr std::string_view kActiveRegulation =
    "SELECT " FAIRQM_REGULATION_COLUMNS " FROM regulations WHERE status = 'active'";

constexpr std::string_view kPutForm =
    "INSERT INTO evaluation_forms (id, version, name, purpose, published_at, sections_json)"
    " VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (id, version) DO UPDATE SET name = excluded.name, purpose = excluded.purpose,"
    " published_at = excluded.published_at, sections_json = excluded.sections_json";
#define FAIRQM_FORM_COLUMNS "id, version, name, purpose, published_at, sections_json"
constexpr std::string_view kGetForm =
    "SELECT " FAIRQM_FORM_COLUMNS " FROM evaluation_forms WHERE id = $1 AND version = $2";
constexpr std::string_view kListForms =
    "SELECT " FAIRQM_FORM_COLUMNS " FROM evaluation_forms ORDER BY id, version";
constexpr std::string_view kFormsPublishedBefore =
    "SELECT " FAIRQM_FORM_COLUMNS
    " FROM evaluation_forms"
    " WHERE purpose = $1 AND published_at IS NOT NULL AND published_at <= $2"
    " ORDER BY published_at DESC, id, version DESC";

std::string ChannelsJson(const std::set<domain::Channel>& channels) {
  json array = json::array();
  for (domain::Channel channel : channels) array.push_back(std::string(domain::Name(channel)));
  return array.dump();
}

Result<std::set<domain::Channel>> ParseChannels(const std::string& text) {
  std::set<domain::Channel> channels;
  try {
    for (const json& item : json::parse(text)) {
      const std::string name = item.get<std::string>();
      FAIRQM_ASSIGN_OR_RETURN(domain::Channel channel,
                              ParseStored(domain::ParseChannel(name), "channel", name));
      channels.insert(channel);
    }
  } catch (const json::exception& e) {
    return MakeError(ErrorCode::kCorrupt, std::string("regulation channels: ") + e.what());
  }
  return channels;
}

Result<domain::Regulation> RegulationFromRow(db::Connection& conn, const db::Row& row) {
  domain::Regulation r;
  r.id = row.Text(0);
  r.version = static_cast<int>(row.Int(1));
  r.title = row.Text(2);
  FAIRQM_ASSIGN_OR_RETURN(r.status, ParseStored(domain::ParseRegulationStatus(row.Text(3)),
                                                "regulation status", row.Text(3)));
  r.works_council_consent_at = row.OptInt(4);
  r.works_council_consent_reference = row.Text(5);
  r.dpia_at = row.OptInt(6);
  r.dpia_reference = row.Text(7);
  r.assessment_protocol_reference = row.Text(8);
  r.assessment_protocol_approved_at = row.OptInt(9);
  r.client_min_group_size = static_cast<int>(row.Int(10));
  r.extra_moments_per_period = static_cast<int>(row.Int(11));
  r.assessment_period_days = static_cast<int>(row.Int(12));
  r.complaint_term_days = static_cast<int>(row.Int(13));
  r.privacy_statement_url = row.Text(14);
  r.controller_name = row.Text(15);
  r.contact_email = row.Text(16);
  r.change_legal_reason = row.Text(17);
  r.created_at = row.Int(18);
  r.submitted_at = row.OptInt(19);
  r.activated_at = row.OptInt(20);
  r.superseded_at = row.OptInt(21);
  r.works_council_rejected_at = row.OptInt(22);
  r.works_council_rejection_reference = row.Text(23);
  r.works_council_rejection_reason = row.Text(24);
  FAIRQM_ASSIGN_OR_RETURN(db::Rows purposes, conn.Query(kSelectRegulationPurposes, {Text(r.id)}));
  for (const db::Row& p : purposes) {
    domain::PurposeRules rules;
    FAIRQM_ASSIGN_OR_RETURN(rules.purpose,
                            ParseStored(domain::ParsePurpose(p.Text(0)), "purpose", p.Text(0)));
    rules.enabled = p.Int(1) != 0;
    rules.frequency_quota = static_cast<int>(p.Int(2));
    rules.frequency_period_days = static_cast<int>(p.Int(3));
    rules.recording_retention_days = static_cast<int>(p.Int(4));
    rules.evaluation_retention_days = static_cast<int>(p.Int(5));
    rules.evaluation_term_working_days = static_cast<int>(p.Int(6));
    rules.min_gap_days = static_cast<int>(p.Int(7));
    rules.legitimate_interest = p.Text(8);
    FAIRQM_ASSIGN_OR_RETURN(rules.legal_ground, ParseStored(domain::ParseLegalGround(p.Text(9)),
                                                            "legal ground", p.Text(9)));
    rules.necessity_justification = p.Text(10);
    rules.proportionality_justification = p.Text(11);
    FAIRQM_ASSIGN_OR_RETURN(rules.channels, ParseChannels(p.Text(12)));
    r.purposes.push_back(std::move(rules));
  }
  return r;
}

Result<std::vector<domain::Regulation>> LoadRegulations(db::Connection& conn, std::string_view sql,
                                                        const db::Params& params) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, params));
  std::vector<domain::Regulation> result;
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(domain::Regulation regulation, RegulationFromRow(conn, row));
    result.push_back(std::move(regulation));
  }
  return result;
}

std::string SectionsJson(const std::vector<domain::FormSection>& sections) {
  json array = json::array();
  for (const domain::FormSection& section : sections) {
    json questions = json::array();
    for (const domain::FormQuestion& q : section.questions) {
      questions.push_back({{"id", q.id},
                           {"text", q.text},
                           {"weight", q.weight},
                           {"critical", q.critical},
                           {"allow_na", q.allow_na},
                           {"comment_required", q.comment_required},
                           {"max_score", q.max_score}});
    }
    array.push_back({{"title", section.title}, {"questions", std::move(questions)}});
  }
  return array.dump();
}

Result<std::vector<domain::FormSection>> ParseSections(const std::string& text) {
  std::vector<domain::FormSection> sections;
  try {
    for (const json& item : json::parse(text)) {
      domain::FormSection section;
      section.title = item.at("title").get<std::string>();
      for (const json& q : item.at("questions")) {
        domain::FormQuestion question;
        question.id = q.at("id").get<std::string>();
        question.text = q.at("text").get<std::string>();
        question.weight = q.at("weight").get<double>();
        question.critical = q.at("critical").get<bool>();
        question.allow_na = q.at("allow_na").get<bool>();
        question.comment_required = q.at("comment_required").get<bool>();
        question.max_score = q.at("max_score").get<int>();
        section.questions.push_back(std::move(question));
      }
      sections.push_back(std::move(section));
    }
  } catch (const json::exception& e) {
    return MakeError(ErrorCode::kCorrupt, std::string("form sections: ") + e.what());
  }
  return sections;
}

Result<std::vector<domain::EvaluationForm>> LoadForms(db::Connection& conn, std::string_view sql,
                                                      const db::Params& params) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, params));
  std::vector<domain::EvaluationForm> forms;
  for (const db::Row& row : rows) {
    domain::EvaluationForm form;
    form.id = row.Text(0);
    form.version = static_cast<int>(row.Int(1));
    form.name = row.Text(2);
    FAIRQM_ASSIGN_OR_RETURN(form.purpose,
                            ParseStored(domain::ParsePurpose(row.Text(3)), "purpose", row.Text(3)));
    form.published_at = row.OptInt(4);
    FAIRQM_ASSIGN_OR_RETURN(form.sections, ParseSections(row.Text(5)));
    forms.push_back(std::move(form));
  }
  return forms;
}

}  // namespace

Status PutRegulation(db::Connection& conn, const domain::Regulation& r) {
  return Atomically(conn, [&]() -> Status {
    FAIRQM_RETURN_IF_ERROR(conn.Exec(kPutRegulation, {Text(r.id),
                                                      Int(r.version),
                                                      Text(r.title),
                                                      EnumText(r.status),
                                                      Opt(r.works_council_consent_at),
                                                      Text(r.works_council_consent_reference),
                                                      Opt(r.dpia_at),
                                                      Text(r.dpia_reference),
                                                      Text(r.assessment_protocol_reference),
                                                      Opt(r.assessment_protocol_approved_at),
                                                      Int(r.client_min_group_size),
                                                      Int(r.extra_moments_per_period),
                                                      Int(r.assessment_period_days),
                                                      Int(r.complaint_term_days),
                                                      Text(r.privacy_statement_url),
                                                      Text(r.controller_name),
                                                      Text(r.contact_email),
                                                      Text(r.change_legal_reason),
                                                      Int(r.created_at),
                                                      Opt(r.submitted_at),
                                                      Opt(r.activated_at),
                                                      Opt(r.superseded_at),
                                                      Opt(r.works_council_rejected_at),
                                                      Text(r.works_council_rejection_reference),
                                                      Text(r.works_council_rejection_reason)}));
    FAIRQM_RETURN_IF_ERROR(conn.Exec(kDeleteRegulationPurposes, {Text(r.id)}));
    std::int64_t position = 0;
    for (const domain::PurposeRules& p : r.purposes) {
      FAIRQM_RETURN_IF_ERROR(conn.Exec(
          kInsertRegulationPurpose,
          {Text(r.id), EnumText(p.purpose), Int(position++), Bool(p.enabled),
           Int(p.frequency_quota), Int(p.frequency_period_days), Int(p.recording_retention_days),
           Int(p.evaluation_retention_days), Int(p.evaluation_term_working_days),
           Int(p.min_gap_days), Text(p.legitimate_interest), EnumText(p.legal_ground),
           Text(p.necessity_justification), Text(p.proportionality_justification),
           Text(ChannelsJson(p.channels))}));
    }
    return OkStatus();
  });
}

Result<domain::Regulation> GetRegulation(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<domain::Regulation> found,
                          LoadRegulations(conn, kGetRegulation, {Text(id)}));
  if (found.empty()) return NotFound("regulation", id);
  return std::move(found[0]);
}

Result<std::vector<domain::Regulation>> ListRegulations(db::Connection& conn) {
  return LoadRegulations(conn, kListRegulations, {});
}

Result<std::optional<domain::Regulation>> ActiveRegulation(db::Connection& conn) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<domain::Regulation> found,
                          LoadRegulations(conn, kActiveRegulation, {}));
  if (found.empty()) return std::optional<domain::Regulation>();
  return std::optional<domain::Regulation>(std::move(found[0]));
}

Status PutForm(db::Connection& conn, const domain::EvaluationForm& form) {
  return Done(conn.Exec(kPutForm,
                        {Text(form.id), Int(form.version), Text(form.name), EnumText(form.purpose),
                         Opt(form.published_at), Text(SectionsJson(form.sections))}));
}

Result<domain::EvaluationForm> GetForm(db::Connection& conn, std::string_view id, int version) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<domain::EvaluationForm> found,
                          LoadForms(conn, kGetForm, {Text(id), Int(version)}));
  if (found.empty())
    return NotFound("evaluation form", std::string(id) + " v" + std::to_string(version));
  return std::move(found[0]);
}

Result<std::vector<domain::EvaluationForm>> ListForms(db::Connection& conn) {
  return LoadForms(conn, kListForms, {});
}

Result<std::vector<domain::EvaluationForm>> FormsPublishedBefore(db::Connection& conn,
                                                                 domain::Purpose purpose,
                                                                 TimeMs at) {
  return LoadForms(conn, kFormsPublishedBefore, {EnumText(purpose), Int(at)});
}

}  // namespace fairqm::store
