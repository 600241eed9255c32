#include "codec/json.h"

#include <sstream>
#include <toml.hpp>

#include "domain/names.h"

namespace fairqm::codec {
namespace {

using domain::Name;

Json OptTime(const std::optional<TimeMs>& t) { return t ? Json(FormatTime(*t)) : Json(nullptr); }

template <typename T>
Json Names(const std::set<T>& values) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(std::string(Name(v)));
  return out;
}

Json Strings(const std::set<std::string>& values) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(v);
  return out;
}

// Reads fields of one JSON object, remembering the first problem with its path.
class FieldReader {
 public:
  FieldReader(const Json& json, std::string path) : json_(json), path_(std::move(path)) {
    if (!json_.is_object()) Fail("", "must be an object");
  }

  bool ok() const { return !error_.has_value(); }
  Error error() const { return *error_; }

  void Text(std::string_view key, std::string& out, bool required = false) {
    const Json* v = Find(key, required);
    if (v == nullptr) return;
    if (!v->is_string()) return Fail(key, "must be text");
    out = v->get<std::string>();
  }

  // Required text with something readable in it: an evaluation criterion
  // nobody can read is not known in advance (KSF-4.2).
  void NonBlankText(std::string_view key, std::string& out) {
    Text(key, out, true);
    if (ok() && out.find_first_not_of(" \t\r\n") == std::string::npos) {
      Fail(key, "must not be empty");
    }
  }

