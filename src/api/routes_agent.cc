// The agent's routes: everything that concerns me (/api/v1/me/…), and the
// agent's own steps on evaluations and complaints.
//
// Every handler acts for the logged-in person only: the service functions
// take context.actor() and read or change that person's data, never an id
// from the request naming someone else (an id in the path is checked by the
// service against the actor: KSF-3.3, KSF-4.9, KSF-3.10 …). Reads are
// audited by the service functions (AVG-5-accountability).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "api/handler_util.h"
#include "api/routes.h"
#include "domain/names.h"
#include "service/agent_requests.h"
#include "service/api_agent.h"
#include "service/audit_access.h"
#include "service/evaluations.h"
#include "service/notices.h"
#include "service/reminders.h"
#include "service/views.h"

namespace fairqm::api {
namespace {

using codec::Json;

Json OptTime(const std::optional<TimeMs>& t) { return t ? Json(FormatTime(*t)) : Json(); }

// An integer query parameter within [min, max], or `fallback` when absent.
Result<std::int64_t> QueryInt(const Context& context, const std::string& name, std::int64_t min,
                              std::int64_t max, std::int64_t fallback) {
  const std::string text = context.request.Query(name);
  if (text.empty()) return fallback;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return MakeError(ErrorCode::kInvalidInput, name + ": must be a whole number from " +
                                                   std::to_string(min) + " to " +
                                                   std::to_string(max));
  }
  return value;
}

// --- reads -----------------------------------------------------------------

// KSF-3.6 / KSF-3.7 SHOW, KSF-4.7: what may be recorded of me and how often.
Json OverviewJson(const service::RecordedOfMe& o) {
  Json purposes = Json::array();
  for (const service::PurposeFrequency& p : o.purposes) {
    Json channels = Json::array();
    for (domain::Channel channel : p.channels) channels.push_back(domain::Name(channel));
    purposes.push_back(Json{{"purpose", domain::Name(p.purpose)},
                            {"channels", std::move(channels)},
                            {"frequency_quota", p.quota},
                            {"frequency_period_days", p.period_days},
                            {"period_start", FormatTime(p.period_start)},
                            {"period_end", FormatTime(p.period_end)},
                            {"recorded_in_period", p.recorded_in_period},
                            {"left_in_period", p.left_in_period},
                            {"recording_retention_days", p.recording_retention_days},
                            {"evaluation_retention_days", p.evaluation_retention_days},
                            {"evaluation_term_working_days", p.evaluation_term_working_days},
                            {"legal_ground", domain::Name(p.legal_ground)},
                            {"legitimate_interest", p.legitimate_interest}});
  }
  return Json{
      {"regulation_active", o.regulation_active},
      {"regulation", o.regulation_active ? Json{{"id", o.regulation_id},
                                                {"version", o.regulation_version},
                                                {"title", o.regulation_title}}
                                         : Json()},
      {"informed", o.informed_at.has_value()},
      {"informed_at", OptTime(o.informed_at)},
      {"purposes", std::move(purposes)},
      {"extra_moments",
       Json{{"allowed", o.extra_moments_allowed},
            {"requested", o.extra_moments_requested},
            {"left", o.extra_moments_left},
            {"period_start",
             o.extra_moments_allowed > 0 ? Json(FormatTime(o.assessment_period_start)) : Json()},
            {"period_end",
             o.extra_moments_allowed > 0 ? Json(FormatTime(o.assessment_period_end)) : Json()}}}};
}

Result<Response> GetMyOverview(Context& context) {
  return Answer(service::WhatIsRecordedOfMe(context.app, context.actor()), context, OverviewJson);
}

template <typename T>
auto ToJsonItems() {
  return [](const std::vector<T>& items) {
    return ItemsJson(items, [](const T& item) { return codec::ToJson(item); });
  };
}

Result<Response> ListMyRecordings(Context& context) {
  return Answer(service::MyRecordings(context.app, context.actor()), context,
                ToJsonItems<domain::Recording>());
}

Result<Response> ListMyEvaluations(Context& context) {
  return Answer(service::MyEvaluations(context.app, context.actor()), context,
                ToJsonItems<domain::Evaluation>());
}

// KSF-3.3 SHOW: who may monitor me now.
Result<Response> ListMyMonitors(Context& context) {
  return Answer(service::WhoMayMonitorMe(context.app, context.actor()), context,
                [](const std::vector<service::MonitorListing>& monitors) {
                  return ItemsJson(monitors, [](const service::MonitorListing& m) {
                    Json purposes = Json::array();
                    for (domain::Purpose p : m.purposes) purposes.push_back(domain::Name(p));
                    return Json{{"monitor_id", m.monitor_id},
                                {"monitor_name", m.monitor_name},
                                {"purposes", std::move(purposes)},
                                {"valid_from", FormatTime(m.valid_from)},
                                {"valid_until", OptTime(m.valid_until)},
                                {"client_id", m.client_id}};
                  });
                });
}

// AVG-5-accountability SHOW: who accessed my data and when.
Json AccessJson(const audit::StoredEntry& stored) {
  const audit::Entry& e = stored.entry;
  // TRANSPARENCY-live, KSF-6.4: a client's user is shown by role, not name.
  const bool client = e.actor_role == domain::Name(domain::Role::kClient);
  return Json{{"seq", stored.seq},
              {"at", FormatTime(e.at)},
              {"actor_id", client ? std::string() : e.actor_id},
              {"actor_role", e.actor_role},
              {"action", e.action},
              {"subject_kind", e.subject_kind},
              {"subject_id", e.subject_id},
              {"purpose", e.purpose ? Json(domain::Name(*e.purpose)) : Json()},
              {"allowed", e.decision == audit::Decision::kAllowed},
              {"rule", e.rule}};
}

Result<Response> ListMyAccessLog(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(std::int64_t limit, QueryInt(context, "limit", 1, 1000, 200));
  return Answer(
      service::AuditFor(context.app, context.actor(), context.actor().id, static_cast<int>(limit)),
      context, [](const std::vector<audit::StoredEntry>& entries) {
        return ItemsJson(entries, AccessJson);
      });
}

// My requests (KSF-4.6, KSF-4.7) and my data-subject requests (AVG-12).
Result<Response> ListMyRequests(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto requests, service::MyRequests(context.app, context.actor()));
  if (!requests.allowed()) return Refusal(requests.decision, context.lang());
  FAIRQM_ASSIGN_OR_RETURN(auto subject_requests,
                          service::MyDataSubjectRequests(context.app, context.actor()));
  if (!subject_requests.allowed()) return Refusal(subject_requests.decision, context.lang());
  Json body = ToJsonItems<domain::AgentRequest>()(*requests.value);
  body["data_subject_requests"] =
      ItemsJson(*subject_requests.value,
                [](const domain::DataSubjectRequest& r) { return codec::ToJson(r); })["items"];
  return JsonResponse(body);
}

