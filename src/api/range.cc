#include "api/range.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <span>
#include <vector>

namespace fairqm::api {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Decimal digits only, no sign, at most 18 of them (no overflow).
std::optional<std::uint64_t> Number(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

bool IsBytesUnit(std::string_view unit) {
  if (unit.size() != 5) return false;
  for (std::size_t idx = 0; idx < unit.size(); ++idx) {
    if (std::tolower(static_cast<unsigned char>(unit[idx])) != "bytes"[idx]) return false;
  }
  return true;
}

}  // namespace

ResolvedRange ResolveRange(std::string_view range, std::string_view if_range, std::uint64_t size) {
  const ResolvedRange whole;
  range = Trim(range);
  if (range.empty()) return whole;
  // RFC 9110 §13.1.5: without a validator of ours to compare, an If-Range
  // can never match, so the whole representation is sent.
  if (!Trim(if_range).empty()) return whole;
  const std::size_t equals = range.find('=');
  if (equals == std::string_view::npos || !IsBytesUnit(Trim(range.substr(0, equals)))) {
    return whole;
  }
  const std::string_view spec = Trim(range.substr(equals + 1));
  // Several ranges: answered with the whole content (see the header).
  if (spec.find(',') != std::string_view::npos) return whole;
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return whole;
  const std::string_view first_text = Trim(spec.substr(0, dash));
  const std::string_view last_text = Trim(spec.substr(dash + 1));
  ResolvedRange answer;
  answer.kind = ResolvedRange::Kind::kUnsatisfiable;
  if (first_text.empty()) {
    // Suffix range "-n": the last n bytes.
    const auto suffix = Number(last_text);
    if (!suffix) return whole;
    if (*suffix == 0 || size == 0) return answer;
    answer.kind = ResolvedRange::Kind::kPartial;
    answer.first = size - std::min(*suffix, size);
    answer.last = size - 1;
    return answer;
  }
  const auto first = Number(first_text);
  if (!first) return whole;
  std::uint64_t last = size == 0 ? 0 : size - 1;
  if (!last_text.empty()) {
    const auto given = Number(last_text);
    // RFC 9110 §14.1.1: last < first makes the range invalid, not unsatisfiable.
    if (!given || *given < *first) return whole;
    last = std::min(last, *given);
  }
  if (*first >= size) return answer;
  answer.kind = ResolvedRange::Kind::kPartial;
  answer.first = *first;
  answer.last = last;
  return answer;
}

std::string ContentRangeValue(const ResolvedRange& range, std::uint64_t size) {
  if (range.kind == ResolvedRange::Kind::kPartial) {
    return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" +
           std::to_string(size);
  }
  return "bytes */" + std::to_string(size);
}

VaultRangeStream::VaultRangeStream(std::unique_ptr<vault::VaultReader> reader, std::uint64_t first,
                                   std::uint64_t length)
    : reader_(std::move(reader)), next_(first), end_(first + length) {}

Result<std::size_t> VaultRangeStream::Read(char* buffer, std::size_t capacity) {
  if (next_ >= end_ || capacity == 0) return std::size_t{0};
  const std::size_t wanted =
      static_cast<std::size_t>(std::min<std::uint64_t>(capacity, end_ - next_));
  auto* bytes = reinterpret_cast<std::uint8_t*>(buffer);
  FAIRQM_ASSIGN_OR_RETURN(std::size_t got, reader_->ReadAt(next_, std::span(bytes, wanted)));
  if (got == 0) {
    // The content is shorter than its header promised: never pad the answer.
    return MakeError(ErrorCode::kCorrupt, "recording " + reader_->recording_id() + " ended early");
  }
  next_ += got;
  return got;
}

}  // namespace fairqm::api
