#include "wire/multipart.h"

#include <utility>
#include <vector>

#include "capture/metadata.h"

namespace fairqm::wire {
namespace {

constexpr std::string_view kWhitespace = " \t";

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = Lower(c);
  return out;
}

std::string_view Trim(std::string_view text) {
  auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

// RFC 9110 §5.6.2 tchar.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// Control characters other than HTAB have no place in a header; a NUL in a
// field name or file name would truncate it in C interfaces further on.
bool HasControlChar(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return true;
  }
  return false;
}

// Header text for an error message, which is sent back as JSON: printable
// ASCII only, so that it is valid UTF-8 whatever the client sent.
std::string Printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  return out;
}

using Parameters = std::vector<std::pair<std::string, std::string>>;

// `; name=value; name="quoted \" value"` after a media type or disposition
// type (RFC 9110 §5.6.6). Names are lower-cased; a repeated name is refused
// so that two readers cannot disagree about which one counts.
Result<Parameters> ParseParameters(std::string_view text, std::string_view context) {
  auto invalid = [&](const std::string& what) {
    return MakeError(ErrorCode::kInvalidInput, std::string(context) + ": " + what);
  };
  Parameters out;
  std::size_t pos = 0;
  auto skip_whitespace = [&] {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  };
  while (true) {
    skip_whitespace();
    if (pos == text.size()) return out;
    if (text[pos] != ';') return invalid("expected ';' between parameters");
    ++pos;
    skip_whitespace();
    if (pos == text.size()) return out;  // a trailing ';' is harmless
    std::size_t name_start = pos;
    while (pos < text.size() && IsTokenChar(text[pos])) ++pos;
    if (pos == name_start) return invalid("malformed parameter");
    std::string name = ToLower(text.substr(name_start, pos - name_start));
    if (pos == text.size() || text[pos] != '=')
      return invalid("parameter " + name + " has no value");
    ++pos;
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        char c = text[pos++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\') {
          if (pos == text.size()) break;
          c = text[pos++];
        }
        value.push_back(c);
      }
      if (!closed) return invalid("parameter " + name + " has an unterminated quoted value");
    } else {
      std::size_t value_start = pos;
      while (pos < text.size() && text[pos] != ';' && text[pos] != ' ' && text[pos] != '\t') {
        if (text[pos] == '"') return invalid("parameter " + name + " has a stray quote");
        ++pos;
      }
      if (pos == value_start) return invalid("parameter " + name + " has no value");
      value = std::string(text.substr(value_start, pos - value_start));
    }
    if (HasControlChar(value))
      return invalid("parameter " + name + " contains a control character");
    for (const auto& [existing, unused] : out) {
      if (existing == name) return invalid("parameter " + name + " appears more than once");
    }
    out.emplace_back(std::move(name), std::move(value));
  }
}

const std::string* FindParameter(const Parameters& parameters, std::string_view name) {
  for (const auto& [key, value] : parameters) {
    if (key == name) return &value;
  }
  return nullptr;
}

// KMP failure function: fallback[k] is the length of the longest proper
// prefix of pattern[0, k) that is also its suffix.
std::vector<std::size_t> FailureFunction(std::string_view pattern) {
  std::vector<std::size_t> fallback(pattern.size() + 1, 0);
  std::size_t border = 0;
  for (std::size_t k = 1; k < pattern.size(); ++k) {
    while (border > 0 && pattern[k] != pattern[border]) border = fallback[border];
    if (pattern[k] == pattern[border]) ++border;
    fallback[k + 1] = border;
  }
  return fallback;
}

Error MultipartError(const std::string& what) {
  return MakeError(ErrorCode::kInvalidInput, "multipart: " + what);
}

