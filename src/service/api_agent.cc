#include "service/api_agent.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "domain/names.h"
#include "policy/requests.h"
#include "service/audit_trail.h"
#include "service/export.h"
#include "store/people.h"
#include "store/requests.h"

namespace fairqm::service {
namespace {

constexpr std::size_t kBlock = 512;
// ustar's 12-byte size field holds 11 octal digits.
constexpr std::uint64_t kMaxTarFileSize = (1ULL << 33) - 1;

policy::Decision OnlyAgentForThemself(const Actor& actor) {
  if (actor.role == domain::Role::kAgent) return policy::Decision::Allow();
  // AVG-15: other people's requests are opened by the privacy officer.
  return policy::Decision::Refuse(
      "AVG-15", "Alleen een medewerker vraagt dit zelf aan, over de eigen gegevens.",
      "Only an agent asks this themself, about their own data.");
}

bool SameRequest(const domain::DataSubjectRequest& r, const std::string& agent_id) {
  return r.subject_kind == domain::DataSubjectKind::kAgent && r.subject_ref == agent_id;
}

Error IoError(const std::string& what, int err) {
  return Error{ErrorCode::kIo, what + ": " + std::strerror(err)};
}

// Writes `value` in octal into field[0, width-1) with a terminating NUL.
bool PutOctal(char* field, std::size_t width, std::uint64_t value) {
  std::string digits(width - 1, '0');
  for (std::size_t pos = width - 1; pos-- > 0;) {
    digits[pos] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  if (value != 0) return false;
  std::memcpy(field, digits.data(), width - 1);
  field[width - 1] = '\0';
  return true;
}

Status CheckArchiveName(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find('\0') != std::string::npos) {
    return MakeError(ErrorCode::kInvalidInput, "tar: bad entry name '" + name + "'");
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    if (name.compare(start, end - start, "..") == 0) {
      return MakeError(ErrorCode::kInvalidInput, "tar: '..' in entry name '" + name + "'");
    }
    start = end + 1;
  }
  return OkStatus();
}

// Removes a directory tree when the scope ends.
class RemoveTreeOnExit {
 public:
  explicit RemoveTreeOnExit(std::filesystem::path path) : path_(std::move(path)) {}
  ~RemoveTreeOnExit() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  RemoveTreeOnExit(const RemoveTreeOnExit&) = delete;
  RemoveTreeOnExit& operator=(const RemoveTreeOnExit&) = delete;

 private:
  std::filesystem::path path_;
};

}  // namespace

// ---------------------------------------------------------------------------
// Data-subject requests

Result<Decided<domain::DataSubjectRequest>> RequestMyData(App& app, const Actor& actor,
                                                          domain::DataSubjectRequestKind kind) {
  using Answer = Decided<domain::DataSubjectRequest>;
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const TimeMs now = app.Now();
  domain::DataSubjectRequest r;
  r.id = NewId(app.random(), "dsr");
  r.subject_kind = domain::DataSubjectKind::kAgent;
  r.subject_ref = actor.id;  // always the asking agent: never someone else's data
  r.kind = kind;
  r.received_at = now;
  r.due_at = policy::DataSubjectRequestDueAt(now, false);  // AVG-12
  const std::string agent_id = actor.role == domain::Role::kAgent ? actor.id : "";
  AuditSubject subject{"dsr", r.id, agent_id, std::nullopt};
  policy::Decision decision = OnlyAgentForThemself(actor);
  if (decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(store::GetEmployee(*conn, actor.id));
    // AVG-12: one open request of a kind at a time; the first one's deadline runs.
    FAIRQM_ASSIGN_OR_RETURN(auto open, store::ListOpenDataSubjectRequests(*conn));
    for (const auto& earlier : open) {
      if (SameRequest(earlier, actor.id) && earlier.kind == kind) {
        decision = policy::Decision::Refuse(
            "AVG-12",
            "U hebt al een open verzoek van deze soort; het wordt uiterlijk " +
                FormatDate(earlier.due_at) + " beantwoord.",
            "You already have an open request of this kind; it is answered by " +
                FormatDate(earlier.due_at) + ".");
        break;
      }
    }
  }
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*conn, now, actor, "dsr.request", subject, decision));
    return Answer::Refuse(decision);
  }
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*conn));
  FAIRQM_RETURN_IF_ERROR(store::PutDataSubjectRequest(*conn, r));
  FAIRQM_RETURN_IF_ERROR(
      Record(*conn, now, actor, "dsr.request", subject, decision,
             codec::Json{{"kind", domain::Name(kind)}, {"due_at", FormatDate(r.due_at)}}));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Answer::Allow(std::move(r));
}

