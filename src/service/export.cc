#include "service/export.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <vector>

#include "audit/audit.h"
#include "codec/json.h"
#include "domain/names.h"
#include "policy/access.h"
#include "policy/evaluation.h"
#include "service/audit_trail.h"
#include "service/capture.h"
#include "store/authorisations.h"
#include "store/clients.h"
#include "store/deletion_log.h"
#include "store/evaluations.h"
#include "store/people.h"
#include "store/recordings.h"
#include "store/requests.h"

namespace fairqm::service {
namespace {

namespace fs = std::filesystem;

constexpr int kAuditPage = 1000;

// --- files

Error IoError(const std::string& what, const fs::path& path) {
  return MakeError(ErrorCode::kIo, what + " " + path.string() + ": " + std::strerror(errno));
}

// Creates `path` (never replacing a file) with mode 0600 and hands the
// descriptor to `write`; fsyncs and closes it.
template <typename WriteFn>
Status WriteNewFile(const fs::path& path, WriteFn&& write) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create", path);
  Status written = write(fd);
  if (written.ok() && ::fsync(fd) != 0) written = IoError("cannot sync", path);
  if (::close(fd) != 0 && written.ok()) written = IoError("cannot close", path);
  return written;
}

Status WriteAll(int fd, const std::uint8_t* data, std::size_t size, const fs::path& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("cannot write", path);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return OkStatus();
}

Status WriteTextFile(const fs::path& path, const std::string& text) {
  return WriteNewFile(path, [&](int fd) {
    return WriteAll(fd, reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), path);
  });
}

