#include "service/views.h"

#include <algorithm>
#include <map>
#include <utility>

#include "domain/names.h"
#include "policy/access.h"
#include "policy/consents.h"
#include "policy/requests.h"
#include "service/audit_trail.h"
#include "store/authorisations.h"
#include "store/clients.h"
#include "store/evaluations.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/regulations.h"
#include "store/requests.h"

namespace fairqm::service {
namespace {

// KSF-4.9: the retention holds that may be in force at $2 (the store has a
// per-recording query only); policy::HoldActive has the last word.
constexpr std::string_view kHoldIdsInForce =
    "SELECT id FROM consents WHERE kind = $1 AND withdrawn_at IS NULL AND hold_until > $2"
    " ORDER BY hold_until, id";

// The most items one listing returns: a bound on what a single request reads.
constexpr int kMaxLimit = 1000;

// The shape every listing shares: a refusal is audited on its own; an allowed
// read is gathered in one snapshot on a reader, then put on record.
template <typename T, typename LoadFn, typename DetailFn>
Result<Decided<T>> Serve(App& app, const Actor& actor, std::string_view action,
                         const AuditSubject& subject, const policy::Decision& decision, LoadFn load,
                         DetailFn detail) {
  const TimeMs now = app.Now();
  if (!decision.allowed) {
    FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*writer, now, actor, action, subject, decision));
    return Decided<T>::Refuse(decision);
  }
  std::optional<T> value;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(db::Transaction snapshot, db::Transaction::Begin(*reader));
    FAIRQM_ASSIGN_OR_RETURN(value, load(*reader, now));
    FAIRQM_RETURN_IF_ERROR(snapshot.Commit());
  }
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
  FAIRQM_RETURN_IF_ERROR(
      RecordAlone(*writer, now, actor, action, subject, decision, detail(*value)));
  return Decided<T>::Allow(std::move(*value));
}

template <typename T>
codec::Json Count(const std::vector<T>& items) {
  return codec::Json{{"count", items.size()}};
}

// AVG-32: a view of an agent's own data is for that agent; other roles hold
// none of their own here.
policy::Decision OnlyAgent(const Actor& actor) {
  if (actor.role == domain::Role::kAgent) return policy::Decision::Allow();
  return policy::Decision::Refuse(
      "AVG-32", "Dit overzicht toont de eigen gegevens van een medewerker; uw rol heeft er geen.",
      "This view shows an agent's own data; your role has none.");
}

// The role gate for the action, then the agent-only rule.
policy::Decision AgentOwn(const Actor& actor, policy::Action action) {
  policy::Decision role = policy::DecideRoleAccess(actor.role, action);
  if (!role.allowed) return role;
  return OnlyAgent(actor);
}

policy::Decision OnlyRole(const Actor& actor, domain::Role role, std::string rule, std::string nl,
                          std::string en) {
  if (actor.role == role) return policy::Decision::Allow();
  return policy::Decision::Refuse(std::move(rule), std::move(nl), std::move(en));
}

policy::Decision OnlyManager(const Actor& actor) {
  // AVG-32
  return OnlyRole(actor, domain::Role::kManager, "AVG-32",
                  "Dit overzicht is voor het contactcentermanagement.",
                  "This overview is for contact-centre management.");
}

AuditSubject OwnSubject(std::string_view kind, const Actor& actor) {
  return AuditSubject{std::string(kind), actor.id, actor.id, std::nullopt};
}

AuditSubject ListSubject(std::string_view kind) {
  return AuditSubject{std::string(kind), "list", "", std::nullopt};
}

// Employee names by id for a listing, each looked up once. An id that is not
// an employee (a client's user, a removed person) has no name.
class Names {
 public:
  explicit Names(db::Connection& conn) : conn_(conn) {}

  Result<std::string> Of(const std::string& employee_id) {
    auto known = names_.find(employee_id);
    if (known != names_.end()) return known->second;
    auto employee = store::GetEmployee(conn_, employee_id);
    std::string name;
    if (employee.ok()) {
      name = employee->name;
    } else if (employee.error().code != ErrorCode::kNotFound) {
      return employee.error();
    }
    names_.emplace(employee_id, name);
    return name;
  }