  void Int(std::string_view key, int& out, int min, int max, bool required = false) {
    const Json* v = Find(key, required);
    if (v == nullptr) return;
    if (!v->is_number_integer()) return Fail(key, "must be a whole number");
    auto n = v->get<long long>();
    if (n < min || n > max) {
      return Fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    out = static_cast<int>(n);
  }

  void Real(std::string_view key, double& out, double min, double max) {
    const Json* v = Find(key, false);
    if (v == nullptr) return;
    if (!v->is_number()) return Fail(key, "must be a number");
    double d = v->get<double>();
    if (d < min || d > max) return Fail(key, "is out of range");
    out = d;
  }

  void Bool(std::string_view key, bool& out) {
    const Json* v = Find(key, false);
    if (v == nullptr) return;
    if (!v->is_boolean()) return Fail(key, "must be true or false");
    out = v->get<bool>();
  }

  void Time(std::string_view key, TimeMs& out, bool required = false) {
    std::optional<TimeMs> t;
    OptTimeField(key, t, required);
    if (t) out = *t;
  }

  void OptTimeField(std::string_view key, std::optional<TimeMs>& out, bool required = false) {
    const Json* v = Find(key, required);
    if (v == nullptr) return;
    if (!v->is_string()) return Fail(key, "must be a date (YYYY-MM-DD)");
    auto t = ParseTime(v->get<std::string>());
    if (!t) return Fail(key, "is not a valid date: '" + v->get<std::string>() + "'");
    out = *t;
  }

  template <typename E, typename ParseFn>
  void Enum(std::string_view key, E& out, ParseFn parse, bool required = false) {
    const Json* v = Find(key, required);
    if (v == nullptr) return;
    if (!v->is_string()) return Fail(key, "must be text");
    auto parsed = parse(v->get<std::string>());
    if (!parsed) return Fail(key, "unknown value '" + v->get<std::string>() + "'");
    out = *parsed;
  }

  template <typename E, typename ParseFn>
  void EnumSet(std::string_view key, std::set<E>& out, ParseFn parse) {
    const Json* v = Find(key, false);
    if (v == nullptr) return;
    if (!v->is_array()) return Fail(key, "must be a list");
    out.clear();
    for (const auto& item : *v) {
      if (!item.is_string()) return Fail(key, "must be a list of text");
      auto parsed = parse(item.get<std::string>());
      if (!parsed) return Fail(key, "unknown value '" + item.get<std::string>() + "'");
      out.insert(*parsed);
    }
  }

  void StringSet(std::string_view key, std::set<std::string>& out) {
    const Json* v = Find(key, false);
    if (v == nullptr) return;
    if (!v->is_array()) return Fail(key, "must be a list");
    out.clear();
    for (const auto& item : *v) {
      if (!item.is_string()) return Fail(key, "must be a list of text");
      out.insert(item.get<std::string>());
    }
  }

  // Calls fn(element, path) for each element of an array field.
  template <typename Fn>
  void Each(std::string_view key, Fn fn, bool required = false) {
    const Json* v = Find(key, required);
    if (v == nullptr) return;
    if (!v->is_array()) return Fail(key, "must be a list");
    for (std::size_t i = 0; i < v->size() && ok(); ++i) {
      std::string path = Path(key) + "[" + std::to_string(i) + "]";
      Status s = fn((*v)[i], path);
      if (!s.ok()) error_ = s.error();
    }
  }

  void Fail(std::string_view key, const std::string& what) {
    if (!error_) error_ = MakeError(ErrorCode::kInvalidInput, Path(key) + " " + what);
  }

 private:
  std::string Path(std::string_view key) const {
    if (key.empty()) return path_.empty() ? "document" : path_;
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const Json* Find(std::string_view key, bool required) {
    if (!ok()) return nullptr;
    auto it = json_.find(std::string(key));
    if (it == json_.end() || it->is_null()) {
      if (required) Fail(key, "is required");
      return nullptr;
    }
    return &*it;
  }

  const Json& json_;
  std::string path_;
  std::optional<Error> error_;
};

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    if (lead < 0x80) {
      extra = 0;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= text.size() && extra > 0) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

Json TomlToJson(const toml::value& v) {
  switch (v.type()) {
    case toml::value_t::boolean:
      return v.as_boolean();
    case toml::value_t::integer:
      return v.as_integer();
    case toml::value_t::floating:
      return v.as_floating();
    case toml::value_t::string:
      return v.as_string().str;
    case toml::value_t::local_date: {
      std::ostringstream os;
      os << v.as_local_date();
      return os.str();
    }
    case toml::value_t::local_datetime:
    case toml::value_t::offset_datetime:
    case toml::value_t::local_time: {
      std::ostringstream os;
      os << v;
      return os.str();
    }
    case toml::value_t::array: {
      Json out = Json::array();
      for (const auto& item : v.as_array()) out.push_back(TomlToJson(item));
      return out;
    }
    case toml::value_t::table: {
      Json out = Json::object();
      for (const auto& [key, item] : v.as_table()) out[key] = TomlToJson(item);
      return out;
    }
    case toml::value_t::empty:
      return nullptr;
  }
  return nullptr;
}

Status ParseQuestion(const Json& json, const std::string& path, domain::FormQuestion& q) {
  FieldReader r(json, path);
  r.NonBlankText("id", q.id);
  r.NonBlankText("text", q.text);
  r.Real("weight", q.weight, 0.0, 1000.0);
  r.Bool("critical", q.critical);
  r.Bool("allow_na", q.allow_na);
  r.Bool("comment_required", q.comment_required);
  r.Int("max_score", q.max_score, 1, 100);
  if (r.ok() && q.weight <= 0.0) r.Fail("weight", "must be greater than zero");
  if (!r.ok()) return r.error();
  return OkStatus();
}

}  // namespace

Result<Json> ParseJsonText(std::string_view text) {
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kInvalidInput, std::string("not valid JSON: ") + e.what());
  }
}

Result<Json> ParseTomlText(std::string_view text, const std::string& source_name) {
  // TOML is UTF-8 by definition, and toml11 3.7 (Debian 12) reads past its
  // buffer on some invalid byte sequences (found by codec_fuzz), so invalid
  // UTF-8 is refused before the parser sees it.
  if (!IsValidUtf8(text)) {
    return MakeError(ErrorCode::kInvalidInput, "not valid TOML: the file is not UTF-8 text");
  }
  try {
    // toml11 3.7 (Debian 12) reads past the end of its buffer on some inputs
    // that end without a newline (found by codec_fuzz: "'\xe4-'"); a final
    // newline is harmless TOML and keeps the parser inside its buffer.
    std::istringstream in{std::string(text) + "\n"};
    toml::value v = toml::parse(in, source_name);
    return TomlToJson(v);
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInvalidInput, std::string("not valid TOML: ") + e.what());
  }
}

Result<Json> ParseDocument(std::string_view text, const std::string& file_name) {
  if (file_name.size() >= 5 && file_name.substr(file_name.size() - 5) == ".toml") {
    return ParseTomlText(text, file_name);
  }
  return ParseJsonText(text);
}

