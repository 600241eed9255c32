#include "cli/demo.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "accounts/accounts.h"
#include "codec/employees_csv.h"
#include "codec/json.h"
#include "db/db.h"
#include "demo/population.h"
#include "demo/regulation.h"
#include "demo/scripts.h"
#include "demo/speech.h"
#include "domain/names.h"
#include "policy/evaluation.h"
#include "retention/sweep.h"
#include "service/agent_requests.h"
#include "service/capture.h"
#include "service/evaluations.h"
#include "service/people.h"
#include "service/regulations.h"
#include "service/reports.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/regulations.h"

namespace fairqm::cli {
namespace {

namespace fs = std::filesystem;
using domain::Purpose;
using domain::Role;
using service::Actor;

constexpr const char* kDemoMarker = "demo.json";
constexpr double kDemoContactsPerDay = 10.0;
constexpr int kFullDays = 4;  // the last days simulate every agent

struct DemoOptions {
  std::uint64_t seed = 1;
  std::string today;
  int days = 14;
  bool reset = false;
};

// Turns an allowed-or-refused service answer into the value, or an error
// saying which demo step the regulation stopped (a bug in the demo data).
template <typename T>
Result<T> Expect(Result<service::Decided<T>> result, const std::string& step) {
  if (!result.ok()) return result.error();
  if (!result->allowed()) {
    return MakeError(ErrorCode::kInternal, "demo step '" + step + "' was refused (" +
                                               result->decision.rule +
                                               "): " + result->decision.reason_en);
  }
  return std::move(*result->value);
}

struct Pending {
  std::string evaluation_id;
  std::string monitor_id;
  std::string agent_id;
  std::string supervisor_id;
  int stage = 0;   // 0 scored, 1 shared, 2 viewed, 3 feedback, 4 closed
  int target = 4;  // where this evaluation stops
};

class DemoBuilder {
 public:
  DemoBuilder(service::App& app, ManualClock& clock, SeededRandom& random,
              const demo::DemoPopulation& population, TimeMs today, int days)
      : app_(app),
        clock_(clock),
        random_(random),
        population_(population),
        today_(today),
        days_(days) {}

  Status Build(Progress& progress) {
    demo::DemoTimeline timeline = demo::MakeTimeline(today_);
    FAIRQM_RETURN_IF_ERROR(SetUpOrganisation(timeline));
    FAIRQM_RETURN_IF_ERROR(RenderCalls());
    FAIRQM_RETURN_IF_ERROR(SimulateContacts(progress));
    FAIRQM_RETURN_IF_ERROR(AgentsAndComplaints());
    FAIRQM_RETURN_IF_ERROR(Refusals());
    clock_.Set(today_ + 17 * kHourMs);
    auto sweep = retention::Sweep(app_);
    if (!sweep.ok()) return sweep.error();
    return OkStatus();
  }

  int recordings() const { return recordings_; }
  int evaluations() const { return evaluations_; }
  const fs::path& work_dir() const { return work_dir_; }
  void set_work_dir(fs::path dir) { work_dir_ = std::move(dir); }

 private:
  Actor Person(const std::string& external_id, Role role) {
    return Actor{ids_.at(external_id), role, ""};
  }

