// wire/multipart: a streaming multipart/form-data parser (RFC 7578 on top of
// RFC 2046) for uploads that must never be held whole in memory: recordings,
// screen captures and their metadata sent by capture sources.
//
// The caller feeds the request body in chunks of any size (one byte, a split
// delimiter, the whole body) and receives events through a MultipartVisitor:
// a part begins (its headers parsed), slices of its content in order, the
// part ends. Content is never copied or buffered: a data slice points into
// the chunk being fed (or into the parser's delimiter, for bytes that looked
// like the start of a delimiter but were not) and is valid only during the
// call. The parser holds at most one part's header block (limited, 8 KiB by
// default) and a count of delimiter bytes matched so far, so its memory does
// not depend on the size of a part or of the body.
//
// Failure: Feed and Finish return kInvalidInput with a message starting
// "multipart: " for malformed input, and pass on unchanged the first error a
// visitor callback returns. After the first error the parser stays failed and
// returns that error again. Finish refuses a body that ends before the
// closing delimiter, so a truncated upload is never taken for a complete one.
//
// Thread-safety: one parser per request; not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace fairqm::wire {

// RFC 2046 §5.1.1: a boundary is 1 to 70 characters.
inline constexpr std::size_t kMaxBoundarySize = 70;

// RFC 2046 §5.1.1 bchars: digits, letters, '()+_,-./:=? and space (not last).
bool IsValidBoundary(std::string_view boundary);

// The boundary parameter of a Content-Type header value such as
// `multipart/form-data; boundary="abc def"` (quoted or token form). Refuses
// other media types and a missing, empty, invalid or too long boundary.
Result<std::string> BoundaryFromContentType(std::string_view content_type);

// What the headers of one part say (RFC 7578 §4.2, §4.4).
struct PartHeaders {
  std::string name;           // Content-Disposition name; required, non-empty
  std::string filename;       // Content-Disposition filename; empty when absent
  bool has_filename = false;  // filename parameter present (even if empty)
  std::string content_type;   // Content-Type; "text/plain" when absent (RFC 7578 §4.4)
};

// Receives the parts in order. A callback that returns an error stops the
// parse: Feed returns that error (the upload handler refuses a part it does
// not expect, or content that is too large, this way).
class MultipartVisitor {
 public:
  virtual ~MultipartVisitor() = default;
  virtual Status OnPartBegin(const PartHeaders& headers) = 0;
  // A non-empty slice of the current part's content; valid during the call only.
  virtual Status OnPartData(std::string_view data) = 0;
  virtual Status OnPartEnd() = 0;
};

struct MultipartLimits {
  std::size_t max_header_bytes = 8 * 1024;  // one part's header block, with its CRLFs
  std::size_t max_parts = 16;
};

class MultipartParser {
 public:
  // The visitor must outlive the parser. An invalid boundary (see
  // IsValidBoundary) makes the first Feed or Finish fail.
  MultipartParser(std::string boundary, MultipartVisitor& visitor, MultipartLimits limits = {});

  MultipartParser(const MultipartParser&) = delete;
  MultipartParser& operator=(const MultipartParser&) = delete;

  // Consumes the next bytes of the body. Bytes after the closing delimiter
  // (the epilogue) are ignored, as RFC 2046 says.
  Status Feed(std::string_view chunk);
  // The body has ended: OK only if the closing delimiter was seen.
  Status Finish();

  // The closing delimiter has been seen.
  bool done() const { return state_ == State::kEpilogue; }
  // Parts begun so far.
  std::size_t part_count() const { return part_count_; }
  // Bytes the parser holds on to between Feed calls: at most the header
  // limit; content is never held.
  std::size_t buffered_bytes() const { return header_block_.size(); }

 private:
  enum class State {
    kPreamble,      // before the first delimiter; discarded
    kDelimiterEnd,  // right after "--boundary": "--", padding or CRLF follows
    kPadding,       // transport padding (spaces/tabs) before the CRLF
    kDelimiterCr,   // CR seen, LF expected
    kCloseDash,     // first '-' of the closing "--" seen
    kHeaders,       // a part's header block
    kBody,          // a part's content
    kEpilogue,      // after the closing delimiter; discarded
    kFailed,
  };

  // Scans for the delimiter in preamble or body. Returns bytes consumed.
  Result<std::size_t> Scan(std::string_view chunk);
  Status StepDelimiterLine(char c);
  Status StepHeaders(char c);
  Status Emit(std::string_view data);
  Status Fail(Error error);
  Status Invalid(const std::string& what);

  std::string delimiter_;              // CRLF "--" boundary
  std::vector<std::size_t> fallback_;  // KMP failure function over delimiter_
  MultipartVisitor* visitor_;
  MultipartLimits limits_;
  State state_ = State::kPreamble;
  // Delimiter bytes matched at the end of the input so far. They are not
  // stored: they equal delimiter_[0, matched_).
  std::size_t matched_ = 0;
  std::string header_block_;
  std::size_t part_count_ = 0;
  Error error_;
};

}  // namespace fairqm::wire
