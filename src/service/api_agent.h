// service/api_agent: the few agent use cases the HTTP API needs beyond
// agent_requests.h, views.h and export.h.
//
//   RequestMyData          AVG-15 / AVG-12: an agent asks the privacy officer
//                          for access to (or erasure, rectification of, or an
//                          objection about) their own data. Only the privacy
//                          officer opens data-subject requests for others
//                          (OpenDataSubjectRequest); this one is always about
//                          the asking agent, so it needs no other role. The
//                          request lands in the privacy officer's AVG-12 list
//                          with its one-month deadline.
//   MyDataSubjectRequests  the agent's own data-subject requests, newest first.
//   ExportMyDataArchive    AVG-15: ExportAgent for the asking agent, packed as
//                          one POSIX ustar archive in a spool directory; the
//                          intermediate folder is removed whatever happens.
//   TarWriter              the small ustar writer the archive uses.
//
// Every decision is audited (service/audit_trail.h). Errors are Result
// values (kNotFound for an unknown employee, kIo for files). Thread-safety: as
// App; a TarWriter is used by one thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

Result<Decided<domain::DataSubjectRequest>> RequestMyData(App& app, const Actor& actor,
                                                          domain::DataSubjectRequestKind kind);

Result<Decided<std::vector<domain::DataSubjectRequest>>> MyDataSubjectRequests(App& app,
                                                                               const Actor& actor);

struct ExportArchive {
  std::filesystem::path path;  // the .tar in spool_dir; the caller removes it
  std::uint64_t size = 0;
  std::string download_name;  // e.g. "fairqm-export-emp-….tar"
  std::int64_t recordings_written = 0;
};

// The actor's own data (AVG-15) as a tar archive in `spool_dir` (created
// 0700 if missing). Refusals are ExportAgent's (only an agent exports their
// own data this way). The archive holds one top folder
// "fairqm-export-<agent id>/" with index.json, README.txt and recordings/.
Result<Decided<ExportArchive>> ExportMyDataArchive(App& app, const Actor& actor,
                                                   const std::filesystem::path& spool_dir);

// Writes a POSIX.1-1988 ustar archive: regular files and directories, names
// up to 255 bytes (split into prefix and name at a '/'), files below 8 GiB,
// mode 0600/0700, owner 0. The file at `path` is created exclusively (an
// existing file is kConflict). Finish writes the two zero blocks of the end
// and closes; a writer destroyed without Finish removes its partial file.
class TarWriter {
 public:
  static Result<std::unique_ptr<TarWriter>> Create(const std::filesystem::path& path);
  ~TarWriter();
  TarWriter(const TarWriter&) = delete;
  TarWriter& operator=(const TarWriter&) = delete;

  // `name` is the path inside the archive ("a/b.txt"); relative, no "..".
  Status AddFile(const std::string& name, const std::filesystem::path& source, TimeMs mtime);
  Status AddDirectory(const std::string& name, TimeMs mtime);
  Status Finish();

  std::uint64_t bytes_written() const { return written_; }

 private:
  TarWriter(std::filesystem::path path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  Status WriteHeader(const std::string& name, char type, std::uint64_t size, TimeMs mtime);
  Status Write(const char* data, std::size_t size);

  std::filesystem::path path_;
  std::FILE* file_;
  std::uint64_t written_ = 0;
  bool finished_ = false;
};

}  // namespace fairqm::service