 private:
  db::Connection& conn_;
  std::map<std::string, std::string> names_;
};

ComplaintItem MakeComplaintItem(domain::Complaint complaint, TimeMs now) {
  ComplaintItem item;
  item.days_left = DaysLeft(complaint.respond_by, now);
  // KSF-3.10: the term to take it up has passed without management doing so.
  item.overdue = !complaint.taken_up_at && !complaint.resolved_at && now > complaint.respond_by;
  item.appealable = policy::DecideAppeal(complaint, complaint.complainant_id, now).allowed;
  item.complaint = std::move(complaint);
  return item;
}

std::vector<ComplaintItem> ComplaintItems(std::vector<domain::Complaint> complaints, TimeMs now) {
  std::vector<ComplaintItem> items;
  items.reserve(complaints.size());
  for (auto& c : complaints) items.push_back(MakeComplaintItem(std::move(c), now));
  return items;
}

Status CheckLimit(int limit) {
  if (limit < 1 || limit > kMaxLimit) {
    return MakeError(ErrorCode::kInvalidInput,
                     "limit must be between 1 and " + std::to_string(kMaxLimit));
  }
  return OkStatus();
}

}  // namespace

std::int64_t DaysLeft(TimeMs deadline, TimeMs now) {
  const TimeMs delta = deadline - now;
  if (delta >= 0) return delta / kDayMs;
  return -((-delta + kDayMs - 1) / kDayMs);
}

Result<policy::Decision> DecideRecordingView(db::Connection& conn, const Actor& actor,
                                             const domain::Recording& recording, TimeMs now) {
  policy::OpenRecordingFacts facts;
  facts.actor_role = actor.role;
  facts.actor_id = actor.id;
  FAIRQM_ASSIGN_OR_RETURN(facts.actor_authorisations,
                          store::AuthorisationsForMonitor(conn, actor.id));
  facts.recording = recording;
  // Metadata outlives content (the DELETION-log keeps the facts): who could
  // listen to it may still see that it existed and when it was destroyed.
  facts.recording.destroyed_at.reset();
  FAIRQM_ASSIGN_OR_RETURN(facts.agent, store::GetEmployee(conn, recording.agent_id));
  facts.access_purpose = recording.purpose;  // KSF-3.4: its own purpose only
  facts.access = policy::RecordingAccess::kListen;
  facts.now = now;
  if (actor.role == domain::Role::kClient) {
    FAIRQM_ASSIGN_OR_RETURN(facts.regulation, store::ActiveRegulation(conn));
    FAIRQM_ASSIGN_OR_RETURN(auto contracts, store::ListContractsForClient(conn, actor.client_id));
    for (const auto& c : contracts) {
      if (c.purpose == recording.purpose) facts.contract = c;
    }
  }
  return policy::DecideOpenRecording(facts);
}

// ---------------------------------------------------------------------------
// Agent

Result<Decided<std::vector<domain::Recording>>> MyRecordings(App& app, const Actor& actor) {
  return Serve<std::vector<domain::Recording>>(
      app, actor, "view.my_recordings", OwnSubject("recordings", actor),
      AgentOwn(actor, policy::Action::kOpenRecording),  // KSF-4.8
      [&](db::Connection& conn, TimeMs) -> Result<std::vector<domain::Recording>> {
        FAIRQM_RETURN_IF_ERROR(store::GetEmployee(conn, actor.id));
        // Destroyed ones stay listed (metadata only) so the history is whole.
        return store::ListRecordingsForAgent(conn, actor.id);
      },
      Count<domain::Recording>);
}