Result<Response> ListMyConsents(Context& context) {
  return Answer(service::MyConsents(context.app, context.actor()), context,
                ToJsonItems<domain::Consent>());
}

Json ComplaintJson(const service::ComplaintItem& item) {
  Json json = codec::ToJson(item.complaint);
  json["days_left"] = item.days_left;
  json["overdue"] = item.overdue;
  json["appealable"] = item.appealable;
  return json;
}

Result<Response> ListMyComplaints(Context& context) {
  return Answer(service::MyComplaints(context.app, context.actor()), context,
                [](const std::vector<service::ComplaintItem>& items) {
                  return ItemsJson(items, ComplaintJson);
                });
}

// KSF-6.4, TRANSPARENCY-live: who listened in, live and afterwards.
Result<Response> ListMyLiveListens(Context& context) {
  return Answer(service::MyLiveListens(context.app, context.actor()), context,
                [](const std::vector<service::LiveListenItem>& items) {
                  return ItemsJson(items, [](const service::LiveListenItem& item) {
                    Json json = codec::ToJson(item.session);
                    json["active"] = item.active;
                    json["listener_name"] = item.listener_name;
                    json["client_name"] = item.client_name;
                    return json;
                  });
                });
}

Json ReminderJson(const service::Reminder& r, const std::string& lang) {
  return Json{{"id", r.id},
              {"kind", service::ReminderKindName(r.kind)},
              {"subject_id", r.subject_id},
              {"due_at", FormatTime(r.due_at)},
              {"rule", r.rule},
              {"agent_id", r.agent_id},
              {"purpose", r.purpose ? Json(domain::Name(*r.purpose)) : Json()},
              {"sent_at", FormatTime(r.sent_at)},
              {"text", lang == "en" ? r.text_en : r.text_nl},
              {"text_nl", r.text_nl},
              {"text_en", r.text_en}};
}

