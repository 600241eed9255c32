#include "api/upload.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "wire/multipart.h"

namespace fairqm::api {
namespace {

std::string RandomName() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string("upload-") + hex + ".part";
}

}  // namespace

class UploadReceiver::Impl : public wire::MultipartVisitor {
 public:
  Impl(std::filesystem::path spool_dir, std::string boundary, std::int64_t max_bytes)
      : spool_dir_(std::move(spool_dir)),
        parser_(std::move(boundary), *this),
        max_bytes_(max_bytes) {}

  ~Impl() override {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) {
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
    }
  }

  Status Feed(std::string_view chunk) { return parser_.Feed(chunk); }

  Result<Upload> Finish() {
    FAIRQM_RETURN_IF_ERROR(parser_.Finish());
    if (path_.empty()) {
      return Error{ErrorCode::kInvalidInput,
                   std::string("the upload has no '") + kContentField + "' file part"};
    }
    if (fd_ >= 0) {
      if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
        fd_ = -1;
        return Error{ErrorCode::kIo, std::string("spool: ") + std::strerror(errno)};
      }
      fd_ = -1;
    }
    Upload upload;
    upload.fields = fields_;
    upload.content = path_;
    upload.content_type = content_type_;
    upload.file_name = file_name_;
    upload.size = written_;
    return upload;
  }

  Status OnPartBegin(const wire::PartHeaders& headers) override {
    current_ = headers.name;
    in_file_ = headers.name == kContentField;
    if (in_file_) {
      if (!path_.empty()) {
        return Error{ErrorCode::kInvalidInput, "the upload has more than one content part"};
      }
      path_ = spool_dir_ / RandomName();
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd_ < 0) {
        const std::string why = std::strerror(errno);
        path_.clear();
        return Error{ErrorCode::kIo, "spool: " + why};
      }
      content_type_ = headers.content_type;
      file_name_ = headers.filename;
      return OkStatus();
    }
    if (headers.has_filename) {
      return Error{ErrorCode::kInvalidInput,
                   "unexpected file part '" + headers.name + "' (only 'content' carries a file)"};
    }
    if (fields_.count(headers.name)) {
      return Error{ErrorCode::kInvalidInput, "form field '" + headers.name + "' appears twice"};
    }
    fields_[headers.name];
    return OkStatus();
  }

  Status OnPartData(std::string_view data) override {
    if (!in_file_) {
      std::string& value = fields_[current_];
      if (value.size() + data.size() > kMaxFieldBytes) {
        return Error{ErrorCode::kInvalidInput, "form field '" + current_ + "' is too large"};
      }
      value.append(data);
      return OkStatus();
    }
    written_ += static_cast<std::int64_t>(data.size());
    if (written_ > max_bytes_) {
      return Error{ErrorCode::kUnsupported, "the upload is larger than this server accepts"};
    }
    while (!data.empty()) {
      const ssize_t wrote = ::write(fd_, data.data(), data.size());
      if (wrote < 0) {
        if (errno == EINTR) continue;
        return Error{ErrorCode::kIo, std::string("spool: ") + std::strerror(errno)};
      }
      data.remove_prefix(static_cast<std::size_t>(wrote));
    }
    return OkStatus();
  }

  Status OnPartEnd() override {
    in_file_ = false;
    return OkStatus();
  }

 private:
  std::filesystem::path spool_dir_;
  wire::MultipartParser parser_;
  std::int64_t max_bytes_;
  std::map<std::string, std::string> fields_;
  std::string current_;
  bool in_file_ = false;
  std::filesystem::path path_;
  int fd_ = -1;
  std::string content_type_;
  std::string file_name_;
  std::int64_t written_ = 0;
};

Result<std::unique_ptr<UploadReceiver>> UploadReceiver::Create(
    const std::filesystem::path& spool_dir, std::string_view content_type_header,
    std::int64_t max_bytes) {
  FAIRQM_ASSIGN_OR_RETURN(std::string boundary, wire::BoundaryFromContentType(content_type_header));
  return std::unique_ptr<UploadReceiver>(
      new UploadReceiver(std::make_unique<Impl>(spool_dir, std::move(boundary), max_bytes)));
}

UploadReceiver::UploadReceiver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UploadReceiver::~UploadReceiver() = default;
Status UploadReceiver::Feed(std::string_view chunk) { return impl_->Feed(chunk); }
Result<Upload> UploadReceiver::Finish() { return impl_->Finish(); }

Result<int> ResetSpool(const std::filesystem::path& spool_dir) {
  std::error_code ec;
  std::filesystem::create_directories(spool_dir, ec);
  if (ec) return Error{ErrorCode::kIo, "spool " + spool_dir.string() + ": " + ec.message()};
  ::chmod(spool_dir.c_str(), 0700);
  int removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(spool_dir, ec)) {
    // remove_all: an export's scratch folder left by a crash goes too.
    std::error_code remove_ec;
    if (std::filesystem::remove_all(entry.path(), remove_ec) > 0) ++removed;
  }
  if (ec) return Error{ErrorCode::kIo, "spool " + spool_dir.string() + ": " + ec.message()};
  return removed;
}

}  // namespace fairqm::api