  Status SetUpOrganisation(const demo::DemoTimeline& t) {
    Actor manager_cli{"demo:manager", Role::kManager, ""};
    // The HR import at rollout: everyone informed from here on (KSF-3.7).
    clock_.Set(t.dpia_at);
    FAIRQM_ASSIGN_OR_RETURN(auto rows, codec::ParseEmployeesCsv(population_.employees_csv));
    auto imported = Expect(service::ImportEmployees(app_, manager_cli, rows), "import employees");
    if (!imported.ok()) return imported.error();
    {
      FAIRQM_ASSIGN_OR_RETURN(auto conn, app_.Reader());
      for (const auto& e : population_.employees) {
        FAIRQM_ASSIGN_OR_RETURN(auto employee, service::ResolveEmployee(*conn, e.external_id));
        ids_[e.external_id] = employee.id;
        team_of_[e.external_id] = employee.team_id;
      }
    }
    Actor manager = Person(population_.manager_id, Role::kManager);
    Actor works_council = Person(population_.works_council_member_id, Role::kWorksCouncil);

    FAIRQM_ASSIGN_OR_RETURN(auto doc, codec::ParseTomlText(demo::RegulationToml(today_), "demo"));
    FAIRQM_ASSIGN_OR_RETURN(auto draft, codec::RegulationFromJson(doc));
    clock_.Set(t.submitted_at - Days(5));
    FAIRQM_ASSIGN_OR_RETURN(
        auto reg, Expect(service::ImportRegulation(app_, manager, draft), "import regulation"));
    clock_.Set(t.submitted_at);
    auto submitted = Expect(service::SubmitRegulation(app_, manager, reg.id), "submit regulation");
    if (!submitted.ok()) return submitted.error();
    clock_.Set(t.works_council_consent_at);
    auto consent =
        Expect(service::ConsentRegulation(app_, works_council, reg.id, t.works_council_consent_at,
                                          t.works_council_consent_reference),
               "consent");
    if (!consent.ok()) return consent.error();
    clock_.Set(t.activated_at);
    auto active = Expect(service::ActivateRegulation(app_, manager, reg.id), "activate");
    if (!active.ok()) return active.error();

    // KSF-4.2: forms published before anything is recorded.
    for (const std::string& text :
         {demo::AssessmentFormJson(), demo::CoachingFormJson(), demo::QualityFormJson()}) {
      FAIRQM_ASSIGN_OR_RETURN(auto json, codec::ParseJsonText(text));
      FAIRQM_ASSIGN_OR_RETURN(auto form, codec::FormFromJson(json));
      FAIRQM_ASSIGN_OR_RETURN(auto published,
                              Expect(service::PublishForm(app_, manager, form), "publish form"));
      form_by_purpose_[published.purpose] = published.id;
    }

    // KSF-3.3: authorisations per person, purpose and scope.
    std::set<std::string> customer_teams;
    for (const auto& team : population_.teams) {
      if (team.customer_facing && !team.agent_ids.empty()) {
        customer_teams.insert(team_of_.at(team.agent_ids.front()));
      }
    }
    auto grant = [&](const std::string& external_id, std::set<Purpose> purposes,
                     std::set<std::string> teams, bool acknowledge) -> Status {
      domain::Authorisation a;
      a.monitor_id = ids_.at(external_id);
      a.purposes = std::move(purposes);
      a.team_ids = std::move(teams);
      a.valid_from = t.activated_at;
      a.valid_until = today_ + Days(365);
      FAIRQM_ASSIGN_OR_RETURN(auto granted, Expect(service::GrantAuthorisation(app_, manager, a),
                                                   "grant authorisation"));
      if (!acknowledge) return OkStatus();
      auto ack = service::AcknowledgeConfidentiality(app_, Person(external_id, Role::kMonitor),
                                                     granted.id);
      if (!ack.ok()) return ack.error();
      return OkStatus();
    };
    for (const auto& team : population_.teams) {
      if (!team.customer_facing || team.agent_ids.empty()) continue;
      std::string team_id = team_of_.at(team.agent_ids.front());
      if (!team.lead_id.empty()) {
        FAIRQM_RETURN_IF_ERROR(
            grant(team.lead_id, {Purpose::kCoaching, Purpose::kAssessment}, {team_id}, true));
        monitor_for_[{team_id, Purpose::kAssessment}] = team.lead_id;
        monitor_for_[{team_id, Purpose::kCoaching}] = team.lead_id;
        supervisor_of_team_[team_id] = team.lead_id;
      }
      if (!team.coach_id.empty()) {
        FAIRQM_RETURN_IF_ERROR(grant(team.coach_id, {Purpose::kCoaching}, {team_id}, true));
        monitor_for_[{team_id, Purpose::kCoaching}] = team.coach_id;
      }
    }
    for (std::size_t i = 0; i < population_.qa_analyst_ids.size(); ++i) {
      // The last QA analyst has not acknowledged confidentiality yet: that
      // authorisation is not in force (KSF-3.3).
      bool acknowledge = i + 1 < population_.qa_analyst_ids.size();
      FAIRQM_RETURN_IF_ERROR(
          grant(population_.qa_analyst_ids[i], {Purpose::kQuality}, customer_teams, acknowledge));
      if (acknowledge) {
        for (const auto& team_id : customer_teams) {
          if (!monitor_for_.count({team_id, Purpose::kQuality}) || i % 2 == 1) {
            monitor_for_[{team_id, Purpose::kQuality}] = population_.qa_analyst_ids[i];
          }
        }
      }
    }
    if (!population_.trainer_id.empty()) {
      // KSF-4.6: the on-the-job trainer may assess when an agent asks for
      // another evaluator.
      FAIRQM_RETURN_IF_ERROR(grant(population_.trainer_id,
                                   {Purpose::kCoaching, Purpose::kAssessment}, customer_teams,
                                   true));
    }

    // KSF-6.2 / KSF-6.3: the client's contract, aggregate level.
    clock_.Set(t.client_contract_signed_at);
    std::vector<std::string> team_ids(customer_teams.begin(), customer_teams.end());
    FAIRQM_ASSIGN_OR_RETURN(auto contract_json,
                            codec::ParseJsonText(demo::ClientContractJson(today_, team_ids)));
    FAIRQM_ASSIGN_OR_RETURN(auto contract, codec::ClientContractFromJson(contract_json));
    auto added = Expect(service::AddClientContract(app_, manager, contract), "client contract");
    if (!added.ok()) return added.error();
    return OkStatus();
  }