Result<Decided<std::vector<domain::DataSubjectRequest>>> MyDataSubjectRequests(App& app,
                                                                               const Actor& actor) {
  using Answer = Decided<std::vector<domain::DataSubjectRequest>>;
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Writer());
  const TimeMs now = app.Now();
  const std::string agent_id = actor.role == domain::Role::kAgent ? actor.id : "";
  AuditSubject subject{"dsr", "", agent_id, std::nullopt};
  policy::Decision decision = OnlyAgentForThemself(actor);
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*conn, now, actor, "view.my_data_subject_requests", subject, decision));
    return Answer::Refuse(decision);
  }
  FAIRQM_RETURN_IF_ERROR(store::GetEmployee(*conn, actor.id));
  FAIRQM_ASSIGN_OR_RETURN(auto all, store::ListDataSubjectRequests(*conn));
  std::vector<domain::DataSubjectRequest> mine;
  for (auto& r : all) {
    if (SameRequest(r, actor.id)) mine.push_back(std::move(r));
  }
  // AVG-5-accountability: the read is on record.
  FAIRQM_RETURN_IF_ERROR(RecordAlone(*conn, now, actor, "view.my_data_subject_requests", subject,
                                     decision, codec::Json{{"items", mine.size()}}));
  return Answer::Allow(std::move(mine));
}

// ---------------------------------------------------------------------------
// Export archive (AVG-15)

Result<Decided<ExportArchive>> ExportMyDataArchive(App& app, const Actor& actor,
                                                   const std::filesystem::path& spool_dir) {
  std::error_code ec;
  std::filesystem::create_directories(spool_dir, ec);
  if (ec) return Error{ErrorCode::kIo, "spool " + spool_dir.string() + ": " + ec.message()};
  const std::string id = NewId(app.random(), "export");
  const std::filesystem::path work = spool_dir / (id + ".d");
  if (::mkdir(work.c_str(), 0700) != 0) return IoError("mkdir " + work.string(), errno);
  RemoveTreeOnExit cleanup(work);  // the folder goes whatever happens; only the archive stays

  const std::string top = "fairqm-export-" + actor.id;
  FAIRQM_ASSIGN_OR_RETURN(auto exported, ExportAgent(app, actor, actor.id, work / top));
  if (!exported.allowed()) return Decided<ExportArchive>::Refuse(exported.decision);

  std::vector<std::filesystem::path> entries;
  for (auto it = std::filesystem::recursive_directory_iterator(work / top, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    entries.push_back(it->path());
  }
  if (ec) return Error{ErrorCode::kIo, "export folder: " + ec.message()};
  std::sort(entries.begin(), entries.end());

  ExportArchive archive;
  archive.path = spool_dir / (id + ".tar");
  archive.download_name = top + ".tar";
  archive.recordings_written = exported.value->recordings_written;
  const TimeMs now = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto tar, TarWriter::Create(archive.path));
  FAIRQM_RETURN_IF_ERROR(tar->AddDirectory(top, now));
  for (const auto& entry : entries) {
    const std::string name = std::filesystem::relative(entry, work).generic_string();
    if (std::filesystem::is_directory(entry, ec)) {
      FAIRQM_RETURN_IF_ERROR(tar->AddDirectory(name, now));
    } else {
      FAIRQM_RETURN_IF_ERROR(tar->AddFile(name, entry, now));
    }
  }
  FAIRQM_RETURN_IF_ERROR(tar->Finish());
  archive.size = tar->bytes_written();
  return Decided<ExportArchive>::Allow(std::move(archive));
}

// ---------------------------------------------------------------------------
// TarWriter

Result<std::unique_ptr<TarWriter>> TarWriter::Create(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return MakeError(ErrorCode::kConflict, path.string() + " exists");
    return IoError("create " + path.string(), errno);
  }
  std::FILE* file = ::fdopen(fd, "wb");
  if (file == nullptr) {
    const int err = errno;
    ::close(fd);
    ::unlink(path.c_str());
    return IoError("open " + path.string(), err);
  }
  return std::unique_ptr<TarWriter>(new TarWriter(path, file));
}

TarWriter::~TarWriter() {
  if (file_ != nullptr) std::fclose(file_);
  if (!finished_) ::unlink(path_.c_str());
}