Result<std::optional<TimeMs>> OptionalTime(const Json& json, std::string_view key) {
  std::optional<TimeMs> out;
  FieldReader r(json, "");
  r.OptTimeField(key, out);
  if (!r.ok()) return r.error();
  return out;
}

Json ToJson(const domain::PurposeRules& p) {
  return Json{{"purpose", Name(p.purpose)},
              {"enabled", p.enabled},
              {"frequency_quota", p.frequency_quota},
              {"frequency_period_days", p.frequency_period_days},
              {"recording_retention_days", p.recording_retention_days},
              {"evaluation_retention_days", p.evaluation_retention_days},
              {"evaluation_term_working_days", p.evaluation_term_working_days},
              {"min_gap_days", p.min_gap_days},
              {"legitimate_interest", p.legitimate_interest},
              {"legal_ground", Name(p.legal_ground)},
              {"necessity_justification", p.necessity_justification},
              {"proportionality_justification", p.proportionality_justification},
              {"channels", Names(p.channels)}};
}

Json ToJson(const domain::Regulation& r) {
  Json purposes = Json::array();
  for (const auto& p : r.purposes) purposes.push_back(ToJson(p));
  return Json{{"id", r.id},
              {"version", r.version},
              {"title", r.title},
              {"status", Name(r.status)},
              {"controller_name", r.controller_name},
              {"contact_email", r.contact_email},
              {"privacy_statement_url", r.privacy_statement_url},
              {"client_min_group_size", r.client_min_group_size},
              {"extra_moments_per_period", r.extra_moments_per_period},
              {"assessment_period_days", r.assessment_period_days},
              {"complaint_term_days", r.complaint_term_days},
              {"assessment_protocol_reference", r.assessment_protocol_reference},
              {"assessment_protocol_approved_at", OptTime(r.assessment_protocol_approved_at)},
              {"dpia_reference", r.dpia_reference},
              {"dpia_at", OptTime(r.dpia_at)},
              {"change_legal_reason", r.change_legal_reason},
              {"works_council_consent_at", OptTime(r.works_council_consent_at)},
              {"works_council_consent_reference", r.works_council_consent_reference},
              {"works_council_rejected_at", OptTime(r.works_council_rejected_at)},
              {"works_council_rejection_reference", r.works_council_rejection_reference},
              {"works_council_rejection_reason", r.works_council_rejection_reason},
              {"created_at", FormatTime(r.created_at)},
              {"submitted_at", OptTime(r.submitted_at)},
              {"activated_at", OptTime(r.activated_at)},
              {"superseded_at", OptTime(r.superseded_at)},
              {"purposes", purposes}};
}

Result<domain::Regulation> RegulationFromJson(const Json& json) {
  domain::Regulation reg;
  FieldReader r(json, "");
  r.Text("title", reg.title, true);
  r.Int("version", reg.version, 1, 1000000);
  r.Text("controller_name", reg.controller_name);
  r.Text("contact_email", reg.contact_email);
  r.Text("privacy_statement_url", reg.privacy_statement_url);
  r.Int("client_min_group_size", reg.client_min_group_size, 1, 100000);
  r.Int("extra_moments_per_period", reg.extra_moments_per_period, 0, 3);
  r.Int("assessment_period_days", reg.assessment_period_days, 1, 3660);
  r.Int("complaint_term_days", reg.complaint_term_days, 1, 365);
  r.Text("assessment_protocol_reference", reg.assessment_protocol_reference);
  r.OptTimeField("assessment_protocol_approved_at", reg.assessment_protocol_approved_at);
  r.Text("dpia_reference", reg.dpia_reference);
  r.OptTimeField("dpia_at", reg.dpia_at);
  r.Text("change_legal_reason", reg.change_legal_reason);
  r.Each(
      "purposes",
      [&](const Json& item, const std::string& path) -> Status {
        domain::PurposeRules p;
        FieldReader pr(item, path);
        pr.Enum("purpose", p.purpose, domain::ParsePurpose, true);
        pr.Bool("enabled", p.enabled);
        pr.Int("frequency_quota", p.frequency_quota, 0, 100000);
        pr.Int("frequency_period_days", p.frequency_period_days, 0, 3660);
        pr.Int("recording_retention_days", p.recording_retention_days, 0, 3660);
        pr.Int("evaluation_retention_days", p.evaluation_retention_days, 0, 36600);
        pr.Int("evaluation_term_working_days", p.evaluation_term_working_days, 0, 365);
        pr.Int("min_gap_days", p.min_gap_days, 0, 3660);
        pr.Text("legitimate_interest", p.legitimate_interest);
        pr.Enum("legal_ground", p.legal_ground, domain::ParseLegalGround);
        pr.Text("necessity_justification", p.necessity_justification);
        pr.Text("proportionality_justification", p.proportionality_justification);
        pr.EnumSet("channels", p.channels, domain::ParseChannel);
        if (!pr.ok()) return pr.error();
        reg.purposes.push_back(std::move(p));
        return OkStatus();
      },
      true);
  if (!r.ok()) return r.error();
  return reg;
}

