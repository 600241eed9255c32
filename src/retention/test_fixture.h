// Test support: a ready fairqm installation built through the service layer
// exactly as an operator would build one — a data directory (App::Init/Open)
// in a fresh temporary directory, an active regulation (imported, submitted,
// consented by the works council, activated), employees from an HR CSV, one
// evaluation form per purpose published, and a monitor authorised for the
// agents' team who has acknowledged confidentiality. Time is a ManualClock and
// randomness a SeededRandom, so tests move time and get a repeatable sample.
//
// Generic on purpose: any module's tests that need the whole stack may use it
// (header-only; tests only, never production code).
//
//   auto installation = Installation::Create();           // Result<unique_ptr>
//   Installation& at = **installation;
//   auto rec = at.Capture(0, domain::Purpose::kCoaching); // agent 0, a 1 s call
//   at.clock().Advance(Days(20));
//
// People (HR numbers): agents "1001", "1002", … on extensions "2101", "2102",
// … in team "Team A" (up to 8,999 agents); team lead "900001" (Team A's direct
// supervisor); monitor "900002" (a coach in team "Kwaliteit", authorised for
// all purposes over Team A); manager "900003". Actors for each are at hand
// (manager(), monitor() …).
//
// The regulation enables all three purposes on every channel with the
// retention terms from InstallationOptions. Its default quota is large
// (10,000 per 30 days) and the clock starts one day after activation, so the
// random sampler (KSF-3.6) selects practically every contact; lower the quota
// to test the sampler or the quota itself.
//
// Failures are returned (Result/Status) with the step that failed, so a test
// can ASSERT on them. Not thread-safe.
#pragma once

#include <sndfile.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "audio/synthetic.h"
#include "audio/wav_writer.h"
#include "codec/employees_csv.h"
#include "common/random.h"
#include "common/time.h"
#include "db/testing.h"
#include "domain/names.h"
#include "service/app.h"
#include "service/capture.h"
#include "service/evaluations.h"
#include "service/people.h"
#include "service/regulations.h"
#include "store/lookups.h"

namespace fairqm::retention::testing {

struct InstallationOptions {
  int agents = 2;
  // Monday 2 March 2026, 09:00 UTC: when the installation is set up. The
  // clock reads start + 1 day when Create returns.
  TimeMs start = 1772442000000;
  int frequency_quota = 10000;
  int frequency_period_days = 30;
  int recording_retention_days = 30;
  int evaluation_retention_days = 365;
  int evaluation_term_working_days = 10;
  std::uint64_t seed = 42;
};

class Installation {
 public:
  static Result<std::unique_ptr<Installation>> Create(InstallationOptions options = {}) {
    std::unique_ptr<Installation> at(new Installation(options));
    FAIRQM_RETURN_IF_ERROR(at->Build());
    return at;
  }

  Installation(const Installation&) = delete;
  Installation& operator=(const Installation&) = delete;
  ~Installation() { app_.reset(); }

  service::App& app() { return *app_; }
  ManualClock& clock() { return clock_; }
  SeededRandom& random() { return random_; }
  const std::filesystem::path& dir() const { return data_dir_; }
  const InstallationOptions& options() const { return options_; }
  const domain::Regulation& regulation() const { return regulation_; }
  const domain::EvaluationForm& form(domain::Purpose purpose) const { return forms_.at(purpose); }

  int agent_count() const { return static_cast<int>(agents_.size()); }
  const domain::Employee& agent(int index) const { return agents_.at(index); }
  const domain::Employee& team_lead() const { return team_lead_; }
  const domain::Employee& monitor_employee() const { return monitor_; }

  service::Actor manager() const { return {manager_.id, domain::Role::kManager, ""}; }
  service::Actor monitor() const { return {monitor_.id, domain::Role::kMonitor, ""}; }
  service::Actor works_council() const {
    return {"works-council", domain::Role::kWorksCouncil, ""};
  }
  service::Actor capture_source() const { return {"pbx-1", domain::Role::kCaptureSource, ""}; }
  service::Actor agent_actor(int index) const {
    return {agents_.at(index).id, domain::Role::kAgent, ""};
  }