Result<Decided<std::vector<domain::Evaluation>>> MyEvaluations(App& app, const Actor& actor) {
  return Serve<std::vector<domain::Evaluation>>(
      app, actor, "view.my_evaluations", OwnSubject("evaluations", actor),
      AgentOwn(actor, policy::Action::kReadEvaluation),  // KSF-4.8
      [&](db::Connection& conn, TimeMs) -> Result<std::vector<domain::Evaluation>> {
        FAIRQM_RETURN_IF_ERROR(store::GetEmployee(conn, actor.id));
        FAIRQM_ASSIGN_OR_RETURN(auto evaluations, store::ListEvaluationsForAgent(conn, actor.id));
        for (auto& e : evaluations) {
          if (e.status != domain::EvaluationStatus::kDraft) continue;
          // KSF-3.8: the outcome reaches the agent when it is shared; until
          // then the agent sees that a moment exists and who holds it (so
          // they can ask for another evaluator, KSF-4.6), not its content.
          e.answers.clear();
          e.notes.clear();
          e.score.reset();
          e.summary.clear();
        }
        return evaluations;
      },
      Count<domain::Evaluation>);
}

Result<Decided<std::vector<domain::AgentRequest>>> MyRequests(App& app, const Actor& actor) {
  return Serve<std::vector<domain::AgentRequest>>(
      app, actor, "view.my_requests", OwnSubject("requests", actor), OnlyAgent(actor),
      [&](db::Connection& conn, TimeMs) -> Result<std::vector<domain::AgentRequest>> {
        FAIRQM_RETURN_IF_ERROR(store::GetEmployee(conn, actor.id));
        return store::ListAgentRequestsForAgent(conn, actor.id);
      },
      Count<domain::AgentRequest>);
}

Result<Decided<std::vector<domain::Consent>>> MyConsents(App& app, const Actor& actor) {
  return Serve<std::vector<domain::Consent>>(
      app, actor, "view.my_consents", OwnSubject("consents", actor), OnlyAgent(actor),
      [&](db::Connection& conn, TimeMs) -> Result<std::vector<domain::Consent>> {
        FAIRQM_RETURN_IF_ERROR(store::GetEmployee(conn, actor.id));
        return store::ListConsentsForAgent(conn, actor.id);
      },
      Count<domain::Consent>);
}

Result<Decided<std::vector<ComplaintItem>>> MyComplaints(App& app, const Actor& actor) {
  // KSF-3.10: complaints come from people; a capture source files none.
  policy::Decision decision =
      actor.role == domain::Role::kCaptureSource
          ? policy::Decision::Refuse("AVG-32", "Een opnamebron dient geen klachten in.",
                                     "A capture source files no complaints.")
          : policy::Decision::Allow();
  return Serve<std::vector<ComplaintItem>>(
      app, actor, "view.my_complaints", OwnSubject("complaints", actor), decision,
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<ComplaintItem>> {
        FAIRQM_ASSIGN_OR_RETURN(auto complaints,
                                store::ListComplaintsByComplainant(conn, actor.id));
        return ComplaintItems(std::move(complaints), now);
      },
      Count<ComplaintItem>);
}

Result<Decided<std::vector<LiveListenItem>>> MyLiveListens(App& app, const Actor& actor) {
  return Serve<std::vector<LiveListenItem>>(
      app, actor, "view.my_live_listens", OwnSubject("live", actor), OnlyAgent(actor),
      [&](db::Connection& conn, TimeMs) -> Result<std::vector<LiveListenItem>> {
        FAIRQM_RETURN_IF_ERROR(store::GetEmployee(conn, actor.id));
        FAIRQM_ASSIGN_OR_RETURN(auto sessions, store::ListLiveListensForAgent(conn, actor.id));
        Names names(conn);
        std::vector<LiveListenItem> items;
        for (auto& s : sessions) {
          LiveListenItem item;
          item.active = !s.ended_at.has_value();
          if (s.listener_role == domain::Role::kClient) {
            // KSF-6.4: the agent knows a client listened, and which client;
            // the client's person is not named.
            FAIRQM_ASSIGN_OR_RETURN(auto auths,
                                    store::AuthorisationsForMonitor(conn, s.listener_id));
            for (const auto& a : auths) {
              if (a.client_id.empty()) continue;
              FAIRQM_ASSIGN_OR_RETURN(auto contracts,
                                      store::ListContractsForClient(conn, a.client_id));
              item.client_name = contracts.empty() ? a.client_id : contracts.front().client_name;
              break;
            }
            s.listener_id.clear();
          } else {
            FAIRQM_ASSIGN_OR_RETURN(item.listener_name, names.Of(s.listener_id));
          }
          item.session = std::move(s);
          items.push_back(std::move(item));
        }
        return items;
      },
      Count<LiveListenItem>);
}

