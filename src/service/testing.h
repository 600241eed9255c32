// Test support for the service tests: a ready fairqm installation in a fresh
// temporary directory, with everything a monitoring test needs already done
// through the real service functions (nothing is written behind their back):
//
//   * App::Init + App::Open on a temp dir, with a ManualClock and a
//     SeededRandom (repeatable), and a fairqm.toml whose
//     expected_contacts_per_agent_per_day is tiny, so the KSF-3.6 sampler
//     selects every contact while the agent's quota has room;
//   * an active regulation (ImportRegulation → SubmitRegulation →
//     ConsentRegulation → ActivateRegulation) with all three purposes, every
//     field MissingForSubmission asks for, DPIA (AVG-35), assessment protocol
//     (KSF-4.1) and works-council consent (KSF-3.11);
//   * teams of agents imported from HR CSV text (service::ImportEmployees),
//     each team with a team lead; every agent informed (KSF-3.7) and with a
//     business extension "6" + HR number;
//   * one QA monitor authorised for all purposes over all teams, and the
//     confidentiality acknowledged (KSF-3.3);
//   * one published form per purpose (KSF-4.2): two questions, max score 5;
//   * the clock moved Options::days_into_period days past activation, so the
//     sampler's slots (quota spread over the period) have room: with the
//     default quotas (30 per 30 days = one slot a day) each agent can be
//     recorded about days_into_period + 1 times per purpose at once.
//
// Helpers record a contact (Capture: the real gate, sample and ingest of a
// generated WAV or text file), evaluate recordings, and add client contracts
// (through the store: there is no service for contracts yet).
//
// Timeline: the clock starts at kFixtureStart (Monday 2 March 2026, 09:00
// UTC); the regulation is activated one day later; Build() leaves the clock at
// activation + days_into_period. Capture may advance the clock (by
// Options::sample_step) when the sampler passes over a contact.
//
// Tests only; never include from production code. Not thread-safe.
#pragma once

#include <gtest/gtest.h>
#include <sndfile.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audio/synthetic.h"
#include "audio/wav_writer.h"
#include "codec/employees_csv.h"
#include "codec/json.h"
#include "common/random.h"
#include "common/temp_dir.h"
#include "common/time.h"
#include "domain/names.h"
#include "service/actor.h"
#include "service/app.h"
#include "service/capture.h"
#include "service/evaluations.h"
#include "service/people.h"
#include "service/regulations.h"
#include "store/clients.h"
#include "store/regulations.h"

// Test assertions on Result values: the error is printed when one fails.
#define FAIRQM_ASSERT_OK(expr)                                                           \
  do {                                                                                   \
    const auto& fairqm_assert_status_ = (expr);                                          \
    ASSERT_TRUE(fairqm_assert_status_.ok()) << fairqm_assert_status_.error().ToString(); \
  } while (0)
#define FAIRQM_ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                     \
  ASSERT_TRUE(tmp.ok()) << tmp.error().ToString();       \
  lhs = std::move(tmp).value()
#define FAIRQM_ASSERT_OK_AND_ASSIGN(lhs, expr) \
  FAIRQM_ASSERT_OK_AND_ASSIGN_IMPL(FAIRQM_CONCAT(fairqm_assert_result_, __LINE__), lhs, expr)