Result<Response> ListMyReminders(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(std::int64_t limit, QueryInt(context, "limit", 1, 1000, 200));
  FAIRQM_ASSIGN_OR_RETURN(auto reminders, service::ListReminders(context.app, context.actor(),
                                                                 static_cast<int>(limit)));
  const std::string lang = context.lang();
  return JsonResponse(
      ItemsJson(reminders, [&](const service::Reminder& r) { return ReminderJson(r, lang); }));
}

// --- requests, consents, complaints, evaluations ----------------------------

Result<Response> RequestExtraMoment(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string reason, body.String("reason"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"reason"}));
  return Answer(
      service::RequestExtraMoment(context.app, context.actor(), reason), context,
      [](const domain::AgentRequest& r) { return codec::ToJson(r); }, 201);
}

// KSF-4.6: another authorised evaluator instead.
Result<Response> RequestOtherEvaluator(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string evaluation_id, body.String("evaluation_id", 128));
  FAIRQM_ASSIGN_OR_RETURN(auto evaluator_id, body.OptionalString("evaluator_id", 128));
  FAIRQM_ASSIGN_OR_RETURN(std::string reason, body.String("reason"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"evaluation_id", "evaluator_id", "reason"}));
  return Answer(
      service::RequestOtherEvaluator(context.app, context.actor(), evaluation_id,
                                     evaluator_id.value_or(""), reason),
      context, [](const domain::AgentRequest& r) { return codec::ToJson(r); }, 201);
}

// AVG-15 (and AVG-16/17/21): a request about my own data to the privacy officer.
Result<Response> RequestDataAccess(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(auto kind, body.OptionalEnum<domain::DataSubjectRequestKind>("kind"));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"kind"}));
  return Answer(
      service::RequestMyData(context.app, context.actor(),
                             kind.value_or(domain::DataSubjectRequestKind::kAccess)),
      context, [](const domain::DataSubjectRequest& r) { return codec::ToJson(r); }, 201);
}

// KSF-4.9 (hold) or KSF-5.1 (named training use).
Result<Response> GiveConsent(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string kind, body.String("kind", 16));
  FAIRQM_ASSIGN_OR_RETURN(std::string recording_id, body.String("recording_id", 128));
  auto render = [](const domain::Consent& c) { return codec::ToJson(c); };
  if (kind == "hold") {
    FAIRQM_ASSIGN_OR_RETURN(std::string reason, body.String("reason"));
    FAIRQM_ASSIGN_OR_RETURN(TimeMs hold_until, body.Time("hold_until"));
    FAIRQM_ASSIGN_OR_RETURN(auto requested_by, body.OptionalString("requested_by", 256));
    FAIRQM_RETURN_IF_ERROR(
        body.NoOtherFields({"kind", "recording_id", "reason", "hold_until", "requested_by"}));
    return Answer(service::GiveHoldConsent(context.app, context.actor(), recording_id, reason,
                                           hold_until, requested_by.value_or("")),
                  context, render, 201);
  }
  if (kind == "training") {
    FAIRQM_ASSIGN_OR_RETURN(std::string use, body.String("training_use"));
    FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"kind", "recording_id", "training_use"}));
    return Answer(service::GiveTrainingConsent(context.app, context.actor(), recording_id, use),
                  context, render, 201);
  }
  return MakeError(ErrorCode::kInvalidInput, "kind: must be 'hold' or 'training'");
}

Result<Response> WithdrawConsent(Context& context) {
  return Answer(service::WithdrawConsent(context.app, context.actor(), Param(context, "id")),
                context, [](const domain::Consent& c) { return codec::ToJson(c); });
}