  // The metadata a PBX sends for a call of agent `index` on their extension.
  capture::ContactMetadata CallOf(int index, domain::Purpose purpose) const {
    capture::ContactMetadata m;
    m.agent = agents_.at(index).external_id;
    m.line = Extension(index);
    m.channel = domain::Channel::kVoice;
    m.purpose = purpose;
    m.customer_number = "+31 6 1234 5678";
    m.announced = true;
    return m;
  }

  // Records one call of agent `index` for `purpose`: asks the capture gate
  // until the sampler selects the contact (at most 100 contacts), then
  // uploads a `seconds`-long tone with the ticket. A refusal is kConflict
  // with the rule.
  Result<domain::Recording> Capture(int index, domain::Purpose purpose, double seconds = 1.0) {
    FAIRQM_ASSIGN_OR_RETURN(std::filesystem::path wav, ToneFile(seconds));
    capture::ContactMetadata m = CallOf(index, purpose);
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto decided = service::DecideCapture(*app_, capture_source(), m);
      if (!decided.ok()) return decided.error();
      if (!decided->allowed()) return Refused("capture", decided->decision);
      const std::optional<service::CaptureAnswer>& answer = decided->value;
      if (!answer.has_value() || !answer->selected) continue;
      m.ticket = answer->ticket;
      FAIRQM_ASSIGN_OR_RETURN(auto ingested, service::Ingest(*app_, capture_source(), wav, m));
      if (!ingested.allowed()) return Refused("ingest", ingested.decision);
      return *ingested.value;
    }
    return MakeError(ErrorCode::kConflict, "the sampler selected none of 100 contacts");
  }

  // The monitor evaluates the recordings (all of agent `index`, one purpose)
  // with the purpose's form, every question at its maximum, and shares the
  // result with the agent (KSF-3.8). The evaluation is then open.
  Result<domain::Evaluation> EvaluateAndShare(int index, domain::Purpose purpose,
                                              const std::vector<std::string>& recording_ids) {
    const domain::EvaluationForm& f = form(purpose);
    FAIRQM_ASSIGN_OR_RETURN(
        auto started, service::StartEvaluation(*app_, monitor(), agents_.at(index).id, purpose,
                                               f.id, recording_ids));
    if (!started.allowed()) return Refused("evaluation.start", started.decision);
    std::vector<domain::Answer> answers;
    for (const auto& section : f.sections) {
      for (const auto& question : section.questions) {
        answers.push_back(domain::Answer{question.id, question.max_score, ""});
      }
    }
    FAIRQM_ASSIGN_OR_RETURN(
        auto scored,
        service::ScoreEvaluation(*app_, monitor(), started.value->id, answers, "Goed gesprek."));
    if (!scored.allowed()) return Refused("evaluation.score", scored.decision);
    FAIRQM_ASSIGN_OR_RETURN(auto shared,
                            service::ShareEvaluation(*app_, monitor(), started.value->id));
    if (!shared.allowed()) return Refused("evaluation.share", shared.decision);
    return *shared.value;
  }

  // Closes a shared evaluation (for assessment the monitor first records the
  // feedback meeting, KSF-4.5). Its recordings then fall to KSF-4.9.
  Result<domain::Evaluation> Close(const domain::Evaluation& evaluation) {
    if (evaluation.purpose == domain::Purpose::kAssessment) {
      FAIRQM_ASSIGN_OR_RETURN(
          auto feedback,
          service::RecordFeedback(*app_, monitor(), evaluation.id, app_->Now(), "Besproken."));
      if (!feedback.allowed()) return Refused("evaluation.feedback", feedback.decision);
    }
    FAIRQM_ASSIGN_OR_RETURN(auto closed, service::CloseEvaluation(*app_, monitor(), evaluation.id));
    if (!closed.allowed()) return Refused("evaluation.close", closed.decision);
    return *closed.value;
  }

  // Closes and opens the data directory again, as after a restart (the
  // startup checks run again).
  Status Reopen() {
    app_.reset();
    FAIRQM_ASSIGN_OR_RETURN(app_, service::App::Open(data_dir_, clock_, random_));
    return OkStatus();
  }

  static std::string Extension(int index) { return std::to_string(2101 + index); }

