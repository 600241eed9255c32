// service/notices: live notices for people — the in-process publish/subscribe
// that lets an agent see, at the moment it happens, that a contact of theirs
// is recorded or listened to (TRANSPARENCY-live, KSF-6.4), and that carries
// deadline reminders (service/reminders.h) to monitors, privacy officers and
// managers.
//
// Publish() gives each notice a hub-wide sequence number (strictly
// increasing; it starts at Options::first_seq, which App seeds from the clock
// so numbers keep rising across restarts and an SSE Last-Event-ID from before
// a restart is never mistaken for a future one). A Subscription receives the
// notices for one recipient (an employee id) published after it subscribed;
// Take() hands over what arrived since the last Take, in sequence order.
// Unsubscribing is dropping the shared_ptr: the hub holds weak_ptrs only and
// prunes dead ones as it goes.
//
// Replay: the hub keeps the last Options::replay_per_recipient notices (100)
// of each recipient, so a reconnecting client can ask Since(last_seq), or
// subscribe with SubscribeSince(), which preloads the new subscription with
// the missed notices atomically (no gap, no duplicate between replay and
// live delivery).
//
// Bounded memory: a subscription holds at most
// Options::queue_per_subscription notices; when a slow reader falls behind
// the oldest are dropped and TakeOverflow() reports it once, so the reader
// can say "some notices were missed" (or fetch the replay). Replay keeps a
// fixed number per recipient.
//
// Notices are not stored: the audit log is the durable record of what
// happened (the agent's own audit view shows it afterwards, KSF-6.4); a
// notice is the live signal, sent only after the action's transaction
// committed.
//
// Thread-safety: NoticeHub and Subscription are safe to use from any number
// of threads. The waker set with SetWaker is called outside every lock of
// the hub, from the publishing thread, possibly from several threads at once
// and possibly after the notices were already taken: it must be thread-safe
// and cheap (e.g. post to an executor). Nothing here fails.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/time.h"
#include "domain/types.h"

namespace fairqm::service {

enum class NoticeKind {
  kRecordingStarted,   // TRANSPARENCY-live: a contact of this agent is being recorded
  kLiveListenStarted,  // TRANSPARENCY-live, KSF-6.4: someone (by role) listens in live
  kLiveListenStopped,  // ... and stopped listening
  kReminder,           // a deadline nears (service/reminders.h)
};

// "recording_started", "live_listen_started", "live_listen_stopped", "reminder".
std::string_view NoticeKindName(NoticeKind kind);
std::optional<NoticeKind> ParseNoticeKind(std::string_view name);

struct Notice {
  std::int64_t seq = 0;      // assigned by Publish
  std::string recipient_id;  // employee id
  NoticeKind kind = NoticeKind::kReminder;
  // Who records or listens, by role (TRANSPARENCY-live); nullopt for the
  // system itself (reminders).
  std::optional<domain::Role> who_role;
  // The listener's name for an employee listener; always empty for a client
  // (TRANSPARENCY-live: role, not name, for clients).
  std::string who_name;
  std::string subject_id;  // recording, live session, evaluation, request or complaint id
  std::optional<domain::Purpose> purpose;
  TimeMs at = 0;
  std::string text_nl;
  std::string text_en;
};

// The notices the service publishes, worded in one place.
//
// TRANSPARENCY-live: a contact of the agent is being recorded (the capture
// gate issued a ticket); who_role is the capture source.
Notice RecordingStartedNotice(const std::string& agent_id, const std::string& recording_id,
                              domain::Purpose purpose, domain::Channel channel, TimeMs at);
// TRANSPARENCY-live, KSF-6.4: someone started or stopped listening in live on
// the agent. `listener_name` is shown for an employee listener and dropped for
// a client, who is named by role only.
Notice LiveListenNotice(bool started, const domain::LiveListenSession& session,
                        const std::string& listener_name, TimeMs at);

class NoticeHub;

// One recipient's live feed. Created by NoticeHub::Subscribe.
class Subscription {
 public:
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  const std::string& recipient_id() const { return recipient_id_; }

  // What arrived since the last Take, oldest first; never blocks.
  std::vector<Notice> Take();
  // True once after notices were dropped because the queue was full.
  bool TakeOverflow();
  // Called (outside the hub's locks) whenever a notice arrives. Replaces any
  // earlier waker; an empty function removes it. If notices are already
  // waiting, the new waker is called at once, so none is left unnoticed.
  void SetWaker(std::function<void()> waker);

 private:
  friend class NoticeHub;
  Subscription(std::string recipient_id, std::size_t capacity)
      : recipient_id_(std::move(recipient_id)), capacity_(capacity) {}

  // Appends under the subscription's lock; returns the waker to call.
  std::function<void()> Deliver(const Notice& notice);

  const std::string recipient_id_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::deque<Notice> queue_;     // GUARDED_BY(mutex_)
  bool overflow_ = false;        // GUARDED_BY(mutex_)
  std::function<void()> waker_;  // GUARDED_BY(mutex_)
};

class NoticeHub {
 public:
  struct Options {
    std::int64_t first_seq = 1;
    std::size_t replay_per_recipient = 100;
    std::size_t queue_per_subscription = 256;
  };

  NoticeHub() : NoticeHub(Options{}) {}
  explicit NoticeHub(Options options);
  NoticeHub(const NoticeHub&) = delete;
  NoticeHub& operator=(const NoticeHub&) = delete;

  // Assigns the next sequence number, keeps the notice for replay and hands
  // it to the recipient's live subscriptions. Returns the sequence number.
  std::int64_t Publish(Notice notice);

  std::shared_ptr<Subscription> Subscribe(const std::string& recipient_id);
  // Subscribe, with the recipient's kept notices after last_seq already in
  // the queue (SSE Last-Event-ID). A last_seq the hub never issued (a later
  // number, e.g. from a client of another installation) replays everything
  // kept.
  std::shared_ptr<Subscription> SubscribeSince(const std::string& recipient_id,
                                               std::int64_t last_seq);

  // The recipient's kept notices with seq > last_seq, oldest first (same
  // rule for an unknown last_seq as SubscribeSince).
  std::vector<Notice> Since(const std::string& recipient_id, std::int64_t last_seq) const;

  // The last sequence number issued (first_seq - 1 before any).
  std::int64_t last_seq() const;
  // Live subscriptions (for metrics and tests).
  std::size_t subscription_count() const;

 private:
  std::vector<Notice> SinceLocked(const std::string& recipient_id, std::int64_t last_seq) const;
  std::shared_ptr<Subscription> SubscribeLocked(const std::string& recipient_id);

  const Options options_;
  mutable std::mutex mutex_;
  std::int64_t next_seq_;                                       // GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::deque<Notice>> replay_;  // GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::vector<std::weak_ptr<Subscription>>>
      subscriptions_;  // GUARDED_BY(mutex_)
};

}  // namespace fairqm::service
