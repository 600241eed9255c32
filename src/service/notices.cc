#include "service/notices.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "domain/names.h"

namespace fairqm::service {
namespace {

// "Who" in a sentence, by role (TRANSPARENCY-live: the role is always told).
std::string_view RoleWordNl(domain::Role role) {
  switch (role) {
    case domain::Role::kAgent:
      return "een medewerker";
    case domain::Role::kMonitor:
      return "een monitor";
    case domain::Role::kManager:
      return "een leidinggevende";
    case domain::Role::kWorksCouncil:
      return "de ondernemingsraad";
    case domain::Role::kPrivacyOfficer:
      return "de functionaris gegevensbescherming";
    case domain::Role::kClient:
      return "een opdrachtgever";
    case domain::Role::kAdmin:
      return "een beheerder";
    case domain::Role::kCaptureSource:
      return "het opnamesysteem";
  }
  return "iemand";
}

std::string_view RoleWordEn(domain::Role role) {
  switch (role) {
    case domain::Role::kAgent:
      return "an agent";
    case domain::Role::kMonitor:
      return "a monitor";
    case domain::Role::kManager:
      return "a manager";
    case domain::Role::kWorksCouncil:
      return "the works council";
    case domain::Role::kPrivacyOfficer:
      return "the privacy officer";
    case domain::Role::kClient:
      return "a client";
    case domain::Role::kAdmin:
      return "an administrator";
    case domain::Role::kCaptureSource:
      return "the capture system";
  }
  return "someone";
}

std::string_view ChannelWordNl(domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kVoice:
      return "gesprek";
    case domain::Channel::kScreen:
      return "scherm";
    case domain::Channel::kChat:
      return "chat";
    case domain::Channel::kEmail:
      return "e-mail";
  }
  return "contact";
}

std::string_view ChannelWordEn(domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kVoice:
      return "call";
    case domain::Channel::kScreen:
      return "screen";
    case domain::Channel::kChat:
      return "chat";
    case domain::Channel::kEmail:
      return "e-mail";
  }
  return "contact";
}

}  // namespace

Notice RecordingStartedNotice(const std::string& agent_id, const std::string& recording_id,
                              domain::Purpose purpose, domain::Channel channel, TimeMs at) {
  Notice n;
  n.recipient_id = agent_id;
  n.kind = NoticeKind::kRecordingStarted;
  n.who_role = domain::Role::kCaptureSource;
  n.subject_id = recording_id;
  n.purpose = purpose;
  n.at = at;
  n.text_nl = "Dit contact (" + std::string(ChannelWordNl(channel)) + ") wordt opgenomen voor " +
              std::string(domain::DutchName(purpose)) + ".";
  n.text_en = "This contact (" + std::string(ChannelWordEn(channel)) + ") is being recorded for " +
              std::string(domain::Name(purpose)) + ".";
  return n;
}

Notice LiveListenNotice(bool started, const domain::LiveListenSession& session,
                        const std::string& listener_name, TimeMs at) {
  Notice n;
  n.recipient_id = session.agent_id;
  n.kind = started ? NoticeKind::kLiveListenStarted : NoticeKind::kLiveListenStopped;
  n.who_role = session.listener_role;
  // TRANSPARENCY-live, KSF-6.4: a client is shown by role only, never by name.
  if (session.listener_role != domain::Role::kClient) n.who_name = listener_name;
  n.subject_id = session.id;
  n.purpose = session.purpose;
  n.at = at;
  std::string who_nl(RoleWordNl(session.listener_role));
  std::string who_en(RoleWordEn(session.listener_role));
  if (!n.who_name.empty()) {
    who_nl = n.who_name + " (" + who_nl + ")";
    who_en = n.who_name + " (" + who_en + ")";
  }
  who_nl[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(who_nl[0])));
  who_en[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(who_en[0])));
  const std::string purpose_nl(domain::DutchName(session.purpose));
  const std::string purpose_en(domain::Name(session.purpose));
  if (started) {
    n.text_nl = who_nl + " luistert nu live mee met uw gesprekken (doel: " + purpose_nl + ").";
    n.text_en = who_en + " is now listening in live on your calls (purpose: " + purpose_en + ").";
  } else {
    n.text_nl = who_nl + " luistert niet meer live mee (doel: " + purpose_nl + ").";
    n.text_en = who_en + " stopped listening in live (purpose: " + purpose_en + ").";
  }
  return n;
}

std::string_view NoticeKindName(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::kRecordingStarted:
      return "recording_started";
    case NoticeKind::kLiveListenStarted:
      return "live_listen_started";
    case NoticeKind::kLiveListenStopped:
      return "live_listen_stopped";
    case NoticeKind::kReminder:
      return "reminder";
  }
  return "reminder";
}

