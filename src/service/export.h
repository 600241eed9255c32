// service/export: the data subject's copy of their data (right of access,
// GDPR art. 15 — AVG-15), written as a folder.
//
//   ExportAgent     everything about one agent: the employee record, lines,
//                   team, who may monitor them now (KSF-3.3), recordings
//                   (metadata, and the content of every live one decrypted),
//                   evaluations with notes, the agent's own view and the
//                   feedback meeting (assessment ones with the KSF-4.3
//                   disclaimer), requests, consents, complaints, live-listen
//                   sessions (KSF-6.4), data-subject requests, the audit
//                   entries about their data — who accessed it
//                   (AVG-5-accountability) — and the destructions
//                   (DELETION-log).
//   ExportCustomer  a customer's contacts, found by phone number (turned into
//                   the keyed reference at once, as at capture — any
//                   notation NormaliseNumber maps to the same number works)
//                   or by the reference itself ("cref-…"); the contacts'
//                   recordings with content. The number is never written:
//                   not to disk, not to the audit log. The agent's identity
//                   is someone else's personal data (art. 15(4)) and is left
//                   out.
//
// The folder holds index.json (all of the above), README.txt (Dutch and
// English: what is in it and what it means) and recordings/<id>.<ext> with
// the decrypted content (.ogg for the stored Ogg/Opus audio, the extension of
// the media type otherwise). It is written into a temporary sibling directory
// (mode 0700, files 0600) and renamed into place once complete; an existing
// out_dir that is not empty is refused (kConflict) before anything is written.
//
// Who may export (AVG-12, AVG-15): the agent their own data — recordings
// opened with RecordingAccess::kExport, which policy::DecideOpenRecording
// allows for the recording's own agent (KSF-4.8); and the privacy officer
// anyone's, answering a data-subject request — recordings opened with
// RecordingAccess::kDataSubjectExport. Everyone else is refused: another
// agent (KSF-3.3), every other role (AVG-32; a customer export only the
// privacy officer). Each recording opened is audited by OpenRecording, and
// the export itself by one entry "subject.export" (subject_agent_id set for
// an agent) committed together with the rename.
// Errors are Result values (I/O, unknown agent). Thread-safety: as App.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

struct ExportSummary {
  std::filesystem::path out_dir;
  std::int64_t recordings_written = 0;          // content files
  std::int64_t recordings_without_content = 0;  // destroyed: metadata only
  std::int64_t bytes_written = 0;               // content bytes
  std::vector<std::string> files;               // relative paths, sorted
};

// Called as work progresses: a step name ("gather", "recording", "index",
// "done") and how far (done of total, for recordings).
using ExportProgress = std::function<void(std::string_view step, int done, int total)>;

Result<Decided<ExportSummary>> ExportAgent(App& app, const Actor& actor,
                                           const std::string& agent_id,
                                           const std::filesystem::path& out_dir,
                                           const ExportProgress& progress = nullptr);

Result<Decided<ExportSummary>> ExportCustomer(App& app, const Actor& actor,
                                              const std::string& customer_number_or_ref,
                                              const std::filesystem::path& out_dir,
                                              const ExportProgress& progress = nullptr);

// "audio/ogg; codecs=opus" → ".ogg", "video/webm" → ".webm", "text/plain" →
// ".txt" …; ".bin" for anything unknown.
std::string ExtensionForMediaType(std::string_view media_type);

}  // namespace fairqm::service