  Status RenderCalls() {
    scripts_ = demo::DemoScripts(random_.Uniform(1u << 30));
    bool speech = demo::EspeakAvailable();
    if (!speech) {
      spdlog::warn("espeak-ng is not installed: the demo calls are synthetic sound, not speech");
    }
    for (const auto& script : scripts_) {
      auto rendered = speech ? demo::MakeCallRecording(script, work_dir_, script.id)
                             : demo::MakeSyntheticCallRecording(script, work_dir_, script.id);
      if (!rendered.ok()) return rendered.error();
      call_files_.push_back(*rendered);
    }
    // A chat transcript for the quality purpose's chat channel.
    chat_file_ = work_dir_ / "chat.txt";
    std::ofstream chat(chat_file_);
    chat << "[09:12] Klant: Goedemorgen, mijn factuur is hoger dan vorige maand.\n"
            "[09:13] Medewerker: Goedemorgen! Ik kijk het even voor u na.\n"
            "[09:15] Medewerker: Uw voorschot is aangepast na de jaarafrekening.\n"
            "[09:16] Klant: Duidelijk, dank u wel.\n";
    return chat ? OkStatus() : MakeError(ErrorCode::kIo, "cannot write the demo chat");
  }

  // One contact: the capture source asks the gate per purpose; the first
  // purpose the sample selects is recorded.
  Status OfferContact(const std::string& external_id, TimeMs at) {
    const std::string& agent_id = ids_.at(external_id);
    auto lines = population_.extensions.find(external_id);
    if (lines == population_.extensions.end() || lines->second.empty()) return OkStatus();
    Actor source{"pbx-utrecht", Role::kCaptureSource, ""};
    std::vector<Purpose> purposes(std::begin(domain::kAllPurposes), std::end(domain::kAllPurposes));
    std::swap(purposes[0], purposes[random_.Uniform(3)]);
    for (Purpose purpose : purposes) {
      capture::ContactMetadata m;
      m.agent = external_id;
      m.purpose = purpose;
      m.announced = true;
      m.started_at = at;
      m.customer_number = "+31 6 " + std::to_string(10000000 + random_.Uniform(89999999));
      bool chat = purpose == Purpose::kQuality && random_.Uniform(4) == 0;
      m.channel = chat ? domain::Channel::kChat : domain::Channel::kVoice;
      if (!chat) m.line = lines->second.front();
      // KSF-6.1: the process-quality contacts are the client's customers, so
      // the client's aggregate report has figures (and suppressed cells for
      // teams with too few agents in the period).
      if (purpose == Purpose::kQuality) m.client_id = demo::kClientId;
      FAIRQM_ASSIGN_OR_RETURN(auto decided, service::DecideCapture(app_, source, m));
      const service::CaptureAnswer answer = decided.value.value_or(service::CaptureAnswer{});
      if (!decided.allowed() || !answer.selected) continue;
      m.ticket = answer.ticket;
      const demo::CallScript* script = nullptr;
      fs::path file = chat_file_;
      if (!chat) {
        std::size_t pick = random_.Uniform(call_files_.size());
        script = &scripts_[pick];
        file = call_files_[pick];
        m.may_contain_card_data = script->contains_card_data;  // PCI-pause
      } else {
        m.media_type = "text/plain; charset=utf-8";
      }
      clock_.Set(at + 5 * kMinuteMs);
      FAIRQM_ASSIGN_OR_RETURN(auto recording,
                              Expect(service::Ingest(app_, source, file, m), "ingest"));
      ++recordings_;
      recorded_on_[DayIndex(at)].push_back({recording.id, agent_id, purpose});
      (void)script;
      return OkStatus();
    }
    return OkStatus();
  }