// One part's header block, without the blank line that ends it.
Result<PartHeaders> ParsePartHeaders(std::string_view block) {
  PartHeaders headers;
  bool have_disposition = false;
  bool have_content_type = false;
  bool have_transfer_encoding = false;
  while (!block.empty()) {
    auto end = block.find("\r\n");
    std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view() : block.substr(end + 2);
    if (line.find_first_of("\r\n") != std::string_view::npos) {
      return MultipartError("bare CR or LF in a part's headers");
    }
    if (line.empty()) return MultipartError("empty line inside a part's headers");
    // RFC 7578 §4.8 (and RFC 9112 §5.2) retire line folding.
    if (line[0] == ' ' || line[0] == '\t') {
      return MultipartError("folded header lines are not supported");
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) {
      return MultipartError("malformed header line in a part");
    }
    std::string_view field = line.substr(0, colon);
    std::string_view value = Trim(line.substr(colon + 1));
    if (HasControlChar(value)) return MultipartError("control character in a part's headers");
    if (EqualsIgnoreCase(field, "Content-Disposition")) {
      if (have_disposition) return MultipartError("Content-Disposition appears twice in a part");
      have_disposition = true;
      auto semicolon = value.find(';');
      std::string_view type = Trim(value.substr(0, semicolon));
      if (!EqualsIgnoreCase(type, "form-data")) {
        return MultipartError("a part's Content-Disposition must be form-data");
      }
      std::string_view rest =
          semicolon == std::string_view::npos ? std::string_view() : value.substr(semicolon);
      FAIRQM_ASSIGN_OR_RETURN(Parameters parameters,
                              ParseParameters(rest, "multipart: Content-Disposition"));
      const std::string* name = FindParameter(parameters, "name");
      if (name == nullptr || name->empty()) return MultipartError("a part has no field name");
      headers.name = *name;
      if (const std::string* filename = FindParameter(parameters, "filename")) {
        headers.filename = *filename;
        headers.has_filename = true;
      }
    } else if (EqualsIgnoreCase(field, "Content-Type")) {
      if (have_content_type) return MultipartError("Content-Type appears twice in a part");
      have_content_type = true;
      if (!capture::IsMediaType(value)) {
        return MultipartError("a part's Content-Type is not a media type");
      }
      headers.content_type = std::string(value);
    } else if (EqualsIgnoreCase(field, "Content-Transfer-Encoding")) {
      // RFC 7578 §4.7: deprecated. Identity encodings are harmless; anything
      // else (base64, quoted-printable) would be stored still encoded.
      if (have_transfer_encoding) {
        return MultipartError("Content-Transfer-Encoding appears twice in a part");
      }
      have_transfer_encoding = true;
      if (!EqualsIgnoreCase(value, "binary") && !EqualsIgnoreCase(value, "8bit") &&
          !EqualsIgnoreCase(value, "7bit")) {
        return MultipartError("Content-Transfer-Encoding '" + Printable(value.substr(0, 32)) +
                              "' is not supported");
      }
    }
    // Other headers carry nothing form-data needs (RFC 7578 §4.8).
  }
  if (!have_disposition) return MultipartError("a part has no Content-Disposition header");
  if (headers.content_type.empty()) headers.content_type = "text/plain";
  return headers;
}

}  // namespace

bool IsValidBoundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > kMaxBoundarySize) return false;
  if (boundary.back() == ' ') return false;
  for (char c : boundary) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

Result<std::string> BoundaryFromContentType(std::string_view content_type) {
  auto invalid = [](const std::string& what) {
    return MakeError(ErrorCode::kInvalidInput, "Content-Type: " + what);
  };
  auto semicolon = content_type.find(';');
  std::string_view media_type = Trim(content_type.substr(0, semicolon));
  if (!EqualsIgnoreCase(media_type, "multipart/form-data")) {
    return invalid("expected multipart/form-data");
  }
  std::string_view rest =
      semicolon == std::string_view::npos ? std::string_view() : content_type.substr(semicolon);
  FAIRQM_ASSIGN_OR_RETURN(Parameters parameters, ParseParameters(rest, "Content-Type"));
  const std::string* boundary = FindParameter(parameters, "boundary");
  if (boundary == nullptr || boundary->empty()) return invalid("no boundary parameter");
  if (boundary->size() > kMaxBoundarySize) {
    return invalid("the boundary is longer than " + std::to_string(kMaxBoundarySize) +
                   " characters");
  }
  if (!IsValidBoundary(*boundary))
    return invalid("the boundary contains characters RFC 2046 forbids");
  return *boundary;
}

MultipartParser::MultipartParser(std::string boundary, MultipartVisitor& visitor,
                                 MultipartLimits limits)
    : delimiter_("\r\n--" + boundary), visitor_(&visitor), limits_(limits) {
  fallback_ = FailureFunction(delimiter_);
  if (!IsValidBoundary(boundary)) {
    state_ = State::kFailed;
    error_ = MultipartError("invalid boundary");
    return;
  }
  // The first delimiter may open the body without a CRLF before it (RFC 2046
  // §5.1.1: the CRLF belongs to the preceding part, and there is none):
  // start as if a CRLF had just been read.
  matched_ = 2;
}

Status MultipartParser::Fail(Error error) {
  state_ = State::kFailed;
  error_ = std::move(error);
  header_block_.clear();
  header_block_.shrink_to_fit();
  return error_;
}

Status MultipartParser::Invalid(const std::string& what) { return Fail(MultipartError(what)); }

Status MultipartParser::Emit(std::string_view data) {
  if (state_ != State::kBody || data.empty()) return OkStatus();  // the preamble is discarded
  return visitor_->OnPartData(data);
}