namespace fairqm::service::testing {

// Monday 2 March 2026, 09:00 UTC.
inline const TimeMs kFixtureStart = *ParseTime("2026-03-02T09:00:00Z");

using ScratchDir = ::fairqm::TempDir;

struct TeamSpec {
  std::string name;
  int agents = 0;
};

struct Options {
  std::vector<TeamSpec> teams = {{"Noord", 5}, {"Zuid", 4}};
  // KSF-3.6 quotas per period (days) for coaching, assessment, quality.
  int coaching_quota = 30;
  int assessment_quota = 30;
  int quality_quota = 30;
  int period_days = 30;
  int client_min_group_size = 5;  // KSF-6.1
  // Purposes listed with enabled = false in the regulation (KSF-1.2).
  std::set<domain::Purpose> disabled_purposes;
  int days_into_period = 10;
  // How far Capture moves the clock when the sampler passes a contact over.
  TimeMs sample_step = kHourMs;
  std::uint64_t seed = 42;
};

// One imported team: ids of its lead and agents (in HR-number order).
struct FixtureTeam {
  std::string name;
  std::string id;
  std::string lead_id;
  std::vector<std::string> agent_ids;
  std::vector<std::string> agent_numbers;  // HR numbers, same order
};

// What Capture records; defaults give a 2-second stereo voice call.
struct CaptureSpec {
  domain::Channel channel = domain::Channel::kVoice;
  double seconds = 2.0;                                                // voice only
  std::string text = "Goedemiddag, u spreekt met de klantenservice.";  // chat/e-mail
  std::string customer_number;       // optional; hashed by the service
  std::string client_id;             // optional
  std::string extra_moment_request;  // KSF-4.7, optional
};

class Installation {
 public:
  explicit Installation(Options options = {})
      : options_(std::move(options)), clock_(kFixtureStart), random_(options_.seed) {}

  // Runs the whole set-up; any failure names the step.
  Status Build() {
    dir_ = scratch_.path() / "data";
    FAIRQM_RETURN_IF_ERROR(App::Init(dir_, clock_));
    {
      // KSF-3.6: a tiny contact estimate makes the sampler take every contact
      // while the quota's current slot has room (deterministic tests).
      std::ofstream config(DataPaths(dir_).config);
      config << "[capture]\nexpected_contacts_per_agent_per_day = 0.001\n";
      if (!config) return MakeError(ErrorCode::kIo, "cannot write the test configuration");
    }
    FAIRQM_ASSIGN_OR_RETURN(app_, App::Open(dir_, clock_, random_));
    FAIRQM_RETURN_IF_ERROR(Step("employees", ImportPeople()));
    FAIRQM_RETURN_IF_ERROR(Step("regulation", ActivateTestRegulation()));
    FAIRQM_RETURN_IF_ERROR(Step("forms", PublishForms()));
    FAIRQM_RETURN_IF_ERROR(Step("authorisation", AuthoriseMonitor()));
    clock_.Advance(Days(options_.days_into_period));
    return OkStatus();
  }

  App& app() { return *app_; }
  ManualClock& clock() { return clock_; }
  SeededRandom& random() { return random_; }
  const Options& options() const { return options_; }
  const std::filesystem::path& data_dir() const { return dir_; }
  // A directory for the test's own files (exports, inputs); removed at the end.
  const std::filesystem::path& scratch() const { return scratch_.path(); }
  const domain::Regulation& regulation() const { return regulation_; }
  const std::vector<FixtureTeam>& teams() const { return teams_; }
  const std::string& monitor_id() const { return monitor_id_; }
  const std::string& monitor_authorisation_id() const { return monitor_authorisation_id_; }
  // The published form for a purpose.
  const domain::EvaluationForm& form(domain::Purpose purpose) const { return forms_.at(purpose); }

  // Actors. Management, works council and privacy officer are not employees
  // in the fixture; their ids only appear in the audit log.
  static Actor Manager() { return Actor{"mgr-test", domain::Role::kManager, ""}; }
  static Actor WorksCouncil() { return Actor{"or-test", domain::Role::kWorksCouncil, ""}; }
  static Actor PrivacyOfficer() { return Actor{"fg-test", domain::Role::kPrivacyOfficer, ""}; }
  static Actor Admin() { return Actor{"admin-test", domain::Role::kAdmin, ""}; }
  static Actor CaptureSource() { return Actor{"pbx-test", domain::Role::kCaptureSource, ""}; }
  static Actor Client(const std::string& client_id) {
    return Actor{"user-" + client_id, domain::Role::kClient, client_id};
  }
  Actor Monitor() const { return Actor{monitor_id_, domain::Role::kMonitor, ""}; }
  static Actor AgentActor(const std::string& agent_id) {
    return Actor{agent_id, domain::Role::kAgent, ""};
  }