  int DayIndex(TimeMs t) const { return static_cast<int>((t - first_day_) / kDayMs); }

  struct Made {
    std::string recording_id;
    std::string agent_id;
    Purpose purpose;
  };

  Status SimulateContacts(Progress& progress) {
    first_day_ = today_ - Days(days_);
    std::vector<std::string> agents = population_.monitorable_agent_ids;
    std::set<std::string> history_teams;
    for (const auto& team : population_.teams) {
      if (team.customer_facing && history_teams.size() < 2) history_teams.insert(team.name);
    }
    std::vector<std::string> history_agents;
    for (const auto& e : population_.employees) {
      if (history_teams.count(e.team) &&
          std::find(agents.begin(), agents.end(), e.external_id) != agents.end()) {
        history_agents.push_back(e.external_id);
      }
    }
    for (int day = 0; day < days_; ++day) {
      TimeMs day_start = first_day_ + Days(day);
      progress.Update(day, days_);
      if (Weekday(day_start) >= 5) continue;  // the demo centre is closed at weekends
      // Older days only for two teams: enough history to show evaluations
      // past their term and destructions, without making the demo slow.
      const std::vector<std::string>& today_agents =
          day < days_ - kFullDays ? history_agents : agents;
      int contacts = static_cast<int>(kDemoContactsPerDay);
      for (int slot = 0; slot < contacts; ++slot) {
        TimeMs at = day_start + 9 * kHourMs + slot * (8 * kHourMs / contacts);
        for (const auto& agent : today_agents) {
          clock_.Set(at + static_cast<TimeMs>(random_.Uniform(20)) * kMinuteMs);
          FAIRQM_RETURN_IF_ERROR(OfferContact(agent, clock_.Now()));
        }
      }
      clock_.Set(day_start + 17 * kHourMs);
      FAIRQM_RETURN_IF_ERROR(EvaluationWork(day));
    }
    progress.Update(days_, days_);
    return OkStatus();
  }

  std::string SupervisorOf(const std::string& agent_id) {
    for (const auto& [external, id] : ids_) {
      if (id != agent_id) continue;
      auto it = supervisor_of_team_.find(team_of_.at(external));
      return it == supervisor_of_team_.end() ? "" : ids_.at(it->second);
    }
    return "";
  }

  std::string MonitorFor(const std::string& agent_id, Purpose purpose) {
    for (const auto& [external, id] : ids_) {
      if (id != agent_id) continue;
      auto it = monitor_for_.find({team_of_.at(external), purpose});
      return it == monitor_for_.end() ? "" : ids_.at(it->second);
    }
    return "";
  }

  // Monitors evaluate what was recorded two days ago and move earlier
  // evaluations one step on, so the demo holds evaluations in every state.
  Status EvaluationWork(int day) {
    for (auto& p : pending_) FAIRQM_RETURN_IF_ERROR(Advance(p));
    auto made = recorded_on_.find(day - 2);
    if (made == recorded_on_.end()) return OkStatus();
    for (const auto& m : made->second) {
      // About one in four recordings is never evaluated: KSF-4.10 destroys it.
      if (random_.Uniform(4) == 0) continue;
      std::string monitor = MonitorFor(m.agent_id, m.purpose);
      if (monitor.empty()) continue;
      Actor actor{monitor, Role::kMonitor, ""};
      auto started = service::StartEvaluation(app_, actor, m.agent_id, m.purpose,
                                              form_by_purpose_.at(m.purpose), {m.recording_id});
      if (!started.ok()) return started.error();
      if (!started->allowed()) continue;  // e.g. the minimum gap (KSF-2.1-feedback)
      const domain::Evaluation& e = *started->value;
      ++evaluations_;
      FAIRQM_RETURN_IF_ERROR(Score(actor, e));
      FAIRQM_RETURN_IF_ERROR(Note(actor, e));
      Pending p{e.id,       monitor,
                m.agent_id, SupervisorOf(m.agent_id),
                0,          static_cast<int>(random_.Uniform(5))};
      pending_.push_back(p);
    }
    return OkStatus();
  }