Result<Decided<std::vector<MonitorListing>>> WhoMayMonitorMe(App& app, const Actor& actor) {
  return Serve<std::vector<MonitorListing>>(
      app, actor, "view.who_may_monitor_me", OwnSubject("authorisations", actor),
      OnlyAgent(actor),  // KSF-3.3 SHOW
      [&](db::Connection&, TimeMs) { return WhoMayMonitor(app, actor.id); }, Count<MonitorListing>);
}

Result<Decided<RecordedOfMe>> WhatIsRecordedOfMe(App& app, const Actor& actor) {
  return Serve<RecordedOfMe>(
      app, actor, "view.what_is_recorded_of_me", OwnSubject("regulation", actor),
      OnlyAgent(actor),  // KSF-3.6, KSF-3.7 SHOW
      [&](db::Connection& conn, TimeMs now) -> Result<RecordedOfMe> {
        FAIRQM_ASSIGN_OR_RETURN(auto agent, store::GetEmployee(conn, actor.id));
        RecordedOfMe out;
        out.informed_at = agent.informed_at;
        FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::ActiveRegulation(conn));
        if (!regulation) return out;  // KSF-3.1: no monitoring at all
        out.regulation_active = true;
        out.regulation_id = regulation->id;
        out.regulation_version = regulation->version;
        out.regulation_title = regulation->title;
        const TimeMs anchor = regulation->activated_at.value_or(regulation->created_at);
        for (const auto& rules : regulation->purposes) {
          if (!rules.enabled) continue;
          PurposeFrequency f;
          f.purpose = rules.purpose;
          f.channels = rules.channels;
          f.quota = rules.frequency_quota;
          f.period_days = rules.frequency_period_days;
          // KSF-3.6: the period the capture gate counts in.
          policy::Period period = policy::CurrentPeriod(anchor, rules.frequency_period_days, now);
          f.period_start = period.start;
          f.period_end = period.end;
          FAIRQM_ASSIGN_OR_RETURN(f.recorded_in_period,
                                  store::CountRecordingsInPeriod(conn, agent.id, rules.purpose,
                                                                 period.start, period.end));
          f.left_in_period = std::max<std::int64_t>(0, f.quota - f.recorded_in_period);
          f.recording_retention_days = rules.recording_retention_days;
          f.evaluation_retention_days = rules.evaluation_retention_days;
          f.evaluation_term_working_days = rules.evaluation_term_working_days;
          f.legal_ground = rules.legal_ground;
          f.legitimate_interest = rules.legitimate_interest;
          out.purposes.push_back(std::move(f));
        }
        // KSF-4.7: extra assessment moments the agent may still ask for.
        policy::Period assessment =
            policy::CurrentPeriod(anchor, regulation->assessment_period_days, now);
        out.assessment_period_start = assessment.start;
        out.assessment_period_end = assessment.end;
        if (regulation->RulesFor(domain::Purpose::kAssessment) != nullptr) {
          out.extra_moments_allowed = regulation->extra_moments_per_period;
        }
        FAIRQM_ASSIGN_OR_RETURN(out.extra_moments_requested,
                                store::CountExtraMomentRequests(conn, agent.id, assessment.start));
        out.extra_moments_left =
            std::max<std::int64_t>(0, out.extra_moments_allowed - out.extra_moments_requested);
        return out;
      },
      [](const RecordedOfMe& r) {
        return codec::Json{{"regulation_id", r.regulation_id}, {"purposes", r.purposes.size()}};
      });
}

// ---------------------------------------------------------------------------
// Monitor