// The folder being written: a hidden sibling of out_dir, removed unless it
// was renamed into place.
class Staging {
 public:
  Staging() = default;
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  ~Staging() {
    if (dir_.empty()) return;
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Refuses an out_dir that exists and is not an empty directory; creates
  // the staging directory beside it.
  Status Prepare(App& app, const fs::path& out_dir) {
    out_dir_ = out_dir;
    std::error_code ec;
    if (out_dir.filename().empty()) {
      return MakeError(ErrorCode::kInvalidInput, "the export folder needs a name");
    }
    if (fs::exists(out_dir, ec)) {
      if (!fs::is_directory(out_dir, ec) || !fs::is_empty(out_dir, ec)) {
        return MakeError(
            ErrorCode::kConflict,
            out_dir.string() + " exists and is not an empty folder; nothing was written");
      }
    }
    fs::path parent = out_dir.parent_path();
    if (parent.empty()) parent = ".";
    fs::create_directories(parent, ec);
    if (ec)
      return MakeError(ErrorCode::kIo, "cannot create " + parent.string() + ": " + ec.message());
    fs::path dir = parent / ("." + out_dir.filename().string() + NewId(app.random(), ".tmp"));
    if (::mkdir(dir.c_str(), 0700) != 0) return IoError("cannot create", dir);
    dir_ = dir;
    if (::mkdir((dir_ / "recordings").c_str(), 0700) != 0) {
      return IoError("cannot create", dir_ / "recordings");
    }
    return OkStatus();
  }

  const fs::path& dir() const { return dir_; }

  // Moves the finished folder to out_dir (replacing an empty directory).
  Status Publish() {
    std::error_code ec;
    fs::rename(dir_, out_dir_, ec);
    if (ec) {
      return MakeError(ec == std::errc::directory_not_empty ? ErrorCode::kConflict : ErrorCode::kIo,
                       "cannot move the export into " + out_dir_.string() + ": " + ec.message());
    }
    dir_.clear();
    return OkStatus();
  }

  // After a failure past Publish: take the published folder away again.
  void Unpublish() {
    std::error_code ec;
    fs::remove_all(out_dir_, ec);
  }

 private:
  fs::path out_dir_;
  fs::path dir_;
};

std::vector<std::string> ListFiles(const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(fs::relative(it->path(), dir).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// --- recordings

enum class ContentStatus { kIncluded, kDestroyed, kUnavailable, kRefused };

std::string_view ContentStatusName(ContentStatus status) {
  switch (status) {
    case ContentStatus::kIncluded:
      return "included";
    case ContentStatus::kDestroyed:
      return "destroyed";
    case ContentStatus::kUnavailable:
      return "unavailable";
    case ContentStatus::kRefused:
      return "refused";
  }
  return "unavailable";
}

struct ContentOutcome {
  ContentStatus status = ContentStatus::kUnavailable;
  std::string file;  // relative path when included
  std::int64_t bytes = 0;
  std::string rule;  // when refused
};

// Decrypts one recording into recordings/<id><ext> through OpenRecording, so
// policy decides and the opening is audited like any other.
Result<ContentOutcome> WriteContent(App& app, const Actor& actor,
                                    const domain::Recording& recording,
                                    policy::RecordingAccess access, const fs::path& dir) {
  ContentOutcome outcome;
  if (recording.destroyed_at) {
    outcome.status = ContentStatus::kDestroyed;  // AVG-17: nothing left to give
    return outcome;
  }
  auto opened = OpenRecording(app, actor, recording.id, recording.purpose, access);
  if (!opened.ok()) {
    if (opened.error().code == ErrorCode::kNotFound) return outcome;  // no content in the vault
    return opened.error();
  }
  if (!opened->allowed()) {
    outcome.status = ContentStatus::kRefused;
    outcome.rule = opened->decision.rule;
    return outcome;
  }
  vault::VaultReader& reader = **opened->value;
  outcome.file = "recordings/" + recording.id + ExtensionForMediaType(recording.media_type);
  const fs::path path = dir / outcome.file;
  std::vector<std::uint8_t> buffer(1 << 16);
  FAIRQM_RETURN_IF_ERROR(WriteNewFile(path, [&](int fd) -> Status {
    std::uint64_t offset = 0;
    while (offset < reader.size()) {
      FAIRQM_ASSIGN_OR_RETURN(std::size_t n, reader.ReadAt(offset, buffer));
      if (n == 0) break;
      FAIRQM_RETURN_IF_ERROR(WriteAll(fd, buffer.data(), n, path));
      offset += n;
    }
    outcome.bytes = static_cast<std::int64_t>(offset);
    return OkStatus();
  }));
  outcome.status = ContentStatus::kIncluded;
  return outcome;
}

void AddContent(codec::Json& entry, const ContentOutcome& outcome) {
  entry["content"] = ContentStatusName(outcome.status);
  entry["file"] = outcome.file.empty() ? codec::Json(nullptr) : codec::Json(outcome.file);
  if (!outcome.rule.empty()) entry["content_rule"] = outcome.rule;
}

void Count(ExportSummary& summary, const ContentOutcome& outcome) {
  if (outcome.status == ContentStatus::kIncluded) {
    ++summary.recordings_written;
    summary.bytes_written += outcome.bytes;
  } else {
    ++summary.recordings_without_content;
  }
}

// --- JSON pieces

codec::Json OptTime(const std::optional<TimeMs>& t) {
  return t ? codec::Json(FormatTime(*t)) : codec::Json(nullptr);
}

codec::Json AuditJson(const audit::StoredEntry& stored) {
  const audit::Entry& e = stored.entry;
  auto detail = codec::ParseJsonText(e.detail);
  return codec::Json{
      {"seq", stored.seq},
      {"at", FormatTime(e.at)},
      {"actor_id", e.actor_id},
      {"actor_role", e.actor_role},
      {"action", e.action},
      {"subject_kind", e.subject_kind},
      {"subject_id", e.subject_id},
      {"purpose", e.purpose ? codec::Json(domain::Name(*e.purpose)) : codec::Json(nullptr)},
      {"decision", audit::DecisionName(e.decision)},
      {"rule", e.rule},
      {"detail", detail.ok() ? *detail : codec::Json(e.detail)}};
}

codec::Json DeletionJson(const store::DeletionEntry& d) {
  return codec::Json{
      {"subject_kind", d.subject_kind},
      {"subject_id", d.subject_id},
      {"purpose", d.purpose ? codec::Json(domain::Name(*d.purpose)) : codec::Json(nullptr)},
      {"rule", d.rule},
      {"destroyed_at", FormatTime(d.destroyed_at)}};
}

codec::Json Disclaimer() {
  // KSF-4.3: every assessment summary that leaves fairqm says it is one
  // input among others.
  return codec::Json{{"nl", policy::kAssessmentDisclaimerNl},
                     {"en", policy::kAssessmentDisclaimerEn}};
}

// --- README

std::string AgentReadme(const std::string& name, TimeMs now) {
  std::string text;
  text += "INZAGE IN UW GEGEVENS (art. 15 AVG) - kwaliteitsmonitoring\n";
  text += "============================================================\n\n";
  text += "Deze map bevat alle gegevens die fairqm over " + name + " bewaart, opgesteld op " +
          FormatTime(now) + ".\n\n";
  text +=
      "index.json      Alles over u, in JSON: uw gegevens uit het personeelssysteem, uw team en\n"
      "                toestellen, wie u op dit moment mag monitoren (KSF-3.3), uw opnames\n"
      "                (gegevens), uw evaluaties met opmerkingen, uw eigen reactie en het\n"
      "                feedbackgesprek, uw verzoeken, toestemmingen en klachten, wie live heeft\n"
      "                meegeluisterd, uw verzoeken als betrokkene, wie uw gegevens heeft\n"
      "                ingezien of gebruikt (het auditlog) en welke gegevens zijn vernietigd,\n"
      "                wanneer en op grond van welke regel.\n"
      "recordings/     De inhoud van elke opname die nog bestaat, ontsleuteld: .ogg is geluid\n"
      "                (Ogg/Opus, af te spelen met bijvoorbeeld VLC of een webbrowser), andere\n"
      "                bestanden zijn scherm-, chat- of e-mailinhoud.\n\n";
  text +=
      "Vernietigde opnames staan alleen als gegevens in index.json: de inhoud is echt weg en kan\n"
      "ook door ons niet meer worden teruggehaald (AVG-17).\n"
      "Beoordelingsresultaten zijn één bron van informatie naast andere en nooit de enige basis\n"
      "voor een eindbeoordeling (KSF-4.3).\n"
      "Deze map bevat persoonsgegevens, ook van klanten (hun stem of berichten). Bewaar haar\n"
      "zorgvuldig en deel haar niet.\n\n";
  text += "ACCESS TO YOUR DATA (GDPR art. 15) - quality monitoring\n";
  text += "=======================================================\n\n";
  text += "This folder holds all data fairqm keeps about " + name + ", produced on " +
          FormatTime(now) + ".\n\n";
  text +=
      "index.json      Everything about you, as JSON: your HR record, your team and lines, who\n"
      "                may monitor you now (KSF-3.3), your recordings (metadata), your\n"
      "                evaluations with notes, your own view and the feedback meeting, your\n"
      "                requests, consents and complaints, who listened in live, your\n"
      "                data-subject requests, who accessed or used your data (the audit log),\n"
      "                and what was destroyed, when and under which rule.\n"
      "recordings/     The content of every recording that still exists, decrypted: .ogg is\n"
      "                audio (Ogg/Opus; plays in e.g. VLC or a web browser), other files are\n"
      "                screen, chat or e-mail content.\n\n";
  text +=
      "Destroyed recordings appear only as metadata in index.json: the content is really gone\n"
      "and cannot be recovered, not even by us (AVG-17).\n"
      "Assessment results are one input among others and never the only basis of a final\n"
      "appraisal (KSF-4.3).\n"
      "This folder contains personal data, also of customers (their voice or messages). Keep it\n"
      "safe and do not share it.\n";
  return text;
}

std::string CustomerReadme(TimeMs now) {
  std::string text;
  text += "INZAGE IN UW GEGEVENS (art. 15 AVG)\n";
  text += "===================================\n\n";
  text +=
      "Deze map bevat de gegevens die wij bewaren over uw contacten met ons contactcenter\n"
      "voor kwaliteitsmonitoring, opgesteld op " +
      FormatTime(now) + ".\n\n";
  text +=
      "index.json      Uw contacten (datum, kanaal), de opnames daarvan (gegevens, doel,\n"
      "                bewaartermijn) en uw verzoeken als betrokkene. Wij bewaren uw\n"
      "                telefoonnummer niet; contacten worden gevonden via een versleutelde\n"
      "                verwijzing (customer_reference).\n"
      "recordings/     De inhoud van elke opname die nog bestaat: .ogg is geluid (Ogg/Opus),\n"
      "                andere bestanden zijn chat- of e-mailinhoud.\n\n"
      "Gegevens over onze medewerkers (wie u sprak) staan hier niet in: dat zijn\n"
      "persoonsgegevens van anderen (art. 15 lid 4 AVG). Vernietigde opnames zijn echt weg.\n\n";
  text += "ACCESS TO YOUR DATA (GDPR art. 15)\n";
  text += "==================================\n\n";
  text +=
      "This folder holds the data we keep about your contacts with our contact centre for\n"
      "quality monitoring, produced on " +
      FormatTime(now) + ".\n\n";
  text +=
      "index.json      Your contacts (date, channel), their recordings (metadata, purpose,\n"
      "                retention) and your data-subject requests. We do not keep your phone\n"
      "                number; contacts are found through a keyed reference\n"
      "                (customer_reference).\n"
      "recordings/     The content of every recording that still exists: .ogg is audio\n"
      "                (Ogg/Opus), other files are chat or e-mail content.\n\n"
      "Data about our staff (whom you spoke to) is not included: it is other people's personal\n"
      "data (GDPR art. 15(4)). Destroyed recordings are really gone.\n";
  return text;
}

// --- roles

policy::Decision RefuseOtherAgent() {
  // KSF-3.3
  return policy::Decision::Refuse("KSF-3.3", "U kunt alleen uw eigen gegevens exporteren.",
                                  "You can only export your own data.");
}

// The agent exports their own data; the privacy officer anyone's (AVG-12,
// AVG-15); everyone else is refused.
policy::Decision DecideAgentExport(const Actor& actor, const std::string& agent_id) {
  if (actor.role == domain::Role::kAgent) {
    policy::Decision d = policy::DecideRoleAccess(actor.role, policy::Action::kExportRecording);
    if (!d.allowed) return d;
    return actor.id == agent_id ? policy::Decision::Allow() : RefuseOtherAgent();
  }
  return policy::DecideRoleAccess(actor.role, policy::Action::kHandleDataSubjectRequest);
}

void Report(const ExportProgress& progress, std::string_view step, int done, int total) {
  if (progress) progress(step, done, total);
}

// Index and README written, then the audit entry and the rename commit
// together: an export that is not on record does not appear.
Result<ExportSummary> Finish(App& app, const Actor& actor, Staging& staging,
                             const fs::path& out_dir, const codec::Json& index,
                             const std::string& readme, const AuditSubject& subject,
                             ExportSummary summary, const ExportProgress& progress) {
  Report(progress, "index", 0, 1);
  FAIRQM_RETURN_IF_ERROR(WriteTextFile(staging.dir() / "index.json", index.dump(2) + "\n"));
  FAIRQM_RETURN_IF_ERROR(WriteTextFile(staging.dir() / "README.txt", readme));
  summary.files = ListFiles(staging.dir());
  summary.out_dir = out_dir;
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*writer));
  // AVG-5-accountability: the export is an access to personal data.
  FAIRQM_RETURN_IF_ERROR(
      Record(*writer, app.Now(), actor, "subject.export", subject, policy::Decision::Allow(),
             codec::Json{{"files", summary.files.size()},
                         {"recordings", summary.recordings_written},
                         {"recordings_without_content", summary.recordings_without_content}}));
  FAIRQM_RETURN_IF_ERROR(staging.Publish());
  Status committed = tx.Commit();
  if (!committed.ok()) {
    staging.Unpublish();
    return committed.error();
  }
  Report(progress, "done", 1, 1);
  return summary;
}

}  // namespace