Status TarWriter::Write(const char* data, std::size_t size) {
  if (file_ == nullptr) return MakeError(ErrorCode::kInternal, "tar: already finished");
  if (std::fwrite(data, 1, size, file_) != size) return IoError("write " + path_.string(), errno);
  written_ += size;
  return OkStatus();
}

Status TarWriter::WriteHeader(const std::string& name, char type, std::uint64_t size,
                              TimeMs mtime) {
  FAIRQM_RETURN_IF_ERROR(CheckArchiveName(name));
  std::string stored = name;
  if (type == '5' && stored.back() != '/') stored += '/';
  std::string prefix;
  if (stored.size() > 100) {
    // Split at a '/' so that the prefix fits 155 bytes and the rest 100.
    std::size_t split = std::string::npos;
    for (std::size_t pos = stored.find('/'); pos != std::string::npos;
         pos = stored.find('/', pos + 1)) {
      if (pos <= 155 && stored.size() - pos - 1 <= 100 && pos + 1 < stored.size()) {
        split = pos;
        break;
      }
    }
    if (split == std::string::npos) {
      return MakeError(ErrorCode::kUnsupported, "tar: name too long for ustar: " + name);
    }
    prefix = stored.substr(0, split);
    stored = stored.substr(split + 1);
  }
  if (size > kMaxTarFileSize) {
    return MakeError(ErrorCode::kUnsupported, "tar: " + name + " is 8 GiB or more");
  }
  std::array<char, kBlock> header{};
  std::memcpy(header.data(), stored.data(), stored.size());
  PutOctal(header.data() + 100, 8, type == '5' ? 0700 : 0600);
  PutOctal(header.data() + 108, 8, 0);
  PutOctal(header.data() + 116, 8, 0);
  PutOctal(header.data() + 124, 12, size);
  PutOctal(header.data() + 136, 12, static_cast<std::uint64_t>(std::max<TimeMs>(0, mtime) / 1000));
  header[156] = type;
  std::memcpy(header.data() + 257, "ustar", 6);  // with its NUL
  std::memcpy(header.data() + 263, "00", 2);
  std::memcpy(header.data() + 345, prefix.data(), prefix.size());
  // The checksum is computed with its own field read as eight spaces.
  std::memset(header.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (char byte : header) sum += static_cast<unsigned char>(byte);
  PutOctal(header.data() + 148, 7, sum);  // six digits and a NUL, then the space stays
  return Write(header.data(), header.size());
}

Status TarWriter::AddDirectory(const std::string& name, TimeMs mtime) {
  return WriteHeader(name, '5', 0, mtime);
}

Status TarWriter::AddFile(const std::string& name, const std::filesystem::path& source,
                          TimeMs mtime) {
  std::FILE* in = std::fopen(source.c_str(), "rb");
  if (in == nullptr) return IoError("open " + source.string(), errno);
  struct stat info {};
  if (::fstat(::fileno(in), &info) != 0 || !S_ISREG(info.st_mode)) {
    std::fclose(in);
    return MakeError(ErrorCode::kIo, "tar: " + source.string() + " is not a regular file");
  }
  const auto size = static_cast<std::uint64_t>(info.st_size);
  Status status = WriteHeader(name, '0', size, mtime);
  std::vector<char> buffer(64 * 1024);
  std::uint64_t copied = 0;
  while (status.ok() && copied < size) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size - copied));
    const std::size_t got = std::fread(buffer.data(), 1, want, in);
    if (got == 0) {
      status = MakeError(ErrorCode::kIo, "tar: " + source.string() + " shrank while archived");
      break;
    }
    status = Write(buffer.data(), got);
    copied += got;
  }
  std::fclose(in);
  FAIRQM_RETURN_IF_ERROR(status);
  const std::size_t padding = (kBlock - size % kBlock) % kBlock;
  if (padding == 0) return OkStatus();
  const std::array<char, kBlock> zeros{};
  return Write(zeros.data(), padding);
}

Status TarWriter::Finish() {
  const std::array<char, 2 * kBlock> zeros{};
  FAIRQM_RETURN_IF_ERROR(Write(zeros.data(), zeros.size()));
  std::FILE* file = file_;
  file_ = nullptr;
  if (std::fflush(file) != 0 || ::fsync(::fileno(file)) != 0) {
    const int err = errno;
    std::fclose(file);
    return IoError("flush " + path_.string(), err);
  }
  if (std::fclose(file) != 0) return IoError("close " + path_.string(), errno);
  finished_ = true;
  return OkStatus();
}

}  // namespace fairqm::service
