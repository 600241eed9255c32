// The capture gate and live listening: may this contact be recorded, may this
// person listen in, and what is the agent shown while it happens.
//
//   DecideCapture         consulted before anything of a contact is recorded
//                         (KSF-3.1, 3.9, 2.1-confidential, 3.2, 3.7, AVG-21,
//                         6.6, 1.2, 1.3, 4.1, 4.2, 3.6, 4.7). Which contacts
//                         within the quota are recorded is chosen at random by
//                         policy/sampling.h; this gate only says "may".
//   DecideCaptureSegment  PCI-pause / HOLD-silence: no capture while card data
//                         is being given or the customer is on hold.
//   DecideLiveListen      live listening (KSF-3.1, 3.9, 2.1-confidential, 3.2,
//                         3.7, 1.2, 4.1, 3.3, 3.4, 6.2, 6.5, AVG-32).
//   BuildLiveNotice       TRANSPARENCY-live / KSF-6.4: the text shown to the
//                         agent while a contact is recorded or listened to.
//
// Pure functions over plain data; `now` is passed in. Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "domain/types.h"
#include "policy/decision.h"

namespace fairqm::policy {

struct CaptureFacts {
  std::optional<domain::Regulation> regulation;  // the active regulation; nullopt = none
  std::optional<domain::Employee> agent;         // nullopt = the agent is unknown
  domain::LineKind line_kind = domain::LineKind::kBusiness;
  domain::Purpose purpose = domain::Purpose::kCoaching;
  domain::Channel channel = domain::Channel::kVoice;
  // Customer side (from the capture source).
  bool announced = false;                      // KSF-6.6: announcement confirmed
  bool customer_informed_by_contract = false;  // KSF-6.6: GDPR art. 13(4)
  bool do_not_record = false;                  // AVG-21: the customer objected
  // KSF-3.6: recordings of this agent for this purpose in the current
  // frequency period, extra moments not counted.
  int recordings_in_period = 0;
  // KSF-4.7: this capture is an extra assessment moment the agent asked for
  // (set only when a granted request exists); it is outside the quota but
  // counted against Regulation::extra_moments_per_period.
  bool extra_moment = false;
  int extra_moments_in_assessment_period = 0;  // extra recordings already made
  // KSF-4.2: when the evaluation form for this purpose was published
  // (nullopt = no published form).
  std::optional<TimeMs> form_published_at;
  TimeMs now = 0;
};

// The capture gate. Checks run in this documented, fixed order and the first
// failure is returned:
//   1. regulation:           KSF-3.1
//   2. protected line:       KSF-3.9 (private), KSF-2.1-confidential
//   3. the person:           KSF-3.2 unknown, KSF-2.1-confidential protected
//                            person, KSF-3.2 left / not an agent, KSF-3.7 not
//                            informed
//   4. the customer:         AVG-21 objected, KSF-6.6 not told
//   5. purpose and channel:  KSF-1.2 purpose enabled, KSF-1.3 channel enabled
//   6. assessment:           KSF-4.1 protocol approved, KSF-4.2 form published
//   7. quota:                KSF-4.7 for an extra moment (assessment only,
//                            limit per assessment period), else KSF-3.6
Decision DecideCapture(const CaptureFacts& facts);

enum class SegmentState {
  kActive,             // normal conversation
  kPausedForCardData,  // PCI-pause: card data being spoken or typed
  kCustomerOnHold,     // HOLD-silence
};

// PCI-pause, HOLD-silence: whether the current segment of an allowed capture
// may be written.
Decision DecideCaptureSegment(SegmentState state);

struct LiveListenFacts {
  std::optional<domain::Regulation> regulation;
  std::optional<domain::Employee> agent;  // the agent on the contact
  domain::LineKind line_kind = domain::LineKind::kBusiness;
  domain::Role listener_role = domain::Role::kMonitor;
  std::string listener_id;
  std::vector<domain::Authorisation> listener_authorisations;
  domain::Purpose purpose = domain::Purpose::kCoaching;  // KSF-1.2: fixed at start
  std::optional<domain::ClientContract> contract;        // client listeners only
  TimeMs now = 0;
};

// In this order: KSF-3.1; AVG-32 (administrator, capture source; an agent
// never listens in → KSF-3.3); line (KSF-3.9, KSF-2.1-confidential); the agent
// (CheckAgentMonitorable: KSF-3.2, KSF-2.1-confidential, KSF-3.7); KSF-1.2;
// KSF-4.1; then for a client: DecideClientIndividualAccess (KSF-6.5, KSF-6.2,
// KSF-6.3, KSF-2.3) and an authorisation issued for that client; for everyone
// else: CheckAuthorised (KSF-3.3, KSF-3.4).
Decision DecideLiveListen(const LiveListenFacts& facts);

struct LiveListener {
  domain::Role role = domain::Role::kMonitor;
  std::string name;         // shown for internal listeners
  std::string client_name;  // shown for client listeners instead of a person's name
};

struct LiveNoticeFacts {
  bool recording = false;
  domain::Purpose purpose = domain::Purpose::kCoaching;
  std::vector<LiveListener> listeners;
};

struct LiveNotice {
  bool visible = false;           // false: nothing is recorded or listened to
  bool client_listening = false;  // KSF-6.4
  std::string text_nl;
  std::string text_en;
};

// TRANSPARENCY-live: what the agent sees at the moment a contact is recorded
// or listened to, and by whom. Internal listeners are shown by name and role;
// a client's listener by role and client name only (KSF-6.4: the agent knows a
// client listens; the client's person need not be named).
LiveNotice BuildLiveNotice(const LiveNoticeFacts& facts);

}  // namespace fairqm::policy