std::string ExtensionForMediaType(std::string_view media_type) {
  std::string type(media_type.substr(0, media_type.find(';')));
  type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::pair<std::string_view, std::string_view> kKnown[] = {
      {"audio/ogg", ".ogg"},         {"audio/opus", ".opus"}, {"audio/wav", ".wav"},
      {"audio/x-wav", ".wav"},       {"audio/mpeg", ".mp3"},  {"audio/flac", ".flac"},
      {"video/webm", ".webm"},       {"video/mp4", ".mp4"},   {"audio/webm", ".webm"},
      {"text/plain", ".txt"},        {"text/html", ".html"},  {"message/rfc822", ".eml"},
      {"application/json", ".json"}, {"image/png", ".png"},   {"image/jpeg", ".jpg"},
      {"application/pdf", ".pdf"},
  };
  for (const auto& [known, extension] : kKnown) {
    if (type == known) return std::string(extension);
  }
  return ".bin";
}

Result<Decided<ExportSummary>> ExportAgent(App& app, const Actor& actor,
                                           const std::string& agent_id, const fs::path& out_dir,
                                           const ExportProgress& progress) {
  using Answer = Decided<ExportSummary>;
  const TimeMs now = app.Now();
  AuditSubject subject{"agent", agent_id, agent_id, std::nullopt};
  policy::Decision decision = DecideAgentExport(actor, agent_id);
  if (!decision.allowed) {
    FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*writer, now, actor, "subject.export", subject, decision));
    return Answer::Refuse(decision);
  }
  // AVG-15: the agent opens their own recordings as any export (KSF-4.8);
  // the privacy officer answers a data-subject request.
  const policy::RecordingAccess access = actor.role == domain::Role::kAgent
                                             ? policy::RecordingAccess::kExport
                                             : policy::RecordingAccess::kDataSubjectExport;
  Staging staging;
  FAIRQM_RETURN_IF_ERROR(staging.Prepare(app, out_dir));
  Report(progress, "gather", 0, 1);

  codec::Json index;
  std::vector<domain::Recording> recordings;
  std::string name;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(db::Transaction snapshot, db::Transaction::Begin(*conn));
    FAIRQM_ASSIGN_OR_RETURN(domain::Employee agent, store::GetEmployee(*conn, agent_id));
    name = agent.name;
    index["export"] = codec::Json{{"kind", "agent"},
                                  {"rule", "AVG-15"},
                                  {"generated_at", FormatTime(now)},
                                  {"generated_by_role", domain::Name(actor.role)}};
    index["employee"] = codec::ToJson(agent);
    index["team"] = nullptr;
    if (!agent.team_id.empty()) {
      auto team = store::GetTeam(*conn, agent.team_id);
      if (team.ok()) index["team"] = codec::ToJson(*team);
    }
    index["lines"] = codec::Json::array();
    for (const std::string& line_id : agent.line_ids) {
      auto line = store::GetLine(*conn, line_id);
      if (line.ok()) index["lines"].push_back(codec::ToJson(*line));
    }
    // KSF-3.3 SHOW: who may monitor me.
    FAIRQM_ASSIGN_OR_RETURN(
        auto covering, store::AuthorisationsCoveringAgent(*conn, agent.id, agent.team_id, now));
    index["who_may_monitor"] = codec::Json::array();
    for (const domain::Authorisation& a : covering) {
      codec::Json entry = codec::ToJson(a);
      entry["in_force"] = policy::AuthorisationActive(a, now);
      if (a.client_id.empty()) {
        auto monitor = store::GetEmployee(*conn, a.monitor_id);
        if (monitor.ok()) {
          entry["monitor_name"] = monitor->name;
          entry["monitor_function"] = domain::Name(monitor->function);
        }
      }
      index["who_may_monitor"].push_back(std::move(entry));
    }
    FAIRQM_ASSIGN_OR_RETURN(recordings, store::ListRecordingsForAgent(*conn, agent.id));
    FAIRQM_ASSIGN_OR_RETURN(auto evaluations, store::ListEvaluationsForAgent(*conn, agent.id));
    index["evaluations"] = codec::Json::array();
    for (const domain::Evaluation& e : evaluations) {
      codec::Json entry = codec::ToJson(e);
      if (e.purpose == domain::Purpose::kAssessment) entry["disclaimer"] = Disclaimer();
      index["evaluations"].push_back(std::move(entry));
    }
    FAIRQM_ASSIGN_OR_RETURN(auto requests, store::ListAgentRequestsForAgent(*conn, agent.id));
    index["requests"] = codec::Json::array();
    for (const auto& r : requests) index["requests"].push_back(codec::ToJson(r));
    FAIRQM_ASSIGN_OR_RETURN(auto consents, store::ListConsentsForAgent(*conn, agent.id));
    index["consents"] = codec::Json::array();
    for (const auto& c : consents) index["consents"].push_back(codec::ToJson(c));
    FAIRQM_ASSIGN_OR_RETURN(auto complaints, store::ListComplaintsByComplainant(*conn, agent.id));
    index["complaints"] = codec::Json::array();
    for (const auto& c : complaints) index["complaints"].push_back(codec::ToJson(c));
    // KSF-6.4: who listened in live.
    FAIRQM_ASSIGN_OR_RETURN(auto listens, store::ListLiveListensForAgent(*conn, agent.id));
    index["live_listens"] = codec::Json::array();
    for (const auto& s : listens) index["live_listens"].push_back(codec::ToJson(s));
    FAIRQM_ASSIGN_OR_RETURN(auto subject_requests, store::ListDataSubjectRequests(*conn));
    index["data_subject_requests"] = codec::Json::array();
    for (const auto& r : subject_requests) {
      if (r.subject_kind == domain::DataSubjectKind::kAgent && r.subject_ref == agent.id) {
        index["data_subject_requests"].push_back(codec::ToJson(r));
      }
    }
    // DELETION-log: what of theirs was destroyed, when, under which rule.
    index["destructions"] = codec::Json::array();
    for (const domain::Recording& r : recordings) {
      if (!r.destroyed_at) continue;
      FAIRQM_ASSIGN_OR_RETURN(auto d, store::FindDeletion(*conn, store::kSubjectRecording, r.id));
      if (d) index["destructions"].push_back(DeletionJson(*d));
    }
    for (const domain::Evaluation& e : evaluations) {
      if (!e.destroyed_at) continue;
      FAIRQM_ASSIGN_OR_RETURN(auto d, store::FindDeletion(*conn, store::kSubjectEvaluation, e.id));
      if (d) index["destructions"].push_back(DeletionJson(*d));
    }
    FAIRQM_RETURN_IF_ERROR(snapshot.Commit());
  }

  ExportSummary summary;
  index["recordings"] = codec::Json::array();
  const int total = static_cast<int>(recordings.size());
  for (int recording_idx = 0; recording_idx < total; ++recording_idx) {
    const domain::Recording& r = recordings[static_cast<std::size_t>(recording_idx)];
    Report(progress, "recording", recording_idx, total);
    FAIRQM_ASSIGN_OR_RETURN(ContentOutcome outcome,
                            WriteContent(app, actor, r, access, staging.dir()));
    codec::Json entry = codec::ToJson(r);
    AddContent(entry, outcome);
    index["recordings"].push_back(std::move(entry));
    Count(summary, outcome);
  }
  Report(progress, "recording", total, total);

  // AVG-5-accountability SHOW: who accessed their data — read last, so the
  // openings of this export are in it too.
  {
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
    index["audit"] = codec::Json::array();
    std::optional<std::int64_t> before;
    for (;;) {
      FAIRQM_ASSIGN_OR_RETURN(auto page,
                              audit::ListForSubjectAgent(*conn, agent_id, kAuditPage, before));
      for (const auto& stored : page) index["audit"].push_back(AuditJson(stored));
      if (static_cast<int>(page.size()) < kAuditPage) break;
      before = page.back().seq;
    }
  }

  FAIRQM_ASSIGN_OR_RETURN(
      summary, Finish(app, actor, staging, out_dir, index, AgentReadme(name, now), subject,
                      std::move(summary), progress));
  return Answer::Allow(std::move(summary));
}