  // Records one contact of the agent (employee id) for the purpose through
  // the real capture gate: DecideCapture until the sampler selects it
  // (advancing the clock by Options::sample_step each time it does not),
  // then Ingest with the ticket. A refusal by the gate is an error naming
  // the rule.
  Result<domain::Recording> Capture(const std::string& agent_id, domain::Purpose purpose,
                                    const CaptureSpec& spec = {}) {
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app_->Reader());
    FAIRQM_ASSIGN_OR_RETURN(auto agent, ResolveEmployee(*conn, agent_id));
    conn.reset();
    capture::ContactMetadata m;
    m.agent = agent.id;
    m.channel = spec.channel;
    m.purpose = purpose;
    m.announced = true;  // KSF-6.6
    m.customer_number = spec.customer_number;
    m.client_id = spec.client_id;
    m.extra_moment_request = spec.extra_moment_request;
    if (spec.channel == domain::Channel::kVoice || spec.channel == domain::Channel::kScreen) {
      m.line = "6" + agent.external_id;
    }
    std::filesystem::path input = scratch_.path() / ("input-" + std::to_string(++inputs_));
    if (spec.channel == domain::Channel::kVoice) {
      input += ".wav";
      FAIRQM_RETURN_IF_ERROR(audio::WriteWav(input.string(),
                                             audio::Tone(8000, 2, spec.seconds, 440.0, 0.3), 8000,
                                             2, SF_FORMAT_PCM_16));
    } else {
      input += ".txt";
      m.media_type = "text/plain; charset=utf-8";
      std::ofstream out(input);
      out << spec.text;
      if (!out) return MakeError(ErrorCode::kIo, "cannot write " + input.string());
    }
    const Actor source = CaptureSource();
    for (int attempt = 0; attempt < 1000; ++attempt) {
      FAIRQM_ASSIGN_OR_RETURN(auto decided, DecideCapture(*app_, source, m));
      if (!decided.allowed()) {
        return MakeError(ErrorCode::kConflict, "capture refused under " + decided.decision.rule +
                                                   ": " + decided.decision.reason_en);
      }
      if (!decided.value->selected) {
        clock_.Advance(options_.sample_step);
        continue;
      }
      m.ticket = decided.value->ticket;
      FAIRQM_ASSIGN_OR_RETURN(auto ingested, Ingest(*app_, source, input, m));
      std::filesystem::remove(input);
      if (!ingested.allowed()) {
        return MakeError(ErrorCode::kConflict, "ingest refused under " + ingested.decision.rule +
                                                   ": " + ingested.decision.reason_en);
      }
      return *ingested.value;
    }
    return MakeError(ErrorCode::kInternal, "the sampler never selected the contact");
  }

  // The fixture's monitor evaluates the recordings (one agent, one purpose)
  // with the purpose's form, every question scored `score` (0..5), and, when
  // `share`, shares it with the agent (KSF-3.8). Refusals are errors naming
  // the rule.
  Result<domain::Evaluation> Evaluate(const std::string& agent_id, domain::Purpose purpose,
                                      const std::vector<std::string>& recording_ids, int score = 4,
                                      bool share = true) {
    const Actor monitor = Monitor();
    const domain::EvaluationForm& f = forms_.at(purpose);
    FAIRQM_ASSIGN_OR_RETURN(
        auto started, StartEvaluation(*app_, monitor, agent_id, purpose, f.id, recording_ids));
    FAIRQM_RETURN_IF_ERROR(Allowed("evaluation.start", started.decision));
    std::vector<domain::Answer> answers;
    for (const auto& section : f.sections) {
      for (const auto& question : section.questions) {
        answers.push_back(domain::Answer{question.id, score, score < 5 ? "Kan beter." : ""});
      }
    }
    FAIRQM_ASSIGN_OR_RETURN(auto scored, ScoreEvaluation(*app_, monitor, started.value->id, answers,
                                                         "Samenvatting van de toets."));
    FAIRQM_RETURN_IF_ERROR(Allowed("evaluation.score", scored.decision));
    if (!share) return *scored.value;
    FAIRQM_ASSIGN_OR_RETURN(auto shared, ShareEvaluation(*app_, monitor, started.value->id));
    FAIRQM_RETURN_IF_ERROR(Allowed("evaluation.share", shared.decision));
    return *shared.value;
  }