  Status Score(const Actor& actor, const domain::Evaluation& e) {
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app_.Reader());
    FAIRQM_ASSIGN_OR_RETURN(auto form, store::GetForm(*conn, e.form_id, e.form_version));
    conn.reset();
    std::vector<domain::Answer> answers;
    for (const auto& section : form.sections) {
      for (const auto& q : section.questions) {
        domain::Answer a;
        a.question_id = q.id;
        int low = q.critical ? 1 : std::max(1, q.max_score - 2);
        a.score = low + static_cast<int>(random_.Uniform(q.max_score - low + 1));
        if (q.comment_required && *a.score < q.max_score) {
          a.comment = "Besproken tijdens de terugkoppeling; let op de samenvatting aan het eind.";
        }
        answers.push_back(a);
      }
    }
    auto scored = service::ScoreEvaluation(app_, actor, e.id, answers,
                                           "Vriendelijk en duidelijk gesprek; de klantvraag is "
                                           "opgelost. Verbeterpunt: samenvatten aan het eind.");
    if (!scored.ok()) return scored.error();
    return OkStatus();
  }

  Status Note(const Actor& actor, const domain::Evaluation& e) {
    if (e.recording_ids.empty()) return OkStatus();
    auto noted = service::AddNote(app_, actor, e.id, e.recording_ids.front(), 4000,
                                  "Goede opening: naam genoemd en opname aangekondigd.");
    if (!noted.ok() && noted.error().code != ErrorCode::kInvalidInput) return noted.error();
    return OkStatus();
  }

  Status Advance(Pending& p) {
    if (p.stage >= p.target) return OkStatus();
    Actor monitor{p.monitor_id, Role::kMonitor, ""};
    Actor agent{p.agent_id, Role::kAgent, ""};
    switch (p.stage) {
      case 0: {
        auto r = service::ShareEvaluation(app_, monitor, p.evaluation_id);
        if (!r.ok()) return r.error();
        break;
      }
      case 1: {
        auto view = service::GiveAgentView(
            app_, agent, p.evaluation_id,
            "Ik herken de punten. Bij de samenvatting had de klant haast; ik let er voortaan op.");
        if (!view.ok()) return view.error();
        auto ack = service::Acknowledge(app_, agent, p.evaluation_id);
        if (!ack.ok()) return ack.error();
        break;
      }
      case 2: {
        std::string by = p.supervisor_id.empty() ? p.monitor_id : p.supervisor_id;
        auto r = service::RecordFeedback(app_, Actor{by, Role::kMonitor, ""}, p.evaluation_id,
                                         clock_.Now() - kHourMs,
                                         "Resultaten mondeling besproken en op papier meegegeven.");
        if (!r.ok()) return r.error();
        break;
      }
      case 3: {
        auto r = service::CloseEvaluation(app_, monitor, p.evaluation_id);
        if (!r.ok()) return r.error();
        break;
      }
    }
    ++p.stage;
    return OkStatus();
  }