Result<Decided<std::vector<QueueItem>>> MonitorQueue(App& app, const Actor& actor, int limit) {
  FAIRQM_RETURN_IF_ERROR(CheckLimit(limit));
  return Serve<std::vector<QueueItem>>(
      app, actor, "view.monitor_queue", AuditSubject{"monitor_queue", actor.id, "", std::nullopt},
      policy::DecideRoleAccess(actor.role, policy::Action::kEvaluate),
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<QueueItem>> {
        FAIRQM_ASSIGN_OR_RETURN(auto recordings, store::MonitorQueue(conn, actor.id, now, limit));
        FAIRQM_ASSIGN_OR_RETURN(auto auths, store::AuthorisationsForMonitor(conn, actor.id));
        std::map<std::string, domain::Employee> agents;
        std::vector<QueueItem> items;
        for (auto& r : recordings) {
          auto known = agents.find(r.agent_id);
          if (known == agents.end()) {
            FAIRQM_ASSIGN_OR_RETURN(auto agent, store::GetEmployee(conn, r.agent_id));
            known = agents.emplace(r.agent_id, std::move(agent)).first;
          }
          const domain::Employee& agent = known->second;
          // KSF-3.3: only an authorisation in force — confidentiality
          // acknowledged, employer-side (KSF-6.5) — puts a recording here.
          bool covered = std::any_of(auths.begin(), auths.end(), [&](const auto& a) {
            return a.client_id.empty() && policy::AuthorisationCovers(a, agent, r.purpose, now);
          });
          if (!covered) continue;
          QueueItem item;
          item.agent_name = agent.name;
          item.team_id = agent.team_id;
          item.deadline = r.evaluate_by;  // KSF-4.4
          item.days_left = DaysLeft(r.evaluate_by, now);
          item.overdue = now > r.evaluate_by;
          item.due_soon = !item.overdue && item.days_left <= kDueSoonDays;
          item.recording = std::move(r);
          items.push_back(std::move(item));
        }
        return items;
      },
      [](const std::vector<QueueItem>& items) {
        codec::Json ids = codec::Json::array();
        for (const auto& item : items) ids.push_back(item.recording.id);
        return codec::Json{{"count", items.size()}, {"recordings", std::move(ids)}};
      });
}

Result<Decided<std::vector<domain::Evaluation>>> MyEvaluationsAsMonitor(
    App& app, const Actor& actor, std::optional<domain::EvaluationStatus> status) {
  return Serve<std::vector<domain::Evaluation>>(
      app, actor, "view.monitor_evaluations",
      AuditSubject{"evaluations", actor.id, "", std::nullopt},
      policy::DecideRoleAccess(actor.role, policy::Action::kEvaluate),
      [&](db::Connection& conn, TimeMs) -> Result<std::vector<domain::Evaluation>> {
        FAIRQM_ASSIGN_OR_RETURN(auto evaluations,
                                store::ListEvaluationsForMonitor(conn, actor.id, status));
        // RETENTION-split: a destroyed evaluation has no content left to show.
        std::erase_if(evaluations, [](const auto& e) { return e.destroyed_at.has_value(); });
        return evaluations;
      },
      Count<domain::Evaluation>);
}

Result<Decided<RecordingDetails>> RecordingInfo(App& app, const Actor& actor,
                                                const std::string& recording_id) {
  using Answer = Decided<RecordingDetails>;
  const TimeMs now = app.Now();
  const std::string_view action = "recording.info";
  policy::Decision decision;
  RecordingDetails details;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(db::Transaction snapshot, db::Transaction::Begin(*reader));
    FAIRQM_ASSIGN_OR_RETURN(details.recording, store::GetRecording(*reader, recording_id));
    FAIRQM_ASSIGN_OR_RETURN(decision, DecideRecordingView(*reader, actor, details.recording, now));
    if (decision.allowed) {
      FAIRQM_ASSIGN_OR_RETURN(auto agent, store::GetEmployee(*reader, details.recording.agent_id));
      details.agent_name = agent.name;
      const domain::Recording& r = details.recording;
      if (!r.evaluated_at && !r.destroyed_at) details.days_left = DaysLeft(r.evaluate_by, now);
      auto paused = ReadPausedSegments(*reader, r.id);
      if (paused.ok()) {
        details.paused = std::move(*paused);
      } else if (paused.error().code != ErrorCode::kNotFound) {
        // kNotFound: catalogued without a capture ticket, so nothing paused.
        return paused.error();
      }
    }
    FAIRQM_RETURN_IF_ERROR(snapshot.Commit());
  }
  const domain::Recording& r = details.recording;
  AuditSubject subject{std::string("recording"), r.id, r.agent_id, r.purpose};
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
  if (!decision.allowed) {
    // KSF-3.3 (3.3.4): every refused access is audited too.
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*writer, now, actor, action, subject, decision));
    return Answer::Refuse(decision);
  }
  FAIRQM_RETURN_IF_ERROR(RecordAlone(*writer, now, actor, action, subject, decision));
  return Answer::Allow(std::move(details));
}

