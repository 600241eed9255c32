// service/capture: the capture gate, the ingest of content, and opening a
// recording.
//
//   DecideCapture   consulted by a capture source BEFORE anything of a
//                   contact is recorded. Gathers the facts (active
//                   regulation, the agent, the line, the quota used), asks
//                   policy::DecideCapture, and if allowed lets the random
//                   sampler choose (KSF-3.6). A selected contact gets a
//                   ticket the upload redeems. A refused contact leaves no
//                   content and no personal data: only a refusal entry with
//                   the rule, purpose and channel — no agent, no customer
//                   number (KSF-2.1-confidential, AVG-5-minimal). A contact
//                   refused only because the quota is used (KSF-3.6) leaves
//                   nothing at all, like one the sample passed over.
//   Ingest          stores a recording's content: audio transcoded to
//                   Ogg/Opus, other content (screen, chat, e-mail) as it
//                   came, encrypted in the vault; then catalogued. The gate
//                   is asked again (a ticket may be hours old; a protected
//                   person's recording is refused and nothing is stored).
//                   Bad content is refused with a clear error and nothing is
//                   left behind: the vault writer is aborted, and a crash
//                   between vault and catalogue is cleaned at startup.
//   OpenRecording   listening, downloading or exporting: policy decides
//                   (KSF-3.3, KSF-3.4, AVG-32 …), every attempt is audited
//                   (AVG-5-accountability), and an allowed one gets a reader
//                   that decrypts chunk by chunk.
// Thread-safety: as App.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "capture/metadata.h"
#include "policy/access.h"
#include "service/actor.h"
#include "service/app.h"
#include "vault/vault.h"

namespace fairqm::service {

struct CaptureAnswer {
  bool selected = false;  // false: allowed, but not chosen by the sample
  std::string ticket;     // the recording id the upload must use
  std::string contact_id;
  domain::Purpose purpose = domain::Purpose::kCoaching;
  TimeMs expires_at = 0;
  double probability = 0;  // the chance this contact had (for the record)
};

// How long a ticket stays valid: a call's length plus upload time.
inline constexpr TimeMs kTicketLifetime = 24 * kHourMs;

Result<Decided<CaptureAnswer>> DecideCapture(App& app, const Actor& actor,
                                             const capture::ContactMetadata& metadata);

Result<Decided<domain::Recording>> Ingest(App& app, const Actor& actor,
                                          const std::filesystem::path& content,
                                          const capture::ContactMetadata& metadata);

Result<Decided<std::unique_ptr<vault::VaultReader>>> OpenRecording(App& app, const Actor& actor,
                                                                   const std::string& recording_id,
                                                                   domain::Purpose access_purpose,
                                                                   policy::RecordingAccess access);

}  // namespace fairqm::service