Result<std::size_t> MultipartParser::Scan(std::string_view chunk) {
  const std::size_t size = chunk.size();
  // Bytes [run_start, pos) are content not yet emitted; bytes matched
  // against the delimiter are held as matched_ only.
  std::size_t run_start = 0;
  std::size_t pos = 0;
  while (pos < size) {
    if (matched_ == 0) {
      auto cr = chunk.find('\r', pos);
      if (cr == std::string_view::npos) {
        pos = size;
        break;
      }
      FAIRQM_RETURN_IF_ERROR(Emit(chunk.substr(run_start, cr - run_start)));
      matched_ = 1;
      pos = cr + 1;
      run_start = pos;
      continue;
    }
    char c = chunk[pos];
    while (matched_ > 0 && delimiter_[matched_] != c) {
      // What looked like a delimiter was content after all; its bytes are
      // known (a prefix of the delimiter) and need not have been kept.
      std::size_t border = fallback_[matched_];
      FAIRQM_RETURN_IF_ERROR(Emit(std::string_view(delimiter_).substr(0, matched_ - border)));
      matched_ = border;
    }
    if (delimiter_[matched_] == c) {
      ++matched_;
      ++pos;
      run_start = pos;
      if (matched_ == delimiter_.size()) {
        matched_ = 0;
        if (state_ == State::kBody) FAIRQM_RETURN_IF_ERROR(visitor_->OnPartEnd());
        state_ = State::kDelimiterEnd;
        return pos;
      }
    } else {
      run_start = pos;
      ++pos;
    }
  }
  if (matched_ == 0) FAIRQM_RETURN_IF_ERROR(Emit(chunk.substr(run_start, size - run_start)));
  return size;
}

Status MultipartParser::StepDelimiterLine(char c) {
  switch (state_) {
    case State::kDelimiterEnd:
      if (c == '-') {
        state_ = State::kCloseDash;
        return OkStatus();
      }
      [[fallthrough]];
    case State::kPadding:
      if (c == ' ' || c == '\t') {
        state_ = State::kPadding;
        return OkStatus();
      }
      if (c == '\r') {
        state_ = State::kDelimiterCr;
        return OkStatus();
      }
      // RFC 2046 §5.1.1: the boundary must not appear inside content, so
      // "--boundary" followed by anything else is malformed, not content.
      return Invalid("a boundary delimiter is followed by other characters");
    case State::kDelimiterCr:
      if (c != '\n') return Invalid("a boundary delimiter line does not end with CRLF");
      if (part_count_ >= limits_.max_parts) {
        return Invalid("more than " + std::to_string(limits_.max_parts) + " parts");
      }
      ++part_count_;
      header_block_.clear();
      state_ = State::kHeaders;
      return OkStatus();
    case State::kCloseDash:
      if (c != '-') return Invalid("a boundary delimiter is followed by other characters");
      state_ = State::kEpilogue;
      return OkStatus();
    default:
      return Fail(MakeError(ErrorCode::kInternal, "multipart: unexpected parser state"));
  }
}

Status MultipartParser::StepHeaders(char c) {
  header_block_.push_back(c);
  if (header_block_.size() > limits_.max_header_bytes) {
    return Invalid("a part's headers exceed " + std::to_string(limits_.max_header_bytes) +
                   " bytes");
  }
  std::string_view block = header_block_;
  std::string_view lines;
  if (block == "\r\n") {
    lines = {};
  } else if (block.size() >= 4 && block.substr(block.size() - 4) == "\r\n\r\n") {
    lines = block.substr(0, block.size() - 4);
  } else {
    return OkStatus();
  }
  auto headers = ParsePartHeaders(lines);
  if (!headers.ok()) return Fail(headers.error());
  header_block_.clear();
  state_ = State::kBody;
  matched_ = 0;
  Status begun = visitor_->OnPartBegin(*headers);
  if (!begun.ok()) return Fail(begun.error());
  return OkStatus();
}

Status MultipartParser::Feed(std::string_view chunk) {
  std::size_t pos = 0;
  while (pos < chunk.size()) {
    switch (state_) {
      case State::kFailed:
        return error_;
      case State::kEpilogue:
        return OkStatus();  // RFC 2046: the epilogue is ignored
      case State::kPreamble:
      case State::kBody: {
        auto consumed = Scan(chunk.substr(pos));
        if (!consumed.ok()) return Fail(consumed.error());
        pos += *consumed;
        break;
      }
      case State::kHeaders:
        FAIRQM_RETURN_IF_ERROR(StepHeaders(chunk[pos++]));
        break;
      default:
        FAIRQM_RETURN_IF_ERROR(StepDelimiterLine(chunk[pos++]));
        break;
    }
  }
  if (state_ == State::kFailed) return error_;
  return OkStatus();
}

Status MultipartParser::Finish() {
  if (state_ == State::kFailed) return error_;
  if (state_ != State::kEpilogue) {
    return Invalid("the body ends before the closing boundary delimiter (truncated upload?)");
  }
  return OkStatus();
}

}  // namespace fairqm::wire