// ---------------------------------------------------------------------------
// Manager

Result<Decided<std::vector<AuthorisationItem>>> Authorisations(App& app, const Actor& actor) {
  return Serve<std::vector<AuthorisationItem>>(
      app, actor, "view.authorisations", ListSubject("authorisations"),
      policy::DecideRoleAccess(actor.role, policy::Action::kGrantAuthorisation),  // KSF-3.3
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<AuthorisationItem>> {
        FAIRQM_ASSIGN_OR_RETURN(auto auths, store::ListAuthorisations(conn));
        Names names(conn);
        std::vector<AuthorisationItem> items;
        items.reserve(auths.size());
        for (auto& a : auths) {
          AuthorisationItem item;
          if (a.client_id.empty()) {
            FAIRQM_ASSIGN_OR_RETURN(item.monitor_name, names.Of(a.monitor_id));
          }
          item.acknowledged = a.confidentiality_acknowledged_at.has_value();
          item.active = policy::AuthorisationActive(a, now);
          item.authorisation = std::move(a);
          items.push_back(std::move(item));
        }
        return items;
      },
      Count<AuthorisationItem>);
}

Result<Decided<std::vector<AuthorisationItem>>> MyAuthorisations(App& app, const Actor& actor) {
  policy::Decision decision = OnlyRole(
      actor, domain::Role::kMonitor, "AVG-32",
      "Dit overzicht toont de eigen autorisaties van een beoordelaar; uw rol heeft er geen.",
      "This view shows a monitor's own authorisations; your role has none.");
  return Serve<std::vector<AuthorisationItem>>(
      app, actor, "view.my_authorisations", OwnSubject("authorisations", actor), decision,
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<AuthorisationItem>> {
        FAIRQM_ASSIGN_OR_RETURN(auto auths, store::AuthorisationsForMonitor(conn, actor.id));
        std::vector<AuthorisationItem> items;
        items.reserve(auths.size());
        for (auto& a : auths) {
          AuthorisationItem item;
          item.monitor_name.clear();  // it is the reader's own
          item.acknowledged = a.confidentiality_acknowledged_at.has_value();
          item.active = policy::AuthorisationActive(a, now);
          item.authorisation = std::move(a);
          items.push_back(std::move(item));
        }
        return items;
      },
      Count<AuthorisationItem>);
}

Result<Decided<std::vector<ComplaintItem>>> Complaints(App& app, const Actor& actor) {
  // KSF-3.10: complaints go to management, which must take them up.
  policy::Decision decision =
      OnlyRole(actor, domain::Role::kManager, "KSF-3.10",
               "Klachten over de toepassing van de regeling worden door het management behandeld.",
               "Complaints about how the regulation is applied are handled by management.");
  return Serve<std::vector<ComplaintItem>>(
      app, actor, "view.complaints", ListSubject("complaints"), decision,
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<ComplaintItem>> {
        FAIRQM_ASSIGN_OR_RETURN(auto complaints, store::ListComplaints(conn));
        return ComplaintItems(std::move(complaints), now);
      },
      Count<ComplaintItem>);
}