Json ToJson(const domain::EvaluationForm& f) {
  Json sections = Json::array();
  for (const auto& s : f.sections) {
    Json questions = Json::array();
    for (const auto& q : s.questions) {
      questions.push_back(Json{{"id", q.id},
                               {"text", q.text},
                               {"weight", q.weight},
                               {"critical", q.critical},
                               {"allow_na", q.allow_na},
                               {"comment_required", q.comment_required},
                               {"max_score", q.max_score}});
    }
    sections.push_back(Json{{"title", s.title}, {"questions", questions}});
  }
  return Json{{"id", f.id},
              {"name", f.name},
              {"version", f.version},
              {"purpose", Name(f.purpose)},
              {"published_at", OptTime(f.published_at)},
              {"sections", sections}};
}

Result<domain::EvaluationForm> FormFromJson(const Json& json) {
  domain::EvaluationForm form;
  FieldReader r(json, "");
  r.Text("id", form.id);
  r.NonBlankText("name", form.name);
  r.Int("version", form.version, 1, 1000000);
  r.Enum("purpose", form.purpose, domain::ParsePurpose, true);
  std::set<std::string> question_ids;
  r.Each(
      "sections",
      [&](const Json& item, const std::string& path) -> Status {
        domain::FormSection section;
        FieldReader sr(item, path);
        sr.NonBlankText("title", section.title);
        sr.Each(
            "questions",
            [&](const Json& q_json, const std::string& q_path) -> Status {
              domain::FormQuestion q;
              FAIRQM_RETURN_IF_ERROR(ParseQuestion(q_json, q_path, q));
              if (!question_ids.insert(q.id).second) {
                return MakeError(ErrorCode::kInvalidInput,
                                 q_path + ".id '" + q.id + "' is used twice");
              }
              section.questions.push_back(std::move(q));
              return OkStatus();
            },
            true);
        if (!sr.ok()) return sr.error();
        form.sections.push_back(std::move(section));
        return OkStatus();
      },
      true);
  if (r.ok() && question_ids.empty()) r.Fail("sections", "must contain at least one question");
  if (!r.ok()) return r.error();
  return form;
}

Json ToJson(const domain::Employee& e) {
  Json lines = Json::array();
  for (const auto& l : e.line_ids) lines.push_back(l);
  return Json{{"id", e.id},
              {"external_id", e.external_id},
              {"name", e.name},
              {"email", e.email},
              {"function", Name(e.function)},
              {"contract", Name(e.contract)},
              {"customer_contact", e.customer_contact},
              {"team_id", e.team_id},
              {"protected_role", Name(e.protected_role)},
              {"line_ids", lines},
              {"start_date", FormatDate(e.start_date)},
              {"leave_date", e.leave_date ? Json(FormatDate(*e.leave_date)) : Json(nullptr)},
              {"informed_at", OptTime(e.informed_at)}};
}

Json ToJson(const domain::Team& t) {
  return Json{{"id", t.id}, {"name", t.name}, {"site", t.site}, {"supervisor_id", t.supervisor_id}};
}

Json ToJson(const domain::Line& l) {
  return Json{{"id", l.id}, {"number", l.number}, {"kind", Name(l.kind)}, {"owner_id", l.owner_id}};
}

Json ToJson(const domain::Authorisation& a) {
  return Json{{"id", a.id},
              {"monitor_id", a.monitor_id},
              {"purposes", Names(a.purposes)},
              {"team_ids", Strings(a.team_ids)},
              {"agent_ids", Strings(a.agent_ids)},
              {"valid_from", FormatTime(a.valid_from)},
              {"valid_until", OptTime(a.valid_until)},
              {"confidentiality_acknowledged_at", OptTime(a.confidentiality_acknowledged_at)},
              {"granted_by", a.granted_by},
              {"granted_at", FormatTime(a.granted_at)},
              {"ended_at", OptTime(a.ended_at)},
              {"client_id", a.client_id}};
}