 private:
  explicit Installation(InstallationOptions options)
      : options_(options),
        clock_(options.start),
        random_(options.seed),
        data_dir_(temp_.path() / "data") {}

  static Error Refused(std::string_view step, const policy::Decision& decision) {
    return MakeError(ErrorCode::kConflict, std::string(step) + " refused under " + decision.rule +
                                               ": " + decision.reason_en);
  }

  domain::Regulation Draft() const {
    domain::Regulation r;
    r.title = "Regeling kwaliteitsmonitoring (test)";
    for (domain::Purpose purpose : domain::kAllPurposes) {
      domain::PurposeRules rules;
      rules.purpose = purpose;
      rules.enabled = true;
      rules.frequency_quota = options_.frequency_quota;
      rules.frequency_period_days = options_.frequency_period_days;
      rules.recording_retention_days = options_.recording_retention_days;
      rules.evaluation_retention_days = options_.evaluation_retention_days;
      rules.evaluation_term_working_days = options_.evaluation_term_working_days;
      rules.min_gap_days = purpose == domain::Purpose::kAssessment ? 30 : 0;
      rules.legitimate_interest =
          "Goede dienstverlening aan klanten en ontwikkeling van "
          "medewerkers.";
      rules.legal_ground = domain::LegalGround::kLegitimateInterest;
      rules.necessity_justification = "Meeluisteren alleen geeft geen terugluisterbaar beeld.";
      rules.proportionality_justification = "Een steekproef binnen een vaste frequentie.";
      rules.channels = {domain::Channel::kVoice, domain::Channel::kScreen, domain::Channel::kChat,
                        domain::Channel::kEmail};
      r.purposes.push_back(rules);
    }
    r.dpia_at = options_.start - Days(20);
    r.dpia_reference = "DPIA-2026-01";
    r.assessment_protocol_reference = "BP-2026";
    r.assessment_protocol_approved_at = options_.start - Days(20);
    r.privacy_statement_url = "https://example.org/privacy";
    r.controller_name = "Testcontact B.V.";
    r.contact_email = "privacy@example.org";
    return r;
  }

  std::string EmployeesCsv() const {
    std::string csv =
        "personeelsnummer,naam,functie,team,in_dienst,toestel,klantcontact,geinformeerd_op\n";
    for (int i = 0; i < options_.agents; ++i) {
      csv += std::to_string(1001 + i) + ",Agent " + std::to_string(i) + ",agent,Team A," +
             "2025-01-06," + Extension(i) + ",ja,2026-02-02\n";
    }
    csv += "900001,Teamleider A,team_lead,Team A,2024-01-08,,nee,2026-02-02\n";
    csv += "900002,Coach K,coach,Kwaliteit,2024-01-08,,nee,2026-02-02\n";
    csv += "900003,Manager M,manager,Management,2024-01-08,,nee,2026-02-02\n";
    return csv;
  }

  Result<domain::Employee> Employee(db::Connection& conn, const std::string& number) {
    FAIRQM_ASSIGN_OR_RETURN(auto found, store::FindEmployeeByExternalId(conn, number));
    if (!found) return MakeError(ErrorCode::kNotFound, "employee " + number + " not imported");
    return *found;
  }