// KSF-3.10: complaints about how the regulation is applied.
Result<Response> FileComplaint(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string subject, body.String("subject", 256));
  FAIRQM_ASSIGN_OR_RETURN(std::string text, body.String("text", 16 * 1024));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"subject", "text"}));
  return Answer(
      service::FileComplaint(context.app, context.actor(), subject, text), context,
      [](const domain::Complaint& c) { return codec::ToJson(c); }, 201);
}

Result<Response> AppealComplaint(Context& context) {
  return Answer(service::AppealComplaint(context.app, context.actor(), Param(context, "id")),
                context, [](const domain::Complaint& c) { return codec::ToJson(c); });
}

// KSF-2.1-view: my own view on the result.
Result<Response> GiveAgentView(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto body, Body(context));
  FAIRQM_ASSIGN_OR_RETURN(std::string view, body.String("view", 16 * 1024));
  FAIRQM_RETURN_IF_ERROR(body.NoOtherFields({"view"}));
  return Answer(service::GiveAgentView(context.app, context.actor(), Param(context, "id"), view),
                context, [](const domain::Evaluation& e) { return codec::ToJson(e); });
}

Result<Response> AcknowledgeEvaluation(Context& context) {
  return Answer(service::Acknowledge(context.app, context.actor(), Param(context, "id")), context,
                [](const domain::Evaluation& e) { return codec::ToJson(e); });
}

// --- export (AVG-15) -------------------------------------------------------

// Reads an archive already unlinked from the spool: the space is freed when
// the stream is dropped, whether the download finished or not.
class ArchiveStream : public BodyStream {
 public:
  explicit ArchiveStream(int fd) : fd_(fd) {}
  ~ArchiveStream() override { ::close(fd_); }
  ArchiveStream(const ArchiveStream&) = delete;
  ArchiveStream& operator=(const ArchiveStream&) = delete;

  Result<std::size_t> Read(char* buffer, std::size_t capacity) override {
    while (true) {
      const ssize_t got = ::read(fd_, buffer, capacity);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR) {
        return Error{ErrorCode::kIo, std::string("export archive: ") + std::strerror(errno)};
      }
    }
  }

 private:
  int fd_;
};

Result<Response> ExportMyData(Context& context) {
  FAIRQM_ASSIGN_OR_RETURN(auto archive,
                          service::ExportMyDataArchive(context.app, context.actor(),
                                                       context.app.paths().dir / "spool"));
  if (!archive.allowed()) return Refusal(archive.decision, context.lang());
  const service::ExportArchive& file = *archive.value;
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  const int open_errno = errno;
  // Never left behind: the open descriptor keeps the bytes readable.
  ::unlink(file.path.c_str());
  if (fd < 0) {
    return Error{ErrorCode::kIo, "export archive: " + std::string(std::strerror(open_errno))};
  }
  Response response;
  response.content_type = "application/x-tar";
  response.stream = std::make_unique<ArchiveStream>(fd);
  response.stream_length = file.size;
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"" + file.download_name + "\"");
  return response;
}

// --- live notices (TRANSPARENCY-live, KSF-6.4) -----------------------------

Json NoticeJson(const service::Notice& n) {
  return Json{{"seq", n.seq},
              {"kind", service::NoticeKindName(n.kind)},
              {"who_role", n.who_role ? Json(domain::Name(*n.who_role)) : Json()},
              {"who_name", n.who_name},
              {"subject_id", n.subject_id},
              {"purpose", n.purpose ? Json(domain::Name(*n.purpose)) : Json()},
              {"at", FormatTime(n.at)},
              {"text_nl", n.text_nl},
              {"text_en", n.text_en}};
}

// The person's live feed as server-sent events over a hub subscription.
class NoticeEvents : public EventStream {
 public:
  explicit NoticeEvents(std::shared_ptr<service::Subscription> subscription)
      : subscription_(std::move(subscription)) {}

  std::vector<Event> Next() override {
    std::vector<Event> events;
    // A slow reader lost the oldest notices: say so first, so the client can
    // reload the lists (the audit log keeps what happened).
    if (subscription_->TakeOverflow()) {
      events.push_back(Event{"", "notices_missed", Json{{"missed", true}}.dump()});
    }
    for (const service::Notice& notice : subscription_->Take()) {
      events.push_back(
          Event{std::to_string(notice.seq), std::string(service::NoticeKindName(notice.kind)),
                NoticeJson(notice).dump(-1, ' ', false, Json::error_handler_t::replace)});
    }
    return events;
  }