Result<domain::Authorisation> AuthorisationFromJson(const Json& json) {
  domain::Authorisation a;
  FieldReader r(json, "");
  r.Text("monitor_id", a.monitor_id, true);
  r.EnumSet("purposes", a.purposes, domain::ParsePurpose);
  r.StringSet("team_ids", a.team_ids);
  r.StringSet("agent_ids", a.agent_ids);
  r.Time("valid_from", a.valid_from, true);
  r.OptTimeField("valid_until", a.valid_until);
  r.Text("client_id", a.client_id);
  if (r.ok() && a.purposes.empty()) r.Fail("purposes", "must name at least one purpose");
  if (r.ok() && a.team_ids.empty() && a.agent_ids.empty()) {
    r.Fail("team_ids", "or agent_ids must name the scope");
  }
  if (r.ok() && a.valid_until && *a.valid_until <= a.valid_from) {
    r.Fail("valid_until", "must be after valid_from");
  }
  if (!r.ok()) return r.error();
  return a;
}

Json ToJson(const domain::Contact& c) {
  return Json{{"id", c.id},
              {"channel", Name(c.channel)},
              {"agent_id", c.agent_id},
              {"line_id", c.line_id},
              {"started_at", FormatTime(c.started_at)},
              {"customer_ref", c.customer_ref},
              {"client_id", c.client_id},
              {"announced", c.announced},
              {"customer_informed_by_contract", c.customer_informed_by_contract},
              {"do_not_record", c.do_not_record}};
}

Json ToJson(const domain::Recording& r) {
  return Json{{"id", r.id},
              {"contact_id", r.contact_id},
              {"agent_id", r.agent_id},
              {"purpose", Name(r.purpose)},
              {"channel", Name(r.channel)},
              {"media_type", r.media_type},
              {"regulation_id", r.regulation_id},
              {"created_at", FormatTime(r.created_at)},
              {"duration_ms", r.duration_ms},
              {"size_bytes", r.size_bytes},
              {"evaluate_by", FormatTime(r.evaluate_by)},
              {"destroy_at", FormatTime(r.destroy_at)},
              {"evaluated_at", OptTime(r.evaluated_at)},
              {"destroyed_at", OptTime(r.destroyed_at)},
              {"destroyed_rule", r.destroyed_rule},
              {"extra_moment", r.extra_moment},
              {"may_contain_card_data", r.may_contain_card_data},
              {"client_id", r.client_id}};
}

Json ToJson(const domain::Evaluation& e) {
  Json answers = Json::array();
  for (const auto& a : e.answers) {
    answers.push_back(Json{{"question_id", a.question_id},
                           {"score", a.score ? Json(*a.score) : Json(nullptr)},
                           {"comment", a.comment}});
  }
  Json notes = Json::array();
  for (const auto& n : e.notes) {
    notes.push_back(Json{{"recording_id", n.recording_id},
                         {"offset_ms", n.offset_ms},
                         {"text", n.text},
                         {"author_id", n.author_id},
                         {"created_at", FormatTime(n.created_at)}});
  }
  Json recordings = Json::array();
  for (const auto& r : e.recording_ids) recordings.push_back(r);
  Json feedback = nullptr;
  if (e.feedback) {
    feedback = Json{{"held_at", FormatTime(e.feedback->held_at)},
                    {"supervisor_id", e.feedback->supervisor_id},
                    {"summary", e.feedback->summary}};
  }
  return Json{{"id", e.id},
              {"agent_id", e.agent_id},
              {"monitor_id", e.monitor_id},
              {"purpose", Name(e.purpose)},
              {"form_id", e.form_id},
              {"form_version", e.form_version},
              {"recording_ids", recordings},
              {"status", Name(e.status)},
              {"answers", answers},
              {"notes", notes},
              {"score", e.score ? Json(*e.score) : Json(nullptr)},
              {"summary", e.summary},
              {"automated_suggestion", e.automated_suggestion},
              {"confirmed_by", e.confirmed_by},
              {"agent_view", e.agent_view},
              {"agent_view_at", OptTime(e.agent_view_at)},
              {"created_at", FormatTime(e.created_at)},
              {"shared_at", OptTime(e.shared_at)},
              {"acknowledged_at", OptTime(e.acknowledged_at)},
              {"feedback", feedback},
              {"closed_at", OptTime(e.closed_at)},
              {"destroy_at", FormatTime(e.destroy_at)},
              {"destroyed_at", OptTime(e.destroyed_at)}};
}