Result<Decided<ExportSummary>> ExportCustomer(App& app, const Actor& actor,
                                              const std::string& customer_number_or_ref,
                                              const fs::path& out_dir,
                                              const ExportProgress& progress) {
  using Answer = Decided<ExportSummary>;
  const TimeMs now = app.Now();
  // AVG-5-minimal: the number becomes the keyed reference at once and goes
  // no further — not into the audit log, not into the export.
  const std::string ref = customer_number_or_ref.rfind("cref-", 0) == 0
                              ? customer_number_or_ref
                              : app.customer_refs().Reference(customer_number_or_ref);
  AuditSubject subject{"customer", ref, "", std::nullopt};
  // AVG-12, AVG-15: customers' requests are the privacy officer's to answer.
  policy::Decision decision =
      policy::DecideRoleAccess(actor.role, policy::Action::kHandleDataSubjectRequest);
  if (!decision.allowed) {
    FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*writer, now, actor, "subject.export", subject, decision));
    return Answer::Refuse(decision);
  }
  if (ref.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "not a phone number or customer reference");
  }
  Staging staging;
  FAIRQM_RETURN_IF_ERROR(staging.Prepare(app, out_dir));
  Report(progress, "gather", 0, 1);

  codec::Json index;
  index["export"] = codec::Json{{"kind", "customer"},
                                {"rule", "AVG-15"},
                                {"generated_at", FormatTime(now)},
                                {"generated_by_role", domain::Name(actor.role)}};
  index["customer_reference"] = ref;
  std::vector<domain::Recording> recordings;
  {
    FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
    FAIRQM_ASSIGN_OR_RETURN(db::Transaction snapshot, db::Transaction::Begin(*conn));
    FAIRQM_ASSIGN_OR_RETURN(auto contacts, store::ListContactsForCustomer(*conn, ref));
    index["contacts"] = codec::Json::array();
    for (const domain::Contact& c : contacts) {
      // The agent and line are someone else's personal data (art. 15(4)).
      index["contacts"].push_back(
          codec::Json{{"id", c.id},
                      {"channel", domain::Name(c.channel)},
                      {"started_at", FormatTime(c.started_at)},
                      {"client_id", c.client_id},
                      {"announced", c.announced},
                      {"customer_informed_by_contract", c.customer_informed_by_contract},
                      {"do_not_record", c.do_not_record}});
      FAIRQM_ASSIGN_OR_RETURN(auto of_contact, store::ListRecordingsForContact(*conn, c.id));
      recordings.insert(recordings.end(), of_contact.begin(), of_contact.end());
    }
    FAIRQM_ASSIGN_OR_RETURN(auto subject_requests, store::ListDataSubjectRequests(*conn));
    index["data_subject_requests"] = codec::Json::array();
    for (const auto& r : subject_requests) {
      if (r.subject_kind == domain::DataSubjectKind::kCustomer && r.subject_ref == ref) {
        index["data_subject_requests"].push_back(codec::ToJson(r));
      }
    }
    FAIRQM_RETURN_IF_ERROR(snapshot.Commit());
  }

  ExportSummary summary;
  index["recordings"] = codec::Json::array();
  const int total = static_cast<int>(recordings.size());
  for (int recording_idx = 0; recording_idx < total; ++recording_idx) {
    const domain::Recording& r = recordings[static_cast<std::size_t>(recording_idx)];
    Report(progress, "recording", recording_idx, total);
    FAIRQM_ASSIGN_OR_RETURN(
        ContentOutcome outcome,
        WriteContent(app, actor, r, policy::RecordingAccess::kDataSubjectExport, staging.dir()));
    codec::Json entry{{"id", r.id},
                      {"contact_id", r.contact_id},
                      {"purpose", domain::Name(r.purpose)},
                      {"channel", domain::Name(r.channel)},
                      {"media_type", r.media_type},
                      {"created_at", FormatTime(r.created_at)},
                      {"duration_ms", r.duration_ms},
                      {"destroy_at", FormatTime(r.destroy_at)},
                      {"destroyed_at", OptTime(r.destroyed_at)},
                      {"destroyed_rule", r.destroyed_rule}};
    AddContent(entry, outcome);
    index["recordings"].push_back(std::move(entry));
    Count(summary, outcome);
  }
  Report(progress, "recording", total, total);

  FAIRQM_ASSIGN_OR_RETURN(summary, Finish(app, actor, staging, out_dir, index, CustomerReadme(now),
                                          subject, std::move(summary), progress));
  return Answer::Allow(std::move(summary));
}

}  // namespace fairqm::service