  Status Build() {
    FAIRQM_RETURN_IF_ERROR(service::App::Init(data_dir_, clock_));
    FAIRQM_ASSIGN_OR_RETURN(app_, service::App::Open(data_dir_, clock_, random_));

    // HR import; the manager exists only after it, so the import runs as an
    // actor with the manager role.
    FAIRQM_ASSIGN_OR_RETURN(auto rows, codec::ParseEmployeesCsv(EmployeesCsv()));
    FAIRQM_ASSIGN_OR_RETURN(
        auto imported,
        service::ImportEmployees(*app_, {"hr-import", domain::Role::kManager, ""}, rows));
    if (!imported.allowed()) return Refused("employees.import", imported.decision);
    {
      FAIRQM_ASSIGN_OR_RETURN(auto conn, app_->Reader());
      for (int i = 0; i < options_.agents; ++i) {
        FAIRQM_ASSIGN_OR_RETURN(auto agent, Employee(*conn, std::to_string(1001 + i)));
        agents_.push_back(agent);
      }
      FAIRQM_ASSIGN_OR_RETURN(team_lead_, Employee(*conn, "900001"));
      FAIRQM_ASSIGN_OR_RETURN(monitor_, Employee(*conn, "900002"));
      FAIRQM_ASSIGN_OR_RETURN(manager_, Employee(*conn, "900003"));
    }

    // The regulation's life cycle (KSF-3.11).
    FAIRQM_ASSIGN_OR_RETURN(auto draft, service::ImportRegulation(*app_, manager(), Draft()));
    if (!draft.allowed()) return Refused("regulation.import", draft.decision);
    FAIRQM_ASSIGN_OR_RETURN(auto submitted,
                            service::SubmitRegulation(*app_, manager(), draft.value->id));
    if (!submitted.allowed()) return Refused("regulation.submit", submitted.decision);
    FAIRQM_ASSIGN_OR_RETURN(auto consented,
                            service::ConsentRegulation(*app_, works_council(), draft.value->id,
                                                       app_->Now(), "OR-2026-007"));
    if (!consented.allowed()) return Refused("regulation.consent", consented.decision);
    FAIRQM_ASSIGN_OR_RETURN(auto active,
                            service::ActivateRegulation(*app_, manager(), draft.value->id));
    if (!active.allowed()) return Refused("regulation.activate", active.decision);
    regulation_ = *active.value;

    // KSF-4.2: criteria known in advance, one form per purpose.
    for (domain::Purpose purpose : domain::kAllPurposes) {
      domain::EvaluationForm form;
      form.id = "form-" + std::string(domain::Name(purpose));
      form.name = "Gespreksformulier " + std::string(domain::Name(purpose));
      form.purpose = purpose;
      form.sections = {domain::FormSection{
          "Gesprek",
          {domain::FormQuestion{"greeting", "Begroeting", 1.0, false, false, false, 5},
           domain::FormQuestion{"solution", "Oplossing", 2.0, false, false, false, 5}}}};
      FAIRQM_ASSIGN_OR_RETURN(auto published, service::PublishForm(*app_, manager(), form));
      if (!published.allowed()) return Refused("form.publish", published.decision);
      forms_[purpose] = *published.value;
    }

    // KSF-3.3: the monitor, for Team A, all purposes, confidentiality acknowledged.
    domain::Authorisation authorisation;
    authorisation.monitor_id = monitor_.id;
    authorisation.purposes = {domain::Purpose::kCoaching, domain::Purpose::kAssessment,
                              domain::Purpose::kQuality};
    authorisation.team_ids = {agents_.empty() ? team_lead_.team_id : agents_[0].team_id};
    authorisation.valid_from = app_->Now();
    FAIRQM_ASSIGN_OR_RETURN(auto granted,
                            service::GrantAuthorisation(*app_, manager(), authorisation));
    if (!granted.allowed()) return Refused("authorisation.grant", granted.decision);
    FAIRQM_ASSIGN_OR_RETURN(auto acknowledged, service::AcknowledgeConfidentiality(
                                                   *app_, monitor(), granted.value->id));
    if (!acknowledged.allowed()) return Refused("authorisation.acknowledge", acknowledged.decision);

    clock_.Advance(Days(1));
    return OkStatus();
  }

  Result<std::filesystem::path> ToneFile(double seconds) {
    const std::filesystem::path path =
        temp_.path() / ("tone-" + std::to_string(static_cast<int>(seconds * 1000)) + ".wav");
    if (std::filesystem::exists(path)) return path;
    FAIRQM_RETURN_IF_ERROR(audio::WriteWav(path.string(), audio::Tone(8000, 1, seconds, 440.0, 0.3),
                                           8000, 1, SF_FORMAT_PCM_16));
    return path;
  }

  InstallationOptions options_;
  db::testing::TempDir temp_;
  ManualClock clock_;
  SeededRandom random_;
  std::filesystem::path data_dir_;
  std::unique_ptr<service::App> app_;
  domain::Regulation regulation_;
  std::map<domain::Purpose, domain::EvaluationForm> forms_;
  std::vector<domain::Employee> agents_;
  domain::Employee team_lead_;
  domain::Employee monitor_;
  domain::Employee manager_;
};

}  // namespace fairqm::retention::testing