std::optional<NoticeKind> ParseNoticeKind(std::string_view name) {
  for (NoticeKind kind : {NoticeKind::kRecordingStarted, NoticeKind::kLiveListenStarted,
                          NoticeKind::kLiveListenStopped, NoticeKind::kReminder}) {
    if (NoticeKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

// --- Subscription

std::vector<Notice> Subscription::Take() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Notice> taken(std::make_move_iterator(queue_.begin()),
                            std::make_move_iterator(queue_.end()));
  queue_.clear();
  return taken;
}

bool Subscription::TakeOverflow() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(overflow_, false);
}

void Subscription::SetWaker(std::function<void()> waker) {
  std::function<void()> call_now;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    waker_ = std::move(waker);
    // A notice that arrived between Subscribe and SetWaker would otherwise
    // wait unseen until the next one.
    if (!queue_.empty() && waker_) call_now = waker_;
  }
  if (call_now) call_now();
}

std::function<void()> Subscription::Deliver(const Notice& notice) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (capacity_ == 0) {
    overflow_ = true;
    return waker_;
  }
  while (queue_.size() >= capacity_) {
    // A reader that fell behind loses the oldest, never the newest, and is
    // told (TakeOverflow) so it can say so instead of pretending nothing
    // happened.
    queue_.pop_front();
    overflow_ = true;
  }
  queue_.push_back(notice);
  return waker_;
}

// --- NoticeHub

NoticeHub::NoticeHub(Options options) : options_(options), next_seq_(options.first_seq) {}

std::int64_t NoticeHub::Publish(Notice notice) {
  std::vector<std::pair<std::shared_ptr<Subscription>, std::function<void()>>> to_wake;
  std::int64_t seq = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    seq = next_seq_++;
    notice.seq = seq;
    // Delivered under the hub's lock so every subscription sees the
    // recipient's notices in sequence order even with concurrent publishers
    // (lock order: hub, then subscription).
    if (auto it = subscriptions_.find(notice.recipient_id); it != subscriptions_.end()) {
      auto& subs = it->second;
      for (auto sub_it = subs.begin(); sub_it != subs.end();) {
        std::shared_ptr<Subscription> sub = sub_it->lock();
        if (!sub) {
          sub_it = subs.erase(sub_it);
          continue;
        }
        std::function<void()> waker = sub->Deliver(notice);
        if (waker) to_wake.emplace_back(std::move(sub), std::move(waker));
        ++sub_it;
      }
      if (subs.empty()) subscriptions_.erase(it);
    }
    if (options_.replay_per_recipient > 0) {
      auto& kept = replay_[notice.recipient_id];
      kept.push_back(std::move(notice));
      while (kept.size() > options_.replay_per_recipient) kept.pop_front();
    }
  }
  // Wakers run outside every lock: they may take, subscribe or publish.
  for (auto& [sub, waker] : to_wake) waker();
  return seq;
}

std::shared_ptr<Subscription> NoticeHub::SubscribeLocked(const std::string& recipient_id) {
  std::shared_ptr<Subscription> sub(
      new Subscription(recipient_id, options_.queue_per_subscription));
  auto& subs = subscriptions_[recipient_id];
  subs.erase(std::remove_if(subs.begin(), subs.end(),
                            [](const std::weak_ptr<Subscription>& w) { return w.expired(); }),
             subs.end());
  subs.push_back(sub);
  return sub;
}

std::shared_ptr<Subscription> NoticeHub::Subscribe(const std::string& recipient_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return SubscribeLocked(recipient_id);
}

std::shared_ptr<Subscription> NoticeHub::SubscribeSince(const std::string& recipient_id,
                                                        std::int64_t last_seq) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::shared_ptr<Subscription> sub = SubscribeLocked(recipient_id);
  // Under the same lock as the subscription: nothing published in between
  // is missed or delivered twice. No waker is set yet, so none to call.
  for (const Notice& notice : SinceLocked(recipient_id, last_seq)) sub->Deliver(notice);
  return sub;
}

std::vector<Notice> NoticeHub::SinceLocked(const std::string& recipient_id,
                                           std::int64_t last_seq) const {
  auto it = replay_.find(recipient_id);
  if (it == replay_.end()) return {};
  // A number this hub never issued: replay all that is kept rather than
  // skip everything until the counter catches up.
  const std::int64_t after = last_seq >= next_seq_ ? options_.first_seq - 1 : last_seq;
  std::vector<Notice> out;
  for (const Notice& notice : it->second) {
    if (notice.seq > after) out.push_back(notice);
  }
  return out;
}

std::vector<Notice> NoticeHub::Since(const std::string& recipient_id, std::int64_t last_seq) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return SinceLocked(recipient_id, last_seq);
}

std::int64_t NoticeHub::last_seq() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return next_seq_ - 1;
}

std::size_t NoticeHub::subscription_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t count = 0;
  for (const auto& [recipient, subs] : subscriptions_) {
    for (const auto& weak : subs) {
      if (!weak.expired()) ++count;
    }
  }
  return count;
}

}  // namespace fairqm::service
