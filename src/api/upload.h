// api/upload: receives a multipart/form-data upload as it streams in.
//
// Small form fields (the contact metadata as JSON, at most 64 KiB each) are
// kept in memory; the one file part ("content") is written to a fresh spool
// file (0600, O_EXCL) in the spool directory as its bytes arrive, so memory
// stays bounded whatever the recording's size. The receiver owns the spool
// file and removes it when destroyed — after the handler has moved the content
// into the vault, or when the connection dropped halfway. Nothing of a
// half-received upload survives.
// Thread-safety: one receiver per request, used by one thread at a time.
// Failures: malformed multipart, a second file part, oversized fields or a
// body beyond the limit are kInvalidInput; disk errors kIo.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "api/http.h"
#include "common/result.h"

namespace fairqm::api {

class UploadReceiver {
 public:
  static constexpr std::size_t kMaxFieldBytes = 64 * 1024;
  static constexpr const char* kContentField = "content";

  static Result<std::unique_ptr<UploadReceiver>> Create(const std::filesystem::path& spool_dir,
                                                        std::string_view content_type_header,
                                                        std::int64_t max_bytes);
  ~UploadReceiver();
  UploadReceiver(const UploadReceiver&) = delete;
  UploadReceiver& operator=(const UploadReceiver&) = delete;

  Status Feed(std::string_view chunk);
  // The whole body has arrived: checks the closing delimiter and that a
  // content part came, and returns what the handler needs.
  Result<Upload> Finish();

 private:
  class Impl;
  explicit UploadReceiver(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Empties the spool directory (startup: what a killed server left behind) and
// creates it 0700 if missing. Returns how many files were removed.
Result<int> ResetSpool(const std::filesystem::path& spool_dir);

}  // namespace fairqm::api