Result<Decided<std::vector<HoldItem>>> Holds(App& app, const Actor& actor) {
  return Serve<std::vector<HoldItem>>(
      app, actor, "view.holds", ListSubject("holds"), OnlyManager(actor),
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<HoldItem>> {
        FAIRQM_ASSIGN_OR_RETURN(
            db::Rows rows,
            conn.Query(kHoldIdsInForce,
                       {std::string(domain::Name(domain::ConsentKind::kRetentionHold)), now}));
        Names names(conn);
        std::vector<HoldItem> items;
        for (const db::Row& row : rows) {
          FAIRQM_ASSIGN_OR_RETURN(auto consent, store::GetConsent(conn, row.Text(0)));
          auto recording = store::GetRecording(conn, consent.recording_id);
          if (!recording.ok()) {
            if (recording.error().code == ErrorCode::kNotFound) continue;
            return recording.error();
          }
          // KSF-4.9: only a hold that keeps a live recording now.
          if (recording->destroyed_at || !policy::HoldActive(consent, *recording, now)) continue;
          HoldItem item;
          FAIRQM_ASSIGN_OR_RETURN(item.agent_name, names.Of(consent.agent_id));
          item.days_left = DaysLeft(consent.hold_until.value_or(now), now);
          item.consent = std::move(consent);
          item.recording = std::move(*recording);
          items.push_back(std::move(item));
        }
        return items;
      },
      Count<HoldItem>);
}

Result<Decided<std::vector<RequestItem>>> OpenAgentRequests(App& app, const Actor& actor) {
  return Serve<std::vector<RequestItem>>(
      app, actor, "view.open_requests", ListSubject("requests"), OnlyManager(actor),
      [&](db::Connection& conn, TimeMs) -> Result<std::vector<RequestItem>> {
        FAIRQM_ASSIGN_OR_RETURN(auto requests, store::ListOpenAgentRequests(conn));
        Names names(conn);
        std::vector<RequestItem> items;
        items.reserve(requests.size());
        for (auto& request : requests) {
          RequestItem item;
          FAIRQM_ASSIGN_OR_RETURN(item.agent_name, names.Of(request.agent_id));
          item.request = std::move(request);
          items.push_back(std::move(item));
        }
        return items;
      },
      Count<RequestItem>);
}

Result<Decided<RegulationsAndFormsList>> RegulationsAndForms(App& app, const Actor& actor) {
  return Serve<RegulationsAndFormsList>(
      app, actor, "view.regulations", ListSubject("regulations"),
      policy::DecideRoleAccess(actor.role, policy::Action::kDraftRegulation),
      [&](db::Connection& conn, TimeMs) -> Result<RegulationsAndFormsList> {
        RegulationsAndFormsList out;
        FAIRQM_ASSIGN_OR_RETURN(out.regulations, store::ListRegulations(conn));
        FAIRQM_ASSIGN_OR_RETURN(out.forms, store::ListForms(conn));
        return out;
      },
      [](const RegulationsAndFormsList& list) {
        return codec::Json{{"regulations", list.regulations.size()}, {"forms", list.forms.size()}};
      });
}

// ---------------------------------------------------------------------------
// Works council

Result<Decided<std::vector<domain::Regulation>>> RegulationsAwaitingConsent(App& app,
                                                                            const Actor& actor) {
  return Serve<std::vector<domain::Regulation>>(
      app, actor, "view.regulations_awaiting_consent", ListSubject("regulations"),
      policy::DecideRoleAccess(actor.role, policy::Action::kRecordWorksCouncilConsent),  // KSF-3.11
      [&](db::Connection& conn, TimeMs) -> Result<std::vector<domain::Regulation>> {
        FAIRQM_ASSIGN_OR_RETURN(auto regulations, store::ListRegulations(conn));
        std::erase_if(regulations, [](const auto& r) {
          return r.status != domain::RegulationStatus::kSubmitted;
        });
        return regulations;
      },
      Count<domain::Regulation>);
}

Result<Decided<std::vector<ComplaintItem>>> Appeals(App& app, const Actor& actor) {
  // KSF-3.10: an appeal goes to the works council.
  policy::Decision decision = OnlyRole(actor, domain::Role::kWorksCouncil, "KSF-3.10",
                                       "Over een beroep beslist de ondernemingsraad.",
                                       "The works council decides on an appeal.");
  return Serve<std::vector<ComplaintItem>>(
      app, actor, "view.appeals", ListSubject("complaints"), decision,
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<ComplaintItem>> {
        FAIRQM_ASSIGN_OR_RETURN(auto complaints, store::ListComplaints(conn));
        std::erase_if(complaints, [](const auto& c) {
          return !c.appealed_at.has_value() || c.appeal_decided_at.has_value();
        });
        std::stable_sort(complaints.begin(), complaints.end(), [](const auto& a, const auto& b) {
          return *a.appealed_at < *b.appealed_at;
        });
        return ComplaintItems(std::move(complaints), now);
      },
      Count<ComplaintItem>);
}