  // A client contract (KSF-6.2/6.3) over the named teams, signed a day
  // before now and in force; aggregate-only unless individual_level.
  Result<domain::ClientContract> AddClientContract(const std::string& client_id,
                                                   const std::vector<std::string>& team_names,
                                                   domain::Purpose purpose,
                                                   bool individual_level = false) {
    domain::ClientContract c;
    c.id = NewId(random_, "contract");
    c.client_id = client_id;
    c.client_name = "Opdrachtgever " + client_id;
    c.signed_at = clock_.Now() - Days(1);
    c.purpose = purpose;
    c.individual_level = individual_level;
    c.legal_ground = domain::LegalGround::kLegitimateInterest;
    if (individual_level) {
      c.document_sha256 = std::string(64, 'a');
      c.agents_informed_at = clock_.Now() - Days(1);
    }
    for (const auto& name : team_names) {
      bool found = false;
      for (const auto& team : teams_) {
        if (team.name == name) {
          c.team_ids.insert(team.id);
          found = true;
        }
      }
      if (!found) return MakeError(ErrorCode::kNotFound, "no fixture team " + name);
    }
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app_->Writer());
    FAIRQM_RETURN_IF_ERROR(store::PutClientContract(*conn, c));
    return c;
  }

  // The regulation document the fixture activates (JSON text), for tests
  // that want to import a variant.
  std::string RegulationJson() const {
    auto purpose = [&](const char* name, int quota, const char* ground, codec::Json channels) {
      return codec::Json{
          {"purpose", name},
          {"enabled", options_.disabled_purposes.count(*domain::ParsePurpose(name)) == 0},
          {"frequency_quota", quota},
          {"frequency_period_days", options_.period_days},
          {"recording_retention_days", 30},
          {"evaluation_retention_days", 365},
          {"evaluation_term_working_days", 10},
          {"min_gap_days", 7},
          {"legal_ground", ground},
          {"legitimate_interest", std::string("Gerechtvaardigd belang voor ") + name + "."},
          {"necessity_justification",
           "Minder ingrijpende middelen geven geen beeld van echte klantcontacten."},
          {"proportionality_justification",
           "Een beperkt aantal willekeurig gekozen contacten per periode."},
          {"channels", std::move(channels)}};
    };
    codec::Json doc{
        {"title", "Testregeling kwaliteitsmonitoring"},
        {"controller_name", "Klantcontact Test B.V."},
        {"contact_email", "privacy@test.example"},
        {"privacy_statement_url", "https://test.example/privacy"},
        {"client_min_group_size", options_.client_min_group_size},
        {"extra_moments_per_period", 3},
        {"assessment_period_days", 365},
        {"complaint_term_days", 30},
        {"assessment_protocol_reference", "BP-TEST-1"},
        {"assessment_protocol_approved_at", FormatTime(kFixtureStart - Days(20))},
        {"dpia_reference", "DPIA-TEST-1"},
        {"dpia_at", FormatTime(kFixtureStart - Days(30))},
        {"purposes",
         codec::Json::array({purpose("coaching", options_.coaching_quota, "legitimate_interest",
                                     codec::Json::array({"voice", "screen"})),
                             purpose("assessment", options_.assessment_quota, "contract",
                                     codec::Json::array({"voice"})),
                             purpose("quality", options_.quality_quota, "legitimate_interest",
                                     codec::Json::array({"voice", "chat", "email"}))})}};
    return doc.dump();
  }

 private:
  static Status Step(const std::string& name, Status status) {
    if (status.ok()) return status;
    return MakeError(status.error().code, "fixture step " + name + ": " + status.error().message);
  }

  static Status Allowed(const std::string& what, const policy::Decision& decision) {
    if (decision.allowed) return OkStatus();
    return MakeError(ErrorCode::kConflict,
                     what + " refused under " + decision.rule + ": " + decision.reason_en);
  }

  Status ImportPeople() {
    std::string csv =
        "employee_number,name,function,team,site,start_date,extension,customer_contact,"
        "informed_at\n";
    const std::string start = FormatDate(kFixtureStart - Days(400));
    const std::string informed = FormatDate(kFixtureStart - Days(10));
    for (std::size_t team_idx = 0; team_idx < options_.teams.size(); ++team_idx) {
      const TeamSpec& spec = options_.teams[team_idx];
      const std::string prefix = std::to_string(team_idx + 1);
      csv += prefix + "900,Teamleider " + spec.name + ",team_lead," + spec.name + ",Utrecht," +
             start + ",," + "no," + informed + "\n";
      for (int agent_idx = 0; agent_idx < spec.agents; ++agent_idx) {
        std::string number = prefix + (agent_idx < 9 ? "00" : "0") + std::to_string(agent_idx + 1);
        csv += number + ",Medewerker " + number + ",agent," + spec.name + ",Utrecht," + start +
               ",6" + number + ",yes," + informed + "\n";
      }
    }
    csv += "9100,Kwaliteitsmedewerker,qa_analyst," + options_.teams.front().name + ",Utrecht," +
           start + ",,no," + informed + "\n";
    FAIRQM_ASSIGN_OR_RETURN(auto rows, codec::ParseEmployeesCsv(csv));
    FAIRQM_ASSIGN_OR_RETURN(auto imported, ImportEmployees(*app_, Manager(), rows));
    FAIRQM_RETURN_IF_ERROR(Allowed("employees.import", imported.decision));

    FAIRQM_ASSIGN_OR_RETURN(auto conn, app_->Reader());
    for (std::size_t team_idx = 0; team_idx < options_.teams.size(); ++team_idx) {
      const TeamSpec& spec = options_.teams[team_idx];
      const std::string prefix = std::to_string(team_idx + 1);
      FixtureTeam team;
      team.name = spec.name;
      FAIRQM_ASSIGN_OR_RETURN(auto lead, ResolveEmployee(*conn, prefix + "900"));
      team.lead_id = lead.id;
      team.id = lead.team_id;
      for (int agent_idx = 0; agent_idx < spec.agents; ++agent_idx) {
        std::string number = prefix + (agent_idx < 9 ? "00" : "0") + std::to_string(agent_idx + 1);
        FAIRQM_ASSIGN_OR_RETURN(auto agent, ResolveEmployee(*conn, number));
        team.agent_ids.push_back(agent.id);
        team.agent_numbers.push_back(number);
      }
      teams_.push_back(std::move(team));
    }
    FAIRQM_ASSIGN_OR_RETURN(auto monitor, ResolveEmployee(*conn, "9100"));
    monitor_id_ = monitor.id;
    return OkStatus();
  }

  Status ActivateTestRegulation() {
    FAIRQM_ASSIGN_OR_RETURN(auto json, codec::ParseJsonText(RegulationJson()));
    FAIRQM_ASSIGN_OR_RETURN(auto draft, codec::RegulationFromJson(json));
    FAIRQM_ASSIGN_OR_RETURN(auto imported, ImportRegulation(*app_, Manager(), draft));
    FAIRQM_RETURN_IF_ERROR(Allowed("regulation.import", imported.decision));
    const std::string id = imported.value->id;
    FAIRQM_ASSIGN_OR_RETURN(auto submitted, SubmitRegulation(*app_, Manager(), id));
    FAIRQM_RETURN_IF_ERROR(Allowed("regulation.submit", submitted.decision));
    clock_.Advance(Days(1));
    FAIRQM_ASSIGN_OR_RETURN(auto consented, ConsentRegulation(*app_, WorksCouncil(), id,
                                                              clock_.Now(), "OR-TEST-2026-01"));
    FAIRQM_RETURN_IF_ERROR(Allowed("regulation.consent", consented.decision));
    FAIRQM_ASSIGN_OR_RETURN(auto activated, ActivateRegulation(*app_, Manager(), id));
    FAIRQM_RETURN_IF_ERROR(Allowed("regulation.activate", activated.decision));
    regulation_ = *activated.value;
    return OkStatus();
  }

  Status PublishForms() {
    for (domain::Purpose purpose : domain::kAllPurposes) {
      domain::EvaluationForm form;
      form.id = "form-" + std::string(domain::Name(purpose));
      form.name = "Testformulier " + std::string(domain::DutchName(purpose));
      form.purpose = purpose;
      form.sections = {domain::FormSection{
          "Gesprek",
          {domain::FormQuestion{"opening", "Opent het gesprek correct", 1.0, false, false, false,
                                5},
           domain::FormQuestion{"oplossing", "Lost de vraag op", 2.0, false, false, false, 5}}}};
      FAIRQM_ASSIGN_OR_RETURN(auto published, PublishForm(*app_, Manager(), form));
      FAIRQM_RETURN_IF_ERROR(Allowed("form.publish", published.decision));
      forms_[purpose] = *published.value;
    }
    return OkStatus();
  }

  Status AuthoriseMonitor() {
    domain::Authorisation a;
    a.monitor_id = monitor_id_;
    a.purposes = {domain::Purpose::kCoaching, domain::Purpose::kAssessment,
                  domain::Purpose::kQuality};
    for (const auto& team : teams_) a.team_ids.insert(team.id);
    a.valid_from = clock_.Now();
    FAIRQM_ASSIGN_OR_RETURN(auto granted, GrantAuthorisation(*app_, Manager(), a));
    FAIRQM_RETURN_IF_ERROR(Allowed("authorisation.grant", granted.decision));
    monitor_authorisation_id_ = granted.value->id;
    FAIRQM_ASSIGN_OR_RETURN(auto acknowledged,
                            AcknowledgeConfidentiality(*app_, Monitor(), granted.value->id));
    FAIRQM_RETURN_IF_ERROR(Allowed("authorisation.acknowledge", acknowledged.decision));
    return OkStatus();
  }

  Options options_;
  ScratchDir scratch_;
  std::filesystem::path dir_;
  ManualClock clock_;
  SeededRandom random_;
  std::unique_ptr<App> app_;
  domain::Regulation regulation_;
  std::vector<FixtureTeam> teams_;
  std::string monitor_id_;
  std::string monitor_authorisation_id_;
  std::map<domain::Purpose, domain::EvaluationForm> forms_;
  int inputs_ = 0;
};

// A gtest fixture with a built Installation in `inst_`; override Options()
// for another shape.
class ServiceTest : public ::testing::Test {
 protected:
  virtual Options MakeOptions() const { return Options{}; }

  void SetUp() override {
    inst_ = std::make_unique<Installation>(MakeOptions());
    Status built = inst_->Build();
    ASSERT_TRUE(built.ok()) << built.error().ToString();
  }

  Installation& inst() { return *inst_; }

  std::unique_ptr<Installation> inst_;
};

}  // namespace fairqm::service::testing