  Status AgentsAndComplaints() {
    clock_.Set(today_ + 10 * kHourMs);
    const std::string& first_agent = population_.monitorable_agent_ids.front();
    Actor agent = Person(first_agent, Role::kAgent);
    // KSF-4.7: three extra moments are honoured, the fourth is refused.
    for (int i = 0; i < 4; ++i) {
      auto r = service::RequestExtraMoment(app_, agent, "Ik wil laten zien dat ik gegroeid ben.");
      if (!r.ok()) return r.error();
    }
    // KSF-4.9: a hold with the agent's consent on a recording of theirs.
    for (auto& [day, made] : recorded_on_) {
      for (const auto& m : made) {
        if (held_) break;
        Actor owner{m.agent_id, Role::kAgent, ""};
        auto hold =
            service::GiveHoldConsent(app_, owner, m.recording_id,
                                     "Klacht van de klant over dit gesprek is nog in behandeling.",
                                     today_ + Days(10), ids_.at(population_.manager_id));
        if (!hold.ok()) return hold.error();
        held_ = hold->allowed();
      }
    }
    // KSF-3.10: one complaint taken up, one left too long and appealed.
    clock_.Set(today_ - Days(45));
    const std::string& second = population_.monitorable_agent_ids.at(1);
    FAIRQM_ASSIGN_OR_RETURN(
        auto late,
        Expect(service::FileComplaint(app_, Person(second, Role::kAgent), "Steekproef",
                                      "Ik ben deze maand vaker opgenomen dan collega's."),
               "complaint"));
    clock_.Set(today_ - Days(3));
    auto appeal = service::AppealComplaint(app_, Person(second, Role::kAgent), late.id);
    if (!appeal.ok()) return appeal.error();
    clock_.Set(today_ - Days(6));
    FAIRQM_ASSIGN_OR_RETURN(
        auto handled, Expect(service::FileComplaint(app_, agent, "Feedbackgesprek",
                                                    "Het feedbackgesprek werd twee keer verzet."),
                             "complaint"));
    clock_.Set(today_ - Days(4));
    auto taken =
        service::TakeUpComplaint(app_, Person(population_.manager_id, Role::kManager), handled.id,
                                 "Excuses; de gesprekken staan nu vast in de planning.", true);
    if (!taken.ok()) return taken.error();
    // AVG-12: a customer asks what was recorded of them.
    clock_.Set(today_ - Days(8));
    auto dsr = service::OpenDataSubjectRequest(
        app_, Person(population_.privacy_officer_id, Role::kPrivacyOfficer),
        domain::DataSubjectKind::kCustomer, "+31 6 12345678",
        domain::DataSubjectRequestKind::kAccess, today_ - Days(8));
    if (!dsr.ok()) return dsr.error();
    // TRANSPARENCY-live: a team lead listens in for coaching.
    clock_.Set(today_ + 11 * kHourMs);
    for (const auto& team : population_.teams) {
      if (!team.customer_facing || team.lead_id.empty() || team.agent_ids.empty()) continue;
      for (const auto& agent_external : team.agent_ids) {
        if (std::find(population_.monitorable_agent_ids.begin(),
                      population_.monitorable_agent_ids.end(),
                      agent_external) == population_.monitorable_agent_ids.end()) {
          continue;
        }
        auto line = population_.extensions.find(agent_external);
        if (line == population_.extensions.end() || line->second.empty()) continue;
        auto live = service::StartLiveListen(app_, Person(team.lead_id, Role::kMonitor),
                                             ids_.at(agent_external), line->second.front(),
                                             Purpose::kCoaching);
        if (!live.ok()) return live.error();
        clock_.Set(clock_.Now() + 6 * kMinuteMs);
        if (live->allowed()) {
          auto stop =
              service::StopLiveListen(app_, Person(team.lead_id, Role::kMonitor), live->value->id);
          if (!stop.ok()) return stop.error();
        }
        return OkStatus();
      }
    }
    return OkStatus();
  }

  // The gate refusing what it must: the refusals appear in the report by rule.
  Status Refusals() {
    clock_.Set(today_ + 12 * kHourMs);
    Actor source{"pbx-utrecht", Role::kCaptureSource, ""};
    auto offer = [&](const std::string& agent, const std::string& line, bool announced,
                     bool do_not_record) -> Status {
      capture::ContactMetadata m;
      m.agent = agent;
      m.line = line;
      m.purpose = Purpose::kCoaching;
      m.announced = announced;
      m.do_not_record = do_not_record;
      auto r = service::DecideCapture(app_, source, m);
      if (!r.ok()) return r.error();
      return OkStatus();
    };
    auto first_line = [&](const std::string& id) {
      auto it = population_.extensions.find(id);
      return it == population_.extensions.end() || it->second.empty() ? std::string("0000")
                                                                      : it->second.front();
    };
    const std::string& agent = population_.monitorable_agent_ids.front();
    FAIRQM_RETURN_IF_ERROR(offer(population_.works_council_member_id,
                                 first_line(population_.works_council_member_id), true, false));
    FAIRQM_RETURN_IF_ERROR(
        offer(population_.company_doctor_id, population_.company_doctor_line, true, false));
    if (!population_.private_lines.empty()) {
      const auto& [owner, line] = *population_.private_lines.begin();
      FAIRQM_RETURN_IF_ERROR(offer(owner, line, true, false));
    }
    FAIRQM_RETURN_IF_ERROR(
        offer(population_.leaver_id, first_line(population_.leaver_id), true, false));
    FAIRQM_RETURN_IF_ERROR(offer(population_.uninformed_agent_id,
                                 first_line(population_.uninformed_agent_id), true, false));
    FAIRQM_RETURN_IF_ERROR(offer(agent, first_line(agent), true, true));    // AVG-21
    FAIRQM_RETURN_IF_ERROR(offer(agent, first_line(agent), false, false));  // KSF-6.6
    return OkStatus();
  }