Json ToJson(const domain::AgentRequest& r) {
  return Json{{"id", r.id},
              {"agent_id", r.agent_id},
              {"kind", Name(r.kind)},
              {"created_at", FormatTime(r.created_at)},
              {"evaluation_id", r.evaluation_id},
              {"requested_evaluator_id", r.requested_evaluator_id},
              {"reason", r.reason},
              {"status", Name(r.status)},
              {"decided_at", OptTime(r.decided_at)}};
}

Json ToJson(const domain::Consent& c) {
  return Json{{"id", c.id},
              {"agent_id", c.agent_id},
              {"kind", Name(c.kind)},
              {"recording_id", c.recording_id},
              {"reason", c.reason},
              {"hold_until", OptTime(c.hold_until)},
              {"training_use", c.training_use},
              {"requested_by", c.requested_by},
              {"given_at", FormatTime(c.given_at)},
              {"withdrawn_at", OptTime(c.withdrawn_at)}};
}

Json ToJson(const domain::Complaint& c) {
  return Json{{"id", c.id},
              {"complainant_id", c.complainant_id},
              {"subject", c.subject},
              {"text", c.text},
              {"filed_at", FormatTime(c.filed_at)},
              {"respond_by", FormatTime(c.respond_by)},
              {"taken_up_at", OptTime(c.taken_up_at)},
              {"response", c.response},
              {"resolved_at", OptTime(c.resolved_at)},
              {"appealed_at", OptTime(c.appealed_at)},
              {"appeal_decision", c.appeal_decision},
              {"appeal_decided_at", OptTime(c.appeal_decided_at)}};
}

Json ToJson(const domain::ClientContract& c) {
  return Json{{"id", c.id},
              {"client_id", c.client_id},
              {"client_name", c.client_name},
              {"signed_at", FormatTime(c.signed_at)},
              {"valid_until", OptTime(c.valid_until)},
              {"team_ids", Strings(c.team_ids)},
              {"purpose", Name(c.purpose)},
              {"individual_level", c.individual_level},
              {"document_sha256", c.document_sha256},
              {"legal_ground", Name(c.legal_ground)},
              {"agents_informed_at", OptTime(c.agents_informed_at)}};
}

Result<domain::ClientContract> ClientContractFromJson(const Json& json) {
  domain::ClientContract c;
  FieldReader r(json, "");
  r.Text("client_id", c.client_id, true);
  r.Text("client_name", c.client_name, true);
  r.Time("signed_at", c.signed_at, true);
  r.OptTimeField("valid_until", c.valid_until);
  r.StringSet("team_ids", c.team_ids);
  r.Enum("purpose", c.purpose, domain::ParsePurpose, true);
  r.Bool("individual_level", c.individual_level);
  r.Text("document_sha256", c.document_sha256);
  r.Enum("legal_ground", c.legal_ground, domain::ParseLegalGround);
  r.OptTimeField("agents_informed_at", c.agents_informed_at);
  if (!r.ok()) return r.error();
  return c;
}

Json ToJson(const domain::DataSubjectRequest& d) {
  return Json{{"id", d.id},
              {"subject_kind", Name(d.subject_kind)},
              {"subject_ref", d.subject_ref},
              {"kind", Name(d.kind)},
              {"received_at", FormatTime(d.received_at)},
              {"due_at", FormatTime(d.due_at)},
              {"extension_told_at", OptTime(d.extension_told_at)},
              {"answered_at", OptTime(d.answered_at)},
              {"notes", d.notes}};
}

Json ToJson(const domain::LiveListenSession& s) {
  return Json{{"id", s.id},
              {"listener_id", s.listener_id},
              {"listener_role", Name(s.listener_role)},
              {"agent_id", s.agent_id},
              {"contact_id", s.contact_id},
              {"purpose", Name(s.purpose)},
              {"started_at", FormatTime(s.started_at)},
              {"ended_at", OptTime(s.ended_at)}};
}

}  // namespace fairqm::codec