  void SetWaker(std::function<void()> wake) override { subscription_->SetWaker(std::move(wake)); }

 private:
  std::shared_ptr<service::Subscription> subscription_;
};

Result<Response> StreamMyNotices(Context& context) {
  // Replay after Last-Event-ID (a reconnecting EventSource) or ?since=.
  std::string since = context.request.Header("Last-Event-ID");
  std::string field = "Last-Event-ID";
  if (since.empty()) {
    since = context.request.Query("since");
    field = "since";
  }
  std::shared_ptr<service::Subscription> subscription;
  if (since.empty()) {
    subscription = context.app.notices().Subscribe(context.actor().id);
  } else {
    std::int64_t last_seq = 0;
    auto [end, ec] = std::from_chars(since.data(), since.data() + since.size(), last_seq);
    if (ec != std::errc() || end != since.data() + since.size() || last_seq < 0) {
      return MakeError(ErrorCode::kInvalidInput, field + ": must be an event id (a number)");
    }
    subscription = context.app.notices().SubscribeSince(context.actor().id, last_seq);
  }
  Response response;
  response.events = std::make_unique<NoticeEvents>(std::move(subscription));
  return response;
}

}  // namespace

void AddAgentRoutes(std::vector<Route>& routes) {
  using http::verb;
  auto add = [&](verb method, std::string pattern, std::string operation_id, Handler handler,
                 BodyKind body = BodyKind::kNone) {
    routes.push_back(
        MakeRoute(method, std::move(pattern), std::move(operation_id), std::move(handler), body));
  };
  add(verb::get, "/api/v1/me/overview", "getMyOverview", GetMyOverview);
  add(verb::get, "/api/v1/me/recordings", "listMyRecordings", ListMyRecordings);
  add(verb::get, "/api/v1/me/evaluations", "listMyEvaluations", ListMyEvaluations);
  add(verb::get, "/api/v1/me/monitors", "listMyMonitors", ListMyMonitors);
  add(verb::get, "/api/v1/me/access-log", "listMyAccessLog", ListMyAccessLog);
  add(verb::get, "/api/v1/me/requests", "listMyRequests", ListMyRequests);
  add(verb::post, "/api/v1/me/requests/extra-moment", "requestExtraMoment", RequestExtraMoment,
      BodyKind::kJson);
  add(verb::post, "/api/v1/me/requests/other-evaluator", "requestOtherEvaluator",
      RequestOtherEvaluator, BodyKind::kJson);
  add(verb::post, "/api/v1/me/requests/data-access", "requestDataAccess", RequestDataAccess,
      BodyKind::kJson);
  add(verb::get, "/api/v1/me/consents", "listMyConsents", ListMyConsents);
  add(verb::post, "/api/v1/me/consents", "giveConsent", GiveConsent, BodyKind::kJson);
  add(verb::delete_, "/api/v1/me/consents/{id}", "withdrawConsent", WithdrawConsent);
  add(verb::get, "/api/v1/me/complaints", "listMyComplaints", ListMyComplaints);
  add(verb::post, "/api/v1/complaints", "fileComplaint", FileComplaint, BodyKind::kJson);
  add(verb::post, "/api/v1/complaints/{id}/appeal", "appealComplaint", AppealComplaint);
  add(verb::post, "/api/v1/evaluations/{id}/agent-view", "giveAgentView", GiveAgentView,
      BodyKind::kJson);
  add(verb::post, "/api/v1/evaluations/{id}/acknowledge", "acknowledgeEvaluation",
      AcknowledgeEvaluation);
  add(verb::get, "/api/v1/me/export", "exportMyData", ExportMyData);
  add(verb::get, "/api/v1/me/live-listens", "listMyLiveListens", ListMyLiveListens);
  add(verb::get, "/api/v1/me/reminders", "listMyReminders", ListMyReminders);
  add(verb::get, "/api/v1/me/notices", "streamMyNotices", StreamMyNotices);
}

}  // namespace fairqm::api