  service::App& app_;
  ManualClock& clock_;
  SeededRandom& random_;
  const demo::DemoPopulation& population_;
  TimeMs today_;
  int days_;
  TimeMs first_day_ = 0;
  fs::path work_dir_;
  std::map<std::string, std::string> ids_;                              // HR number → employee id
  std::map<std::string, std::string> team_of_;                          // HR number → team id
  std::map<std::pair<std::string, Purpose>, std::string> monitor_for_;  // (team, purpose) → HR no
  std::map<std::string, std::string> supervisor_of_team_;               // team id → HR number
  std::map<Purpose, std::string> form_by_purpose_;
  std::vector<demo::CallScript> scripts_;
  std::vector<fs::path> call_files_;
  fs::path chat_file_;
  std::map<int, std::vector<Made>> recorded_on_;
  std::vector<Pending> pending_;
  int recordings_ = 0;
  int evaluations_ = 0;
  bool held_ = false;
};

// One account per role for the demo, all with the same password so that a
// visitor can walk every role (a demo only: real installations create
// accounts through the admin API). The capture source gets an API token,
// written to demo-capture-token (0600) in the data directory.
constexpr const char* kDemoPassword = "fairqm-demo-2026";

constexpr std::string_view kDemoAgentSql =
    "SELECT r.agent_id, COUNT(*) AS n FROM recordings r "
    "WHERE r.agent_id IN (SELECT agent_id FROM evaluations "
    "                     WHERE status = 'shared' AND acknowledged_at IS NULL) "
    "GROUP BY r.agent_id ORDER BY n DESC, r.agent_id LIMIT 1";

Result<codec::Json> CreateDemoAccounts(service::App& app, const demo::DemoPopulation& population,
                                       const fs::path& dir) {
  struct Spec {
    const char* username;
    const char* display_name;
    domain::Role role;
    std::string employee_id;
    std::string client_id;
  };
  // The demo's agent is the one with the most recordings among those with an
  // evaluation shared and not yet acknowledged, so that a visitor (and the
  // web app's journeys) can listen, give a view and acknowledge.
  std::string agent_id = population.monitorable_agent_ids.empty()
                             ? std::string()
                             : population.monitorable_agent_ids.front();
  {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(db::Rows busiest, reader->Query(kDemoAgentSql));
    if (!busiest.empty()) agent_id = busiest.front().Text(0);
  }
  const std::vector<Spec> specs = {
      {"admin", "Beheerder", domain::Role::kAdmin, "", ""},
      {"agent", "Agent", domain::Role::kAgent, agent_id, ""},
      {"kwaliteit", "Kwaliteitsmedewerker", domain::Role::kMonitor,
       population.qa_analyst_ids.empty() ? "" : population.qa_analyst_ids.front(), ""},
      {"coach", "Coach", domain::Role::kMonitor,
       population.coach_ids.empty() ? "" : population.coach_ids.front(), ""},
      {"manager", "Manager", domain::Role::kManager, population.manager_id, ""},
      {"or", "Ondernemingsraad", domain::Role::kWorksCouncil, population.works_council_member_id,
       ""},
      {"fg", "Functionaris gegevensbescherming", domain::Role::kPrivacyOfficer,
       population.privacy_officer_id, ""},
      {"opdrachtgever", "Opdrachtgever", domain::Role::kClient, "", demo::kClientId},
      {"pbx", "Telefooncentrale", domain::Role::kCaptureSource, "", ""},
  };
  codec::Json list = codec::Json::array();
  const service::Actor admin = service::Actor::System();
  for (const Spec& spec : specs) {
    accounts::NewAccount account;
    account.username = spec.username;
    account.display_name = spec.display_name;
    account.role = spec.role;
    account.employee_id = spec.employee_id;
    account.client_id = spec.client_id;
    account.password = spec.role == domain::Role::kCaptureSource ? "" : kDemoPassword;
    FAIRQM_ASSIGN_OR_RETURN(auto created, accounts::CreateAccount(app, admin, account));
    if (!created.allowed()) {
      return MakeError(ErrorCode::kInternal, std::string("demo account ") + spec.username + ": " +
                                                 created.decision.reason_en);
    }
    list.push_back({{"username", spec.username}, {"role", domain::Name(spec.role)}});
    if (spec.role == domain::Role::kCaptureSource) {
      FAIRQM_ASSIGN_OR_RETURN(
          auto issued,
          accounts::IssueApiToken(app, admin, created.value->id, {"capture", "live"}, "demo PBX"));
      if (!issued.allowed()) {
        return MakeError(ErrorCode::kInternal, "demo token: " + issued.decision.reason_en);
      }
      const fs::path token_file = dir / "demo-capture-token";
      {
        std::ofstream out(token_file);
        out << issued.value->secret << "\n";
        if (!out) return MakeError(ErrorCode::kIo, "cannot write " + token_file.string());
      }
      fs::permissions(token_file, fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::replace);
    }
  }
  return list;
}

int RunDemo(const GlobalOptions& g, const DemoOptions& options) {
  fs::path dir = service::ResolveDataDir(g.data_dir);
  if (options.reset && fs::exists(dir / kDemoMarker)) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (ec) return Fail(g.out, MakeError(ErrorCode::kIo, "cannot remove " + dir.string()));
  }
  TimeMs today = 0;
  if (options.today.empty()) {
    // The simulated fortnight ends yesterday evening, so nothing the demo
    // records lies in the future of the real clock the reports read.
    SystemClock system;
    today = system.Now() - system.Now() % kDayMs - kDayMs;
  } else {
    auto parsed = ParseTime(options.today);
    if (!parsed) return Fail(g.out, MakeError(ErrorCode::kInvalidInput, "--today is not a date"));
    today = *parsed;
  }
  ManualClock clock(today - Days(400));
  SeededRandom random(options.seed);
  Status init = service::App::Init(dir, clock);
  if (!init.ok()) return Fail(g.out, init.error());
  {
    // The demo centre's contacts per agent per day, for the sampler (KSF-3.6).
    service::DataPaths paths(dir);
    std::ifstream in(paths.config);
    std::stringstream text;
    text << in.rdbuf();
    in.close();
    std::string config = text.str();
    auto at = config.find("expected_contacts_per_agent_per_day = 40.0");
    if (at != std::string::npos) {
      config.replace(at, 42, "expected_contacts_per_agent_per_day = 10.0");
    }
    // A quicker encoder setting keeps the demo's many recordings fast to build.
    auto complexity = config.find("opus_complexity = 3");
    if (complexity != std::string::npos) config.replace(complexity, 19, "opus_complexity = 1");
    std::ofstream(paths.config) << config;
  }
  auto app = service::App::Open(dir, clock, random);
  if (!app.ok()) return Fail(g.out, app.error());
  demo::DemoPopulation population = demo::MakePopulation(options.seed, today);
  DemoBuilder builder(**app, clock, random, population, today, options.days);
  fs::path work = fs::temp_directory_path() / ("fairqm-demo-" + std::to_string(::getpid()));
  fs::create_directories(work);
  builder.set_work_dir(work);
  Status built;
  {
    Progress progress("demo: contacts");
    built = builder.Build(progress);
  }
  std::error_code ec;
  fs::remove_all(work, ec);
  if (!built.ok()) return Fail(g.out, built.error());
  auto accounts = CreateDemoAccounts(**app, population, dir);
  if (!accounts.ok()) return Fail(g.out, accounts.error());
  codec::Json marker{{"seed", options.seed},
                     {"accounts", *accounts},
                     {"password", kDemoPassword},
                     {"today", FormatDate(today)},
                     {"days", options.days},
                     {"recordings", builder.recordings()},
                     {"evaluations", builder.evaluations()}};
  std::ofstream(dir / kDemoMarker) << marker.dump(2) << "\n";
  std::string text = "demo contact centre in " + dir.string() + ": " +
                     std::to_string(population.employees.size()) + " employees, " +
                     std::to_string(builder.recordings()) + " recordings, " +
                     std::to_string(builder.evaluations()) + " evaluations (seed " +
                     std::to_string(options.seed) + ", today " + FormatDate(today) + ")";
  return Print(g.out, marker, text);
}

}  // namespace

void AddDemoCommand(CLI::App& app, GlobalOptions& g, std::function<int()>& run) {
  static DemoOptions options;
  auto* demo_cmd = app.add_subcommand("demo", "build a demo contact centre");
  demo_cmd->add_option("--seed", options.seed, "the same seed builds the same centre");
  demo_cmd->add_option("--today", options.today,
                       "the demo's last day, YYYY-MM-DD (default: yesterday)");
  demo_cmd->add_option("--days", options.days, "days of contacts to simulate")
      ->check(CLI::Range(1, 60));
  demo_cmd->add_flag("--reset", options.reset, "replace an earlier demo in the data directory");
  demo_cmd->callback([&] { run = [&] { return RunDemo(g, options); }; });
}

}  // namespace fairqm::cli