// ---------------------------------------------------------------------------
// Privacy officer

Result<Decided<std::vector<DataSubjectRequestItem>>> DataSubjectRequests(App& app,
                                                                         const Actor& actor,
                                                                         bool open_only) {
  return Serve<std::vector<DataSubjectRequestItem>>(
      app, actor, "view.data_subject_requests", ListSubject("data_subject_requests"),
      policy::DecideRoleAccess(actor.role, policy::Action::kHandleDataSubjectRequest),
      [&](db::Connection& conn, TimeMs now) -> Result<std::vector<DataSubjectRequestItem>> {
        std::vector<domain::DataSubjectRequest> requests;
        if (open_only) {
          FAIRQM_ASSIGN_OR_RETURN(requests, store::ListOpenDataSubjectRequests(conn));
        } else {
          FAIRQM_ASSIGN_OR_RETURN(requests, store::ListDataSubjectRequests(conn));
        }
        std::vector<DataSubjectRequestItem> items;
        items.reserve(requests.size());
        for (auto& r : requests) {
          DataSubjectRequestItem item;
          item.days_left = DaysLeft(r.due_at, now);  // AVG-12
          item.overdue = !r.answered_at && now > r.due_at;
          item.request = std::move(r);
          items.push_back(std::move(item));
        }
        return items;
      },
      Count<DataSubjectRequestItem>);
}

Result<Decided<std::vector<audit::StoredEntry>>> SearchAudit(App& app, const Actor& actor,
                                                             const audit::Filter& filter) {
  FAIRQM_RETURN_IF_ERROR(CheckLimit(filter.limit));
  policy::Decision decision = policy::DecideRoleAccess(actor.role, policy::Action::kReadAuditLog);
  if (actor.id == "system") decision = policy::Decision::Allow();
  // The agent whose entries were searched sees the search in their own log
  // (AVG-5-accountability SHOW).
  AuditSubject subject{"audit_log", "search", filter.subject_agent_id.value_or(""), std::nullopt};
  codec::Json detail = codec::Json::object();
  if (filter.actor_id) detail["actor_id"] = *filter.actor_id;
  if (filter.action) detail["action"] = *filter.action;
  if (filter.from) detail["from"] = FormatTime(*filter.from);
  if (filter.to) detail["to"] = FormatTime(*filter.to);
  if (filter.decision) detail["decision"] = audit::DecisionName(*filter.decision);
  if (filter.rule) detail["rule"] = *filter.rule;
  if (filter.before_seq) detail["before_seq"] = *filter.before_seq;
  detail["limit"] = filter.limit;
  return Serve<std::vector<audit::StoredEntry>>(
      app, actor, "audit.search", subject, decision,
      [&](db::Connection& conn, TimeMs) { return audit::Search(conn, filter); },
      [&](const std::vector<audit::StoredEntry>& entries) {
        codec::Json d = detail;
        d["count"] = entries.size();
        return d;
      });
}

// ---------------------------------------------------------------------------
// Client

Result<Decided<std::vector<domain::ClientContract>>> MyClientContracts(App& app,
                                                                       const Actor& actor) {
  policy::Decision decision = policy::Decision::Allow();
  if (actor.role != domain::Role::kClient || actor.client_id.empty()) {
    // AVG-32
    decision = policy::Decision::Refuse(
        "AVG-32", "Dit overzicht toont de contracten van een opdrachtgever aan die opdrachtgever.",
        "This view shows a client's contracts to that client.");
  }
  return Serve<std::vector<domain::ClientContract>>(
      app, actor, "view.client_contracts",
      AuditSubject{"client_contracts", actor.client_id, "", std::nullopt}, decision,
      [&](db::Connection& conn, TimeMs) {
        return store::ListContractsForClient(conn, actor.client_id);
      },
      Count<domain::ClientContract>);
}

}  // namespace fairqm::service
